//! How this tool names a brief's files: `[VARIANT/][LANG/]STEM.pdf` (or `.typ`, or a file per
//! page, `STEM-NN.png` and `.svg`), where STEM is `overview`, `objectives/objective-NN`,
//! `regions/SLUG` or `delegations/ISO3`; and its binders and packs:
//! `[VARIANT/][LANG/]binders/KINDS[-selection].pdf`, `[VARIANT/][LANG/]packs/NAME.pdf`. `merge`
//! checks a shard entry's files against it and tells an earlier build's files in its output
//! folder from files people put there.

use std::collections::BTreeSet;
use std::path::Path;

use super::Variant;

/// Whether `file` is one of the files that the brief with output stem `stem` makes in `format`:
/// the stem with its extension, or for page images the stem, a page number and the extension.
pub fn owns(stem: &str, format: &str, file: &Path) -> bool {
    file.to_str().and_then(split) == Some((stem, format))
}

/// Whether `file` (relative to the output folder) is named as a brief's file of some variant and
/// edition. A region's stem is its slug, a free name: only the slugs in `region_slugs` count.
pub fn is_brief_file(file: &Path, region_slugs: &BTreeSet<String>) -> bool {
    let Some((stem, _)) = file.to_str().and_then(split) else {
        return false;
    };
    let stem = unprefixed(stem);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match stem.split_once('/') {
        None => stem == "overview",
        Some(("objectives", name)) => name
            .strip_prefix("objective-")
            .is_some_and(|n| digits(n, 2)),
        Some(("regions", slug)) => region_slugs.contains(slug),
        Some(("delegations", iso3)) => {
            iso3.len() == 3 && iso3.bytes().all(|b| b.is_ascii_uppercase())
        }
        _ => false,
    }
}

/// The binders' names, one per kind (`binders/objectives.pdf`), as `batch::bind` writes them.
pub const BINDER_NAMES: [&str; 4] = ["overview", "objectives", "regions", "delegations"];

/// Whether `file` (relative to the output folder) is named as a binder's or a pack's PDF of some
/// variant and edition. A pack's name is a free name: only the names in `pack_names` (the
/// project file's) count.
pub fn is_bound_file(file: &Path, pack_names: &BTreeSet<String>) -> bool {
    let Some(stem) = file.to_str().and_then(|f| f.strip_suffix(".pdf")) else {
        return false;
    };
    match unprefixed(stem).split_once('/') {
        Some(("binders", name)) => {
            let name = name.strip_suffix("-selection").unwrap_or(name);
            BINDER_NAMES.contains(&name)
        }
        Some(("packs", name)) => pack_names.contains(name),
        _ => false,
    }
}

/// `stem` without the folders of a variant other than the default and of an edition other than
/// English (`us-letter/fr/delegations/MEX` -> `delegations/MEX`).
fn unprefixed(mut stem: &str) -> &str {
    if let Some((first, rest)) = stem.split_once('/') {
        if Variant::all()
            .iter()
            .any(|v| !v.is_default() && v.name() == first)
        {
            stem = rest;
        }
    }
    if let Some((first, rest)) = stem.split_once('/') {
        if crate::i18n::check_code(first).is_ok() {
            stem = rest;
        }
    }
    stem
}

/// A brief file's stem and format: `delegations/MEX.pdf` -> (`delegations/MEX`, "pdf"),
/// `objectives/objective-05-02.png` -> (`objectives/objective-05`, "png").
fn split(file: &str) -> Option<(&str, &str)> {
    let (stem, format) = file.rsplit_once('.')?;
    match format {
        "pdf" | "typ" => Some((stem, format)),
        "png" | "svg" => {
            let (stem, page) = stem.rsplit_once('-')?;
            let numbered = !page.is_empty() && page.bytes().all(|b| b.is_ascii_digit());
            numbered.then_some((stem, format))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_files_are_told_from_other_files() {
        let slugs = BTreeSet::from(["latin-america".to_string()]);
        for ours in [
            "overview.pdf",
            "delegations/ZZZ.pdf",
            "fr/delegations/MEX.typ",
            "us-letter-pdf-ua-1/es/objectives/objective-05-03.png",
            "regions/latin-america-01.svg",
        ] {
            assert!(is_brief_file(Path::new(ours), &slugs), "{ours}");
        }
        for theirs in [
            "keep.pdf",
            "delegations/notes.txt",
            "delegations/mex.pdf",
            "objectives/reading-list.pdf",
            "regions/my-notes.pdf",
            "objectives/objective-05.png",
            "binders/objectives.pdf",
            "mine/delegations/MEX.pdf",
        ] {
            assert!(!is_brief_file(Path::new(theirs), &slugs), "{theirs}");
        }
    }

    #[test]
    fn binder_and_pack_files_are_told_from_other_files() {
        let packs = BTreeSet::from(["geneva".to_string()]);
        for ours in [
            "binders/objectives.pdf",
            "binders/delegations-selection.pdf",
            "fr/binders/overview.pdf",
            "us-letter-one-sided/es/binders/regions.pdf",
            "packs/geneva.pdf",
            "one-sided/fr/packs/geneva.pdf",
        ] {
            assert!(is_bound_file(Path::new(ours), &packs), "{ours}");
        }
        for theirs in [
            "binders/notes.pdf",
            "binders/objectives.png",
            "binders/objectives-old.pdf",
            "packs/other.pdf",
            "mine/binders/objectives.pdf",
            "delegations/MEX.pdf",
            "objectives.pdf",
        ] {
            assert!(!is_bound_file(Path::new(theirs), &packs), "{theirs}");
        }
    }

    #[test]
    fn a_brief_owns_its_files_in_its_format() {
        let stem = "objectives/objective-05";
        assert!(owns(stem, "pdf", Path::new("objectives/objective-05.pdf")));
        assert!(owns(
            stem,
            "png",
            Path::new("objectives/objective-05-12.png")
        ));
        assert!(!owns(stem, "png", Path::new("objectives/objective-05.png")));
        assert!(!owns(stem, "pdf", Path::new("objectives/objective-06.pdf")));
        assert!(!owns(
            stem,
            "svg",
            Path::new("objectives/objective-05-.svg")
        ));
    }
}
