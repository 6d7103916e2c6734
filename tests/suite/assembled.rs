//! Binders assembled from the briefs' own PDFs (`build --binder` of PDFs without a PDF standard;
//! one-sided, from the briefs compiled one-sided): every brief page is there as the brief's PDF
//! has it, under the binder's running footer, with its links; bookmarks, contents and page
//! numbers are the binder's.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use lopdf::{Document, Object, ObjectId};

use crate::support::{cmd, copy_tree, root, stderr};

fn build(args: &[&str], out: &Path) -> String {
    let output = cmd()
        .args(["build", "-q", "--by", "objective"])
        .args(args)
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

/// The text of each page, whitespace folded.
fn pages(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes)
        .unwrap()
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Each page object's index in the document.
fn page_indexes(doc: &Document) -> BTreeMap<ObjectId, usize> {
    doc.get_pages()
        .values()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect()
}

/// The bookmarks, depth first: title and page index.
fn bookmarks(doc: &Document) -> Vec<(String, usize)> {
    let index = page_indexes(doc);
    let outlines = doc.catalog().unwrap().get(b"Outlines").unwrap();
    let outlines = doc
        .get_dictionary(outlines.as_reference().unwrap())
        .unwrap();
    let mut found = Vec::new();
    let mut stack = vec![outlines.get(b"First").unwrap().as_reference().unwrap()];
    while let Some(id) = stack.pop() {
        let item = doc.get_dictionary(id).unwrap();
        let title = lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap();
        let dest = doc.dereference(item.get(b"Dest").unwrap()).unwrap().1;
        let page = dest.as_array().unwrap()[0].as_reference().unwrap();
        found.push((title, index[&page]));
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push(next);
        }
        if let Ok(first) = item.get(b"First").and_then(Object::as_reference) {
            stack.push(first);
        }
    }
    found
}

/// Each page's link annotations: URI links' addresses and internal links' target page indexes.
fn links(doc: &Document) -> Vec<(Vec<String>, Vec<usize>)> {
    let index = page_indexes(doc);
    doc.get_pages()
        .values()
        .map(|&page| {
            let (mut uris, mut internal) = (Vec::new(), Vec::new());
            for annot in doc.get_page_annotations(page).unwrap() {
                if let Ok(action) = annot.get(b"A").and_then(|a| doc.dereference(a)) {
                    let uri = action.1.as_dict().unwrap().get(b"URI").unwrap();
                    uris.push(String::from_utf8_lossy(uri.as_str().unwrap()).into_owned());
                } else if let Ok(dest) = annot.get(b"Dest") {
                    let dest = doc.dereference(dest).unwrap().1.as_array().unwrap();
                    internal.push(index[&dest[0].as_reference().unwrap()]);
                }
            }
            (uris, internal)
        })
        .collect()
}

/// Asserts that the binder is tagged as its briefs are: each page's marked content is found in
/// the parent tree under the page's key, as an element that claims it; the frame's footers
/// drawn over the pages are artifacts; each of the `briefs` is a part of the binder's document.
fn assert_tagged(doc: &Document, briefs: usize) {
    let catalog = doc.catalog().unwrap();
    let marked = doc
        .dereference(catalog.get(b"MarkInfo").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .get(b"Marked")
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(marked);
    let root = doc
        .dereference(catalog.get(b"StructTreeRoot").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    let tree = doc.dereference(root.get(b"ParentTree").unwrap()).unwrap().1;
    let nums = tree
        .as_dict()
        .unwrap()
        .get(b"Nums")
        .unwrap()
        .as_array()
        .unwrap();
    let parents: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().unwrap(), &pair[1]))
        .collect();
    let mut marks = 0;
    for (n, &page) in doc.get_pages().values().enumerate() {
        let content = String::from_utf8_lossy(&doc.get_page_content(page).unwrap()).into_owned();
        let ids: Vec<i64> = content
            .split("/MCID ")
            .skip(1)
            .map(|rest| {
                rest.split(|c: char| !c.is_ascii_digit())
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            })
            .collect();
        if ids.is_empty() {
            continue;
        }
        let key = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"StructParents")
            .unwrap_or_else(|_| panic!("page {}: marked content without a key", n + 1))
            .as_i64()
            .unwrap();
        let elements = doc
            .dereference(parents[&key])
            .unwrap()
            .1
            .as_array()
            .unwrap();
        for id in ids {
            let element = doc
                .dereference(&elements[id as usize])
                .unwrap()
                .1
                .as_dict()
                .unwrap();
            assert_eq!(
                element.get(b"Type").unwrap().as_name().unwrap(),
                b"StructElem"
            );
            let kids = match element.get(b"K").unwrap() {
                Object::Array(kids) => kids.clone(),
                kid => vec![kid.clone()],
            };
            let claims = kids.iter().any(|kid| match kid {
                Object::Integer(k) => *k == id,
                Object::Dictionary(mcr) => {
                    mcr.get(b"MCID").and_then(Object::as_i64).ok() == Some(id)
                }
                _ => false,
            });
            assert!(claims, "page {}: MCID {id} is not its element's", n + 1);
            marks += 1;
        }
    }
    assert!(marks > 50 * briefs, "only {marks} marked-content sequences");
    let mut parts = 0;
    for object in doc.objects.values() {
        if let Ok(stream) = object.as_stream() {
            if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form") {
                let content = stream
                    .decompressed_content()
                    .unwrap_or(stream.content.clone());
                assert!(
                    !String::from_utf8_lossy(&content).contains("/MCID"),
                    "a form with marked content"
                );
            }
        } else if let Ok(dict) = object.as_dict() {
            parts += usize::from(dict.get(b"S").and_then(Object::as_name).ok() == Some(b"Part"));
        }
    }
    assert_eq!(parts, briefs);
}

