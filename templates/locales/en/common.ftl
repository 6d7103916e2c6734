# The briefs' fixed strings in English: the reference catalog. Every other language's catalog
# must have every message this one has (a build fails naming the one missing and its line here).
# Files: common.ftl (conventions: dates, numbers, names of things), contexts.ftl (strings the
# tool's contexts build), templates.ftl (strings of the templates).

## Local conventions
# The thousands separator and the decimal sign.
number-group = ,
number-decimal = .
date = { $day } { $month } { $year }
date-range-month = { $first }–{ $last } { $month } { $year }
date-range = { $start } – { $end }
month-year = { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan.
month-short-2 = Feb.
month-short-3 = March
month-short-4 = April
month-short-5 = May
month-short-6 = June
month-short-7 = July
month-short-8 = Aug.
month-short-9 = Sept.
month-short-10 = Oct.
month-short-11 = Nov.
month-short-12 = Dec.

## The edition itself
# The language's name in itself, for the catalog page's language switch.
language-name = English
# Printed on page 1 of every brief of a translated edition (empty in English).
translation-notice = {""}
# After a title the data has no sourced translation of (empty in English).
unofficial-title = {""}

## What a brief is
kind-overview = Overview
kind-objective = Objective brief
kind-region = Region brief
kind-delegation = Delegation brief
# The PDF's description.
pdf-description = { $kind } on the { $forum }, { $dates }
heading-overview = { $forum }: the Forum at a glance
heading-objective = Objective { $n }
title-overview = { $forum }: overview
title-objective = Objective { $n }: { $label }
m49-level-region = M49 region
m49-level-sub-region = M49 sub-region
m49-level-intermediate-region = M49 intermediate region

## The page shell
translation-notice-title = Notice
in-brief-title = In brief
sources-title = Sources
partial-data-title = Partial pledge data
partial-data-text = Pledge figures in this brief count the { $pledges } pledge records available, out of { $reported } pledges reported. They show what was recorded, not the full picture. See the colophon.

footer-page = Page
footer-of = of

## The catalog page (index.html)
catalog-title = { $forum } briefs
catalog-summary = { $briefs ->
    [one] 1 brief
   *[other] { $briefs } briefs
}, { $pages ->
    [one] 1 page
   *[other] { $pages } pages
}; dated { $date }
catalog-language = Language
catalog-search = Search by title, country, region, objective number or ISO3 code
catalog-search-example = e.g. Mexico, western africa, 5
catalog-sections = Sections
# The search's count; the page puts the numbers in place of SHOWN and TOTAL.
catalog-matches = { $shown } of { $total } match
catalog-files = { $total } files
catalog-overview = Overview
catalog-objectives = Objectives
catalog-regions = Regions
catalog-delegations = Delegations
catalog-binders = Binders
catalog-packs = Briefing packs
catalog-pages = { $pages ->
    [one] 1 page
   *[other] { $pages } pages
}
catalog-selection = { $title } (selection)
catalog-bytes = { $n } B
catalog-kb = { $n } KB
catalog-mb = { $n } MB
catalog-stale = (last build failed; earlier version)
catalog-file-stale = (last build failed)
catalog-typst-source = Typst source
catalog-one-sided = (one-sided)
catalog-not-official = Built from data not marked official ({ $dataset }).
catalog-partial = Pledge figures count the { $pledges } pledge records available; they are partial.
catalog-partial-reported = Pledge figures count the { $pledges } pledge records available, out of { $reported } reported; they are partial.
catalog-sources = Sources:
catalog-made-by = Made by imrf-briefs. This page works offline: keep it beside the briefs it links to.
