//! Fingerprints: what a brief is made from, hashed. The rendered source, the templates it extends,
//! includes or imports (found statically, so a template change rebuilds only the briefs using
//! it), the other files of the templates folder, the export settings and the build id.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use crate::defaults::Templates;
use crate::error::Result;
use crate::files::{bytes_hash, hex};

/// Identifies the running binary: its version and the linker's build id (a hash of the linked
/// program) or else a hash of the whole executable, computed once. A rebuilt binary with the same
/// version number thus never reuses old outputs.
pub fn build_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().ok();
        let id = exe
            .as_deref()
            .and_then(|exe| {
                gnu_build_id(exe).or_else(|| {
                    fs::read(exe)
                        .ok()
                        .map(|bytes| bytes_hash([bytes.as_slice()]))
                })
            })
            .unwrap_or_else(|| "unknown-executable".into());
        format!("{} {id}", env!("CARGO_PKG_VERSION"))
    })
}

/// The GNU build-id note (SHA-1, written by the linker) from the executable's first pages, with
/// the file's length; reading it costs microseconds where hashing a large binary costs a tenth of
/// a second.
fn gnu_build_id(exe: &Path) -> Option<String> {
    use std::io::Read;
    const NOTE: [u8; 16] = [4, 0, 0, 0, 20, 0, 0, 0, 3, 0, 0, 0, b'G', b'N', b'U', 0];
    let file = fs::File::open(exe).ok()?;
    let len = file.metadata().ok()?.len();
    let mut head = Vec::new();
    file.take(64 * 1024).read_to_end(&mut head).ok()?;
    let at = head.windows(NOTE.len()).position(|w| w == NOTE)?;
    let id = head.get(at + NOTE.len()..at + NOTE.len() + 20)?;
    Some(format!("{}-{len}", hex(id)))
}

/// Computes fingerprints (the manifest's `input_hash`): the rendered source, the templates it was rendered from, the Typst files
/// and fonts of the templates folder, the export settings and the build id.
pub struct Fingerprints {
    shared: String,
    /// Hash of each template's own text and of every template it extends, includes or imports.
    templates: HashMap<String, String>,
    /// Each template and every template it extends, includes or imports.
    closures: HashMap<String, BTreeSet<String>>,
    /// The files that are not minijinja templates (Typst files, images, fonts): every brief may
    /// import them.
    shared_files: Vec<String>,
}

impl Fingerprints {
    /// Reads the templates once (the embedded set under the folder's files); names are relative,
    /// so how the folder is spelled (`templates`, `./templates/`, an absolute path) and whether a
    /// file is embedded or the folder's own copy with the same bytes do not matter, and hidden
    /// and editor files are left out. `out` is the output folder (left out should it lie inside), and
    /// `settings` the export settings as one line, hashed as given.
    pub fn new(templates: &Templates, out: &Path, settings: &str) -> Result<Self> {
        let files = templates.files(out)?;
        let mut shared = Sha256::new();
        shared.update(build_id());
        shared.update(format!("\n{settings}\n"));
        let mut sources = BTreeMap::new();
        let mut shared_files = Vec::new();
        for (name, bytes) in &files {
            if name.ends_with(".j2") {
                sources.insert(name.clone(), String::from_utf8_lossy(bytes).into_owned());
            } else {
                shared_files.push(name.clone());
                shared.update((name.len() as u64).to_le_bytes());
                shared.update(name);
                shared.update((bytes.len() as u64).to_le_bytes());
                shared.update(bytes);
            }
        }
        let closures: HashMap<String, BTreeSet<String>> = sources
            .keys()
            .map(|name| (name.clone(), template_closure(name, &sources)))
            .collect();
        let templates = closures
            .iter()
            .map(|(name, closure)| {
                let mut hasher = Sha256::new();
                for dep in closure {
                    let text = &sources[dep];
                    hasher.update((dep.len() as u64).to_le_bytes());
                    hasher.update(dep);
                    hasher.update((text.len() as u64).to_le_bytes());
                    hasher.update(text);
                }
                (name.clone(), hex(&hasher.finalize()))
            })
            .collect();
        Ok(Fingerprints {
            shared: hex(&shared.finalize()),
            templates,
            closures,
            shared_files,
        })
    }

    /// The minijinja templates that `template` extends, includes or imports, itself included
    /// (sorted).
    pub fn closure(&self, template: &str) -> impl Iterator<Item = &str> {
        self.closures
            .get(template)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// The template files a brief rendered from `template` depends on (relative names, sorted):
    /// its template closure and every file that is not a minijinja template.
    pub fn inputs(&self, template: &str) -> BTreeSet<String> {
        let mut inputs = self.closures.get(template).cloned().unwrap_or_default();
        inputs.extend(self.shared_files.iter().cloned());
        inputs
    }

    /// The fingerprint of a brief rendered from `template` into `source`.
    pub fn of(&self, template: &str, source: &str) -> String {
        let templates = self.templates.get(template).map_or("", String::as_str);
        bytes_hash([
            self.shared.as_bytes(),
            templates.as_bytes(),
            source.as_bytes(),
        ])[..32]
            .to_string()
    }
}

/// `name` and every template it reaches through `extends`, `include`, `import` and `from`. A
/// reference that is not a plain string (a variable) could be any template: all are included.
fn template_closure(name: &str, sources: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = vec![name.to_string()];
    while let Some(name) = pending.pop() {
        let Some(text) = sources.get(&name) else {
            continue;
        };
        if !seen.insert(name) {
            continue;
        }
        match references(text) {
            Some(names) => pending.extend(names),
            None => return sources.keys().cloned().collect(),
        }
    }
    seen
}

/// The template names a template refers to, or `None` when one is not a string literal.
fn references(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let block = &rest[start + 2..];
        let end = block.find("%}").unwrap_or(block.len());
        let body = block[..end].trim_start_matches(['-', '+']).trim();
        rest = &block[end..];
        let word = body.split_whitespace().next().unwrap_or("");
        if !matches!(word, "extends" | "include" | "import" | "from") {
            continue;
        }
        let literals = string_literals(body);
        if literals.is_empty() {
            return None;
        }
        names.extend(literals);
    }
    Some(names)
}

fn string_literals(text: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' {
            let literal: String = chars.by_ref().take_while(|&d| d != c).collect();
            literals.push(literal);
        }
    }
    literals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_references_are_followed() {
        let sources: BTreeMap<String, String> = [
            ("a.j2", "{% extends \"base.j2\" %}{%- include 'p/x.j2' -%}"),
            ("base.j2", "{% from \"m.j2\" import f %}"),
            ("m.j2", ""),
            ("b.j2", "{% include name %}"),
            ("p/x.j2", ""),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let a: Vec<_> = template_closure("a.j2", &sources).into_iter().collect();
        assert_eq!(a, ["a.j2", "base.j2", "m.j2", "p/x.j2"]);
        assert_eq!(template_closure("b.j2", &sources).len(), sources.len());
    }
}
