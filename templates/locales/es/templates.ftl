# Los textos fijos de las plantillas, en español (mismos identificadores que en/templates.ftl).

## La página y las palabras de la biblioteca
page-page = Página
page-of = de
colon = :
list-and = {" "}y{" "}
chart-no-data = Sin datos.
chart-zero-each = 0 en cada uno de los siguientes:
chart-no-figures = Sin cifras.
tag-objective = objetivo
tag-objectives = objetivos
tag-by-editors = asignado por los redactores
glance-title = De un vistazo
in-brief = En resumen
sources = Fuentes

## Avisos
notice-not-official-title = Datos no oficiales
notice-not-official = Esta nota se elaboró a partir de datos que no están marcados como oficiales ({ $dataset }). Sus cifras y registros no deben citarse como los de ningún Estado u organización reales.
notice-partial-title = Datos parciales sobre las promesas
notice-partial = Las cifras sobre promesas de esta nota cuentan los { $pledges } registros de promesas disponibles. Muestran lo registrado, no el panorama completo. Véase el colofón.
notice-partial-reported = Las cifras sobre promesas de esta nota cuentan los { $pledges } registros de promesas disponibles, de { $reported } promesas anunciadas. Muestran lo registrado, no el panorama completo. Véase el colofón.

## Colofón
colophon-lead = Acerca de esta nota.
colophon-full = { $kind } elaborada con imrf-briefs { $version } el { $date } a partir del conjunto de datos «{ $dataset }» (huella de los datos { $hash }). Hechos del Foro: { $source }; los puntos clave se parafrasean como viñetas informativas.
colophon-full-official = { $kind } elaborada con imrf-briefs { $version } el { $date } a partir del conjunto de datos «{ $dataset }» (huella de los datos { $hash }), compilado a partir de fuentes públicas citadas. Hechos del Foro: { $source }; los puntos clave se parafrasean como viñetas informativas.
colophon-pledges = Promesas: { $pledges } registros.
colophon-pledges-reported = Promesas: { $pledges } registros de { $reported } anunciadas.
colophon-pledge-sources = Fuentes: { $sources }.
colophon-short = { $kind }, imrf-briefs { $version }, { $date }; conjunto de datos «{ $dataset }», huella de los datos { $hash }. Los puntos clave se parafrasean a partir de los resúmenes del Foro; cómo se reunieron los registros y qué abarcan: la visión general, última página.

## Cuadros de la biblioteca
table-vote-gcm = Votación sobre el Pacto Mundial
table-vote-on = Votación sobre
table-gcm-champion = País campeón del Pacto Mundial
table-no-champion-source = Ninguna fuente de la lista incluida indica la condición de país campeón.
table-role-at-forum = Función en el Foro
table-no-named-role = Ninguna función nominal en los resúmenes del Foro (copresidencias y panelistas de las mesas redondas, panelistas del diálogo sobre políticas, cofacilitación de la Declaración sobre los Progresos).
table-national-plan = Plan nacional
table-no-plan = Ninguno registrado en las fuentes incluidas (que son parciales).
table-other-facts = Otros hechos con fuente
table-global-or-not-stated = Mundial o no indicado
table-objectives = Objetivos
table-col-country = País
table-col-group = Grupo regional de la ONU
table-observer-state = Estado observador
table-col-migrants = Migrantes que viven allí
no-figure = sin cifra
table-col-emigrants = Emigrantes en el extranjero
table-col-vote = Votación sobre el Pacto, 2018
table-not-in-data = no figura en los datos
table-col-pledges-by = Promesas del Estado
table-col-pledges-in = Promesas ejecutadas allí
table-inferred = inferidas

## Carpetas y dosieres
binder-brief = nota
binder-briefs = notas
binder-note = Nota
binder-contents = Índice

## Comunes a varias notas
not-stated = No indicado
objective-label = Objetivo { $n }: { $label }
indicators = Indicadores
source-line = Fuente: { $source }
by-entity-type = Por tipo de entidad
pledge-entity = Entidad
pledge-implemented-in = Ejecutada en
pledge-not-country-specific = Sin país específico o no indicado
pledge-type = Tipo
pledge-nature = Naturaleza
pledge-objectives-not-stated = No indicados en la página de origen
pledge-principles = Principios rectores
pledge-submitted = Presentada
pledge-summary = Resumen
pledge-record = Registro

