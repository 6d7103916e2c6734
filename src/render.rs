//! Rendering: minijinja templates -> Typst source, with every interpolated value made literal.
//!
//! Templates are named `*.typ.j2`. Auto-escaping is on for all of them: `{{ value }}` becomes a
//! Typst string literal in markup (`#"..."; `), so no data string is ever run as Typst code or
//! read as markup. `{{ value | lit }}` gives a Typst literal (string, array, dictionary) for code positions;
//! `{{ markup | safe }}` passes trusted markup through.

use std::fmt::Write as _;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use serde::Serialize;

use crate::defaults::Templates;
use crate::files::Refusal;
use crate::i18n::Catalog;

/// How many instructions one render may run: far above what a real brief needs (a few hundred
/// thousand), low enough that a template looping forever fails within seconds.
pub const FUEL: u64 = 200_000_000;

/// The most one render may write: far above a real brief's source (under 1 MB), low enough that a
/// template printing in a runaway loop fails before it fills memory.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024 * 1024;

/// Templates larger than this are refused.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// The escape mode name minijinja carries for our templates.
const TYPST: AutoEscape = AutoEscape::Custom("typst");

/// The loaded template environment for one set of templates.
pub struct Renderer {
    env: Environment<'static>,
    templates: Templates,
    catalogs: Catalogs,
}

/// The message catalogs templates read through `t()` and `num`, by language: loaded when a
/// brief of the language is first rendered (or handed over by the build), then kept.
#[derive(Clone)]
struct Catalogs {
    templates: Templates,
    loaded: Arc<Mutex<HashMap<String, Arc<Catalog>>>>,
}

impl Catalogs {
    /// The catalog of the context's `lang` (English when it has none).
    fn of(&self, state: &State) -> Result<Arc<Catalog>, Error> {
        let lang = state
            .lookup("lang")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "en".into());
        let mut loaded = self.loaded.lock().expect("catalogs");
        if let Some(catalog) = loaded.get(&lang) {
            return Ok(Arc::clone(catalog));
        }
        let catalog = Arc::new(
            Catalog::load(&lang, &self.templates)
                .map_err(|err| Error::new(ErrorKind::InvalidOperation, err.to_string()))?,
        );
        loaded.insert(lang, Arc::clone(&catalog));
        Ok(catalog)
    }
}

/// A template failure, located in the template file.
#[derive(Debug)]
pub struct RenderError {
    pub template: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.template, self.message),
            None => write!(f, "{}: {}", self.template, self.message),
        }
    }
}

impl From<RenderError> for crate::error::Report {
    fn from(err: RenderError) -> Self {
        crate::error::Report::located(crate::error::Located {
            file: Some(crate::error::shown_path(std::path::Path::new(
                &err.template,
            ))),
            line: err.line,
            ..crate::error::Located::error(err.message)
        })
    }
}

impl Renderer {
    /// A renderer reading `templates` (a folder's only from inside it).
    pub fn new(templates: &Templates) -> Self {
        let mut env = Environment::new();
        env.set_loader(confined_loader(templates));
        env.set_fuel(Some(FUEL));
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| TYPST);
        env.set_formatter(format_value);
        env.set_keep_trailing_newline(true);
        env.add_filter("lit", literal_filter);
        env.add_filter("printable", printable_filter);
        let catalogs = Catalogs {
            templates: templates.clone(),
            loaded: Arc::default(),
        };
        let c = catalogs.clone();
        env.add_filter("num", move |state: &State, value: Value| {
            format_number(&*c.of(state)?, value)
        });
        let c = catalogs.clone();
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<Value, Error> {
                let catalog = c.of(state)?;
                let mut args = fluent_bundle::FluentArgs::new();
                for name in kwargs.args() {
                    let value: Value = kwargs.get(name)?;
                    let value = match i64::try_from(value.clone()) {
                        Ok(n) if value.kind() == minijinja::value::ValueKind::Number => {
                            fluent_bundle::FluentValue::from(n)
                        }
                        _ => fluent_bundle::FluentValue::from(value.to_string()),
                    };
                    args.set(name.to_string(), value);
                }
                kwargs.assert_all_used()?;
                catalog
                    .message(key, &args)
                    .map(Value::from)
                    .map_err(|message| Error::new(ErrorKind::InvalidOperation, message))
            },
        );
        Renderer {
            env,
            templates: templates.clone(),
            catalogs,
        }
    }

    /// Hands the renderer a catalog the build has already loaded, so that it is parsed once.
    pub fn with_catalog(&self, catalog: Arc<Catalog>) {
        self.catalogs
            .loaded
            .lock()
            .expect("catalogs")
            .insert(catalog.lang.clone(), catalog);
    }

    /// Loads and compiles the templates `names` now, so that renders find them compiled (a
    /// template that does not compile is left for its render to report).
    pub fn preload<'a>(&self, names: impl Iterator<Item = &'a str>) {
        for name in names {
            let _ = self.env.get_template(name);
        }
    }

    /// Renders template `name` with `context` into Typst source.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String, RenderError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|err| self.error(name, &err))?;
        render_bounded(&template, Value::from_serialize(context))
            .map_err(|err| self.error(name, &err))
    }

    fn error(&self, name: &str, err: &Error) -> RenderError {
        let template = err.name().unwrap_or(name);
        let mut message = err.detail().map_or_else(
            || err.kind().to_string(),
            |d| format!("{}: {d}", err.kind()),
        );
        if err.kind() == ErrorKind::TemplateNotFound {
            message = match self.templates.dir() {
                Some(dir) => format!(
                    "template not found in {} nor in the embedded templates",
                    dir.display()
                ),
                None => "template not found in the embedded templates".into(),
            };
        }
        if let Some(limit) = over_limit(err) {
            message = limit;
        }
        RenderError {
            template: self.templates.display(template).display().to_string(),
            line: err.line(),
            message,
        }
    }
}

