//! Reading the PDFs typst writes (a cross-reference table, no object streams, no encryption):
//! an object is parsed when it is asked for, from its offset. lopdf's reader parses every object
//! of a file up front and took about 9 ms for a 3-page brief of 80 KB, most of a binder's time;
//! a file this reader cannot follow is an error (and the binding is typeset instead).

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::lex::{is_white, Lexer};

/// A PDF file: its bytes, each object's offset by number, and its trailer.
pub(super) struct Pdf<'a> {
    bytes: &'a [u8],
    offsets: Vec<Option<(usize, u16)>>,
    pub(super) trailer: Dictionary,
}

impl<'a> Pdf<'a> {
    /// Reads the cross-reference table and trailer of `bytes`.
    pub(super) fn new(bytes: &'a [u8]) -> Result<Self, String> {
        let tail = &bytes[bytes.len().saturating_sub(64)..];
        let at = tail
            .windows(9)
            .rposition(|w| w == b"startxref")
            .ok_or("no startxref")?;
        let mut lexer = Lexer::new(&tail[at + 9..]);
        let start: usize = number(&tail[at + 9..], &mut lexer)?;
        let mut lexer = Lexer::new(bytes);
        lexer.at = start;
        if token(bytes, &mut lexer)? != b"xref" {
            return Err("no cross-reference table (an xref stream?)".into());
        }
        let mut offsets = Vec::new();
        loop {
            let before = lexer.at;
            let first = token(bytes, &mut lexer)?;
            if first == b"trailer" {
                break;
            }
            lexer.at = before;
            let first: usize = number(bytes, &mut lexer)?;
            let count: usize = number(bytes, &mut lexer)?;
            // Each entry takes 20 bytes of the file: a section that claims more is no table.
            if first.saturating_add(count) > bytes.len() / 20 {
                return Err("a cross-reference section larger than the file".into());
            }
            if offsets.len() < first + count {
                offsets.resize(first + count, None);
            }
            for slot in &mut offsets[first..first + count] {
                let offset: usize = number(bytes, &mut lexer)?;
                let generation: u16 = number(bytes, &mut lexer)?;
                if token(bytes, &mut lexer)? == b"n" {
                    *slot = Some((offset, generation));
                }
            }
        }
        let mut parser = Parser { bytes, lexer };
        let trailer = match parser.object()? {
            Object::Dictionary(trailer) => trailer,
            _ => return Err("the trailer is not a dictionary".into()),
        };
        if trailer.has(b"Encrypt") || trailer.has(b"Prev") {
            return Err("an encrypted or updated file".into());
        }
        Ok(Pdf {
            bytes,
            offsets,
            trailer,
        })
    }

