//! Planning: the list of briefs to build from a dataset, and the selections (`--by`, `--only`,
//! `--shard`) that narrow it.

use std::path::PathBuf;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::cli::Kind;
use crate::error::{Error, Result};
use crate::model::{Country, Dataset};

/// One brief to build.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    pub kind: Kind,
    /// The key `--only` matches: "overview", "05", "MEX" or a region slug.
    pub key: String,
    pub title: String,
    /// The output path relative to the output folder, without extension.
    pub stem: String,
    /// The minijinja template that renders it.
    pub template: String,
}

impl Brief {
    /// The PDF's path relative to the output folder.
    pub fn path(&self, extension: &str) -> PathBuf {
        PathBuf::from(format!("{}.{extension}", self.stem))
    }
}

/// A geographic grouping of countries: an M49 region, sub-region or intermediate region.
#[derive(Debug, Clone, Serialize)]
pub struct Region {
    pub slug: String,
    pub name: String,
    /// "Region", "Sub-region" or "Intermediate region".
    pub level: &'static str,
    pub parent: Option<String>,
    pub iso3: Vec<String>,
}

/// The M49 regions, sub-regions and intermediate regions that have countries, in M49 order.
pub fn regions(countries: &[Country]) -> Vec<Region> {
    let mut regions: Vec<((usize, String), Region)> = Vec::new();
    for c in countries {
        let levels = [
            (&c.region_code, &c.region, "Region", None),
            (
                &c.subregion_code,
                &c.subregion,
                "Sub-region",
                Some(&c.region),
            ),
            (
                &c.intermediate_region_code,
                &c.intermediate_region,
                "Intermediate region",
                Some(&c.subregion),
            ),
        ];
        for (rank, (code, name, level, parent)) in levels.into_iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            match regions.iter_mut().find(|(_, r)| &r.name == name) {
                Some((_, region)) => region.iso3.push(c.iso3.clone()),
                None => regions.push((
                    (rank, code.clone()),
                    Region {
                        slug: region_slug(name, code),
                        name: name.clone(),
                        level,
                        parent: parent.cloned(),
                        iso3: vec![c.iso3.clone()],
                    },
                )),
            }
        }
    }
    regions.sort_by(|a, b| a.0.cmp(&b.0));
    regions.into_iter().map(|(_, r)| r).collect()
}

/// A region's slug; a name without letters or digits falls back to its M49 code (or a hash of the
/// name), so that it never gives an empty or hidden file name.
fn region_slug(name: &str, code: &str) -> String {
    let slug = slug(name);
    if !slug.is_empty() {
        return slug;
    }
    let code = self::slug(code);
    if code.is_empty() {
        let digest = Sha256::digest(name.as_bytes());
        format!("region-{:02x}{:02x}{:02x}", digest[0], digest[1], digest[2])
    } else {
        format!("region-{code}")
    }
}

/// "Latin America and the Caribbean" -> "latin-america-and-the-caribbean".
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Every brief the dataset calls for, in a stable order: overview, objectives, regions, delegations.
pub fn plan(dataset: &Dataset) -> Vec<Brief> {
    let mut briefs = vec![Brief {
        kind: Kind::Overview,
        key: "overview".into(),
        title: format!("{}: overview", dataset.forum.forum.short_name),
        stem: "overview".into(),
        template: "overview.typ.j2".into(),
    }];
    for o in &dataset.compact.objectives {
        briefs.push(Brief {
            kind: Kind::Objective,
            key: format!("{:02}", o.number.get()),
            title: format!("Objective {}: {}", o.number, o.short_label),
            stem: format!("objectives/objective-{:02}", o.number.get()),
            template: "objective.typ.j2".into(),
        });
    }
    for r in regions(&dataset.countries) {
        briefs.push(Brief {
            kind: Kind::Region,
            title: r.name.clone(),
            stem: format!("regions/{}", r.slug),
            key: r.slug,
            template: "region.typ.j2".into(),
        });
    }
    for c in &dataset.countries {
        briefs.push(Brief {
            kind: Kind::Delegation,
            key: c.iso3.clone(),
            title: c.name.clone(),
            stem: format!("delegations/{}", c.iso3),
            template: "delegation.typ.j2".into(),
        });
    }
    briefs
}

/// Narrows a plan to the kinds and keys asked for; an `--only` key that matches nothing is an error.
pub fn select(briefs: Vec<Brief>, kinds: &[Kind], only: &[String]) -> Result<Vec<Brief>> {
    let wanted = crate::keys::resolve(&briefs, only)?;
    Ok(briefs
        .into_iter()
        .filter(|b| kinds.is_empty() || kinds.contains(&b.kind))
        .filter(|b| wanted.is_empty() || wanted.contains(&b.key))
        .collect())
}

/// "5" -> "05", "mex" -> "MEX", "Western Africa" -> "western-africa".
pub(crate) fn normalize_key(key: &str) -> String {
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

/// A `--shard I/N` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || {
            Error::Usage(format!(
                "--shard {text}: expected I/N with 1 <= I <= N, e.g. 2/4"
            ))
        };
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            i.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Whether this shard builds `brief`: decided by a hash of its kind and key, so a brief stays
    /// in its shard when others are added or removed.
    pub fn contains(&self, brief: &Brief) -> bool {
        let digest = Sha256::digest(format!("{:?}/{}", brief.kind, brief.key));
        let n = u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]]);
        n % self.count == self.index - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_keys_normalize() {
        assert_eq!(
            slug("Latin America and the Caribbean"),
            "latin-america-and-the-caribbean"
        );
        assert_eq!(
            slug("Australia and New Zealand"),
            "australia-and-new-zealand"
        );
        assert_eq!(normalize_key("5"), "05");
        assert_eq!(normalize_key("mex"), "MEX");
        assert_eq!(normalize_key("Western Africa"), "western-africa");
        assert_eq!(region_slug("!!!", "011"), "region-011");
        assert!(region_slug("...", "").starts_with("region-"));
    }

    #[test]
    fn shard_arguments_are_checked() {
        assert_eq!(Shard::parse("2/4").unwrap(), Shard { index: 2, count: 4 });
        for bad in ["0/4", "5/4", "1/0", "x", "1/"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