## Notas de delegación
deleg-at-forum = En el Foro
deleg-rt-covered = La mesa redonda abarcó los objetivos { $objectives }.
deleg-no-role = { $name }: ninguna función nominal en los resúmenes del Foro (copresidencias y panelistas de las mesas redondas, panelistas del diálogo sobre políticas, cofacilitación de la Declaración sobre los Progresos).
deleg-not-state-role = Función que no es del Estado:
deleg-took-part = { $capacity }, participó como { $role }, en nombre de { $holder }.
deleg-state-compact = El Estado y el Pacto Mundial
deleg-col-record = Registro
deleg-col-sources-show = Lo que muestran las fuentes
deleg-migrants = Migrantes
deleg-chart-migrants = Migrantes internacionales, { $first }–{ $last }
deleg-living-in = Residentes en { $name }
deleg-col-year = Año
deleg-col-immigrants = Inmigrantes
deleg-col-emigrants = Emigrantes
deleg-migrant-lead = Stock de migrantes internacionales: personas que viven en un país distinto de su país de nacimiento (o de ciudadanía, cuando no se registra el nacimiento). Fuente: { $source }
deleg-migrant-rest = . Cada edición revisa los años anteriores, por lo que las cifras de otras ediciones difieren.
deleg-missing-both = No se publica cifra para los migrantes residentes en { $years_in } ni para los emigrantes en { $years_out }: la línea se interrumpe allí, no es un cero.
deleg-missing-in = No se publica cifra para los migrantes residentes en { $years }: la línea se interrumpe allí, no es un cero.
deleg-missing-out = No se publica cifra para los emigrantes en { $years }: la línea se interrumpe allí, no es un cero.
deleg-negative = Algunas cifras publicadas son inferiores a cero; se trazan por debajo de la línea del cero.
deleg-no-migrant-figures = Los archivos de indicadores incluidos no contienen cifras de stock de migrantes para { $name }.
deleg-pledges = Promesas
deleg-no-pledge-either = Ninguna promesa de { $name } figura entre las { $pledges } promesas registradas, y ninguna de ellas designa a { $name } como lugar de ejecución
deleg-partial-hedge = (los registros son parciales, por lo que el Estado puede haber hecho promesas de todos modos)
deleg-pledges-by = Promesas de { $name }
deleg-showing-first = Se muestran las primeras { $shown } de las { $total } promesas de { $name }, en el orden de los registros.
deleg-no-pledge = Ninguna promesa de { $name } figura entre las { $pledges } promesas registradas
deleg-pledges-by-others = Promesas de otros ejecutadas en { $name }
deleg-no-other-pledge = Ninguna otra promesa registrada designa a este país como lugar de ejecución.
deleg-forum-said = Lo que dijo el Foro sobre los objetivos a los que se refieren estas promesas
deleg-country-region = País y región
deleg-observer-state = Estado observador
deleg-member-state = Estado Miembro de las Naciones Unidas
deleg-region-line = región { $region }, subregión { $subregion }
deleg-no-group = no incluido en un grupo regional de las Naciones Unidas por las fuentes incluidas
deleg-income = nivel de ingresos { $level }
deleg-not-classified = sin clasificar
deleg-n-countries = { $n ->
        [one] { $n } país
       *[other] { $n } países
    }
deleg-none-there = ninguna de las promesas registradas se ejecuta allí
deleg-pledges-there = promesas registradas ejecutadas allí: { $text }
deleg-countries-named = países designados: { $names }
deleg-objectives-named = Objetivos designados, con el número de promesas:
deleg-n-more = { $n } más
none-recorded-cap = Ninguna registrada
co-chairs = Copresidencia
panellists = Panelistas
statements = Declaraciones
round-table-n = Mesa redonda { $n }
objective-n-dot = Objetivo { $n }.