    /// Object `id`; `Null` for a free or absent one (as PDF reads a reference to nothing).
    pub(super) fn get(&self, id: ObjectId) -> Result<Object, String> {
        let Some(Some((offset, generation))) = self.offsets.get(id.0 as usize) else {
            return Ok(Object::Null);
        };
        if *generation != id.1 {
            return Ok(Object::Null);
        }
        let mut lexer = Lexer::new(self.bytes);
        lexer.at = *offset;
        let n: u32 = number(self.bytes, &mut lexer)?;
        let g: u16 = number(self.bytes, &mut lexer)?;
        if (n, g) != id || token(self.bytes, &mut lexer)? != b"obj" {
            return Err(format!("object {} is not where the table says", id.0));
        }
        let mut parser = Parser {
            bytes: self.bytes,
            lexer,
        };
        let object = parser.object()?;
        let Object::Dictionary(dict) = object else {
            return Ok(object);
        };
        if token(self.bytes, &mut parser.lexer)? != b"stream" {
            return Ok(Object::Dictionary(dict));
        }
        // The data begin after the end of line that follows `stream` (CR LF or LF).
        let mut start = parser.lexer.at;
        if self.bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let length = match dict.get(b"Length") {
            Ok(Object::Integer(n)) => *n,
            Ok(Object::Reference(r)) => self.get(*r)?.as_i64().map_err(|e| e.to_string())?,
            _ => return Err(format!("stream {} has no length", id.0)),
        };
        let end = usize::try_from(length)
            .ok()
            .and_then(|l| start.checked_add(l))
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| format!("stream {} runs past the end", id.0))?;
        Ok(Object::Stream(Stream::new(
            dict,
            self.bytes[start..end].to_vec(),
        )))
    }

    /// `object` itself, or the object it refers to.
    pub(super) fn resolve(&self, object: &Object) -> Result<Object, String> {
        match object {
            Object::Reference(id) => self.get(*id),
            other => Ok(other.clone()),
        }
    }

    /// The page objects in order, found from the catalog through the page tree.
    pub(super) fn pages(&self) -> Result<Vec<ObjectId>, String> {
        let root = self.trailer.get(b"Root").and_then(Object::as_reference);
        let catalog = self.get(root.map_err(|_| "no catalog")?)?;
        let tree = catalog
            .as_dict()
            .and_then(|c| c.get(b"Pages"))
            .and_then(Object::as_reference)
            .map_err(|_| "no page tree")?;
        let mut pages = Vec::new();
        let mut stack = vec![tree];
        while let Some(id) = stack.pop() {
            if pages.len() + stack.len() > self.offsets.len() {
                return Err("the page tree loops".into());
            }
            let node = self.get(id)?;
            let node = node
                .as_dict()
                .map_err(|_| "a page-tree node is no dictionary")?;
            match node.get(b"Kids") {
                Ok(Object::Array(kids)) => {
                    for kid in kids.iter().rev() {
                        stack.push(kid.as_reference().map_err(|e| e.to_string())?);
                    }
                }
                _ => pages.push(id),
            }
        }
        Ok(pages)
    }

    /// The highest object number.
    pub(super) fn max_id(&self) -> u32 {
        self.offsets.len().saturating_sub(1) as u32
    }

    /// The whole file as a lopdf document, to be changed and written.
    pub(super) fn document(&self) -> Result<Document, String> {
        let mut doc = Document::new();
        let version = self.bytes.get(5..8).ok_or("no header")?;
        doc.version = String::from_utf8_lossy(version).into_owned();
        for (n, entry) in self.offsets.iter().enumerate() {
            if let Some((_, generation)) = entry {
                let id = (n as u32, *generation);
                doc.objects.insert(id, self.get(id)?);
            }
        }
        doc.max_id = self.max_id();
        doc.trailer = self.trailer.clone();
        // Written back with a table, as typst writes it (lopdf's default is a stream).
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        Ok(doc)
    }
}

/// The next token of `bytes` at `lexer`.
fn token<'b>(bytes: &'b [u8], lexer: &mut Lexer) -> Result<&'b [u8], String> {
    let (start, end) = lexer.next()?.ok_or("the file ends early")?;
    Ok(&bytes[start..end])
}

/// The next token, as a number.
fn number<T: std::str::FromStr>(bytes: &[u8], lexer: &mut Lexer) -> Result<T, String> {
    let t = token(bytes, lexer)?;
    std::str::from_utf8(t)
        .ok()
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| format!("'{}' where a number should be", String::from_utf8_lossy(t)))
}

struct Parser<'a> {
    bytes: &'a [u8],
    lexer: Lexer<'a>,
}

