//! `--shard I/N`: the plan dealt over the jobs of a CI matrix, balanced by estimated cost.

use super::{regions, Brief, Kind};
use crate::error::{Error, Result};
use crate::model::Dataset;

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
    use super::super::plan;
    use super::*;

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
