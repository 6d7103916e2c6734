# Chaînes construites par les contextes Rust de l'outil (voir en/contexts.ftl).

## Points clés
points-progress = Progrès
points-challenges = Difficultés
points-practices = Pratiques
points-calls-to-action = Appels à l’action
points-commitments = Engagements
points-observations = Observations
point-observation = Observation
point-progress = Progrès
point-challenge = Difficulté
point-practice = Pratique
point-call-to-action = Appel à l’action
point-commitment = Engagement

## Engagements
source-pledge = Engagement { $id } : { $url }
source-pledge-page = Page de l’engagement : { $url }
place-region = { $region } (région)
place-global-or-not-stated = Mondial ou non précisé
made-at-submitted = soumis { $when }
made-at-forum = pris lors du { $forum }
count-made-at = { $inferred ->
    [0] { $count } { $text }
    [one] { $count } { $text }, dont { $inferred_count } déduit
   *[other] { $count } { $text }, dont { $inferred_count } déduits
}
count-on-flags = { $n ->
    [one] { $count } reposant sur une valeur signalée comme déduite ou tronquée
   *[other] { $count } reposant sur une valeur signalée comme déduite ou tronquée
}
region-count-inferred = { $n ->
    [one] { $count } dont le pays est déduit
   *[other] { $count } dont le pays est déduit
}
region-count-inferred-short = { $n ->
    [one] { $count } déduit
   *[other] { $count } déduits
}
region-count-region-only = { $n ->
    [one] { $count } nommant une région mais aucun pays
   *[other] { $count } nommant une région mais aucun pays
}
region-count-region-only-short = { $count } région seule
bar-inferred = { $value } ({ $n ->
    [one] { $count } déduit
   *[other] { $count } déduits
})
chart-region-inferred = { $region } ({ $count } sur un pays déduit)

## Note d'objectif
mention-policy-debate = Dialogue politique
mention-general-debate = Séance plénière, débat général : { $theme }
mention-pledging = Séance plénière, annonces d’engagements

## États
source-not-stated = source non précisée
series-immigrants = Migrants vivant dans le pays
series-emigrants = Émigrés vivant à l’étranger
number-millions = { $value } { $n ->
    [one] million
   *[other] millions
}
number-millions-of = { $value } { $n ->
    [one] million
   *[other] millions
} de
vote-yes = A voté pour
vote-no = A voté contre
vote-abstain = S’est abstenu
vote-absent = Absent
vote-not-member = Non membre (État observateur)
vote-short-yes = Pour
vote-short-no = Contre
tally-yes = { $count } pour
tally-no = { $count } contre
tally-abstain = { $n ->
    [one] { $count } abstention
   *[other] { $count } abstentions
}
tally-absent = { $n ->
    [one] { $count } absent
   *[other] { $count } absents
}
tally-not-member = { $n ->
    [one] { $count } non membre (État observateur)
   *[other] { $count } non membres (États observateurs)
}
champion-when-by = { $precision ->
    [day] au plus tard le { $date }
    [month] au plus tard en { $date }
   *[text] au plus tard : { $date }
}
champion-when-on = le { $date }
champion-when-in = en { $date }
champion-shown = Figure parmi les pays champions { $when }
champion-became = Est devenu pays champion { $when }
champion-short-by = au plus tard { $date }
champion-undated = non daté
source-champion = Pays champion du Pacte mondial : { $url }
group-observer = { $group } (en tant qu’observateur, non en tant que membre)
group-short-weog = Europe occidentale et autres
group-short-grulac = GRULAC
group-short-eeg = Europe orientale
group-short-asia-pacific = Asie-Pacifique
group-short-observer = { $group } (observateur, non membre)

## Note régionale
region-role-not-the-state = { $role } ({ $holder }, non l’État)
share-less-than = moins de { $value }