impl Parser<'_> {
    /// The object at the lexer (direct; `n g R` is a reference).
    fn object(&mut self) -> Result<Object, String> {
        let t = token(self.bytes, &mut self.lexer)?;
        self.object_from(t, 0)
    }

    fn object_from(&mut self, t: &[u8], depth: usize) -> Result<Object, String> {
        if depth > 64 {
            return Err("objects nested too deep".into());
        }
        Ok(match t[0] {
            b'/' => Object::Name(name(&t[1..])),
            b'(' => Object::String(literal(&t[1..t.len() - 1]), StringFormat::Literal),
            b'<' if t == b"<<" => {
                let mut dict = Dictionary::new();
                loop {
                    let key = token(self.bytes, &mut self.lexer)?;
                    if key == b">>" {
                        break;
                    }
                    if key[0] != b'/' {
                        return Err("a dictionary key that is not a name".into());
                    }
                    let value = token(self.bytes, &mut self.lexer)?;
                    let value = self.object_from(value, depth + 1)?;
                    dict.set(name(&key[1..]), value);
                }
                Object::Dictionary(dict)
            }
            b'<' => Object::String(hex(&t[1..t.len() - 1])?, StringFormat::Hexadecimal),
            b'[' => {
                let mut items = Vec::new();
                loop {
                    let item = token(self.bytes, &mut self.lexer)?;
                    if item == b"]" {
                        break;
                    }
                    items.push(self.object_from(item, depth + 1)?);
                }
                Object::Array(items)
            }
            _ => match t {
                b"true" => Object::Boolean(true),
                b"false" => Object::Boolean(false),
                b"null" => Object::Null,
                _ => self.number_or_reference(t)?,
            },
        })
    }

    /// `t` as a number; an integer followed by another and `R` is a reference.
    fn number_or_reference(&mut self, t: &[u8]) -> Result<Object, String> {
        let text = std::str::from_utf8(t).map_err(|_| "a token that is not text")?;
        if let Ok(n) = text.parse::<i64>() {
            let before = self.lexer.at;
            if let (Ok(generation), Ok(r)) = (
                number::<u16>(self.bytes, &mut self.lexer),
                token(self.bytes, &mut self.lexer),
            ) {
                if r == b"R" {
                    let n = u32::try_from(n).map_err(|_| "a negative object number")?;
                    return Ok(Object::Reference((n, generation)));
                }
            }
            self.lexer.at = before;
            return Ok(Object::Integer(n));
        }
        text.parse::<f32>()
            .map(Object::Real)
            .map_err(|_| format!("unexpected '{text}'"))
    }
}

/// A name's bytes, its `#xx` escapes decoded.
fn name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 2 < raw.len() + 1 {
            if let Some(b) = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// A literal string's bytes, its escapes decoded (ISO 32000 7.3.4.2).
fn literal(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        i += 1;
        if b == b'\r' {
            // An end of line in a string is a line feed, however it is written.
            if raw.get(i) == Some(&b'\n') {
                i += 1;
            }
            out.push(b'\n');
            continue;
        }
        if b != b'\\' || i >= raw.len() {
            out.push(b);
            continue;
        }
        let e = raw[i];
        i += 1;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match raw.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u8);
            }
            // A backslash at the end of a line continues the string on the next.
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }
    out
}

/// A hex string's bytes (white-space ignored, an odd last digit followed by 0).
fn hex(raw: &[u8]) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = raw
        .iter()
        .filter(|b| !is_white(**b))
        .map(|b| {
            (*b as char)
                .to_digit(16)
                .map(|d| d as u8)
                .ok_or("a hex string with a non-hex digit")
        })
        .collect::<Result<_, _>>()?;
    Ok(digits
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cross_reference_section_larger_than_the_file_is_refused() {
        let pdf = b"%PDF-1.7\nxref\n0 999999999999\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n";
        let err = Pdf::new(pdf).err().expect("refused");
        assert!(err.contains("larger than the file"), "{err}");
    }

    #[test]
    fn objects_are_read_as_written() {
        let mut p = Parser {
            bytes: b"<</A [1 2 0 R -3.5 (a\\)b\\101\\\nc) <48 49>] /B#20c true /C null>>",
            lexer: Lexer::new(
                b"<</A [1 2 0 R -3.5 (a\\)b\\101\\\nc) <48 49>] /B#20c true /C null>>",
            ),
        };
        let Object::Dictionary(d) = p.object().unwrap() else {
            panic!("not a dictionary")
        };
        let a = d.get(b"A").unwrap().as_array().unwrap();
        assert_eq!(a[0], Object::Integer(1));
        assert_eq!(a[1], Object::Reference((2, 0)));
        assert_eq!(a[2], Object::Real(-3.5));
        assert_eq!(a[3].as_str().unwrap(), b"a)bAc");
        assert_eq!(a[4].as_str().unwrap(), b"HI");
        assert_eq!(d.get(b"B c").unwrap(), &Object::Boolean(true));
        assert_eq!(d.get(b"C").unwrap(), &Object::Null);
    }
}
