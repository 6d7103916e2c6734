//! `--shard I/N`: the plan dealt over the jobs of a CI matrix, each brief to a fixed shard.

use sha2::{Digest, Sha256};

use super::Brief;
use crate::error::{Error, Result};

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
    /// A brief's shard depends on its kind and key alone (see [`shard_of`]), never on the data or
    /// on the other briefs: a data change never moves a brief to another shard, so every shard's
    /// cached output folder stays its own from night to night, and every process agrees on the
    /// deal without talking to the others.
    pub fn select(&self, briefs: Vec<Brief>) -> Vec<Brief> {
        briefs
            .into_iter()
            .filter(|brief| shard_of(brief, self.count) == self.index - 1)
            .collect()
    }
}

/// The shard (0-based, below `count`) of `brief`: its kind and key hashed. Balanced by number
/// of briefs on average, not by cost: a whole build takes seconds, while a brief that moved
/// would be rebuilt from other history than the unsharded build's (an unchanged brief keeps
/// its earlier PDF, which prints the data hash of its day).
pub fn shard_of(brief: &Brief, count: u32) -> u32 {
    let identity = format!("{:?}/{}", brief.kind, brief.key);
    let digest = Sha256::digest(identity.as_bytes());
    let number = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
    (number % u64::from(count.max(1))) as u32
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
    fn shards_are_disjoint_cover_the_plan_and_keep_each_brief_in_any_selection() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let dataset = crate::load::load(&data)
            .expect("bundled data loads")
            .dataset;
        let all = plan(&dataset);
        let deal = || {
            let mut seen = std::collections::BTreeMap::new();
            for index in 1..=3 {
                let shard = Shard { index, count: 3 }.select(all.clone());
                // Roughly a third each (248 briefs: no shard under a quarter).
                assert!(
                    shard.len() * 4 > all.len(),
                    "shard {index}: {}",
                    shard.len()
                );
                for b in shard {
                    let id = format!("{:?}/{}", b.kind, b.key);
                    assert!(
                        seen.insert(id.clone(), index).is_none(),
                        "{id} in two shards"
                    );
                }
            }
            assert_eq!(seen.len(), all.len(), "the shards miss briefs");
            seen
        };
        // The deal reads nothing but kinds and keys (`select` takes no data), so a data change
        // cannot move a brief; tests/suite/merge.rs rebuilds restored shards over three data
        // changes.
        let before = deal();
        // A smaller selection keeps each brief's shard.
        let some: Vec<Brief> = all.iter().step_by(7).cloned().collect();
        for brief in &some {
            let alone = (1..=3)
                .find(|&index| {
                    !Shard { index, count: 3 }
                        .select(vec![brief.clone()])
                        .is_empty()
                })
                .unwrap();
            assert_eq!(before[&format!("{:?}/{}", brief.kind, brief.key)], alone);
        }
    }
}
