# Les textes fixes des gabarits, en français (même identifiants que en/templates.ftl).

## La page et les mots de la bibliothèque
page-page = Page
page-of = sur
colon = {" "}:
list-and = {" "}et{" "}
chart-no-data = Aucune donnée.
chart-zero-each = 0 pour chacun des éléments suivants :
chart-no-figures = Aucun chiffre.
tag-objective = objectif
tag-objectives = objectifs
tag-by-editors = rattaché par les rédacteurs
glance-title = En un coup d’œil
in-brief = En bref
sources = Sources

## Avis
notice-not-official-title = Données non officielles
notice-not-official = Cette note a été établie à partir de données qui ne sont pas marquées comme officielles ({ $dataset }). Ses chiffres et ses fiches ne doivent pas être cités comme ceux d’un État ou d’une organisation réels.
notice-partial-title = Données partielles sur les engagements
notice-partial = Les chiffres relatifs aux engagements de cette note portent sur les { $pledges } fiches d’engagement disponibles. Ils montrent ce qui a été enregistré, non la situation complète. Voir le colophon.
notice-partial-reported = Les chiffres relatifs aux engagements de cette note portent sur les { $pledges } fiches d’engagement disponibles, sur { $reported } engagements annoncés. Ils montrent ce qui a été enregistré, non la situation complète. Voir le colophon.

## Colophon
colophon-lead = À propos de cette note.
colophon-full = { $kind } établie avec imrf-briefs { $version } le { $date } à partir du jeu de données « { $dataset } » (empreinte des données { $hash }). Faits du Forum : { $source } ; les points clés sont paraphrasés sous forme de puces d’information.
colophon-full-official = { $kind } établie avec imrf-briefs { $version } le { $date } à partir du jeu de données « { $dataset } » (empreinte des données { $hash }), compilé à partir de sources publiques citées. Faits du Forum : { $source } ; les points clés sont paraphrasés sous forme de puces d’information.
colophon-pledges = Engagements : { $pledges } fiches.
colophon-pledges-reported = Engagements : { $pledges } fiches sur { $reported } annoncés.
colophon-pledge-sources = Sources : { $sources }.
colophon-short = { $kind }, imrf-briefs { $version }, { $date } ; jeu de données « { $dataset } », empreinte des données { $hash }. Les points clés sont paraphrasés à partir des résumés du Forum ; comment les fiches ont été réunies et ce qu’elles couvrent : la vue d’ensemble, dernière page.

## Tableaux de la bibliothèque
table-vote-gcm = Vote sur le Pacte mondial
table-vote-on = Vote sur
table-gcm-champion = Pays champion du Pacte mondial
table-no-champion-source = Aucune source de la liste fournie n’indique le statut de pays champion.
table-role-at-forum = Rôle au Forum
table-no-named-role = Aucun rôle nominatif dans les résumés du Forum (coprésidences et panélistes des tables rondes, panélistes du dialogue politique, cofacilitation de la Déclaration sur les progrès).
table-national-plan = Plan national
table-no-plan = Aucun enregistré dans les sources fournies (qui sont partielles).
table-other-facts = Autres faits sourcés
table-global-or-not-stated = Mondial ou non précisé
table-objectives = Objectifs
table-col-country = Pays
table-col-group = Groupe régional de l’ONU
table-observer-state = État observateur
table-col-migrants = Migrants qui y vivent
no-figure = aucun chiffre
table-col-emigrants = Émigrés à l’étranger
table-col-vote = Vote sur le Pacte, 2018
table-not-in-data = absent des données
table-col-pledges-by = Engagements de l’État
table-col-pledges-in = Engagements mis en œuvre dans le pays
table-inferred = déduits

## Recueils et dossiers
binder-brief = note
binder-briefs = notes
binder-note = Note
binder-contents = Table des matières

## Communs à plusieurs notes
not-stated = Non précisé
objective-label = Objectif { $n } : { $label }
indicators = Indicateurs
source-line = Source : { $source }
by-entity-type = Par type d’entité
pledge-entity = Entité
pledge-implemented-in = Mis en œuvre dans
pledge-not-country-specific = Sans pays déterminé ou non précisé
pledge-type = Type
pledge-nature = Nature
pledge-objectives-not-stated = Non précisés sur la page source
pledge-principles = Principes directeurs
pledge-submitted = Soumis
pledge-summary = Résumé
pledge-record = Fiche

