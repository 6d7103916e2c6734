//! Maps a YAML field path (`round_tables[1].objectives[2]`) to its line, for errors found after parsing.
//!
//! serde_yaml reports lines for syntax and type errors only; cross-reference checks run on the typed
//! model and use this index to point at the offending field.

use std::collections::HashMap;
use std::sync::OnceLock;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line of every node in a YAML document, keyed by its path.
///
/// Built on the first lookup: a valid file never needs it, and indexing a large file costs more
/// than parsing it.
#[derive(Debug, Default)]
pub struct LineIndex {
    text: String,
    lines: OnceLock<HashMap<String, usize>>,
}

impl LineIndex {
    pub fn new(text: String) -> Self {
        LineIndex {
            text,
            lines: OnceLock::new(),
        }
    }

    /// The line of `path`, or of its nearest indexed ancestor.
    pub fn line(&self, path: &str) -> Option<usize> {
        let lines = self.lines.get_or_init(|| index(&self.text));
        let mut path = path;
        loop {
            if let Some(line) = lines.get(path) {
                return Some(*line);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

/// Indexes `text`; an unparsable document gives an empty index (its syntax error is reported by serde_yaml).
fn index(text: &str) -> HashMap<String, usize> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if parser.load(&mut builder, false).is_err() {
        return HashMap::new();
    }
    builder.lines
}

enum Frame {
    Map { key: Option<String> },
    Seq { index: usize },
}

/// The field path of the node an event stream is at (`round_tables[1].objectives`).
#[derive(Default)]
pub struct Paths {
    stack: Vec<Frame>,
}

impl Paths {
    /// The path of the node the next value event describes.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Map { key: Some(key) } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Frame::Map { key: None } => {}
                Frame::Seq { index } => path.push_str(&format!("[{index}]")),
            }
        }
        path
    }

    /// Whether a scalar now would be a mapping key rather than a value.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None }))
    }

    fn finish_value(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key }) => *key = None,
            Some(Frame::Seq { index }) => *index += 1,
            None => {}
        }
    }

    /// Moves past `event`.
    pub fn on_event(&mut self, event: &Event) {
        match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map { key: key @ None }) = self.stack.last_mut() {
                    *key = Some(value.clone());
                } else {
                    self.finish_value();
                }
            }
            Event::Alias(_) => self.finish_value(),
            Event::MappingStart(..) => self.stack.push(Frame::Map { key: None }),
            Event::SequenceStart(..) => self.stack.push(Frame::Seq { index: 0 }),
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.finish_value();
            }
            _ => {}
        }
    }
}

#[derive(Default)]
struct Builder {
    paths: Paths,
    lines: HashMap<String, usize>,
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let is_node = match &event {
            Event::Scalar(..) => !self.paths.expects_key(),
            Event::Alias(_) | Event::MappingStart(..) | Event::SequenceStart(..) => true,
            _ => false,
        };
        if is_node {
            self.lines.entry(self.paths.path()).or_insert(mark.line());
        }
        self.paths.on_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_and_falls_back_to_ancestors() {
        let text = "forum:\n  name: X\nround_tables:\n  - number: 1\n    objectives: [2, 5]\n  - number: 2\n    objectives:\n      - 4\n      - 8\n";
        let index = LineIndex::new(text.to_string());
        assert_eq!(index.line("forum.name"), Some(2));
        assert_eq!(index.line("round_tables[0].objectives"), Some(5));
        assert_eq!(index.line("round_tables[1].objectives[1]"), Some(9));
        assert_eq!(index.line("round_tables[1].missing"), Some(6));
    }
}