## Notas sobre un objetivo
obj-rt-short = MR { $n }
obj-glance-rt = Mesa redonda que lo examinó
obj-glance-statements = Declaraciones en su debate interactivo
obj-glance-points = Puntos clave registrados
obj-glance-pledges = Promesas registradas que lo mencionan
obj-glance-pledges-none = Promesas registradas que lo mencionan ({ $without } de los { $pledges } registros no indican objetivos)
obj-key-points = Puntos clave del Foro
obj-no-key-points = Los resúmenes no registran puntos clave para este objetivo.
obj-questions = Preguntas para el próximo Foro
obj-questions-intro = { $n ->
    [one] El Foro de 2022 señaló una dificultad sobre este objetivo (en «{ $heading }», más arriba). ¿Qué se ha hecho desde entonces al respecto, quién lo ha hecho y con qué pruebas?
   *[other] El Foro de 2022 señaló { $n } dificultades sobre este objetivo (en «{ $heading }», más arriba). Para cada una: ¿qué se ha hecho desde entonces, quién lo ha hecho y con qué pruebas?
}
obj-date = Fecha
obj-no-date = Durante el Foro, { $dates } (los resúmenes no dan fecha para esta sesión)
obj-supported-by = Con el apoyo de
obj-keynotes = Discursos principales
obj-moderator = Moderación del panel
obj-the-co-chairs = La copresidencia
obj-statements-spoke = { $n } representantes de Estados, del sistema de las Naciones Unidas y de partes interesadas intervinieron en el debate interactivo
obj-points-across = Puntos comunes de la mesa redonda
obj-points-all-four = Puntos que los resúmenes señalan de las cuatro mesas redondas
obj-also-reviewed = También examinados en esta mesa redonda
obj-elsewhere = Dónde se trató en otros momentos
obj-elsewhere-intro = Puntos del diálogo sobre políticas y de la sesión plenaria sobre este objetivo.
obj-elsewhere-tagged = Los puntos marcados «asignado por los redactores» los vinculan a este objetivo los redactores de estas notas: los resúmenes no los vinculan a ningún objetivo. Los demás llevan las etiquetas de los propios resúmenes.
obj-also-name = los resúmenes también mencionan: { $names }
obj-pledges = Promesas que mencionan este objetivo
obj-no-pledge = Ninguna promesa registrada menciona este objetivo.
obj-without-objectives = { $without } de las { $pledges } promesas registradas no indican objetivos en su página de origen; aquí no se les asigna ninguno.
obj-by-region = Por región de ejecución
none-recorded = ninguna registrada

## Visión general
ov-glance-rts = Mesas redondas que abarcan los 23 objetivos
ov-glance-rt-statements = Declaraciones en los debates de las mesas redondas
ov-glance-gd-statements = Declaraciones del debate general (Estados y observadores)
ov-the-forum = El Foro
ov-met = El { $name } se reunió en { $venue } del { $dates }, bajo la presidencia de { $chair }.
ov-met-edition = El { $edition } { $name } se reunió en { $venue } del { $dates }, bajo la presidencia de { $chair }.
ov-format-follows = Su formato sigue { $mandate }.
ov-col-session = Sesión
ov-col-happened = Qué ocurrió
ov-hearing = Audiencia de múltiples interesados, { $date }
ov-rt-objectives = Objetivos { $objectives }
ov-n-statements = { $n } declaraciones
ov-policy-debate = Diálogo sobre políticas
ov-plenary = Sesión plenaria
ov-plenary-row = Segmento de apertura, debate general ({ $states } declaraciones de Estados y { $observers } de observadores) y segmento de clausura
ov-side-events = Actos paralelos
ov-side-events-both = { $in_person } presenciales y { $virtual } virtuales
ov-side-events-in-person = { $in_person } presenciales
ov-opening = Segmento de apertura de la sesión plenaria
ov-round-tables = Las mesas redondas
ov-rt-intro = Lo que los resúmenes dicen de las cuatro mesas redondas:
ov-after-panel = Tras el panel, intervinieron { $n } representantes de Estados, del sistema de las Naciones Unidas y de partes interesadas.
ov-opening-remarks = Palabras de apertura
ov-moderator = Moderación
ov-closing-remarks = Palabras de clausura
ov-emphasized = Destacado en el diálogo sobre políticas
ov-brought-out = Lo que puso de relieve el diálogo
ov-brought-out-intro = Los resúmenes no vinculan ningún punto del diálogo sobre políticas a un objetivo: los objetivos entre paréntesis los asignan los redactores, según el tema de cada punto.
ov-general-debate = Sesión plenaria: debate general
ov-gd-statements = { $states } declaraciones de Estados y { $observers } de observadores, entre ellas { $heads } { $heads ->
        [one] Jefe de Gobierno
       *[other] Jefes de Gobierno
    }, { $ministers } Ministros y { $vice } Viceministros.