## Notes de délégation
deleg-at-forum = Au Forum
deleg-rt-covered = La table ronde portait sur les objectifs { $objectives }.
deleg-no-role = { $name } : aucun rôle nominatif dans les résumés du Forum (coprésidences et panélistes des tables rondes, panélistes du dialogue politique, cofacilitation de la Déclaration sur les progrès).
deleg-not-state-role = Rôle qui n’est pas celui de l’État :
deleg-took-part = { $capacity }, a participé en tant que { $role }, pour { $holder }.
deleg-state-compact = L’État et le Pacte mondial
deleg-col-record = Fiche
deleg-col-sources-show = Ce que montrent les sources
deleg-migrants = Migrants
deleg-chart-migrants = Migrants internationaux, { $first }–{ $last }
deleg-living-in = Vivant dans le pays : { $name }
deleg-col-year = Année
deleg-col-immigrants = Immigrés
deleg-col-emigrants = Émigrés
deleg-migrant-lead = Stock de migrants internationaux : personnes vivant dans un pays autre que leur pays de naissance (ou de nationalité, lorsque le lieu de naissance n’est pas enregistré). Source : { $source }
deleg-migrant-rest = . Chaque édition révise les années antérieures ; les chiffres d’autres éditions diffèrent donc.
deleg-missing-both = Aucun chiffre n’est publié pour les migrants vivant dans le pays en { $years_in } ni pour les émigrés en { $years_out } : la courbe y est interrompue, ce n’est pas un zéro.
deleg-missing-in = Aucun chiffre n’est publié pour les migrants vivant dans le pays en { $years } : la courbe y est interrompue, ce n’est pas un zéro.
deleg-missing-out = Aucun chiffre n’est publié pour les émigrés en { $years } : la courbe y est interrompue, ce n’est pas un zéro.
deleg-negative = Certains chiffres publiés sont inférieurs à zéro ; ils sont tracés sous la ligne du zéro.
deleg-no-migrant-figures = Les fichiers d’indicateurs fournis ne contiennent aucun chiffre de stock de migrants pour le pays suivant : { $name }.
deleg-pledges = Engagements
deleg-no-pledge-either = Aucun engagement de l’État ({ $name }) ne figure parmi les { $pledges } engagements enregistrés, et aucun d’eux ne désigne ce pays comme lieu de mise en œuvre
deleg-partial-hedge = (les fiches sont partielles : l’État peut néanmoins avoir pris des engagements)
deleg-pledges-by = Engagements de l’État ({ $name })
deleg-showing-first = Affichage des { $shown } premiers des { $total } engagements de l’État ({ $name }), dans l’ordre des fiches.
deleg-no-pledge = Aucun engagement de l’État ({ $name }) ne figure parmi les { $pledges } engagements enregistrés
deleg-pledges-by-others = Engagements d’autres acteurs mis en œuvre dans le pays ({ $name })
deleg-no-other-pledge = Aucun autre engagement enregistré ne désigne ce pays comme lieu de mise en œuvre.
deleg-forum-said = Ce que le Forum a dit des objectifs visés par ces engagements
deleg-country-region = Pays et région
deleg-observer-state = État observateur
deleg-member-state = État Membre de l’Organisation des Nations Unies
deleg-region-line = région { $region }, sous-région { $subregion }
deleg-no-group = non rattaché à un groupe régional de l’ONU par les sources fournies
deleg-income = niveau de revenu { $level }
deleg-not-classified = non classé
deleg-n-countries = { $n ->
        [one] { $n } pays
       *[other] { $n } pays
    }
deleg-none-there = aucun des engagements enregistrés n’y est mis en œuvre
deleg-pledges-there = engagements enregistrés qui y sont mis en œuvre : { $text }
deleg-countries-named = pays désignés : { $names }
deleg-objectives-named = Objectifs désignés, avec le nombre d’engagements :
deleg-n-more = { $n } autres
none-recorded-cap = Aucun enregistré
co-chairs = Coprésidence
panellists = Panélistes
statements = Déclarations
round-table-n = Table ronde { $n }
objective-n-dot = Objectif { $n }.

