# Strings the tool's Rust contexts build (src/context/*.rs, src/batch/bind.rs, pack.rs).
# English is the reference: keep each message exactly as the English briefs print it.

## Key points (src/context/parts.rs)
points-progress = Progress
points-challenges = Challenges
points-practices = Practices
points-calls-to-action = Calls to action
points-commitments = Commitments
points-observations = Observations
point-observation = Observation
point-progress = Progress
point-challenge = Challenge
point-practice = Practice
point-call-to-action = Call to action
point-commitment = Commitment

## Pledges
# A numbered source: the pledge's record page.
source-pledge = Pledge { $id }: { $url }
source-pledge-page = Pledge page: { $url }
# Where a pledge naming no country is implemented.
place-region = { $region } (region)
place-global-or-not-stated = Global or not stated
# $when: "after the Forum", "before the Forum".
made-at-submitted = submitted { $when }
made-at-forum = made at the { $forum }
# A note on a count: "2 submitted after the Forum", with how many of these are inferred.
count-made-at = { $inferred ->
    [0] { $count } { $text }
   *[other] { $count } { $text }, { $inferred_count } of these inferred
}
count-on-flags = { $count } resting on a value marked inferred or truncated
region-count-inferred = { $count } with an inferred country
region-count-inferred-short = { $count } inferred
region-count-region-only = { $count } naming a region but no country
region-count-region-only-short = { $count } region only
# A chart bar's count: "8 (2 inferred)".
bar-inferred = { $value } ({ $count } inferred)
chart-region-inferred = { $region } ({ $count } on an inferred country)

## Objective brief (src/context/objective.rs): where a point tagged with the objective was made
mention-policy-debate = Policy debate
mention-general-debate = Plenary, general debate: { $theme }
mention-pledging = Plenary, pledging

## States (src/context/state.rs)
source-not-stated = source not stated
series-immigrants = Migrants living in the country
series-emigrants = Emigrants living abroad
# "16.8 million" ($value is formatted; $n the number, for plurals).
number-millions = { $value } million
# Before a noun: "8.2 million migrants".
number-millions-of = { $value } million
vote-yes = Voted in favour
vote-no = Voted against
vote-abstain = Abstained
vote-absent = Absent
vote-not-member = Not a member (observer State)
vote-short-yes = In favour
vote-short-no = Against
# The GCM vote of all States: "152 in favour", "12 abstentions".
tally-yes = { $count } in favour
tally-no = { $count } against
tally-abstain = { $n ->
    [one] { $count } abstention
   *[other] { $count } abstentions
}
tally-absent = { $count } absent
tally-not-member = { $count } not a member (observer State)
# Champion countries. $precision: "day" (a full date), "month" (a month or a year), "text".
champion-when-by = by { $date }
champion-when-on = on { $date }
champion-when-in = in { $date }
champion-shown = Shown as a Champion country { $when }
champion-became = Became a Champion country { $when }
# A table cell: "by Nov. 2023" (not used in English, whose cells the code builds).
champion-short-by = by { $date }
champion-undated = undated
source-champion = GCM Champion country: { $url }
group-observer = { $group } (as an observer, not a member)
# UN regional groups in a narrow table column.
group-short-weog = WEOG
group-short-grulac = GRULAC
group-short-eeg = EEG
group-short-asia-pacific = Asia-Pacific Group
group-short-observer = { $group } (observer, not a member)

## Region brief (src/context/region.rs)
region-role-not-the-state = { $role } ({ $holder }, not the State)
# A share of the world's migrants below 0.1 per cent.
share-less-than = less than { $value }