#[test]
fn an_assembled_binder_is_its_briefs_pages_under_its_own_footers() {
    let out = tempfile::tempdir().unwrap();
    let err = build(&["--binder"], out.path());
    assert!(!err.contains("not assembled"), "{err}");
    let bytes = fs::read(out.path().join("binders/objectives.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let text = pages(&bytes);
    let total = text.len();
    // Tagged: the briefs' structure trees are parts of the binder's.
    assert_tagged(&doc, 23);
    // Nothing left behind that no page, tree or catalog refers to.
    let mut reached = std::collections::HashSet::new();
    let mut stack: Vec<&Object> = doc.trailer.iter().map(|(_, o)| o).collect();
    while let Some(object) = stack.pop() {
        match object {
            Object::Reference(id) if reached.insert(*id) => stack.extend(doc.objects.get(id)),
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(dict) => stack.extend(dict.iter().map(|(_, o)| o)),
            Object::Stream(stream) => stack.extend(stream.dict.iter().map(|(_, o)| o)),
            _ => {}
        }
    }
    let unreached: Vec<_> = doc
        .objects
        .iter()
        .filter(|(id, object)| {
            let kind = object
                .as_stream()
                .ok()
                .and_then(|s| s.dict.get(b"Type").and_then(Object::as_name).ok());
            !reached.contains(*id) && !matches!(kind, Some(b"ObjStm" | b"XRef"))
        })
        .map(|(id, _)| *id)
        .collect();
    assert!(
        unreached.is_empty(),
        "objects nothing refers to: {unreached:?}"
    );
    // Bookmarks are the briefs, each starting on a right-hand (odd) page, where the contents say.
    let marks = bookmarks(&doc);
    assert_eq!(marks.len(), 23);
    let contents = &text[2];
    for (n, (title, at)) in marks.iter().enumerate() {
        assert!(
            title.starts_with(&format!("Objective {}:", n + 1)),
            "{title}"
        );
        assert_eq!(at % 2, 0, "{title} starts on page {}", at + 1);
        let listed = contents
            .find(title.as_str())
            .map(|i| &contents[i + title.len()..]);
        let number: String = listed
            .unwrap_or_else(|| panic!("{title} not in the contents"))
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        assert_eq!(number, (at + 1).to_string(), "{title} in the contents");
    }
    let all_links = links(&doc);
    let mut uris = 0;
    for (n, (_, at)) in marks.iter().enumerate() {
        let key = format!("{:02}", n + 1);
        let brief = fs::read(out.path().join(format!("objectives/objective-{key}.pdf"))).unwrap();
        let own = pages(&brief);
        let brief_doc = Document::load_mem(&brief).unwrap();
        uris += links(&brief_doc).iter().map(|l| l.0.len()).sum::<usize>();
        let end = marks.get(n + 1).map_or(total, |m| m.1);
        for (i, page) in own.iter().enumerate() {
            let bound = &text[at + i];
            // The brief's page as it is, but its footer ("01 · date" and "Page 2 of 3", in
            // either order): the binder's, counting across it.
            let cut = page.rfind(&format!("{key} ·")).min(page.rfind("Page "));
            let body = page[..cut.unwrap()].trim_end();
            assert!(
                bound.starts_with(body),
                "page {} of {key}:\n{page}\n{bound}",
                i + 1
            );
            let footer = &bound[body.len()..];
            assert!(
                footer.contains(&format!("Objective briefs · {key} · "))
                    && footer.contains(&format!("Page {} of {total}", at + i + 1))
                    && !footer.contains(&format!(" of {}", own.len())),
                "page {}: {footer}",
                at + i + 1
            );
            // A source marker's link lands in its own brief.
            for target in &all_links[at + i].1 {
                assert!(
                    (*at..end).contains(target),
                    "a link of {key} to page {}",
                    target + 1
                );
            }
        }
        // What follows the brief, up to the next, is a blank back at most.
        assert!(end - (at + own.len()) <= 1, "{key}");
    }
    assert_eq!(all_links.iter().map(|l| l.0.len()).sum::<usize>(), uris);
    assert!(
        all_links.iter().any(|l| !l.1.is_empty()),
        "no internal links"
    );
}

#[test]
fn a_binder_is_kept_while_its_briefs_are_and_bound_again_when_one_changes() {
    let data = tempfile::tempdir().unwrap();
    copy_tree(&root().join("data"), data.path());
    let out = tempfile::tempdir().unwrap();
    let with_data = ["--data", data.path().to_str().unwrap(), "--binder"];
    build(&with_data, out.path());
    let status = |out: &Path| {
        let manifest: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
        manifest["bound"][0]["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status(out.path()), "built");
    let before = fs::read(out.path().join("binders/objectives.pdf")).unwrap();
    build(&with_data, out.path());
    assert_eq!(status(out.path()), "up-to-date");
    let objectives = data.path().join("objectives.yaml");
    let text = fs::read_to_string(&objectives).unwrap();
    fs::write(
        &objectives,
        text.replacen("title: \"", "title: \"Renamed: ", 1),
    )
    .unwrap();
    build(&with_data, out.path());
    assert_eq!(status(out.path()), "built");
    let after = fs::read(out.path().join("binders/objectives.pdf")).unwrap();
    assert_ne!(before, after);
    assert!(pages(&after).iter().any(|p| p.contains("Renamed:")));
}

#[test]
fn a_us_letter_binder_is_assembled_on_letter_pages() {
    let out = tempfile::tempdir().unwrap();
    let err = build(
        &[
            "--binder",
            "--paper",
            "us-letter",
            "--only",
            "1",
            "--only",
            "2",
        ],
        out.path(),
    );
    assert!(!err.contains("not assembled"), "{err}");
    let bytes = fs::read(
        out.path()
            .join("us-letter/binders/objectives-selection.pdf"),
    )
    .unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    for page in doc.get_pages().values() {
        let media = doc.get_dictionary(*page).unwrap().get(b"MediaBox").unwrap();
        let media: Vec<f32> = media
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_float().unwrap())
            .collect();
        assert_eq!(media, [0.0, 0.0, 612.0, 792.0]);
    }
    let text = pages(&bytes);
    let n = text.len();
    assert!(text.last().unwrap().contains(&format!("Page {n} of {n}")));
}

#[test]
fn a_one_sided_binder_is_assembled_from_its_briefs_laid_out_one_sided() {
    let out = tempfile::tempdir().unwrap();
    let err = build(
        &["--binder", "--one-sided", "--only", "1,2,3,4"],
        out.path(),
    );
    assert!(!err.contains("not assembled"), "{err}");
    let bytes = fs::read(
        out.path()
            .join("one-sided/binders/objectives-selection.pdf"),
    )
    .unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    // Assembled and tagged.
    assert_tagged(&doc, 4);
    let text = pages(&bytes);
    let marks = bookmarks(&doc);
    assert_eq!(marks.len(), 4);
    let mut left_hand_starts = 0;
    for (n, (title, at)) in marks.iter().enumerate() {
        let key = format!("{:02}", n + 1);
        let brief = fs::read(out.path().join(format!("objectives/objective-{key}.pdf"))).unwrap();
        let own = pages(&brief);
        // Back to back, with no blank pages between.
        let end = marks.get(n + 1).map_or(text.len(), |m| m.1);
        assert_eq!(end - at, own.len(), "{title}");
        left_hand_starts += at % 2;
        for (i, bound) in text[*at..end].iter().enumerate() {
            // Every running head as a one-sided page has it, the kind before the title (a
            // two-sided brief's left-hand pages have the title first), and one footer.
            if i > 0 {
                assert!(
                    bound.starts_with(&format!("IMRF 2022 · Objective brief Objective {}:", n + 1)),
                    "page {} of {key}: {bound}",
                    i + 1
                );
            }
            assert!(
                bound.contains(&format!("Page {} of {}", at + i + 1, text.len())),
                "page {} of {key}: {bound}",
                i + 1
            );
            assert_eq!(
                bound.matches(" of ").count(),
                own[i].matches(" of ").count()
            );
        }
    }
    assert!(
        left_hand_starts > 0,
        "no brief starts on an even page: {marks:?}"
    );
}
