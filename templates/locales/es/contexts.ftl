# Cadenas que construyen los contextos Rust de la herramienta (véase en/contexts.ftl).

## Puntos clave
points-progress = Progresos
points-challenges = Dificultades
points-practices = Prácticas
points-calls-to-action = Llamamientos a la acción
points-commitments = Compromisos
points-observations = Observaciones
point-observation = Observación
point-progress = Progreso
point-challenge = Dificultad
point-practice = Práctica
point-call-to-action = Llamamiento a la acción
point-commitment = Compromiso

## Promesas
source-pledge = Promesa { $id }: { $url }
source-pledge-page = Página de la promesa: { $url }
place-region = { $region } (región)
place-global-or-not-stated = Mundial o no indicado
made-at-submitted = presentada { $when }
made-at-forum = formulada en el { $forum }
count-made-at = { $inferred ->
    [0] { $count } { $text }
    [one] { $count } { $text }, { $inferred_count } de ellas inferida
   *[other] { $count } { $text }, { $inferred_count } de ellas inferidas
}
count-on-flags = { $count } basadas en un valor marcado como inferido o truncado
region-count-inferred = { $count } con un país inferido
region-count-inferred-short = { $n ->
    [one] { $count } inferida
   *[other] { $count } inferidas
}
region-count-region-only = { $count } que nombran una región pero ningún país
region-count-region-only-short = { $count } solo región
bar-inferred = { $value } ({ $n ->
    [one] { $count } inferida
   *[other] { $count } inferidas
})
chart-region-inferred = { $region } ({ $count } con un país inferido)

## Nota sobre un objetivo
mention-policy-debate = Diálogo sobre políticas
mention-general-debate = Sesión plenaria, debate general: { $theme }
mention-pledging = Sesión plenaria, anuncio de promesas

## Estados
source-not-stated = fuente no indicada
series-immigrants = Migrantes que viven en el país
series-emigrants = Emigrantes que viven en el extranjero
number-millions = { $value } { $n ->
    [one] millón
   *[other] millones
}
number-millions-of = { $value } { $n ->
    [one] millón
   *[other] millones
} de
vote-yes = Votó a favor
vote-no = Votó en contra
vote-abstain = Se abstuvo
vote-absent = Ausente
vote-not-member = No miembro (Estado observador)
vote-short-yes = A favor
vote-short-no = En contra
tally-yes = { $count } a favor
tally-no = { $count } en contra
tally-abstain = { $n ->
    [one] { $count } abstención
   *[other] { $count } abstenciones
}
tally-absent = { $n ->
    [one] { $count } ausente
   *[other] { $count } ausentes
}
tally-not-member = { $n ->
    [one] { $count } no miembro (Estado observador)
   *[other] { $count } no miembros (Estados observadores)
}
champion-when-by = { $precision ->
    [day] a más tardar el { $date }
    [month] a más tardar en { $date }
   *[text] a más tardar: { $date }
}
champion-when-on = el { $date }
champion-when-in = en { $date }
champion-shown = Figura como país campeón { $when }
champion-became = Pasó a ser país campeón { $when }
champion-short-by = a más tardar { $date }
champion-undated = sin fecha
source-champion = País campeón del Pacto Mundial: { $url }
group-observer = { $group } (como observador, no como miembro)
group-short-weog = Europa Occidental y otros
group-short-grulac = GRULAC
group-short-eeg = Europa Oriental
group-short-asia-pacific = Asia-Pacífico
group-short-observer = { $group } (observador, no miembro)

## Nota regional
region-role-not-the-state = { $role } ({ $holder }, no el Estado)
share-less-than = menos de { $value }

