//! The M49 regions, sub-regions and intermediate regions that have countries, and their slugs:
//! a property of the data (the loader checks that no two share a slug), planned as briefs.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Country;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_read_as_names() {
        assert_eq!(
            slug("Latin America and the Caribbean"),
            "latin-america-and-the-caribbean"
        );
        assert_eq!(
            slug("Australia and New Zealand"),
            "australia-and-new-zealand"
        );
        assert_eq!(region_slug("!!!", "011"), "region-011");
        assert!(region_slug("...", "").starts_with("region-"));
    }
}
