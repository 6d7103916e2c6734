//! Indexes over the dataset that every context of a run shares, and a brief's numbered sources.

use crate::model::{Dataset, KeyPoint, ObjectiveNo, Pledge};
use crate::plan::{regions, Region};

/// Indexes over the dataset shared by all contexts of a run.
pub struct Index<'a> {
    pub data: &'a Dataset,
    /// The edition the briefs speak: catalog, translations, names.
    pub ed: &'a crate::i18n::Edition,
    pub regions: Vec<Region>,
    /// For each pledge (by position), the ISO3 of the State that made it, if a State did.
    pub(super) pledging_state: Vec<Option<String>>,
}

impl<'a> Index<'a> {
    pub fn new(data: &'a Dataset, ed: &'a crate::i18n::Edition) -> Self {
        let pledging_state = data
            .pledges
            .iter()
            .map(|p| pledging_state(data, p))
            .collect();
        Index {
            data,
            ed,
            regions: regions(&data.countries),
            pledging_state,
        }
    }

    /// The State's short name in the edition's language (M49), or its ISO3 code if unknown.
    pub(super) fn country_name(&self, iso3: &str) -> String {
        self.data
            .countries
            .iter()
            .find(|c| c.iso3 == iso3)
            .map_or_else(
                || iso3.to_string(),
                |c| self.ed.names.country(iso3, &c.name),
            )
    }

    /// An M49 region's name in the edition's language, by its English name.
    pub(super) fn region_name(&self, english: &str) -> String {
        self.ed.names.region(english)
    }

    /// The objective's title and short label in the edition's language: the title from sourced
    /// data, else our translation marked as unofficial, else the English; the short label (the
    /// Network's hub label) in our translation.
    pub(super) fn objective_title(&self, n: ObjectiveNo) -> (String, String) {
        let o = &self.data.compact.objectives[usize::from(n.get()) - 1];
        let short = self.ed.prose(&o.short_label);
        if self.ed.lang == "en" {
            return (o.title.clone(), short);
        }
        let title = match self.ed.names.objective(n.get().into()) {
            Some(sourced) => sourced.to_string(),
            None => {
                let ours = self.ed.prose(&o.title);
                if ours == o.title {
                    ours
                } else {
                    format!("{ours} {}", self.t("unofficial-title", &crate::args![]))
                }
            }
        };
        (title, short)
    }

    /// A count as printed: as digits alone in English (as the briefs always printed counts),
    /// with the edition's grouping elsewhere.
    pub(super) fn count(&self, n: usize) -> String {
        if self.ed.lang == "en" {
            n.to_string()
        } else {
            self.ed.integer(n as i64)
        }
    }

    /// The message `key` of the edition's catalog.
    pub(super) fn t(&self, key: &str, args: &fluent_bundle::FluentArgs) -> String {
        self.ed.t(key, args)
    }

    /// The forum's key points on objective `n`.
    pub(super) fn key_points(&self, n: ObjectiveNo) -> &'a [KeyPoint] {
        let objectives = &self.data.forum.objectives;
        objectives
            .iter()
            .find(|o| o.number == n)
            .map_or(&[], |o| &o.key_points)
    }

    /// Pledges implemented in `region`: those naming one of its countries, and those naming no
    /// country but a region that lies within it. Every brief that counts a region's pledges
    /// counts these (see [`super::parts::RegionCount`]).
    pub(super) fn pledges_in_region<'s>(
        &'s self,
        region: &'s Region,
    ) -> impl Iterator<Item = &'a Pledge> + 's {
        let within = |name: &str| {
            self.regions.iter().any(|r| {
                r.name == name
                    && !r.iso3.is_empty()
                    && r.iso3.iter().all(|c| region.iso3.contains(c))
            })
        };
        self.data.pledges.iter().filter(move |p| {
            if p.countries.value.is_empty() {
                p.region.as_deref().is_some_and(within)
            } else {
                p.countries.value.iter().any(|c| region.iso3.contains(c))
            }
        })
    }

    /// Pledges whose countries of implementation include one of `iso3`.
    pub(super) fn pledges_in<'s>(
        &'s self,
        iso3: &'s [String],
    ) -> impl Iterator<Item = &'a Pledge> + 's {
        self.data
            .pledges
            .iter()
            .filter(move |p| p.countries.value.iter().any(|c| iso3.contains(c)))
    }
}

/// The State behind a pledge: its single country of implementation, or the country named in the
/// entity ("Germany (Federal Government)", "Government of Brazil"), longest name first.
pub(super) fn pledging_state(data: &Dataset, pledge: &Pledge) -> Option<String> {
    if pledge.entity_type.value != "State" {
        return None;
    }
    if let [iso3] = pledge.countries.value.as_slice() {
        return Some(iso3.clone());
    }
    data.countries
        .iter()
        .filter(|c| contains_word(&pledge.entity, &c.name))
        .max_by_key(|c| c.name.len())
        .map(|c| c.iso3.clone())
}

pub(super) fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// `text` with each percent-encoded address decoded, as a reader (and a browser's address bar)
/// shows it: "…/iraq’s-decision", not "…/iraq%E2%80%99s-decision". An address whose decoding is
/// not UTF-8 or would hold a space or a control character is left as it is. The page's link
/// encodes it again (`linked` in templates/lib/blocks.typ).
pub fn readable_urls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return text.into();
    }
    text.split(' ')
        .map(|word| {
            let decoded = (word.starts_with("https://") || word.starts_with("http://"))
                .then(|| {
                    percent_encoding::percent_decode_str(word)
                        .decode_utf8()
                        .ok()
                })
                .flatten()
                .filter(|d| !d.chars().any(|c| c.is_whitespace() || c.is_control()));
            decoded.map_or_else(|| word.to_string(), |d| d.into_owned())
        })
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// Numbered sources of one brief: each distinct citation gets a number, listed at the end.
#[derive(Default)]
pub struct Citations {
    entries: Vec<String>,
}

impl Citations {
    /// The number of `text` in this brief's source list, adding it if new. Its addresses are
    /// listed as people read them ([`readable_urls`]).
    pub fn cite(&mut self, text: &str) -> usize {
        let text = readable_urls(text);
        match self.entries.iter().position(|e| *e == text) {
            Some(i) => i + 1,
            None => {
                self.entries.push(text.into_owned());
                self.entries.len()
            }
        }
    }

    pub(super) fn summaries(&mut self, data: &Dataset, section: &str) -> usize {
        self.cite(&format!("{}, {section}.", data.forum.source.short))
    }

    /// The sources in citation order: entry `i` is source number `i + 1`.
    pub fn into_entries(self) -> Vec<String> {
        self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::readable_urls;

    #[test]
    fn addresses_are_listed_decoded_unless_decoding_would_hide_something() {
        assert_eq!(
            readable_urls("Source: https://x.org/iraq%E2%80%99s-decision."),
            "Source: https://x.org/iraq’s-decision."
        );
        // Not UTF-8, or a space: left as they are; so is text that is not an address.
        for kept in [
            "https://x.org/a%FFb",
            "https://x.org/a%20b",
            "https://x.org/a%0Ab",
            "50% of 10%20",
        ] {
            assert_eq!(readable_urls(kept), kept);
        }
    }
}