## En bref
source-recorded-pledges = Engagements enregistrés : { $source }
source-recorded-pledges-of-dataset = Engagements enregistrés du jeu de données « { $dataset } »
brief-recorded = { $n ->
    [one] le { $count } engagement enregistré
   *[other] les { $count } engagements enregistrés
}
brief-recorded-of-reported = { $n ->
    [one] le { $count } engagement enregistré (sur { $reported } annoncés)
   *[other] les { $count } engagements enregistrés (sur { $reported } annoncés)
}
brief-gcm-vote = { $country } : { $vote ->
    [yes] vote pour
    [no] vote contre
    [abstain] abstention sur
    [absent] aucun vote sur
   *[not-member] État observateur, pas de vote sur
} le Pacte mondial pour des migrations sûres, ordonnées et régulières ({ $resolution }) à l’Assemblée générale, le { $date }.
brief-role = Au Forum, { $person }, { $capacity }, a été { $role }{ $more }.
brief-role-more = { $n ->
    [one] ; les résumés mentionnent { $count } autre rôle de sa délégation
   *[other] ; les résumés mentionnent { $count } autres rôles de sa délégation
}
brief-champion = { $sentence }.
brief-migrants-since = ({ $value } en 2000)
brief-migrants = En { $year }, { $migrants } migrants vivaient dans le pays{ $since } (DAES).
brief-migrants-and-abroad = En { $year }, { $migrants } migrants vivaient dans le pays{ $since } ; { $emigrants } personnes originaires du pays vivaient à l’étranger (DAES).
brief-on-inferred-country = ({ $n ->
    [one] dont { $count } sur un pays déduit
   *[other] dont { $count } sur un pays déduit
})
brief-delegation-pledges = Sur { $recorded }, { $own ->
    [0] aucun n’a été pris
    [one] { $own_count } a été pris
   *[other] { $own_count } ont été pris
} par le pays, et { $others ->
    [0] aucun pris par d’autres n’y est mis en œuvre
    [one] { $others_count } pris par d’autres y est mis en œuvre{ $hedge }
   *[other] { $others_count } pris par d’autres y sont mis en œuvre{ $hedge }
}.
brief-round-table = La table ronde { $table } a examiné l’objectif { $objective }.
brief-round-table-with = La table ronde { $table } a examiné l’objectif { $objective } ainsi que { $n ->
    [one] l’objectif
   *[other] les objectifs
} { $others }.
brief-point = { $kind } : { $text }
brief-no-key-point = Les résumés ne consignent aucun point clé sur l’objectif { $objective }.
brief-objective-pledges = Sur { $recorded }, { $n ->
    [0] aucun ne mentionne
    [one] { $count } mentionne
   *[other] { $count } mentionnent
} l’objectif { $objective }{ $note }.
brief-region-pledges = Sur { $recorded }, { $n ->
    [0] aucun n’est mis en œuvre
    [one] { $count } est mis en œuvre
   *[other] { $count } sont mis en œuvre
} dans la région « { $region } »{ $note }.
brief-region-migrants = En { $year }, { $migrants } migrants vivaient dans les { $states } États de la région « { $region } » ; { $emigrants } personnes originaires de ces États vivaient à l’étranger (DAES).
brief-region-migrants-share = En { $year }, { $migrants } migrants vivaient dans les { $states } États de la région « { $region } », soit { $share } % des migrants du monde ; { $emigrants } personnes originaires de ces États vivaient à l’étranger (DAES).
brief-region-votes = Sur le Pacte mondial pour des migrations sûres, ordonnées et régulières ({ $resolution }, { $date }), les votes de ses États ont été les suivants : { $votes }.
brief-declaration = La Déclaration sur les progrès du Forum d’examen des migrations internationales, publiée sous la cote { $document }, a été { $adoption } par le Forum.
brief-summaries-count = Les résumés dénombrent : { $figures }.
brief-pledge-figures = Les chiffres relatifs aux engagements figurant dans ces notes portent sur { $recorded } : ce qui a été enregistré, et non l’ensemble.

## Classeurs et dossiers
binder-overview-title = Vue d’ensemble
binder-overview-subtitle = Le Forum en un coup d’œil
binder-objectives-title = Notes par objectif
binder-objectives-subtitle = Les 23 objectifs du Pacte mondial pour les migrations au Forum
binder-regions-title = Notes régionales
binder-regions-subtitle = Régions, sous-régions et régions intermédiaires M49
binder-delegations-title = Notes par délégation
binder-delegations-subtitle = États Membres et États observateurs
binder-notice-not-official = Établi à partir de données qui ne sont pas marquées comme officielles ({ $dataset }).
binder-notice-partial = Les chiffres relatifs aux engagements portent sur les { $pledges } fiches d’engagement disponibles ; ils sont partiels.
binder-notice-partial-reported = Les chiffres relatifs aux engagements portent sur les { $pledges } fiches d’engagement disponibles, sur { $reported } engagements annoncés ; ils sont partiels.
binder-selection-objectives = { $n ->
    [one] Objectif { $list }
   *[other] Objectifs { $list }
}
binder-selection-few = { $kind ->
    [overview] Vue d’ensemble
    [objective] Notes par objectif
    [region] Notes régionales
   *[delegation] Notes par délégation
} : { $list }
binder-selection-many = { $kind ->
    [overview] Vue d’ensemble (sélection)
    [objective] Sélection de notes par objectif
    [region] Sélection de notes régionales
   *[delegation] Sélection de notes par délégation
}
binder-selection-subtitle = { $held } sur { $total } { $kind ->
    [overview] { $total_n ->
        [one] vue d’ensemble
       *[other] vues d’ensemble
    }
    [objective] { $total_n ->
        [one] note par objectif
       *[other] notes par objectif
    }
    [region] { $total_n ->
        [one] note régionale
       *[other] notes régionales
    }
   *[delegation] { $total_n ->
        [one] note par délégation
       *[other] notes par délégation
    }
}
pack-label = Dossier d’information
