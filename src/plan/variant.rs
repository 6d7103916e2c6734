//! Variants: the paper, PDF standard and sidedness an output is made for. The default (A4, no
//! PDF standard, two-sided) keeps the plain paths; every other variant has a folder of its own
//! above the edition's (`us-letter/fr/delegations/GHA.pdf`), so that no variant replaces another.

/// The papers (`--paper`), as typst and the manifest name them; the first is the default.
pub const PAPERS: [&str; 2] = ["a4", "us-letter"];
/// The PDF standards (`--pdf-standard`), as the command line and the manifest name them.
pub const STANDARDS: [&str; 3] = ["a-2b", "a-3b", "ua-1"];

/// What an output is made for, besides its brief, format and edition.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Variant {
    /// "a4" or "us-letter".
    pub paper: String,
    /// "a-2b", "a-3b" or "ua-1"; `None`: no standard enforced.
    pub standard: Option<String>,
    /// Laid out for one-sided printing (binders and packs only: briefs are the same either way).
    pub one_sided: bool,
}

impl Default for Variant {
    fn default() -> Self {
        Variant {
            paper: PAPERS[0].into(),
            standard: None,
            one_sided: false,
        }
    }
}

impl Variant {
    /// Whether this is the default variant, which keeps the plain paths.
    pub fn is_default(&self) -> bool {
        *self == Variant::default()
    }

    /// The variant's folder name, its parts joined by `-`: "" for the default, else e.g.
    /// "us-letter", "pdf-ua-1", "us-letter-pdf-a-2b", "one-sided", "us-letter-one-sided".
    pub fn name(&self) -> String {
        let mut parts = Vec::new();
        if self.paper != PAPERS[0] {
            parts.push(self.paper.clone());
        }
        if let Some(standard) = &self.standard {
            parts.push(format!("pdf-{standard}"));
        }
        if self.one_sided {
            parts.push("one-sided".into());
        }
        parts.join("-")
    }

    /// The prefix of the variant's paths: "" for the default, else its folder and a `/`.
    pub fn prefix(&self) -> String {
        match self.name() {
            name if name.is_empty() => name,
            name => format!("{name}/"),
        }
    }

    /// Every variant there is, the default first: the folders that may hold binders and packs.
    pub fn all() -> Vec<Variant> {
        let mut all = Vec::new();
        for one_sided in [false, true] {
            for paper in PAPERS {
                for standard in std::iter::once(None).chain(STANDARDS.map(Some)) {
                    all.push(Variant {
                        paper: paper.into(),
                        standard: standard.map(str::to_string),
                        one_sided,
                    });
                }
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_keeps_plain_paths_and_the_others_have_a_folder_each() {
        assert_eq!(Variant::default().prefix(), "");
        let letter_ua = Variant {
            paper: "us-letter".into(),
            standard: Some("ua-1".into()),
            one_sided: false,
        };
        assert_eq!(letter_ua.prefix(), "us-letter-pdf-ua-1/");
        let names: std::collections::BTreeSet<String> =
            Variant::all().iter().map(Variant::name).collect();
        assert_eq!(names.len(), Variant::all().len());
    }

    #[test]
    fn the_names_are_those_of_the_command_line() {
        use clap::ValueEnum;
        let papers: Vec<&str> = crate::context::Paper::value_variants()
            .iter()
            .map(|p| p.typst_name())
            .collect();
        assert_eq!(papers, PAPERS);
        let standards: Vec<&str> = crate::export::PdfStandard::value_variants()
            .iter()
            .map(|s| s.name())
            .collect();
        assert_eq!(standards, STANDARDS);
    }
}