ov-gd-groups = Se pronunciaron { $n } declaraciones de grupo en nombre de: { $groups }.
ov-gd-headings = Los resúmenes agrupan lo dicho en cuatro epígrafes, que se mantienen aquí. Los principios rectores y los objetivos entre paréntesis son los que los resúmenes mencionan para un punto; dos puntos para los que no mencionan ninguno los vinculan los redactores al objetivo del que tratan (robo de salarios: 6; detención de niños migrantes: 13), marcados «asignado por los redactores».
ov-pledging = Promesas
ov-col-figure = Cifra
ov-col-as-reported = Según los resúmenes
ov-dashboard = Las promesas se publican en el panel de promesas:
ov-closing = Segmento de clausura y Declaración sobre los Progresos
ov-considered = El Foro examinó { $what }.
ov-adoption = El Foro { $adoption } la Declaración sobre los Progresos del Foro de Examen de la Migración Internacional ({ $document }).
ov-co-facilitators = Cofacilitación: { $names }.
ov-23-objectives = Los 23 objetivos
ov-col-no = N.º
ov-col-objective = Objetivo
ov-col-rt = Mesa redonda
ov-col-points = Puntos clave
ov-counts-note = Los recuentos de promesas se refieren a las { $pledges } promesas registradas, de las cuales { $stating } indican sus objetivos; «ninguna registrada» significa que ningún registro indica ese objetivo, no que ninguna promesa lo abordara.
ov-recorded-pledges = Promesas registradas
ov-by-objective = Por objetivo (promesas que indican objetivos: { $stating })
ov-no-objective-stated = Ninguna promesa registrada indica un objetivo.
ov-charts-count = Los gráficos cuentan los { $total } registros como promesas del Foro; de ellos, { $note }. Cada uno de esos registros se señala en los cuadros de las notas que lo incluyen.

## Elementos compartidos
pledge-col-pledge = Promesa
pledge-col-src = Fte.
pledge-showing-first = Se muestran las primeras { $shown } de las { $total } promesas, en el orden de los registros; los archivos de datos las contienen todas.
world-heading = El mundo y el Pacto Mundial
world-glance-migrants = migrantes internacionales en el mundo, { $year } (DAES)
world-glance-votes = Votos de los Estados Miembros sobre el Pacto Mundial en la Asamblea General, 19 de diciembre de 2018
world-figures = Cifras mundiales
world-migrants = En { $year }, { $display } personas ({ $short }) vivían fuera de su país de nacimiento o de ciudadanía: la suma de los { $areas } países y zonas de { $source }.
world-votes = La Asamblea General hizo suyo el Pacto Mundial para la Migración Segura, Ordenada y Regular el 19 de diciembre de 2018 (A/RES/73/195) en votación registrada: { $votes }.
world-own-vote = Cada nota de delegación indica el voto del propio Estado.
n-pledges = { $n ->
        [one] { $n } promesa
       *[other] { $n } promesas
    }
list-semicolon = ;{" "}
list-or = o
list-or-serial = {""}

