//! Editions: the language a brief is written in. An [`Edition`] holds what a brief needs to speak
//! it: the message catalog of the templates' and contexts' fixed strings (Fluent, from
//! `templates/locales/LANG/*.ftl`), our translations of the data's prose (`data/translations/LANG/`,
//! each entry beside the English it translates), the sourced names and titles
//! (`data/i18n/*.csv`, `countries.csv`) and the local conventions for dates and numbers, which
//! the catalog states too (`number-group`, `month-5`, `date`...).
//!
//! Fluent was chosen over one YAML file per language because it is a kept format with plural
//! rules (CLDR, through `intl_pluralrules`) and selectors for gender built in, tools and editors
//! that know it, and a syntax translators already read; it is parsed once per build.

mod names;
mod prose;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::defaults::Templates;
use crate::error::{Error, Problem, Result};

pub use names::Names;
pub use prose::{stale_translations, Stale};

/// The languages whose editions are shipped: their catalogs are in the embedded templates and
/// their names and titles can be sourced. Others (a test edition in Arabic) are built from a
/// templates folder that has their catalog.
pub const SHIPPED: [&str; 3] = ["en", "fr", "es"];

/// The catalog files of one language, in load order (`templates/locales/LANG/NAME`).
pub const CATALOG_FILES: [&str; 3] = ["common.ftl", "contexts.ftl", "templates.ftl"];

/// Catalogs larger than this are refused.
const MAX_CATALOG_BYTES: u64 = 2 * 1024 * 1024;

/// Which way a script runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// One language's message catalog and conventions: all a template needs (the renderer loads it
/// by itself in a `--memory-limit` worker, which has no data).
pub struct Catalog {
    /// The language code: "en", "fr", "es" (a test edition may use others, e.g. "ar").
    pub lang: String,
    /// The script's direction.
    pub dir: Direction,
    bundle: FluentBundle<FluentResource>,
    /// Where each message was defined (file, line), for messages about it.
    defined: HashMap<String, (String, usize)>,
    group: String,
    decimal: String,
}

/// One edition's language and everything it speaks with: the catalog, our translations of the
/// data's prose and the sourced names. Shared by all worker threads of a build.
pub struct Edition {
    pub catalog: Arc<Catalog>,
    prose: prose::Prose,
    pub names: Names,
    /// English texts of the data that had no translation, as briefs asked for them.
    untranslated: Mutex<BTreeSet<String>>,
}

impl std::ops::Deref for Edition {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.catalog
    }
}

impl std::fmt::Debug for Edition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Edition").field("lang", &self.lang).finish()
    }
}

/// Arguments of a message, as `args!["count" => 3, "name" => "Mexico"]` gives them.
#[macro_export]
macro_rules! args {
    ($($key:literal => $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut args = fluent_bundle::FluentArgs::new();
        $(args.set($key, $crate::i18n::arg($value));)*
        args
    }};
}

/// A message argument: numbers stay numbers (for plural rules), everything else is text.
pub fn arg(value: impl Into<Arg>) -> FluentValue<'static> {
    match value.into() {
        Arg::Number(n) => FluentValue::from(n),
        Arg::Text(s) => FluentValue::from(s),
    }
}

/// What [`arg`] takes.
pub enum Arg {
    Number(f64),
    Text(String),
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(impl From<$t> for Arg {
        fn from(n: $t) -> Self {
            Arg::Number(n as f64)
        }
    })*};
}
number_arg!(usize, u8, u16, u32, u64, i32, i64, f64);

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

