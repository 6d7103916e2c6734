# The templates' fixed strings in English (templates/*.typ.j2, templates/lib/*.typ through the
# `S` dictionary of base.typ.j2). Exactly the English the briefs printed before the editions.

## The page shell and the library's words
page-page = Page
page-of = of
colon = :
list-and = {" "}and{" "}
chart-no-data = No data.
chart-zero-each = 0 for each of
chart-no-figures = No figures.
tag-objective = objective
tag-objectives = objectives
tag-by-editors = tagged by the editors
glance-title = At a glance
in-brief = In brief
sources = Sources

## Notices
notice-not-official-title = Not official data
notice-not-official = This brief was built from data that is not marked official ({ $dataset }). Its figures and records must not be cited as those of any real State or organisation.
notice-partial-title = Partial pledge data
notice-partial = Pledge figures in this brief count the { $pledges } pledge records available. They show what was recorded, not the full picture. See the colophon.
notice-partial-reported = Pledge figures in this brief count the { $pledges } pledge records available, out of { $reported } pledges reported. They show what was recorded, not the full picture. See the colophon.

## Colophon
colophon-lead = About this brief.
colophon-full = { $kind } prepared with imrf-briefs { $version } on { $date } from the dataset “{ $dataset }” (data hash { $hash }). Forum facts: { $source }; key points are paraphrased as briefing bullets.
colophon-full-official = { $kind } prepared with imrf-briefs { $version } on { $date } from the dataset “{ $dataset }” (data hash { $hash }), compiled from cited public sources. Forum facts: { $source }; key points are paraphrased as briefing bullets.
colophon-pledges = Pledges: { $pledges } records.
colophon-pledges-reported = Pledges: { $pledges } records of { $reported } reported.
colophon-pledge-sources = Sources: { $sources }.
colophon-short = { $kind }, imrf-briefs { $version }, { $date }; dataset “{ $dataset }”, data hash { $hash }. Key points are paraphrased from the Forum’s summaries; how the records were gathered and what they cover: the overview brief, last page.

## Tables of the library
table-vote-gcm = Vote on the GCM
table-vote-on = Vote on
table-gcm-champion = GCM Champion
table-no-champion-source = No source in the bundled list shows Champion status.
table-role-at-forum = Role at the Forum
table-no-named-role = No named role in the summaries of the Forum (round-table co-chairs and panellists, policy-debate panellists, co-facilitators of the Progress Declaration).
table-national-plan = National plan
table-no-plan = None recorded in the bundled sources (which are partial).
table-other-facts = Other sourced facts
table-global-or-not-stated = Global or not stated
table-objectives = Objectives
table-col-country = Country
table-col-group = UN regional group
table-observer-state = observer State
table-col-migrants = Migrants living there
no-figure = no figure
table-col-emigrants = Emigrants abroad
table-col-vote = GCM vote 2018
table-not-in-data = not in the data
table-col-pledges-by = Pledges by the State
table-col-pledges-in = Pledges implemented there
table-inferred = inferred

## Binders and packs
binder-brief = brief
binder-briefs = briefs
binder-note = Note
binder-contents = Contents

## Shared by several briefs
not-stated = Not stated
objective-label = Objective { $n }: { $label }
indicators = Indicators
source-line = Source: { $source }
by-entity-type = By entity type
pledge-entity = Entity
pledge-implemented-in = Implemented in
pledge-not-country-specific = Not country-specific or not stated
pledge-type = Type
pledge-nature = Nature
pledge-objectives-not-stated = Not stated on the source page
pledge-principles = Guiding principles
pledge-submitted = Submitted
pledge-summary = Summary
pledge-record = Record