/// Renders `template` into a string of at most [`MAX_OUTPUT_BYTES`] (and, as the environment
/// sets, within [`FUEL`] steps).
pub(crate) fn render_bounded(
    template: &minijinja::Template,
    context: Value,
) -> Result<String, Error> {
    let mut out = Bounded(Vec::new());
    template.render_captured_to(context, &mut out)?;
    // minijinja writes whole `str`s.
    String::from_utf8(out.0).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            "the template wrote text that is not UTF-8",
        )
    })
}

/// The message for a render stopped by one of its limits (steps, output size).
pub(crate) fn over_limit(err: &Error) -> Option<String> {
    match err.kind() {
        ErrorKind::WriteFailure => Some(format!(
            "the template wrote more than the limit of {MAX_OUTPUT_BYTES} bytes (a loop that does not end?)"
        )),
        ErrorKind::OutOfFuel => Some(format!(
            "the template ran too long (more than {FUEL} steps; a loop that does not end?)"
        )),
        _ => None,
    }
}

/// A render's output, refusing to grow past [`MAX_OUTPUT_BYTES`].
struct Bounded(Vec<u8>);

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT_BYTES {
            return Err(std::io::Error::other("the render's output is too large"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Loads templates from inside the folder only (no `..`, no hidden files, no symbolic link leading
/// out of it, no device or FIFO, nothing oversized), else from the embedded set. A refused file's
/// text is never shown.
pub(crate) fn confined_loader(
    templates: &Templates,
) -> impl Fn(&str) -> Result<Option<String>, Error> + Send + Sync {
    let templates = templates.clone();
    move |name| {
        let refused = |why: &str| {
            Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("template {name:?} is refused: {why}"),
            ))
        };
        if name.starts_with('/')
            || name
                .split('/')
                .any(|s| s.is_empty() || s.starts_with('.') || s.contains('\\'))
        {
            return Ok(None);
        }
        let bytes = match templates.read(name, MAX_TEMPLATE_BYTES) {
            Ok(bytes) => bytes,
            Err(Refusal::Unresolved(err)) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None)
            }
            Err(Refusal::Unresolved(err)) => return refused(&err.to_string()),
            Err(Refusal::Outside) => return refused("it leads outside the templates folder"),
            Err(Refusal::NotRegular) => return refused("not a regular file"),
            Err(Refusal::TooLarge { limit, .. }) => {
                return refused(&format!("larger than {limit} bytes"))
            }
        };
        String::from_utf8(bytes)
            .map(Some)
            .or_else(|_| refused("not readable UTF-8 text"))
    }
}

/// Writes a value into Typst markup: strings as literals, numbers as digits, nothing for none.
fn format_value(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if state.auto_escape() != TYPST || value.is_safe() {
        return write!(out, "{value}").map_err(Error::from);
    }
    let text = match value.kind() {
        minijinja::value::ValueKind::None | minijinja::value::ValueKind::Undefined => return Ok(()),
        minijinja::value::ValueKind::Number => return write!(out, "{value}").map_err(Error::from),
        minijinja::value::ValueKind::Bool => {
            (if value.is_true() { "true" } else { "false" }).to_string()
        }
        minijinja::value::ValueKind::String => value.to_string(),
        kind => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("cannot print a {kind} as text; loop over it or pick a field"),
            ))
        }
    };
    // The `;` ends the embedded expression, so text right after it (`.`, `(`, `[`) stays text.
    write!(out, "#{};", string_literal(&printable(&text))).map_err(Error::from)
}

