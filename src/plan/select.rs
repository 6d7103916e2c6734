//! Which briefs a selection names: `--by` kinds, and `--only` arguments and a pack's list as
//! brief keys (comma lists, objective numbers, ISO3 codes, region slugs and English country or
//! region names); an unknown key suggests the closest one.

use super::{Brief, Kind};
use crate::error::{Error, Result};
use crate::load::regions::slug;

/// Narrows a plan to the kinds and keys asked for; an `--only` key that matches nothing is an error.
pub fn select(briefs: Vec<Brief>, kinds: &[Kind], only: &[String]) -> Result<Vec<Brief>> {
    let wanted = resolve(&briefs, only)?;
    Ok(briefs
        .into_iter()
        .filter(|b| kinds.is_empty() || kinds.contains(&b.kind))
        .filter(|b| wanted.is_empty() || wanted.contains(&b.key))
        .collect())
}

/// The keys asked for by `only`, in order, each matching a brief of `briefs`.
pub fn resolve(briefs: &[Brief], only: &[String]) -> Result<Vec<String>> {
    let mut keys = Vec::new();
    for given in only.iter().flat_map(|o| o.split(',')).map(str::trim) {
        if given.is_empty() {
            continue;
        }
        match find(briefs, given) {
            Some(key) => {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            None => return Err(unknown(briefs, given)),
        }
    }
    // `--only ""` (an unset variable in a script) names nothing: not "everything".
    if !only.is_empty() && keys.is_empty() {
        return Err(Error::Usage(
            "--only: no key given (an empty selection); leave out --only to build everything"
                .into(),
        ));
    }
    Ok(keys)
}

/// The key of the brief `given` names (a key in any spelling, or an English name), if any.
pub fn find(briefs: &[Brief], given: &str) -> Option<String> {
    let key = normalize_key(given);
    if briefs.iter().any(|b| b.key == key) {
        Some(key)
    } else {
        by_name(briefs, given)
    }
}

/// "did you mean `NGA` (Nigeria)?" for the brief nearest to `given`, if one is near enough.
pub fn suggestion(briefs: &[Brief], given: &str) -> Option<String> {
    closest(briefs, given).map(|b| format!("did you mean `{}` ({})?", b.key, b.title))
}

/// A delegation or region brief whose title (the English name) is `name`, ignoring case.
fn by_name(briefs: &[Brief], name: &str) -> Option<String> {
    briefs
        .iter()
        .filter(|b| matches!(b.kind, Kind::Delegation | Kind::Region))
        .find(|b| fold(&b.title) == fold(name))
        .map(|b| b.key.clone())
}

fn unknown(briefs: &[Brief], given: &str) -> Error {
    let mut message = format!(
        "--only {given}: no brief has this key (use an objective number, an ISO3 code, a country or region name or a region slug; `imrf-briefs list` shows them)"
    );
    if let Some(suggestion) = suggestion(briefs, given) {
        message.push_str(&format!("\n  {suggestion}"));
    }
    Error::Usage(message)
}

/// The brief whose key or name is nearest to `given`, if near enough to be a likely typo.
fn closest<'a>(briefs: &'a [Brief], given: &str) -> Option<&'a Brief> {
    let given = &fold(given);
    briefs
        .iter()
        .flat_map(|b| {
            let mut names = vec![fold(&b.key)];
            if matches!(b.kind, Kind::Delegation | Kind::Region) {
                names.push(fold(&b.title));
            }
            names
                .into_iter()
                .map(move |n| (strsim::jaro_winkler(given, &n), b))
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, b)| b)
}

/// Lower case, with `-` and `_` read as spaces and a typographic apostrophe as a straight one
/// ("Côte d'Ivoire" typed finds "Côte d’Ivoire").
fn fold(text: &str) -> String {
    text.to_lowercase()
        .replace(['-', '_'], " ")
        .replace(['\u{2019}', '\u{2018}'], "'")
}
/// "5" -> "05", "mex" -> "MEX", "Western Africa" -> "western-africa".
fn normalize_key(key: &str) -> String {
    let key = key.trim();
    if let Ok(n) = key.parse::<u8>() {
        return format!("{n:02}");
    }
    if key.len() == 3 && key.chars().all(|c| c.is_ascii_alphabetic()) {
        return key.to_ascii_uppercase();
    }
    if key.eq_ignore_ascii_case("overview") {
        return "overview".into();
    }
    slug(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalize() {
        assert_eq!(normalize_key("5"), "05");
        assert_eq!(normalize_key("mex"), "MEX");
        assert_eq!(normalize_key("Western Africa"), "western-africa");
    }
}
