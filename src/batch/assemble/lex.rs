//! The tokens of PDF syntax (ISO 32000 7.2), as byte ranges of the input: enough to follow a
//! content stream or read the objects of a file typst wrote.

pub(super) fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

pub(super) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// The tokens of a content stream, as byte ranges: `<<`, `>>`, `[`, `]`, `{`, `}`, strings, hex
/// strings, names and regular tokens (numbers, keywords, operators); comments are skipped.
pub(super) struct Lexer<'a> {
    bytes: &'a [u8],
    /// Where the next token is looked for.
    pub(super) at: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Lexer { bytes, at: 0 }
    }

    pub(super) fn next(&mut self) -> Result<Option<(usize, usize)>, String> {
        let b = self.bytes;
        loop {
            while self.at < b.len() && is_white(b[self.at]) {
                self.at += 1;
            }
            if self.at < b.len() && b[self.at] == b'%' {
                while self.at < b.len() && !matches!(b[self.at], b'\n' | b'\r') {
                    self.at += 1;
                }
                continue;
            }
            break;
        }
        let start = self.at;
        let Some(&first) = b.get(start) else {
            return Ok(None);
        };
        self.at += 1;
        match first {
            b'(' => {
                let mut open = 1;
                while open > 0 {
                    match b.get(self.at) {
                        None => return Err("an unterminated string".into()),
                        Some(b'\\') => self.at += 1,
                        Some(b'(') => open += 1,
                        Some(b')') => open -= 1,
                        Some(_) => {}
                    }
                    self.at += 1;
                }
            }
            b'<' if b.get(self.at) == Some(&b'<') => self.at += 1,
            b'>' if b.get(self.at) == Some(&b'>') => self.at += 1,
            b'<' => {
                while b.get(self.at).is_some_and(|&c| c != b'>') {
                    self.at += 1;
                }
                if self.at >= b.len() {
                    return Err("an unterminated hex string".into());
                }
                self.at += 1;
            }
            b'>' | b')' => return Err(format!("a stray '{}'", first as char)),
            b'[' | b']' | b'{' | b'}' => {}
            // A name, or a regular token: up to the next white-space or delimiter.
            _ => {
                while b
                    .get(self.at)
                    .is_some_and(|&c| !is_white(c) && !is_delimiter(c))
                {
                    self.at += 1;
                }
            }
        }
        Ok(Some((start, self.at)))
    }
}