/// Data text made safe for a page without changing what it says: a run of 28 or more letters and
/// digits (a 300-character name) gets a zero-width break opportunity every 12 characters; explicit
/// bidi embeddings and overrides are dropped (each value keeps its own direction); at most two
/// combining marks stay on a letter, so that stacked marks cannot climb over the lines above; and
/// numeric ranges take the house style's en dash (see [`en_dashes`]).
/// Done here rather than by show rules in Typst, which cost more than the rest of a brief.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let text = curly_quotes(text);
    let text = match en_dashes(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(dashed) => dashed.into(),
    };
    match shaped(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shaped) => shaped.into(),
    }
}

/// Straight quotes and apostrophes as the house style prints them: ’ in a word ("State’s",
/// "l’objectif") and after a plural ("States’"), “ ” and ‘ ’ around a quotation (opening after a
/// space, the start or an opening bracket). Addresses are left as they are.
pub fn curly_quotes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\'', '"']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for word in text.split_inclusive(char::is_whitespace) {
        if word.starts_with("http://") || word.starts_with("https://") {
            out.push_str(word);
            continue;
        }
        let mut before: Option<char> = out.chars().next_back();
        for c in word.chars() {
            let opening = before.is_none_or(|b| b.is_whitespace() || "([{‘“—–/".contains(b));
            let curled = match c {
                '"' if opening => '“',
                '"' => '”',
                '\'' if opening => '‘',
                '\'' => '’',
                other => other,
            };
            out.push(curled);
            before = Some(curled);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A numeric range written with a hyphen takes an en dash: days ("9-10 Oct 2024", "17-20 May")
/// and years ("2021-2024"), each side one or two digits or a year from 1900 to 2099. Only a
/// range standing as a word of its own (after a space, the start or an opening parenthesis;
/// before a space, the end or punctuation): an ISO date ("2022-05-17"), a code ("COVID-19"), a
/// part of an address or a document symbol (`/2021-2024`) or a record id (`la:12-13`) is left
/// as it is.
fn en_dashes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .as_bytes()
        .windows(3)
        .any(|w| w[1] == b'-' && w[0].is_ascii_digit() && w[2].is_ascii_digit())
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let range = |word: &str| -> Option<usize> {
        let word = word.strip_prefix('(').unwrap_or(word);
        let word = word.trim_end_matches(|c: char| ",.;:)".contains(c));
        let (first, last) = word.split_once('-')?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let year = |s: &str| s.len() == 4 && (s.starts_with("19") || s.starts_with("20"));
        let fits = (first.len() <= 2 && last.len() <= 2) || (year(first) && year(last));
        (all_digits(first) && all_digits(last) && fits).then_some(first.len())
    };
    let mut out = String::with_capacity(text.len() + 8);
    for word in text.split_inclusive(char::is_whitespace) {
        let at = word.len() - word.trim_start_matches('(').len();
        match range(word.trim_end()) {
            Some(first) => {
                let dash = at + first;
                out.push_str(&word[..dash]);
                out.push('–');
                out.push_str(&word[dash + 1..]);
            }
            _ => out.push_str(word),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Long runs broken, bidi controls and stacked marks dropped (see [`printable`]).
fn shaped(text: &str) -> std::borrow::Cow<'_, str> {
    const RUN: usize = 28;
    const CHUNK: usize = 12;
    let is_bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let is_mark = |c: char| matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}');
    let mut run = 0;
    let mut marks = 0;
    let mut needs = false;
    for c in text.chars() {
        run = if c.is_alphanumeric() { run + 1 } else { 0 };
        marks = if is_mark(c) { marks + 1 } else { 0 };
        if run >= RUN || marks > 2 || is_bidi(c) {
            needs = true;
            break;
        }
    }
    if !needs {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let words: Vec<&str> = text
        .split_inclusive(|c: char| !c.is_alphanumeric())
        .collect();
    let mut marks = 0;
    for word in words {
        let letters = word.chars().filter(|c| c.is_alphanumeric()).count();
        for (i, c) in word.chars().enumerate() {
            if is_bidi(c) {
                continue;
            }
            marks = if is_mark(c) { marks + 1 } else { 0 };
            if marks > 2 {
                continue;
            }
            if letters >= RUN && i > 0 && i % CHUNK == 0 && c.is_alphanumeric() {
                out.push('\u{200B}');
            }
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `{{ value | printable | lit }}`: data text handed to a library function as a string, made
/// `printable` as `{{ value }}` text is (also each string of an array or a map, at any depth);
/// other values unchanged.
fn printable_filter(value: Value) -> Result<Value, Error> {
    use minijinja::value::ValueKind;
    Ok(match value.kind() {
        ValueKind::String => {
            Value::from(printable(value.as_str().unwrap_or_default()).into_owned())
        }
        ValueKind::Seq => value
            .try_iter()?
            .map(printable_filter)
            .collect::<Result<Vec<_>, _>>()?
            .into(),
        ValueKind::Map => value
            .try_iter()?
            .map(|key| Ok((key.clone(), printable_filter(value.get_item(&key)?)?)))
            .collect::<Result<std::collections::BTreeMap<_, _>, Error>>()?
            .into(),
        _ => value,
    })
}

/// `{{ n | num }}`: a number with thousands separators ("1,234").
fn format_number(catalog: &Catalog, value: Value) -> Result<Value, Error> {
    let n = i64::try_from(value.clone()).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("`{value}` is not a whole number"),
        )
    })?;
    Ok(Value::from_safe_string(catalog.integer(n)))
}

/// `{{ value | lit }}`: the value as a Typst literal for code positions: strings quoted, numbers,
/// booleans, `none`, arrays `(a, b,)` and dictionaries `("key": value)`, keys in sorted order (so
/// that a brief does not change when the fields of a context struct are declared in another order).
fn literal_filter(value: Value) -> Result<Value, Error> {
    let mut out = String::new();
    write_literal(&mut out, &value)?;
    Ok(Value::from_safe_string(out))
}

fn write_literal(out: &mut String, value: &Value) -> Result<(), Error> {
    use minijinja::value::ValueKind;
    match value.kind() {
        ValueKind::None | ValueKind::Undefined => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            let _ = write!(out, "{value}");
        }
        // Text handed to a library function prints in the house style's quotes, as `{{ value }}`
        // text does (key points, titles, notes; an address is left as it is).
        ValueKind::String => out.push_str(&string_literal(&curly_quotes(
            value.as_str().unwrap_or_default(),
        ))),
        ValueKind::Seq | ValueKind::Iterable => {
            let items: Vec<Value> = value.try_iter()?.collect();
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_literal(out, item)?;
            }
            // A one-element array needs a trailing comma, else it is a parenthesized value.
            out.push_str(if items.len() == 1 { ",)" } else { ")" });
        }
        ValueKind::Map => {
            let mut keys: Vec<Value> = value.try_iter()?.collect();
            keys.sort_by_cached_key(Value::to_string);
            out.push('(');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&string_literal(&key.to_string()));
                out.push_str(": ");
                write_literal(out, &value.get_item(key)?)?;
            }
            out.push_str(if keys.is_empty() { ":)" } else { ")" });
        }
        kind => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("a {kind} has no Typst literal"),
            ));
        }
    }
    Ok(())
}

