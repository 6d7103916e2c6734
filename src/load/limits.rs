//! Size limits on input data, enforced before a value can cost much time or memory: per file, per
//! CSV cell, per YAML scalar, on how deep YAML collections nest, and on how far YAML aliases expand
//! a document ("billion laughs").

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

/// The deepest a YAML collection may nest (the data needs 6 levels): deeper documents cost the
/// parsers stack and time that grow with the depth.
pub const MAX_DEPTH: usize = 64;

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
    // Event by event, not `Parser::load`, which recurses once per level; and it stops at the first
    // limit broken, before the scanner's cost per level (it grows with the depth) adds up. A
    // syntax error is reported by serde_yaml, with its line.
    while checker.exceeded.is_none() {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((event, mark)) => checker.on_event(event, mark),
            // The scanner reads a run of `[` or `{` ahead and stops at 256 levels.
            Err(err) if err.info() == "recursion limit exceeded" => {
                checker.exceeded = Some(checker.too_deep(*err.marker()));
            }
            Err(_) => break,
        }
    }
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
    fn too_deep(&self, mark: Marker) -> Exceeded {
        Exceeded {
            line: mark.line(),
            field: self.paths.path(),
            message: format!("the value nests more than {MAX_DEPTH} levels deep, the limit"),
        }
    }

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
                if self.open.len() >= MAX_DEPTH {
                    self.exceeded = Some(self.too_deep(mark));
                    return;
                }
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
        assert!(
            exceeded.message.contains("33554432"),
            "{}",
            exceeded.message
        );
    }

    #[test]
    fn deep_nesting_is_refused_with_line_in_linear_time_and_no_deep_recursion() {
        let flow = format!(
            "a:\n  b: {}1{}\n",
            "[".repeat(1_000_000),
            "]".repeat(1_000_000)
        );
        let exceeded = yaml(&flow).expect("refused");
        assert_eq!(exceeded.line, 2);
        assert!(exceeded.field.starts_with("a.b"), "{}", exceeded.field);
        assert!(
            exceeded.message.contains("64 levels"),
            "{}",
            exceeded.message
        );
        let block = format!("x: 1\ny:\n{}1\n", "- ".repeat(100_000));
        assert_eq!(yaml(&block).expect("refused").line, 3);
        let mut indented = String::from("top:\n");
        for level in 1..70 {
            indented.push_str(&format!("{}k{level}:\n", "  ".repeat(level)));
        }
        indented.push_str(&format!("{}v: 1\n", "  ".repeat(70)));
        assert!(yaml(&indented).is_some());
        let fine = "a: [[[[1]]]]\nb: {c: {d: [1, {e: 2}]}}\n";
        assert_eq!(yaml(fine), None);
    }

    #[test]
    fn a_large_scalar_is_refused_and_normal_documents_pass() {
        let text = format!("forum:\n  name: ok\n  venue: \"{}\"\n", "y".repeat(70_000));
        let exceeded = yaml(&text).expect("refused");
        assert_eq!((exceeded.line, exceeded.field.as_str()), (3, "forum.venue"));
        assert_eq!(yaml("a: &x [1, 2]\nb: *x\nc: {d: *x}\n"), None);
    }
}