## In brief (src/context/in_brief.rs): whole sentences
source-recorded-pledges = Recorded pledges: { $source }
source-recorded-pledges-of-dataset = Recorded pledges of the dataset “{ $dataset }”
brief-recorded = the { $count } recorded pledges
brief-recorded-of-reported = the { $count } recorded pledges (of { $reported } reported)
# $vote: yes, no, abstain, absent, not-member. $country opens the sentence.
brief-gcm-vote = { $vote ->
    [yes] { $country } voted in favour of
    [no] { $country } voted against
    [abstain] { $country } abstained on
    [absent] { $country } cast no vote on
   *[not-member] { $country }, an observer State, had no vote on
} the Global Compact for Migration ({ $resolution }) in the General Assembly on { $date }.
# $more: "" or brief-role-more.
brief-role = At the Forum, { $person }, { $capacity }, was { $role }{ $more }.
brief-role-more = ; the summaries name { $count } more role(s) of its delegation
brief-champion = { $sentence }.
brief-migrants-since = (2000: { $value })
# $since: "" or " " and brief-migrants-since.
brief-migrants = In { $year }, { $migrants } migrants lived in { $country }{ $since } (UN DESA).
brief-migrants-and-abroad = In { $year }, { $migrants } migrants lived in { $country }{ $since }; { $emigrants } people from { $country } lived abroad (UN DESA).
brief-on-inferred-country = ({ $count } of them on an inferred country)
# $own: pledges made by the State; $others: pledges by others implemented in it; $hedge: "" or
# " " and brief-on-inferred-country.
brief-delegation-pledges = Of { $recorded }, { $own ->
    [0] none was
    [1] 1 was
   *[other] { $own_count } were
} made by { $country }, and { $others ->
    [0] none by others is implemented there
    [1] 1 by others is implemented there{ $hedge }
   *[other] { $others_count } by others are implemented there{ $hedge }
}.
brief-round-table = Round table { $table } reviewed objective { $objective }.
brief-round-table-with = Round table { $table } reviewed objective { $objective } together with objectives { $others }.
brief-point = { $kind }: { $text }
brief-no-key-point = The summaries record no key point on objective { $objective }.
# $note: "" or " (what the count rests on)".
brief-objective-pledges = Of { $recorded }, { $n ->
    [0] none names
    [1] 1 names
   *[other] { $count } name
} objective { $objective }{ $note }.
brief-region-pledges = Of { $recorded }, { $n ->
    [0] none is
    [1] 1 is
   *[other] { $count } are
} implemented in { $region }{ $note }.
brief-region-migrants = In { $year }, { $migrants } migrants lived in the { $states } States of { $region }; { $emigrants } people from them lived abroad (UN DESA).
brief-region-migrants-share = In { $year }, { $migrants } migrants lived in the { $states } States of { $region }, { $share } per cent of the world’s; { $emigrants } people from them lived abroad (UN DESA).
brief-region-votes = On the Global Compact for Migration ({ $resolution }, { $date }) its States’ votes were: { $votes }.
brief-declaration = The Forum { $adoption } the Progress Declaration of the International Migration Review Forum, contained in document { $document }.
brief-summaries-count = The summaries count { $figures }.
brief-pledge-figures = The pledge figures of these briefs count { $recorded }: what was recorded, not the full picture.

## Binders and packs (src/batch/bind.rs, pack.rs)
binder-overview-title = Overview
binder-overview-subtitle = The Forum at a glance
binder-objectives-title = Objective briefs
binder-objectives-subtitle = The 23 objectives of the Global Compact for Migration at the Forum
binder-regions-title = Region briefs
binder-regions-subtitle = M49 regions, sub-regions and intermediate regions
binder-delegations-title = Delegation briefs
binder-delegations-subtitle = Member States and observer States
# The notice on a binder's or pack's cover (the catalog page says it in English).
binder-notice-not-official = Built from data not marked official ({ $dataset }).
binder-notice-partial = Pledge figures count the { $pledges } pledge records available; they are partial.
binder-notice-partial-reported = Pledge figures count the { $pledges } pledge records available, out of { $reported } reported; they are partial.
# A binder of some briefs only (English builds these in the code). $kind: overview, objective,
# region, delegation.
binder-selection-objectives = { $n ->
    [one] Objective { $list }
   *[other] Objectives { $list }
}
binder-selection-few = { $kind ->
    [overview] Overview
    [objective] Objective
    [region] Region
   *[delegation] Delegation
} briefs: { $list }
binder-selection-many = Selected { $kind } briefs
binder-selection-subtitle = { $held } of { $total } { $kind } { $total_n ->
    [one] brief
   *[other] briefs
}
pack-label = Briefing pack