/// A Typst string literal holding `text` exactly.
pub fn string_literal(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    for c in text.chars() {
        match c {
            '\\' => literal.push_str("\\\\"),
            '"' => literal.push_str("\\\""),
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            '\t' => literal.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(literal, "\\u{{{:x}}}", c as u32);
            }
            c => literal.push(c),
        }
    }
    literal.push('"');
    literal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_apostrophes_curl_outside_addresses() {
        assert_eq!(
            printable("the State's plan, the States' votes, l'objectif"),
            "the State’s plan, the States’ votes, l’objectif"
        );
        assert_eq!(
            printable("a \"whole-of-society\" approach ('Il se compose')"),
            "a “whole-of-society” approach (‘Il se compose’)"
        );
        let address = "see https://x.org/a'b\"c";
        assert_eq!(printable(address), address);
    }

    #[test]
    fn long_runs_break_and_bidi_overrides_and_stacked_marks_go() {
        assert_eq!(printable("short words stay"), "short words stay");
        assert_eq!(
            printable("held on 9-10 Oct 2024 (24-25 Feb), plan 2021-2024: done."),
            "held on 9–10 Oct 2024 (24–25 Feb), plan 2021–2024: done."
        );
        for kept in [
            "2022-05-17",
            "COVID-19",
            "https://example.org/plan-2021-2024 and /2021-2024",
            "id la:12-13",
            "2023 - 2026",
            "10-2024",
            "1850-1900",
        ] {
            assert_eq!(printable(kept), kept);
        }
        let long = "a".repeat(30);
        let out = printable(&long);
        assert_eq!(out.matches('\u{200B}').count(), 2);
        assert_eq!(out.replace('\u{200B}', ""), long);
        assert_eq!(printable("x\u{202E}y\u{202C}"), "xy");
        assert_eq!(
            printable("Z\u{301}\u{302}\u{303}\u{304}o"),
            "Z\u{301}\u{302}o"
        );
    }

    #[test]
    fn the_printable_filter_treats_strings_in_arrays_and_maps_alone() {
        let long = Value::from("a".repeat(30));
        let out = printable_filter(long).unwrap();
        assert_eq!(out.as_str().unwrap().matches('\u{200B}').count(), 2);
        let items = printable_filter(Value::from(vec!["x\u{202E}y", "ok"])).unwrap();
        assert_eq!(items, Value::from(vec!["xy", "ok"]));
        let row = Value::from_serialize(
            serde_json::json!({"name": "x\u{202E}y", "roles": ["a\u{202E}"], "n": 3}),
        );
        let out = printable_filter(row).unwrap();
        assert_eq!(out.get_attr("name").unwrap(), Value::from("xy"));
        assert_eq!(out.get_attr("roles").unwrap(), Value::from(vec!["a"]));
        assert_eq!(out.get_attr("n").unwrap(), Value::from(3));
        assert_eq!(printable_filter(Value::from(7)).unwrap(), Value::from(7));
        assert!(printable_filter(Value::from(())).unwrap().is_none());
    }

    #[test]
    fn string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\ny\u{7}"), r#""x\ny\u{7}""#);
        assert_eq!(
            string_literal("#read(\"/etc/passwd\")"),
            r##""#read(\"/etc/passwd\")""##
        );
    }

    fn render(template: &str, value: &str) -> String {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| TYPST);
        env.set_formatter(format_value);
        env.add_filter("lit", literal_filter);
        env.add_template("t", template).unwrap();
        env.get_template("t")
            .unwrap()
            .render(minijinja::context! { v => value, n => 1234567 })
            .unwrap()
    }

    #[test]
    fn interpolations_are_literals_unless_marked_safe() {
        assert_eq!(render("= {{ v }}.", "*x*"), "= #\"*x*\";.");
        // A literal is text too: in the house style's quotes.
        assert_eq!(
            render("#let a = {{ v | lit }}", "l'a \"b\""),
            "#let a = \"l’a “b”\""
        );
        assert_eq!(render("{{ v | safe }}", "*x*"), "*x*");
        assert_eq!(render("{{ n }}", ""), "1234567");
    }

    #[test]
    fn literals_cover_nested_values() {
        let value = Value::from_serialize(
            serde_json::json!({"a": [1, "x"], "b": null, "c": [], "d": {}, "e": [true]}),
        );
        assert_eq!(
            literal_filter(value).unwrap().to_string(),
            r#"("a": (1, "x"), "b": none, "c": (), "d": (:), "e": (true,))"#
        );
    }

    #[test]
    fn literal_dictionaries_list_keys_in_sorted_order() {
        #[derive(Serialize)]
        struct Bar {
            value: u32,
            label: &'static str,
        }
        let value = Value::from_serialize(Bar {
            value: 3,
            label: "x",
        });
        assert_eq!(
            literal_filter(value).unwrap().to_string(),
            r#"("label": "x", "value": 3)"#
        );
    }

    #[test]
    fn numbers_get_thousands_separators() {
        let templates = Templates::embedded();
        let en = Catalog::load("en", &templates).unwrap();
        let fr = Catalog::load("fr", &templates).unwrap();
        let es = Catalog::load("es", &templates).unwrap();
        let num = |c: &Catalog, n: i64| format_number(c, Value::from(n)).unwrap().to_string();
        assert_eq!(num(&en, 1234567), "1,234,567");
        assert_eq!(num(&en, 12), "12");
        assert_eq!(num(&fr, 304021813), "304\u{202f}021\u{202f}813");
        assert_eq!(num(&fr, 2022), "2022");
        assert_eq!(num(&es, 304021813), "304\u{202f}021\u{202f}813");
        assert_eq!(fr.decimal(1.1, 1), "1,1");
        assert_eq!(en.decimal(1.1, 1), "1.1");
    }
}