## Notes sur un objectif
obj-rt-short = TR { $n }
obj-glance-rt = Table ronde qui l’a examiné
obj-glance-statements = Déclarations lors de son débat interactif
obj-glance-points = Points clés enregistrés
obj-glance-pledges = Engagements enregistrés qui le citent
obj-glance-pledges-none = Engagements enregistrés qui le citent ({ $without } des { $pledges } fiches n’indiquent aucun objectif)
obj-key-points = Points clés du Forum
obj-no-key-points = Les résumés n’enregistrent aucun point clé pour cet objectif.
obj-questions = Questions pour le prochain Forum
obj-questions-intro = { $n ->
    [one] Le Forum de 2022 a recensé une difficulté sur cet objectif (sous « { $heading } » ci-dessus). Qu’a-t-on fait depuis pour y répondre, qui l’a fait, et sur quelles données probantes ?
   *[other] Le Forum de 2022 a recensé { $n } difficultés sur cet objectif (sous « { $heading } » ci-dessus). Pour chacune : qu’a-t-on fait depuis, qui l’a fait, et sur quelles données probantes ?
}
obj-date = Date
obj-no-date = Pendant le Forum, { $dates } (les résumés ne donnent pas de date pour cette séance)
obj-supported-by = Avec l’appui de
obj-keynotes = Discours liminaires
obj-moderator = Modération du panel
obj-the-co-chairs = La coprésidence
obj-statements-spoke = { $n } représentants d’États, du système des Nations Unies et de parties prenantes ont pris la parole lors du débat interactif
obj-points-across = Points communs à la table ronde
obj-points-all-four = Points que les résumés dégagent des quatre tables rondes
obj-also-reviewed = Également examinés à cette table ronde
obj-elsewhere = Où il a été évoqué ailleurs
obj-elsewhere-intro = Points du dialogue politique et de la séance plénière sur cet objectif.
obj-elsewhere-tagged = Les points marqués « rattaché par les rédacteurs » sont reliés à cet objectif par les rédacteurs de ces notes : les résumés ne les relient à aucun objectif. Les autres portent les étiquettes des résumés eux-mêmes.
obj-also-name = les résumés citent aussi : { $names }
obj-pledges = Engagements citant cet objectif
obj-no-pledge = Aucun engagement enregistré ne cite cet objectif.
obj-without-objectives = { $without } des { $pledges } engagements enregistrés n’indiquent aucun objectif sur leur page source ; aucun ne leur est attribué ici.
obj-by-region = Par région de mise en œuvre
none-recorded = aucun enregistré

## Vue d'ensemble
ov-glance-rts = Tables rondes couvrant les 23 objectifs
ov-glance-rt-statements = Déclarations lors des débats des tables rondes
ov-glance-gd-statements = Déclarations du débat général (États et observateurs)
ov-the-forum = Le Forum
ov-met = Le { $name } s’est réuni à { $venue } du { $dates }, sous la présidence de { $chair }.
ov-met-edition = Le { $edition } { $name } s’est réuni à { $venue } du { $dates }, sous la présidence de { $chair }.
ov-format-follows = Son format suit { $mandate }.
ov-col-session = Séance
ov-col-happened = Déroulement
ov-hearing = Audition multipartite, { $date }
ov-rt-objectives = Objectifs { $objectives }
ov-n-statements = { $n } déclarations
ov-policy-debate = Dialogue politique
ov-plenary = Séance plénière
ov-plenary-row = Segment d’ouverture, débat général ({ $states } déclarations d’États et { $observers } d’observateurs) et segment de clôture
ov-side-events = Manifestations parallèles
ov-side-events-both = { $in_person } en présentiel et { $virtual } en virtuel
ov-side-events-in-person = { $in_person } en présentiel
ov-opening = Segment d’ouverture de la séance plénière
ov-round-tables = Les tables rondes
ov-rt-intro = Ce que les résumés disent des quatre tables rondes :
ov-after-panel = Après le panel, { $n } représentants d’États, du système des Nations Unies et de parties prenantes ont pris la parole.
ov-opening-remarks = Allocution d’ouverture
ov-moderator = Modération
ov-closing-remarks = Allocution de clôture
ov-emphasized = Souligné lors du dialogue politique
ov-brought-out = Ce que le dialogue a fait ressortir
ov-brought-out-intro = Les résumés ne relient aucun point du dialogue politique à un objectif : les objectifs entre parenthèses sont rattachés par les rédacteurs, selon l’objet de chaque point.
ov-general-debate = Séance plénière : débat général
ov-gd-statements = { $states } déclarations d’États et { $observers } d’observateurs, dont { $heads } { $heads ->
        [one] chef de gouvernement
       *[other] chefs de gouvernement
    }, { $ministers } ministres et { $vice } vice-ministres.