/// The right direction for a language (right to left for Arabic, Hebrew, Persian and Urdu).
pub fn direction(lang: &str) -> Direction {
    match lang {
        "ar" | "he" | "fa" | "ur" => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// Which script a language needs a font for, when typst's embedded fonts do not cover it.
pub fn script_needing_font(lang: &str) -> Option<(&'static str, char)> {
    match lang {
        "zh" => Some(("Chinese (Han)", '移')),
        "ja" => Some(("Japanese", 'の')),
        "ko" => Some(("Korean (Hangul)", '한')),
        "ar" => Some(("Arabic", 'ه')),
        "ru" => Some(("Cyrillic", 'Ж')),
        _ => None,
    }
}

/// Checks a `--lang` value's shape (a BCP 47 primary language subtag, lowercase).
pub fn check_code(code: &str) -> std::result::Result<(), String> {
    let ok = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{code}` is not a language code (expected two or three lowercase letters, such as en, fr, es)"
        ))
    }
}

impl Edition {
    /// Loads the edition `lang`: its catalog from `templates`, its prose translations and names
    /// from the data folder `data`.
    pub fn load(lang: &str, templates: &Templates, data: &Path) -> Result<Edition> {
        let catalog = Arc::new(Catalog::load(lang, templates)?);
        let mut prose = prose::Prose::load(data, lang)?;
        // Spaced once here, not each time a brief asks for a text.
        prose.respell(|text| catalog.typography(text));
        Ok(Edition {
            catalog,
            prose,
            names: Names::load(data, lang)?,
            untranslated: Mutex::default(),
        })
    }

    /// The edition's text of the data's English `text`: our translation, or the English itself
    /// when there is none (recorded, so that the build can say how many).
    pub fn prose(&self, text: &str) -> String {
        // A document symbol or a code ("A/AC.293/2022/L.1") reads the same in every language.
        if self.lang == "en" || !text.chars().any(char::is_lowercase) {
            return text.to_string();
        }
        match self.prose.get(text) {
            Some(translated) => translated.to_string(),
            None => {
                self.untranslated
                    .lock()
                    .expect("untranslated")
                    .insert(text.to_string());
                text.to_string()
            }
        }
    }

    /// `prose` of an optional text.
    pub fn prose_opt(&self, text: Option<&str>) -> Option<String> {
        text.map(|t| self.prose(t))
    }

    /// The English texts briefs asked for that have no translation in this edition.
    pub fn untranslated(&self) -> Vec<String> {
        self.untranslated
            .lock()
            .expect("untranslated")
            .iter()
            .cloned()
            .collect()
    }
}

impl Catalog {
    /// Loads the catalog of `lang` from `templates` (`locales/LANG/*.ftl`).
    pub fn load(lang: &str, templates: &Templates) -> Result<Catalog> {
        check_code(lang).map_err(Error::Usage)?;
        let langid: unic_langid::LanguageIdentifier = lang
            .parse()
            .map_err(|_| Error::Usage(format!("`{lang}` is not a language code")))?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Typst lays out bidirectional text itself; isolation marks would reach the PDF's text.
        bundle.set_use_isolating(false);
        let mut defined = HashMap::new();
        let mut problems = Vec::new();
        let mut found = 0;
        for name in CATALOG_FILES {
            let rel = format!("locales/{lang}/{name}");
            let Ok(bytes) = templates.read(&rel, MAX_CATALOG_BYTES) else {
                continue;
            };
            found += 1;
            let shown = templates.display(&rel).display().to_string();
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::Data(vec![Problem::new(
                    Path::new(&shown),
                    None,
                    "",
                    "the catalog is not UTF-8 text",
                )])
            })?;
            for (id, line) in message_lines(&text) {
                if let Some((file, first)) = defined.get(&id) {
                    problems.push(located(
                        &shown,
                        line,
                        format!("message `{id}` is defined twice (first at {file}:{first})"),
                    ));
                } else {
                    defined.insert(id, (shown.clone(), line));
                }
            }
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    for err in errors {
                        let line = text[..err.pos.start.min(text.len())].lines().count().max(1);
                        problems.push(located(&shown, line, format!("bad Fluent syntax: {err}")));
                    }
                    resource
                }
            };
            bundle.add_resource_overriding(resource);
        }
        if found == 0 {
            let have = available(templates);
            return Err(Error::Usage(format!(
                "no catalog for language `{lang}`: expected {} (editions with a catalog: {})",
                templates
                    .display(&format!("locales/{lang}/common.ftl"))
                    .display(),
                have.join(", ")
            )));
        }
        if !problems.is_empty() {
            return Err(Error::Data(problems));
        }
        let mut catalog = Catalog {
            lang: lang.to_string(),
            dir: direction(lang),
            bundle,
            defined,
            group: String::new(),
            decimal: String::new(),
        };
        catalog.group = catalog.t("number-group", &FluentArgs::new());
        catalog.decimal = catalog.t("number-decimal", &FluentArgs::new());
        Ok(catalog)
    }

    /// Message ids this catalog lacks that `reference` (the English one) has, each with the
    /// reference's file and line; an edition missing one fails the build.
    pub fn missing_from(&self, reference: &Catalog) -> Vec<Problem> {
        let mut missing: Vec<(&String, &(String, usize))> = reference
            .defined
            .iter()
            .filter(|(id, _)| !self.defined.contains_key(*id))
            .collect();
        missing.sort();
        missing
            .into_iter()
            .map(|(id, (file, line))| {
                located(
                    file,
                    *line,
                    format!("message `{id}` has no {} translation", self.lang),
                )
            })
            .collect()
    }

    /// Whether the catalog has message `key`.
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// The message `key` with `args`, in this edition's typography. A key no catalog has gives
    /// `⟦key⟧`, which tests find; templates ask through [`Edition::message`], which fails.
    pub fn t(&self, key: &str, args: &FluentArgs) -> String {
        self.message(key, args)
            .unwrap_or_else(|_| format!("⟦{key}⟧"))
    }

    /// The message `key` with `args`, or why not.
    pub fn message(&self, key: &str, args: &FluentArgs) -> std::result::Result<String, String> {
        let message = self
            .bundle
            .get_message(key)
            .ok_or_else(|| format!("no message `{key}` in the {} catalog", self.lang))?;
        let pattern = message
            .value()
            .ok_or_else(|| format!("message `{key}` has no value"))?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(args), &mut errors);
        if let Some(err) = errors.first() {
            return Err(format!("message `{key}`: {err}"));
        }
        Ok(self.typography(&text))
    }

    /// French spacing: a no-break space before `:` and inside « », a narrow one before ; ! ?,
    /// where the text has a plain space (so "https://" and "10:30" are left alone).
    pub fn typography(&self, text: &str) -> String {
        if self.lang != "fr" {
            return text.to_string();
        }
        // One pass: every catalog message is spaced as it is formatted.
        let mut out = String::with_capacity(text.len() + 8);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                (' ', Some(':' | '»')) => out.push('\u{a0}'),
                (' ', Some(';' | '!' | '?')) => out.push('\u{202f}'),
                ('«', Some(' ')) => {
                    chars.next();
                    out.push_str("«\u{a0}");
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// An integer with the edition's grouping ("304,021,813", "304 021 813"). Four-digit
    /// numbers are not grouped in French and Spanish ("2022", "1500"), as their style guides say.
    pub fn integer(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let sign = if n < 0 { "−" } else { "" };
        if self.lang != "en" && digits.len() <= 4 {
            return format!("{sign}{digits}");
        }
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&self.group);
            }
            out.push(c);
        }
        format!("{sign}{out}")
    }

    /// A decimal number with `places` digits after the edition's decimal sign ("1.1", "1,1").
    pub fn decimal(&self, n: f64, places: usize) -> String {
        let text = format!("{n:.places$}");
        match text.split_once('.') {
            Some((whole, fraction)) => {
                let whole: i64 = whole.parse().unwrap_or(0);
                let whole = if whole == 0 && text.starts_with('-') {
                    "−0".to_string()
                } else {
                    self.integer(whole)
                };
                format!("{whole}{}{fraction}", self.decimal)
            }
            None => self.integer(text.parse().unwrap_or(0)),
        }
    }

    /// "2022-05-17" -> "17 May 2022", "17 mai 2022", "17 de mayo de 2022"; other text unchanged.
    pub fn date(&self, date: &str) -> String {
        match ymd(date) {
            Some((y, m, d)) => self.t(
                "date",
                &crate::args!["day" => d, "month" => self.month(m), "year" => y],
            ),
            None => date.to_string(),
        }
    }

    /// "17–20 May 2022" from two dates of the same month, else both in full.
    pub fn date_range(&self, start: &str, end: &str) -> String {
        match (ymd(start), ymd(end)) {
            (Some((y1, m1, d1)), Some((y2, m2, d2))) if (y1, m1) == (y2, m2) => self.t(
                "date-range-month",
                &crate::args!["first" => d1, "last" => d2, "month" => self.month(m1), "year" => y1],
            ),
            _ => self.t(
                "date-range",
                &crate::args!["start" => self.date(start), "end" => self.date(end)],
            ),
        }
    }

    /// "2020-06-04" -> "4 June 2020", "2023-11" -> "November 2023"; other text unchanged.
    pub fn month_date(&self, date: &str) -> String {
        if ymd(date).is_some() {
            return self.date(date);
        }
        match ym(date) {
            Some((y, m)) => self.t(
                "month-year",
                &crate::args!["month" => self.month(m), "year" => y],
            ),
            None => date.to_string(),
        }
    }

    /// As [`Edition::month_date`], with the month abbreviated as the UN does in tables
    /// ("Nov. 2023", "nov. 2023", "nov. de 2023").
    pub fn short_month_date(&self, date: &str) -> String {
        let month = |m: u32| self.t(&format!("month-short-{m}"), &FluentArgs::new());
        if let Some((y, m, d)) = ymd(date) {
            return self.t(
                "date",
                &crate::args!["day" => d, "month" => month(m), "year" => y],
            );
        }
        match ym(date) {
            Some((y, m)) => self.t(
                "month-year",
                &crate::args!["month" => month(m), "year" => y],
            ),
            None => date.to_string(),
        }
    }

    fn month(&self, m: u32) -> String {
        self.t(&format!("month-{m}"), &FluentArgs::new())
    }
}

fn ymd(date: &str) -> Option<(u32, u32, u32)> {
    let mut parts = date.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m, d))
}

fn ym(date: &str) -> Option<(u32, u32)> {
    let (y, m) = date.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

fn located(file: &str, line: usize, message: String) -> Problem {
    Problem::new(Path::new(file), Some(line), "", message)
}

/// The ids of the messages `text` defines, with their lines (terms and comments left out).
fn message_lines(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let first = id.chars().next()?;
            (first.is_ascii_alphabetic()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| (id.to_string(), i + 1))
        })
        .collect()
}

/// The languages `templates` has a catalog for, shipped first.
pub fn available(templates: &Templates) -> Vec<String> {
    let mut have: BTreeSet<String> = crate::defaults::template_set()
        .into_iter()
        .filter_map(|(name, _)| lang_of_catalog(&name))
        .collect();
    if let Some(dir) = templates.dir() {
        if let Ok(entries) = std::fs::read_dir(dir.join("locales")) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if check_code(&name).is_ok() && entry.path().join("common.ftl").is_file() {
                    have.insert(name);
                }
            }
        }
    }
    let mut ordered: Vec<String> = SHIPPED
        .iter()
        .filter(|l| have.remove(**l))
        .map(|l| l.to_string())
        .collect();
    ordered.extend(have);
    ordered
}

fn lang_of_catalog(name: &str) -> Option<String> {
    let rest = name.strip_prefix("locales/")?;
    let (lang, file) = rest.split_once('/')?;
    (file == "common.ftl").then(|| lang.to_string())
}

/// The editions of a build, English (the reference every catalog is checked against) first when
/// it is built. Loaded once per build.
pub struct Editions {
    pub list: Vec<Edition>,
}

impl Editions {
    /// Loads `langs` (deduplicated, in the order given); every catalog is checked against the
    /// English one, which is loaded for that even when English is not built.
    pub fn load(langs: &[String], templates: &Templates, data: &Path) -> Result<Editions> {
        let mut seen = BTreeSet::new();
        let langs: Vec<&String> = langs.iter().filter(|l| seen.insert(*l)).collect();
        let english = Edition::load("en", templates, data)?;
        let mut problems = Vec::new();
        let mut list = Vec::new();
        for lang in langs {
            let edition = Edition::load(lang, templates, data)?;
            problems.extend(edition.missing_from(&english.catalog));
            list.push(edition);
        }
        if !problems.is_empty() {
            return Err(Error::Data(problems));
        }
        Ok(Editions { list })
    }

    /// The edition of `lang`.
    pub fn get(&self, lang: &str) -> &Edition {
        self.list
            .iter()
            .find(|e| e.lang == lang)
            .unwrap_or(&self.list[0])
    }
}

/// The output folder prefix of an edition: none for English (its files stay where they are),
/// `fr/` for French.
pub fn prefix(lang: &str) -> String {
    if lang == "en" {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// The languages a build makes by default.
pub fn default_langs() -> Vec<String> {
    vec!["en".to_string()]
}

/// For `check`: each edition's stale and missing prose translations, by language.
pub fn translation_report(data: &Path, langs: &[String]) -> Result<BTreeMap<String, Stale>> {
    langs
        .iter()
        .filter(|l| *l != "en")
        .map(|l| Ok((l.clone(), stale_translations(data, l)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(lang: &str) -> Catalog {
        Catalog::load(lang, &Templates::embedded()).unwrap()
    }

    #[test]
    fn dates_follow_the_edition() {
        let (en, fr, es) = (catalog("en"), catalog("fr"), catalog("es"));
        assert_eq!(en.date_range("2022-05-17", "2022-05-20"), "17–20 May 2022");
        assert_eq!(fr.date_range("2022-05-17", "2022-05-20"), "17–20 mai 2022");
        assert_eq!(
            es.date_range("2022-05-17", "2022-05-20"),
            "17–20 de mayo de 2022"
        );
        assert_eq!(fr.date("2022-05-01"), "1er mai 2022");
        assert_eq!(es.date("2018-12-19"), "19 de diciembre de 2018");
        assert_eq!(en.month_date("2023-11"), "November 2023");
        assert_eq!(en.short_month_date("2021-09-01"), "1 Sept. 2021");
        assert_eq!(fr.short_month_date("2023-11"), "nov. 2023");
        assert_eq!(es.month_date("2023-11"), "noviembre de 2023");
        assert_eq!(en.date("an article"), "an article");
    }

    #[test]
    fn french_spacing_is_applied_where_a_space_is_typed() {
        let fr = catalog("fr");
        assert_eq!(
            fr.typography("« oui » ; non : peut-être ? https://x"),
            "«\u{a0}oui\u{a0}»\u{202f}; non\u{a0}: peut-être\u{202f}? https://x"
        );
    }

    #[test]
    fn every_shipped_catalog_has_every_english_message() {
        let en = catalog("en");
        for lang in ["fr", "es"] {
            let missing = catalog(lang).missing_from(&en);
            assert!(missing.is_empty(), "{lang}: {missing:?}");
        }
    }

    #[test]
    fn a_missing_message_is_named_with_its_english_line() {
        let en = catalog("en");
        let mut fr = catalog("fr");
        fr.defined.remove("month-5");
        let missing = fr.missing_from(&en);
        assert_eq!(missing.len(), 1);
        assert!(missing[0].message.contains("`month-5`"), "{missing:?}");
        assert!(missing[0].file.ends_with("locales/en/common.ftl"));
        assert!(missing[0].line.is_some());
    }
}
