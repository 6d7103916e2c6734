# Les chaînes fixes des notes, en français (traduction non officielle des auteurs des notes).

## Conventions
# Séparateur des milliers : espace fine insécable (U+202F) ; signe décimal : virgule.
number-group = {"\u202F"}
number-decimal = ,
date = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
date-range-month = { $first }–{ $last } { $month } { $year }
date-range = du { $start } au { $end }
month-year = { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
month-short-1 = janv.
month-short-2 = févr.
month-short-3 = mars
month-short-4 = avr.
month-short-5 = mai
month-short-6 = juin
month-short-7 = juill.
month-short-8 = août
month-short-9 = sept.
month-short-10 = oct.
month-short-11 = nov.
month-short-12 = déc.

## L’édition
language-name = Français
translation-notice = Traduction non officielle, établie pour ces notes : seul le texte anglais fait foi. Les noms des pays et des régions, les titres des objectifs du Pacte mondial et ses principes directeurs sont ceux des sources des Nations Unies citées.
unofficial-title = (traduction non officielle)

## Ce qu’est une note
kind-overview = Vue d’ensemble
kind-objective = Note sur un objectif
kind-region = Note régionale
kind-delegation = Note de délégation
pdf-description = { $kind } sur le { $forum }, { $dates }
heading-overview = { $forum } : le Forum en un coup d’œil
heading-objective = Objectif { $n }
title-overview = { $forum } : vue d’ensemble
title-objective = Objectif { $n } : { $label }
m49-level-region = Région M49
m49-level-sub-region = Sous-région M49
m49-level-intermediate-region = Région intermédiaire M49

## La page
translation-notice-title = Avertissement
in-brief-title = En bref
sources-title = Sources
partial-data-title = Données partielles sur les engagements
partial-data-text = Les chiffres de cette note sur les engagements portent sur les { $pledges } engagements enregistrés disponibles, sur { $reported } engagements annoncés. Ils montrent ce qui a été enregistré, non l’ensemble. Voir le colophon.

footer-page = Page
footer-of = sur