ov-gd-groups = { $n } déclarations de groupe ont été prononcées au nom de : { $groups }.
ov-gd-headings = Les résumés regroupent les interventions sous quatre rubriques, reprises ici. Les principes directeurs et les objectifs entre parenthèses sont ceux que les résumés citent pour un point ; deux points pour lesquels ils n’en citent aucun sont rattachés par les rédacteurs à l’objectif dont ils traitent (vol de salaire : 6 ; rétention d’enfants migrants : 13), marqués « rattaché par les rédacteurs ».
ov-pledging = Engagements annoncés
ov-col-figure = Chiffre
ov-col-as-reported = Tel que le rapportent les résumés
ov-dashboard = Les engagements sont publiés sur le tableau de bord des engagements :
ov-closing = Segment de clôture et Déclaration sur les progrès
ov-considered = Le Forum a examiné { $what }.
ov-adoption = Il { $adoption } la Déclaration sur les progrès du Forum d’examen des migrations internationales ({ $document }).
ov-co-facilitators = Cofacilitation : { $names }.
ov-23-objectives = Les 23 objectifs
ov-col-no = No
ov-col-objective = Objectif
ov-col-rt = Table ronde
ov-col-points = Points clés
ov-counts-note = Les décomptes portent sur les { $pledges } engagements enregistrés, dont { $stating } indiquent leurs objectifs ; « aucun enregistré » signifie qu’aucune fiche n’indique cet objectif, non qu’aucun engagement ne l’a visé.
ov-recorded-pledges = Engagements enregistrés
ov-by-objective = Par objectif (engagements indiquant leurs objectifs : { $stating })
ov-no-objective-stated = Aucun engagement enregistré n’indique d’objectif.
ov-charts-count = Les graphiques comptent les { $total } fiches comme des engagements du Forum ; parmi elles, { $note }. Chacune de ces fiches est signalée dans les tableaux des notes qui la citent.

## Éléments partagés
pledge-col-pledge = Engagement
pledge-col-src = Src.
pledge-showing-first = Affichage des { $shown } premiers des { $total } engagements, dans l’ordre des fiches ; les fichiers de données les contiennent tous.
world-heading = Le monde et le Pacte mondial
world-glance-migrants = migrants internationaux dans le monde, { $year } (DAES)
world-glance-votes = Votes des États Membres sur le Pacte mondial à l’Assemblée générale, 19 décembre 2018
world-figures = Chiffres mondiaux
world-migrants = En { $year }, { $display } personnes ({ $short }) vivaient hors de leur pays de naissance ou de nationalité : somme des { $areas } pays et zones de la source suivante : { $source }.
world-votes = L’Assemblée générale a fait sien le Pacte mondial pour des migrations sûres, ordonnées et régulières le 19 décembre 2018 (A/RES/73/195) à l’issue d’un vote enregistré : { $votes }.
world-own-vote = Chaque note de délégation donne le vote de l’État.
n-pledges = { $n ->
        [0] aucun engagement
        [one] { $n } engagement
       *[other] { $n } engagements
    }
list-semicolon = {" "};{" "}
list-or = ou
list-or-serial = {""}

