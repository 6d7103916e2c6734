//! Size limits on input data, enforced before a value can cost much time or memory: per file, per
//! CSV cell, per YAML scalar, and on how far YAML aliases expand a document ("billion laughs").

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::locate::Paths;

/// The largest data file read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest CSV cell.
pub const MAX_CELL_BYTES: usize = 64 * 1024;
/// The largest YAML scalar.
pub const MAX_SCALAR_BYTES: usize = 64 * 1024;
/// The most a YAML document may weigh once every alias is expanded (bytes of scalars plus one per
/// node): aliases may share data, not multiply it.
pub const MAX_EXPANDED_BYTES: u64 = 32 * 1024 * 1024;

/// A limit broken at a line and field.
#[derive(Debug, PartialEq, Eq)]
pub struct Exceeded {
    pub line: usize,
    pub field: String,
    pub message: String,
}

/// Checks a YAML text against the limits in one pass over its events, without expanding aliases.
pub fn yaml(text: &str) -> Option<Exceeded> {
    let mut checker = Checker::default();
    let mut parser = Parser::new_from_str(text);
    // A syntax error is reported by serde_yaml, with its line.
    let _ = parser.load(&mut checker, true);
    checker.exceeded
}

#[derive(Default)]
struct Checker {
    paths: Paths,
    /// Expanded weight of the document so far.
    total: u64,
    /// Expanded weight of each anchored node, by anchor id.
    anchors: std::collections::HashMap<usize, u64>,
    /// Open collections: their anchor id and the total when they started.
    open: Vec<(usize, u64)>,
    exceeded: Option<Exceeded>,
}

impl Checker {
    fn add(&mut self, weight: u64, mark: Marker, what: &str) {
        self.total = self.total.saturating_add(weight);
        if self.total > MAX_EXPANDED_BYTES && self.exceeded.is_none() {
            self.exceeded = Some(Exceeded {
                line: mark.line(),
                field: self.paths.path(),
                message: format!(
                    "{what} expands the document beyond the limit of {MAX_EXPANDED_BYTES} bytes (too many aliases of a large anchor)"
                ),
            });
        }
    }
}

impl MarkedEventReceiver for Checker {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.exceeded.is_some() {
            return;
        }
        match &event {
            Event::Scalar(value, _, anchor, _) => {
                if value.len() > MAX_SCALAR_BYTES {
                    self.exceeded = Some(Exceeded {
                        line: mark.line(),
                        field: self.paths.path(),
                        message: format!(
                            "the value holds {} bytes, more than the limit of {MAX_SCALAR_BYTES} bytes",
                            value.len()
                        ),
                    });
                    return;
                }
                let weight = value.len() as u64 + 1;
                if *anchor > 0 {
                    self.anchors.insert(*anchor, weight);
                }
                self.add(weight, mark, "a value");
            }
            Event::Alias(id) => {
                let weight = self.anchors.get(id).copied().unwrap_or(1);
                self.add(weight, mark, "an alias");
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.open.push((*anchor, self.total));
                self.add(1, mark, "a node");
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, start)) = self.open.pop() {
                    if anchor > 0 {
                        self.anchors.insert(anchor, self.total - start);
                    }
                }
            }
            _ => {}
        }
        self.paths.on_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_multiplying_a_document_are_refused_with_line() {
        let mut text = format!("a: &a \"{}\"\nb: &b [", "x".repeat(60_000));
        text.push_str(&vec!["*a"; 100].join(", "));
        text.push_str("]\nc: [");
        text.push_str(&vec!["*b"; 100].join(", "));
        text.push_str("]\n");
        let exceeded = yaml(&text).expect("refused");
        assert_eq!(exceeded.line, 3);
        assert!(exceeded.field.starts_with("c["), "{}", exceeded.field);
        assert!(exceeded.message.contains("33554432"), "{}", exceeded.message);
    }

    #[test]
    fn a_large_scalar_is_refused_and_normal_documents_pass() {
        let text = format!("forum:\n  name: ok\n  venue: \"{}\"\n", "y".repeat(70_000));
        let exceeded = yaml(&text).expect("refused");
        assert_eq!((exceeded.line, exceeded.field.as_str()), (3, "forum.venue"));
        assert_eq!(yaml("a: &x [1, 2]\nb: *x\nc: {d: *x}\n"), None);
    }
}