## Delegation briefs (delegation.typ.j2)
deleg-at-forum = At the Forum
deleg-rt-covered = The round table covered objectives { $objectives }.
deleg-no-role = { $name }: no named role in the summaries of the Forum (round-table co-chairs and panellists, policy-debate panellists, co-facilitators of the Progress Declaration).
deleg-not-state-role = Not a role of the State:
deleg-took-part = { $capacity }, took part as { $role }, for a { $holder }.
deleg-state-compact = The State and the Compact
deleg-col-record = Record
deleg-col-sources-show = What the sources show
deleg-migrants = Migrants
deleg-chart-migrants = International migrants, { $first }–{ $last }
deleg-living-in = Living in { $name }
deleg-col-year = Year
deleg-col-immigrants = Immigrants
deleg-col-emigrants = Emigrants
deleg-migrant-lead = International migrant stock: people living in a country other than their country of birth (or of citizenship, where birth is not recorded). Source: { $source }
deleg-migrant-rest = . Each edition revises earlier years, so figures from other editions differ.
deleg-missing-both = No figure is published for migrants living here in { $years_in } and for emigrants in { $years_out }: the line has a gap there, not a zero.
deleg-missing-in = No figure is published for migrants living here in { $years }: the line has a gap there, not a zero.
deleg-missing-out = No figure is published for emigrants in { $years }: the line has a gap there, not a zero.
deleg-negative = Some figures are below zero as published; they are drawn below the zero line.
deleg-no-migrant-figures = The bundled indicator files hold no migrant-stock figures for { $name }.
deleg-pledges = Pledges
deleg-no-pledge-either = No pledge by { $name } is among the { $pledges } recorded pledges, and none of them names { $name } as a place of implementation
deleg-partial-hedge = (the records are partial, so the State may have pledged nonetheless)
deleg-pledges-by = Pledges by { $name }
deleg-showing-first = Showing the first { $shown } of { $total } pledges by { $name }, in record order.
deleg-no-pledge = No pledge by { $name } is among the { $pledges } recorded pledges
deleg-pledges-by-others = Pledges by others implemented in { $name }
deleg-no-other-pledge = No other recorded pledge names this country as its place of implementation.
deleg-forum-said = What the Forum said on the objectives these pledges address
deleg-country-region = Country and region
deleg-observer-state = Observer State
deleg-member-state = Member State of the United Nations
deleg-region-line = region { $region }, sub-region { $subregion }
deleg-no-group = not placed in a UN regional group by the bundled sources
deleg-income = income level { $level }
deleg-not-classified = not classified
deleg-n-countries = { $n } countries
deleg-none-there = none of the recorded pledges is implemented there
deleg-pledges-there = recorded pledges implemented there: { $text }
deleg-countries-named = countries named: { $names }
deleg-objectives-named = Objectives named, with the number of pledges:
deleg-n-more = { $n } more
none-recorded-cap = None recorded
co-chairs = Co-chairs
panellists = Panellists
statements = Statements
round-table-n = Round table { $n }
objective-n-dot = Objective { $n }.

## Objective briefs (objective.typ.j2)
obj-rt-short = RT { $n }
obj-glance-rt = Round table that reviewed it
obj-glance-statements = Statements in its interactive discussion
obj-glance-points = Key points recorded
obj-glance-pledges = Recorded pledges naming it
obj-glance-pledges-none = Recorded pledges naming it ({ $without } of the { $pledges } records state no objectives)
obj-key-points = Key points from the Forum
obj-no-key-points = The summaries record no key points for this objective.
obj-questions = Questions for the next Forum
obj-questions-intro = { $n ->
    [one] The 2022 Forum named one challenge on this objective (under “{ $heading }” above). What has been done on it since, by whom, and with what evidence?
   *[other] The 2022 Forum named { $n } challenges on this objective (under “{ $heading }” above). For each: what has been done since, by whom, and with what evidence?
}
obj-date = Date
obj-no-date = During the Forum, { $dates } (the summaries give no date for this session)
obj-supported-by = Supported by
obj-keynotes = Keynotes
obj-moderator = Panel moderator
obj-the-co-chairs = The co-chairs
obj-statements-spoke = { $n } representatives of States, the UN system and stakeholders spoke in the interactive discussion
obj-points-across = Points across the round table
obj-points-all-four = Points the summaries make of all four round tables
obj-also-reviewed = Also reviewed at this round table
obj-elsewhere = Where it came up elsewhere
obj-elsewhere-intro = Points from the policy debate and the plenary on this objective.
obj-elsewhere-tagged = Points marked “tagged by the editors” are tied to this objective by the editors of these briefs: the summaries tie them to no objective. The others carry the summaries’ own tags.
obj-also-name = the summaries also name: { $names }
obj-pledges = Pledges naming this objective
obj-no-pledge = No recorded pledge names this objective.
obj-without-objectives = { $without } of the { $pledges } recorded pledges state no objectives on their source page; none is assigned one here.
obj-by-region = By region of implementation
none-recorded = none recorded