## Notes régionales
region-in-figures = La région en chiffres
region-migrants = En { $year }, { $migrants } migrants internationaux vivaient dans les { $states } États de la région suivante : { $name }
region-with-figure = dotés d’un chiffre ({ $without } sans)
region-share = { $share } % des { $world } du monde
region-emigrants = { $emigrants } émigrés de ces États vivaient à l’étranger.
region-sum-note = La somme de la région ne compte que les États qui ont une note ; les territoires de la région en sont exclus : elle peut donc être inférieure au chiffre régional du DAES. Le chiffre mondial additionne les { $areas } pays et zones du tableau.
region-votes-lead = Sur le Pacte mondial pour des migrations sûres, ordonnées et régulières (A/RES/73/195, 19 décembre 2018), les États de la région ont voté :
region-champions = { $n ->
        [one] { $n } d’entre eux figure comme pays champion du Pacte mondial dans la liste fournie (partielle).
       *[other] { $n } d’entre eux figurent comme pays champions du Pacte mondial dans la liste fournie (partielle).
    }
region-compared = Comparaison avec les autres { $level ->
    [sub-region] sous-régions
    [intermediate-region] régions intermédiaires
   *[region] régions
}
region-compared-in = Comparaison avec les autres { $level ->
    [sub-region] sous-régions
    [intermediate-region] régions intermédiaires
   *[region] régions
} de la région suivante : { $parent }
region-chart-each = Engagements enregistrés mis en œuvre dans chacune
region-states = États
region-in-bold = { $level ->
    [sub-region] La sous-région de cette note est en gras.
    [intermediate-region] La région intermédiaire de cette note est en gras.
   *[region] La région de cette note est en gras.
}
region-counts-once = Un engagement mis en œuvre dans plusieurs pays compte une fois par { $level ->
    [sub-region] sous-région
    [intermediate-region] région intermédiaire
   *[region] région
} ; les fiches sont partielles : les décomptes ne sont pas des taux.
region-countries = Pays
region-common-group = Les { $n } États de la région ({ $name }) appartiennent au groupe suivant : { $group }.
region-none-champion = ne figure comme pays champion du Pacte mondial dans la liste fournie (partielle)
region-none-role = n’a eu de rôle nominatif au Forum
region-none-pledged = n’a pris l’un des engagements enregistrés
region-none-named = n’est désigné par un engagement enregistré comme lieu de mise en œuvre
region-none-of-its-states = Aucun de ses États
region-note-migrants = Migrants, { $year } : { $source }
region-note-votes = Votes sur la résolution A/RES/73/195, 19 décembre 2018
region-note-champion = Pays champion du Pacte mondial : « au » une date, une source montre l’État comme pays champion à cette date (la date de son adhésion n’est pas connue) ; une date seule, la date à laquelle il l’est devenu ; une case vide ne dit rien dans un sens ou dans l’autre
region-note-groups = Groupes régionaux de l’ONU : WEOG, Groupe des États d’Europe occidentale et autres États ; GRULAC, Groupe des États d’Amérique latine et des Caraïbes ; EEG, Groupe des États d’Europe orientale.
region-note-roles = Rôle au Forum : rôles nominatifs dans les résumés.
region-note-pledges-by = « Engagements de l’État » : fiches établies par l’État lui-même
region-note-pledges-in = « Engagements mis en œuvre dans le pays » : fiches de tout acteur désignant le pays comme lieu de mise en œuvre (« déduit » : le pays est déduit, non indiqué par la source).
region-pledges-in = Engagements mis en œuvre dans la région suivante : { $name }
region-pledges-here = Engagements enregistrés mis en œuvre ici : { $text }, sur les { $pledges } enregistrés
region-inferred-note = (« déduit » : le pays est déduit, non indiqué par la source)
region-region-only = une fiche ne désignant aucun pays est comptée dans la région qu’elle désigne et dans toute région qui la contient
region-without-place = { $n ->
        [0] Aucun engagement enregistré ne manque de pays ou de région de mise en œuvre.
        [one] { $n } engagement enregistré ne désigne aucun pays ni aucune région de mise en œuvre (mondial ou non précisé) et n’est compté dans aucune région.
       *[other] { $n } engagements enregistrés ne désignent aucun pays ni aucune région de mise en œuvre (mondial ou non précisé) et ne sont comptés dans aucune région.
    }
region-no-pledge = Aucun engagement enregistré ne désigne un pays de cette région comme lieu de mise en œuvre.
region-by-objective = Par objectif (objectifs non précisés : { $without } sur { $total })
region-no-objective = Aucun de ces engagements n’indique d’objectif.
region-objectives = Les objectifs visés par ces engagements
region-challenges = Défis soulevés au Forum
region-latest-year = , dernière année par pays