## En resumen
source-recorded-pledges = Promesas registradas: { $source }
source-recorded-pledges-of-dataset = Promesas registradas del conjunto de datos «{ $dataset }»
brief-recorded = { $n ->
    [one] la { $count } promesa registrada
   *[other] las { $count } promesas registradas
}
brief-recorded-of-reported = { $n ->
    [one] la { $count } promesa registrada (de { $reported } anunciadas)
   *[other] las { $count } promesas registradas (de { $reported } anunciadas)
}
brief-gcm-vote = { $country }: { $vote ->
    [yes] voto a favor del
    [no] voto en contra del
    [abstain] abstención sobre el
    [absent] ningún voto sobre el
   *[not-member] Estado observador, sin voto sobre el
} Pacto Mundial para la Migración Segura, Ordenada y Regular ({ $resolution }) en la Asamblea General, el { $date }.
brief-role = En el Foro, { $person }, { $capacity }, fue { $role }{ $more }.
brief-role-more = { $n ->
    [one] ; los resúmenes mencionan { $count } función más de su delegación
   *[other] ; los resúmenes mencionan { $count } funciones más de su delegación
}
brief-champion = { $sentence }.
brief-migrants-since = ({ $value } en 2000)
brief-migrants = En { $year }, { $migrants } migrantes vivían en el país{ $since } (DAES).
brief-migrants-and-abroad = En { $year }, { $migrants } migrantes vivían en el país{ $since }; { $emigrants } personas originarias del país vivían en el extranjero (DAES).
brief-on-inferred-country = ({ $n ->
    [one] { $count } de ellas con un país inferido
   *[other] { $count } de ellas con un país inferido
})
brief-delegation-pledges = De { $recorded }, { $own ->
    [0] ninguna fue formulada
    [one] { $own_count } fue formulada
   *[other] { $own_count } fueron formuladas
} por el país, y { $others ->
    [0] ninguna formulada por otros se aplica en él
    [one] { $others_count } formulada por otros se aplica en él{ $hedge }
   *[other] { $others_count } formuladas por otros se aplican en él{ $hedge }
}.
brief-round-table = La mesa redonda { $table } examinó el objetivo { $objective }.
brief-round-table-with = La mesa redonda { $table } examinó el objetivo { $objective } junto con { $n ->
    [one] el objetivo
   *[other] los objetivos
} { $others }.
brief-point = { $kind }: { $text }
brief-no-key-point = Los resúmenes no recogen ningún punto clave sobre el objetivo { $objective }.
brief-objective-pledges = De { $recorded }, { $n ->
    [0] ninguna menciona
    [one] { $count } menciona
   *[other] { $count } mencionan
} el objetivo { $objective }{ $note }.
brief-region-pledges = De { $recorded }, { $n ->
    [0] ninguna se aplica
    [one] { $count } se aplica
   *[other] { $count } se aplican
} en la región «{ $region }»{ $note }.
brief-region-migrants = En { $year }, { $migrants } migrantes vivían en los { $states } Estados de la región «{ $region }»; { $emigrants } personas originarias de esos Estados vivían en el extranjero (DAES).
brief-region-migrants-share = En { $year }, { $migrants } migrantes vivían en los { $states } Estados de la región «{ $region }», el { $share } % de los migrantes del mundo; { $emigrants } personas originarias de esos Estados vivían en el extranjero (DAES).
brief-region-votes = Sobre el Pacto Mundial para la Migración Segura, Ordenada y Regular ({ $resolution }, { $date }), los votos de sus Estados fueron: { $votes }.
brief-declaration = La Declaración sobre los Progresos del Foro de Examen de la Migración Internacional, publicada con la signatura { $document }, fue { $adoption } por el Foro.
brief-summaries-count = Los resúmenes cuentan: { $figures }.
brief-pledge-figures = Las cifras de promesas de estas notas cuentan { $recorded }: lo que se registró, no el panorama completo.

## Carpetas y dosieres
binder-overview-title = Panorama general
binder-overview-subtitle = El Foro de un vistazo
binder-objectives-title = Notas por objetivo
binder-objectives-subtitle = Los 23 objetivos del Pacto Mundial para la Migración en el Foro
binder-regions-title = Notas regionales
binder-regions-subtitle = Regiones, subregiones y regiones intermedias M49
binder-delegations-title = Notas por delegación
binder-delegations-subtitle = Estados Miembros y Estados observadores
binder-notice-not-official = Elaborado a partir de datos que no están marcados como oficiales ({ $dataset }).
binder-notice-partial = Las cifras sobre promesas cuentan los { $pledges } registros de promesas disponibles; son parciales.
binder-notice-partial-reported = Las cifras sobre promesas cuentan los { $pledges } registros de promesas disponibles, de { $reported } promesas anunciadas; son parciales.
binder-selection-objectives = { $n ->
    [one] Objetivo { $list }
   *[other] Objetivos { $list }
}
binder-selection-few = { $kind ->
    [overview] Panorama general
    [objective] Notas por objetivo
    [region] Notas regionales
   *[delegation] Notas por delegación
}: { $list }
binder-selection-many = { $kind ->
    [overview] Panorama general (selección)
    [objective] Selección de notas por objetivo
    [region] Selección de notas regionales
   *[delegation] Selección de notas por delegación
}
binder-selection-subtitle = { $held } de { $total } { $kind ->
    [overview] { $total_n ->
        [one] panorama general
       *[other] panoramas generales
    }
    [objective] { $total_n ->
        [one] nota por objetivo
       *[other] notas por objetivo
    }
    [region] { $total_n ->
        [one] nota regional
       *[other] notas regionales
    }
   *[delegation] { $total_n ->
        [one] nota por delegación
       *[other] notas por delegación
    }
}
pack-label = Dosier informativo