## The overview (overview.typ.j2)
ov-glance-rts = Round tables covering all 23 objectives
ov-glance-rt-statements = Statements in the round-table discussions
ov-glance-gd-statements = General-debate statements (States and observers)
ov-the-forum = The Forum
ov-met = The { $name } met at { $venue } on { $dates }, chaired by { $chair }.
ov-met-edition = The { $edition } { $name } met at { $venue } on { $dates }, chaired by { $chair }.
ov-format-follows = Its format follows { $mandate }.
ov-col-session = Session
ov-col-happened = What happened
ov-hearing = Multi-stakeholder hearing, { $date }
ov-rt-objectives = Objectives { $objectives }
ov-n-statements = { $n } statements
ov-policy-debate = Policy debate
ov-plenary = Plenary
ov-plenary-row = Opening segment, general debate ({ $states } State and { $observers } observer statements) and closing segment
ov-side-events = Side events
ov-side-events-both = { $in_person } in person and { $virtual } virtual
ov-side-events-in-person = { $in_person } in person
ov-opening = Opening segment of the plenary
ov-round-tables = The round tables
ov-rt-intro = What the summaries say of all four round tables:
ov-after-panel = After the panel, { $n } representatives of States, the UN system and stakeholders spoke.
ov-opening-remarks = Opening remarks
ov-moderator = Moderator
ov-closing-remarks = Closing remarks
ov-emphasized = Emphasized in the policy debate
ov-brought-out = What the debate brought out
ov-brought-out-intro = The summaries tie no policy-debate point to an objective: the objectives in brackets are tagged by the editors, by what each point is about.
ov-general-debate = Plenary: general debate
ov-gd-statements = { $states } statements by States and { $observers } by observers, among them { $heads } { $heads ->
        [one] Head
       *[other] Heads
    } of Government, { $ministers } Ministers and { $vice } Vice Ministers.
ov-gd-groups = { $n } group statements were delivered on behalf of: { $groups }.
ov-gd-headings = The summaries group what was said under four headings, kept here. Guiding principles and objectives in brackets are those the summaries name for a point; two points they name none for are tied by the editors to the objective they are about (wage theft: 6; child immigration detention: 13), marked “tagged by the editors”.
ov-pledging = Pledging
ov-col-figure = Figure
ov-col-as-reported = As the summaries report it
ov-dashboard = Pledges are published on the pledging dashboard:
ov-closing = Closing segment and Progress Declaration
ov-considered = The Forum considered { $what }.
ov-adoption = It { $adoption } the Progress Declaration of the International Migration Review Forum ({ $document }).
ov-co-facilitators = Co-facilitators: { $names }.
ov-23-objectives = The 23 objectives
ov-col-no = No.
ov-col-objective = Objective
ov-col-rt = Round table
ov-col-points = Key points
ov-counts-note = Pledge counts are of the { $pledges } recorded pledges, of which { $stating } state their objectives; “none recorded” means no record states that objective, not that no pledge addressed it.
ov-recorded-pledges = Recorded pledges
ov-by-objective = By objective (pledges stating objectives: { $stating })
ov-no-objective-stated = No recorded pledge states an objective.
ov-charts-count = The charts count all { $total } records as IMRF pledges; of them, { $note }. Each such record is marked in the tables of the briefs that list it.