## Notas regionales
region-in-figures = La región en cifras
region-migrants = En { $year }, { $migrants } migrantes internacionales vivían en los { $states } Estados de { $name }
region-with-figure = con cifra ({ $without } sin ella)
region-share = el { $share } % de los { $world } del mundo
region-emigrants = { $emigrants } emigrantes de estos Estados vivían en el extranjero.
region-sum-note = La suma de la región solo cuenta los Estados que tienen nota; los territorios de la región quedan fuera, por lo que puede ser inferior a la cifra regional del propio DAES. La cifra mundial suma los { $areas } países y zonas del cuadro.
region-votes-lead = Sobre el Pacto Mundial para la Migración (A/RES/73/195, 19 de diciembre de 2018), los Estados de la región votaron:
region-champions = { $n ->
        [one] { $n } de ellos figura como país campeón del Pacto Mundial en la lista incluida (parcial).
       *[other] { $n } de ellos figuran como países campeones del Pacto Mundial en la lista incluida (parcial).
    }
region-compared = Comparación con las demás { $level ->
    [sub-region] subregiones
    [intermediate-region] regiones intermedias
   *[region] regiones
}
region-compared-in = Comparación con las demás { $level ->
    [sub-region] subregiones de la región
    [intermediate-region] regiones intermedias de la subregión
   *[region] regiones de
} { $parent }
region-chart-each = Promesas registradas ejecutadas en cada una
region-states = Estados
region-in-bold = { $level ->
    [sub-region] La subregión de esta nota figura en negrita.
    [intermediate-region] La región intermedia de esta nota figura en negrita.
   *[region] La región de esta nota figura en negrita.
}
region-counts-once = Una promesa ejecutada en varios países cuenta una vez por { $level ->
    [sub-region] subregión
    [intermediate-region] región intermedia
   *[region] región
}; los registros son parciales, por lo que los recuentos no son tasas.
region-countries = Países
region-common-group = Los { $n } Estados de { $name } pertenecen al grupo regional siguiente: { $group }.
region-none-champion = figura como país campeón del Pacto Mundial en la lista incluida (parcial)
region-none-role = tuvo una función nominal en el Foro
region-none-pledged = hizo una de las promesas registradas
region-none-named = es designado por una promesa registrada como lugar de ejecución
region-none-of-its-states = Ninguno de sus Estados
region-note-migrants = Migrantes, { $year }: { $source }
region-note-votes = Votaciones sobre la resolución A/RES/73/195, 19 de diciembre de 2018
region-note-champion = País campeón del Pacto Mundial: «a» una fecha, una fuente muestra al Estado como país campeón en esa fecha (no se conoce la fecha de su adhesión); una fecha sola, la fecha en que pasó a serlo; una casilla vacía no indica nada en ningún sentido
region-note-groups = Grupos regionales de las Naciones Unidas: WEOG, Grupo de Estados de Europa Occidental y otros Estados; GRULAC, Grupo de Estados de América Latina y el Caribe; EEG, Grupo de Estados de Europa Oriental.
region-note-roles = Función en el Foro: funciones nominales en los resúmenes.
region-note-pledges-by = «Promesas del Estado»: registros hechos por el propio Estado
region-note-pledges-in = «Promesas ejecutadas allí»: registros de cualquiera que designan al país como lugar de ejecución («inferido»: el país se infiere, no lo indica la fuente).
region-pledges-in = Promesas ejecutadas en { $name }
region-pledges-here = Promesas registradas ejecutadas aquí: { $text }, de las { $pledges } registradas
region-inferred-note = («inferido»: el país se infiere, no lo indica la fuente)
region-region-only = un registro que no designa ningún país se cuenta en la región que designa y en toda región que la contiene
region-without-place = { $n ->
        [one] { $n } promesa registrada no designa ningún país ni región de ejecución (mundial o no indicado) y no se cuenta en ninguna región.
       *[other] { $n } promesas registradas no designan ningún país ni región de ejecución (mundial o no indicado) y no se cuentan en ninguna región.
    }
region-no-pledge = Ninguna promesa registrada designa un país de esta región como lugar de ejecución.
region-by-objective = Por objetivo (objetivos no indicados: { $without } de { $total })
region-no-objective = Ninguna de estas promesas indica un objetivo.
region-objectives = Los objetivos a los que se refieren estas promesas
region-challenges = Desafíos planteados en el Foro
region-latest-year = , último año por país
