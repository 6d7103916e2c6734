//! Taking a brief page's running footer out of its content stream: the footer is the marked
//! content `/Artifact <</Subtype /Footer ...>> BDC ... EMC` that typst writes around it. The
//! stream is read token by token (strings, names, dictionaries, comments), never matched as bytes,
//! so that text that merely looks like the footer's marks is left alone.

use super::lex::{is_delimiter, Lexer};

/// `content` without its footer artifacts, and how many were taken out; an error when the stream
/// is not one this reader can follow (an inline image, unbalanced marks or graphics states).
pub(super) fn strip(content: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let mut out = Vec::with_capacity(content.len());
    let mut lexer = Lexer::new(content);
    // The operands since the last operator: their tokens and where the first began.
    let mut operands: Vec<(usize, usize)> = Vec::new();
    // While inside a footer: its start, the marked-content depth it began at and the q/Q balance.
    let mut footer: Option<(usize, usize, i64)> = None;
    let mut depth = 0usize;
    let mut kept_from = 0;
    let mut removed = 0;
    while let Some((start, end)) = lexer.next()? {
        let token = &content[start..end];
        if !is_operator(token) {
            operands.push((start, end));
            continue;
        }
        match token {
            b"BDC" | b"BMC" => {
                if footer.is_none() && token == b"BDC" && is_footer(content, &operands) {
                    let begins = operands.first().map_or(start, |o| o.0);
                    footer = Some((begins, depth, 0));
                }
                depth += 1;
            }
            b"EMC" => {
                depth = depth
                    .checked_sub(1)
                    .ok_or("EMC without a marked-content sequence")?;
                if let Some((begins, at, states)) = footer {
                    if depth == at {
                        if states != 0 {
                            return Err("the footer leaves its graphics state unbalanced".into());
                        }
                        out.extend_from_slice(&content[kept_from..begins]);
                        out.push(b'\n');
                        kept_from = end;
                        footer = None;
                        removed += 1;
                    }
                }
            }
            b"q" | b"Q" => {
                if let Some((_, _, states)) = footer.as_mut() {
                    *states += if token == b"q" { 1 } else { -1 };
                    if *states < 0 {
                        return Err("the footer restores a state it did not save".into());
                    }
                }
            }
            b"BI" | b"ID" => return Err("an inline image".into()),
            _ => {}
        }
        operands.clear();
    }
    if footer.is_some() || depth != 0 {
        return Err("an unterminated marked-content sequence".into());
    }
    out.extend_from_slice(&content[kept_from..]);
    Ok((out, removed))
}

/// Whether the operands of a BDC are `/Artifact <<... /Subtype /Footer ...>>`.
fn is_footer(content: &[u8], operands: &[(usize, usize)]) -> bool {
    let tokens: Vec<&[u8]> = operands.iter().map(|&(s, e)| &content[s..e]).collect();
    tokens.first() == Some(&&b"/Artifact"[..])
        && tokens.get(1) == Some(&&b"<<"[..])
        && tokens
            .windows(2)
            .any(|w| w[0] == b"/Subtype" && w[1] == b"/Footer")
}

/// A regular token that is not a number or a keyword operand is an operator.
fn is_operator(token: &[u8]) -> bool {
    let first = token[0];
    if is_delimiter(first) || first == b'+' || first == b'-' || first == b'.' {
        return false;
    }
    !first.is_ascii_digit() && !matches!(token, b"true" | b"false" | b"null")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_goes_and_the_rest_stays() {
        let content = b"q BT (Page 2 of 3 /Artifact BDC) Tj ET Q\n\
            /Artifact<</Attached[/Bottom]/Subtype/Footer/Type/Pagination>>BDC\n\
            q 1 0 0 -1 56 47 cm BT [(x\\)y)20(z)]TJ ET Q\nEMC\n\
            /Artifact<</Type/Layout>>BDC q Q EMC";
        let (kept, removed) = strip(content).unwrap();
        assert_eq!(removed, 1);
        assert_eq!(
            String::from_utf8(kept).unwrap(),
            "q BT (Page 2 of 3 /Artifact BDC) Tj ET Q\n\n\n/Artifact<</Type/Layout>>BDC q Q EMC"
        );
    }

    #[test]
    fn a_header_or_nested_marks_are_kept() {
        let content = b"/Artifact<</Subtype/Header>>BDC /P<</MCID 0>>BDC (a) Tj EMC EMC";
        let (kept, removed) = strip(content).unwrap();
        assert_eq!((kept.as_slice(), removed), (&content[..], 0));
        let nested = b"/Span<</MCID 1>>BDC /Artifact<</Subtype/Footer>>BDC /X BMC EMC EMC EMC";
        let (kept, removed) = strip(nested).unwrap();
        assert_eq!(
            (kept.as_slice(), removed),
            (&b"/Span<</MCID 1>>BDC \n EMC"[..], 1)
        );
    }

    #[test]
    fn what_cannot_be_followed_is_refused() {
        assert!(strip(b"/Artifact<</Subtype/Footer>>BDC q EMC").is_err());
        assert!(strip(b"/Artifact<</Subtype/Footer>>BDC (a) Tj").is_err());
        assert!(strip(b"BI /W 1 ID x EI").is_err());
        assert!(strip(b"EMC").is_err());
    }
}
