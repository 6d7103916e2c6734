//! Splitting CSV cells into lists and caveats: `a; b (inferred)`, `Objective 5, Objective 7`.

/// Words that open a parenthetical caveat rather than part of a value
/// ("Material (technical assistance or in-kind)" is a value; "USA (inferred)" a caveat).
const CAVEATS: &[&str] = &[
    "inferred",
    "list truncated",
    "form option",
    "unverified",
    "not confirmed",
    "page ",
];

/// Splits a trailing caveat off a value: `"USA (inferred)"` -> `("USA", Some("inferred"))`.
pub fn split_caveat(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if let Some(stripped) = text.strip_suffix(')') {
        if let Some(open) = matching_open(stripped) {
            let inner = stripped[open + 1..].trim();
            let lower = inner.to_lowercase();
            if CAVEATS.iter().any(|c| lower.starts_with(c)) {
                return (text[..open].trim().to_string(), Some(inner.to_string()));
            }
        }
    }
    (text.to_string(), None)
}

/// The index of the `(` that opens the parenthetical ending `text` (whose final `)` was removed).
fn matching_open(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Splits on `sep` outside parentheses.
fn split_outside_parens(text: &str, sep: char) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == sep && depth == 0 {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A list cell: items separated by `;`, or by `,` when the cell has no `;`.
pub fn split_list(text: &str) -> Vec<String> {
    let sep = if text.contains(';') { ';' } else { ',' };
    split_outside_parens(text, sep)
}

/// An objectives cell. Titles contain commas, so with `,` as separator adjacent pieces are joined
/// back while together they form a known objective (`is_objective`); no objective spans more than
/// `max_pieces` pieces, which keeps the time linear in the cell's length. Returns items and caveats.
pub fn split_objectives(
    text: &str,
    max_pieces: usize,
    is_objective: impl Fn(&str) -> bool,
) -> (Vec<String>, Vec<String>) {
    let mut items = Vec::new();
    let mut flags = Vec::new();
    let mut push = |item: &str, items: &mut Vec<String>| {
        let (value, flag) = split_caveat(item);
        flags.extend(flag);
        if !value.is_empty() {
            items.push(value);
        }
    };
    if text.contains(';') {
        for item in split_outside_parens(text, ';') {
            push(&item, &mut items);
        }
        return (items, flags);
    }
    let pieces = split_outside_parens(text, ',');
    let mut start = 0;
    while start < pieces.len() {
        // The longest run of pieces from `start` that names an objective, else the piece alone.
        let longest = pieces.len().min(start + max_pieces.max(1));
        let end = (start + 1..=longest)
            .rev()
            .find(|&end| is_objective(&split_caveat(&pieces[start..end].join(", ")).0))
            .unwrap_or(start + 1);
        push(&pieces[start..end].join(", "), &mut items);
        start = end;
    }
    (items, flags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caveats_are_split_off_but_values_keep_their_parentheses() {
        assert_eq!(
            split_caveat("USA (inferred)"),
            ("USA".into(), Some("inferred".into()))
        );
        assert_eq!(
            split_caveat("In partnership (inferred; page calls it a joint pledge)"),
            (
                "In partnership".into(),
                Some("inferred; page calls it a joint pledge".into())
            )
        );
        assert_eq!(
            split_caveat("Material (technical assistance or in-kind)"),
            ("Material (technical assistance or in-kind)".into(), None)
        );
        assert_eq!(
            split_caveat("United Nations Development Programme (UNDP)").1,
            None
        );
    }

    #[test]
    fn lists_split_on_semicolons_or_commas_outside_parentheses() {
        assert_eq!(
            split_list("Financial (inferred; EUR 3 million);Policy-oriented"),
            vec![
                "Financial (inferred; EUR 3 million)".to_string(),
                "Policy-oriented".into()
            ]
        );
        assert_eq!(split_list("a, b"), vec!["a".to_string(), "b".into()]);
        assert!(split_list("  ").is_empty());
    }

    #[test]
    fn objective_titles_with_commas_are_joined_back() {
        let title = "Strengthen international cooperation and global partnerships for safe, orderly and regular migration";
        let text = format!("5, {title}, Objective 7");
        let (items, flags) =
            split_objectives(&text, 4, |s| s == title || s == "5" || s == "Objective 7");
        assert_eq!(
            items,
            vec!["5".to_string(), title.into(), "Objective 7".into()]
        );
        assert!(flags.is_empty());
    }
}
