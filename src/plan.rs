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

    /// The briefs of this shard among `briefs` (a plan, after `--by` and `--only`), in plan order.
    ///
    /// Every brief's cost is estimated from the data (see [`cost`]) and the briefs are dealt to
    /// the shards by greedy longest-processing-time: the costliest first, each to the shard with
    /// the least work so far. The assignment depends only on `briefs` and the data, so every
    /// process given the same data and the same `--by`/`--only` agrees on it.
    pub fn select(&self, briefs: Vec<Brief>, dataset: &Dataset) -> Vec<Brief> {
        let shards = assign(&briefs, dataset, self.count);
        briefs
            .into_iter()
            .zip(shards)
            .filter(|(_, shard)| *shard == self.index - 1)
            .map(|(brief, _)| brief)
            .collect()
    }
}

/// The shard (0-based) of each brief of `briefs`, balancing the estimated costs over `count`.
pub fn assign(briefs: &[Brief], dataset: &Dataset, count: u32) -> Vec<u32> {
    let costs: Vec<u64> = briefs.iter().map(|b| cost(b, dataset)).collect();
    let mut order: Vec<usize> = (0..briefs.len()).collect();
    // Costliest first; equal costs in plan order, so the result never depends on sort stability.
    order.sort_by_key(|&i| (std::cmp::Reverse(costs[i]), i));
    let mut loads = vec![0u64; count.max(1) as usize];
    let mut shards = vec![0u32; briefs.len()];
    for i in order {
        let (shard, _) = loads
            .iter()
            .enumerate()
            .min_by_key(|(s, load)| (**load, *s))
            .expect("at least one shard");
        loads[shard] += costs[i];
        shards[i] = shard as u32;
    }
    shards
}

/// A brief's expected cost to build, in arbitrary units: a base by kind (the overview and the
/// region briefs lay out the most tables and charts) plus the records it covers: the countries
/// of a region, the pledges of an objective, a region or a delegation.
pub fn cost(brief: &Brief, dataset: &Dataset) -> u64 {
    let pledges = &dataset.pledges;
    let of_country = |iso3: &str| {
        pledges
            .iter()
            .filter(|p| p.countries.value.iter().any(|c| c == iso3))
            .count() as u64
    };
    match brief.kind {
        Kind::Overview => 4000 + 20 * pledges.len() as u64 + 10 * dataset.countries.len() as u64,
        Kind::Objective => {
            let number = brief.key.parse::<u8>().unwrap_or(0);
            let covered = pledges
                .iter()
                .filter(|p| p.objectives.value.iter().any(|o| o.get() == number))
                .count() as u64;
            1500 + 50 * covered
        }
        Kind::Region => {
            let members: Vec<String> = regions(&dataset.countries)
                .into_iter()
                .find(|r| r.slug == brief.key)
                .map(|r| r.iso3)
                .unwrap_or_default();
            let covered = pledges
                .iter()
                .filter(|p| p.countries.value.iter().any(|c| members.contains(c)))
                .count() as u64;
            1500 + 60 * members.len() as u64 + 50 * covered
        }
        Kind::Delegation => 1000 + 50 * of_country(&brief.key),
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

    #[test]
    fn shards_are_disjoint_cover_the_plan_and_balance_their_cost() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let dataset = crate::load::load(&data)
            .expect("bundled data loads")
            .dataset;
        let all = plan(&dataset);
        let mut seen = std::collections::BTreeMap::new();
        let mut costs = Vec::new();
        for index in 1..=3 {
            let shard = Shard { index, count: 3 }.select(all.clone(), &dataset);
            assert!(!shard.is_empty());
            costs.push(shard.iter().map(|b| cost(b, &dataset)).sum::<u64>());
            for b in shard {
                let id = format!("{:?}/{}", b.kind, b.key);
                assert!(
                    seen.insert(id.clone(), index).is_none(),
                    "{id} in two shards"
                );
            }
        }
        assert_eq!(seen.len(), all.len(), "the shards miss briefs");
        let (min, max) = (*costs.iter().min().unwrap(), *costs.iter().max().unwrap());
        assert!(max - min <= max / 10, "unbalanced shards: {costs:?}");
        // The overview costs more than a delegation without pledges.
        let overview = cost(&all[0], &dataset);
        assert!(all[1..].iter().all(|b| cost(b, &dataset) < overview));
        // Deterministic: the same assignment every time.
        assert_eq!(assign(&all, &dataset, 3), assign(&all, &dataset, 3));
    }
}