## Partials
pledge-col-pledge = Pledge
pledge-col-src = Src.
pledge-showing-first = Showing the first { $shown } of { $total } pledges, in record order; the data files hold them all.
world-heading = The world and the Compact
world-glance-migrants = international migrants in the world, { $year } (UN DESA)
world-glance-votes = Member States’ votes on the GCM in the UN General Assembly, 19 December 2018
world-figures = World figures
world-migrants = In { $year }, { $display } people ({ $short }) lived outside their country of birth or citizenship: the sum over all { $areas } countries and areas of { $source }.
world-votes = The General Assembly endorsed the Global Compact for Migration on 19 December 2018 (A/RES/73/195) in a recorded vote: { $votes }.
world-own-vote = Each delegation brief gives the State’s own vote.
n-pledges = { $n ->
        [one] { $n } pledge
       *[other] { $n } pledges
    }
list-semicolon = ;{" "}
list-or = or
list-or-serial = ,

## Region briefs (region.typ.j2)
region-in-figures = The region in figures
region-migrants = In { $year }, { $migrants } international migrants lived in the { $states } States of { $name }
region-with-figure = with a figure ({ $without } without)
region-share = { $share } per cent of the world’s { $world }
region-emigrants = { $emigrants } emigrants from these States lived abroad.
region-sum-note = The region’s sum counts only the States that have a brief; territories of the region are left out, so it may be lower than UN DESA’s own regional figure. The world figure sums all { $areas } countries and areas of the table.
region-votes-lead = On the Global Compact for Migration (A/RES/73/195, 19 December 2018), the region’s States voted:
region-champions = { $n ->
        [one] { $n } of them is shown as GCM Champion countries in the bundled (partial) list.
       *[other] { $n } of them are shown as GCM Champion countries in the bundled (partial) list.
    }
# $level: region, sub-region or intermediate-region (the M49 level of the brief's region).
region-compared = Compared with other { $level ->
    [sub-region] sub-regions
    [intermediate-region] intermediate regions
   *[region] regions
}
region-compared-in = Compared with other { $level ->
    [sub-region] sub-regions
    [intermediate-region] intermediate regions
   *[region] regions
} of { $parent }
region-chart-each = Recorded pledges implemented in each
region-states = States
region-in-bold = This { $level ->
    [sub-region] sub-region
    [intermediate-region] intermediate region
   *[region] region
} is in bold.
region-counts-once = A pledge implemented in several countries counts once per { $level ->
    [sub-region] sub-region
    [intermediate-region] intermediate region
   *[region] region
}; the records are partial, so the counts are not rates.
region-countries = Countries
region-common-group = All { $n } States of { $name } belong to the { $group }.
region-none-champion = is shown as a GCM Champion in the bundled (partial) list
region-none-role = held a named role at the Forum
region-none-pledged = made one of the recorded pledges
region-none-named = is named by a recorded pledge as a place of implementation
region-none-of-its-states = None of its States
region-note-migrants = Migrants, { $year }: { $source }
region-note-votes = Votes on A/RES/73/195, 19 December 2018
region-note-champion = GCM Champion: “by” a date, a source shows the State as a Champion country by then (the date it joined is not known); a date alone, the date it became one; a blank says nothing either way
region-note-groups = UN regional groups: WEOG, Western European and Others Group; GRULAC, Latin American and Caribbean Group; EEG, Eastern European Group.
region-note-roles = Role at the Forum: named roles in the summaries.
region-note-pledges-by = “Pledges by the State”: records made by the State itself
region-note-pledges-in = “Pledges implemented there”: records by anyone naming the country as a place of implementation (“inferred”: the country is inferred, not stated by the source).
region-pledges-in = Pledges implemented in { $article ->
        [the] the { $name }
       *[none] { $name }
    }
region-pledges-here = Recorded pledges implemented here: { $text }, of the { $pledges } recorded
region-inferred-note = (“inferred”: the country is inferred, not stated by the source)
region-region-only = a record naming no country is counted in the region it names and in any region that contains it
region-without-place = { $n ->
        [one] { $n } recorded pledge names no country or region of implementation (global or not stated) and is counted in no region.
       *[other] { $n } recorded pledges name no country or region of implementation (global or not stated) and are counted in no region.
    }
region-no-pledge = No recorded pledge names a country of this region as its place of implementation.
region-by-objective = By objective (objectives not stated: { $without } of { $total })
region-no-objective = None of these pledges states an objective.
region-objectives = The objectives these pledges address
region-challenges = Challenges raised at the Forum
region-latest-year = , latest year per country
