# Las cadenas fijas de las notas, en español (traducción no oficial de los autores de las notas).

## Convenciones
# Separador de millares: espacio fino de no separación (U+202F), como recomiendan la Ortografía
# de la RAE (2010) y el uso de las Naciones Unidas en español; signo decimal: coma.
number-group = {"\u202F"}
number-decimal = ,
date = { $day } de { $month } de { $year }
date-range-month = { $first }–{ $last } de { $month } de { $year }
date-range = del { $start } al { $end }
month-year = { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
month-short-1 = ene.
month-short-2 = feb.
month-short-3 = mar.
month-short-4 = abr.
month-short-5 = mayo
month-short-6 = jun.
month-short-7 = jul.
month-short-8 = ago.
month-short-9 = sept.
month-short-10 = oct.
month-short-11 = nov.
month-short-12 = dic.

## La edición
language-name = Español
translation-notice = Traducción no oficial, hecha para estas notas: solo el texto en inglés es auténtico. Los nombres de países y regiones, los títulos de los objetivos del Pacto Mundial y sus principios rectores son los de las fuentes de las Naciones Unidas citadas.
unofficial-title = (traducción no oficial)

## Qué es una nota
kind-overview = Panorama general
kind-objective = Nota sobre un objetivo
kind-region = Nota regional
kind-delegation = Nota para la delegación
pdf-description = { $kind } sobre el { $forum }, { $dates }
heading-overview = { $forum }: el Foro de un vistazo
heading-objective = Objetivo { $n }
title-overview = { $forum }: panorama general
title-objective = Objetivo { $n }: { $label }
m49-level-region = Región M49
m49-level-sub-region = Subregión M49
m49-level-intermediate-region = Región intermedia M49

## La página
translation-notice-title = Aviso
in-brief-title = En resumen
sources-title = Fuentes
partial-data-title = Datos parciales sobre las promesas
partial-data-text = Las cifras de promesas de esta nota cuentan los { $pledges } registros de promesas disponibles, de { $reported } promesas anunciadas. Muestran lo registrado, no el panorama completo. Véase el colofón.

footer-page = Página
footer-of = de
