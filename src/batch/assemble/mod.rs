//! Binders and packs assembled from the briefs' own PDF pages: typst lays out only a frame (the
//! cover, the contents and, for each brief, as many pages as its PDF has, bearing the binder's
//! running footer: see `frame-mode` in templates/lib/page.typ), and each brief page, its own
//! footer taken out, is drawn under its frame page as a form XObject, its links with it.
//!
//! The frame keeps its catalog: outline, XMP metadata, language, title. The result is not tagged:
//! the briefs' structure trees cannot be merged into the frame's, so neither is kept (binders of a
//! PDF standard are typeset whole instead: see `bind`).

mod footer;
mod lex;
mod read;

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use rayon::prelude::*;

use read::Pdf;

/// The name each frame page gives its brief page among its XObjects.
const BRIEF_PAGE: &[u8] = b"ImrfBriefPage";

/// The binder's PDF: `frame`'s pages, each brief's run of pages drawn under the run of frame
/// pages that its bookmark begins (`briefs` in bookmark order); an error names what did not fit.
pub(super) fn assemble(frame: &[u8], briefs: &[&[u8]]) -> Result<Vec<u8>, String> {
    let mut doc = Pdf::new(frame)
        .and_then(|pdf| pdf.document())
        .map_err(|err| format!("the frame: {err}"))?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let starts = bookmarked_pages(&doc, &pages)?;
    if starts.len() != briefs.len() {
        return Err(format!(
            "the frame has {} bookmarks for {} briefs",
            starts.len(),
            briefs.len()
        ));
    }
    let loaded: Vec<(Pdf, Vec<ObjectId>)> = briefs
        .par_iter()
        .enumerate()
        .map(|(i, bytes)| {
            {
                let pdf = Pdf::new(bytes)?;
                let pages = pdf.pages()?;
                Ok((pdf, pages))
            }
            .map_err(|err: String| format!("brief {}: {err}", i + 1))
        })
        .collect::<Result<_, _>>()?;
    // Each brief's objects keep their numbers, shifted past the frame's and the briefs' before.
    let mut next = doc.max_id;
    let mut runs = Vec::with_capacity(loaded.len());
    for (i, (brief, brief_pages)) in loaded.iter().enumerate() {
        let count = brief_pages.len();
        let start = starts[i];
        let end = starts.get(i + 1).copied().unwrap_or(pages.len());
        // Its pages, then at most a blank back before the next brief.
        if start + count > end || end > start + count + 1 {
            return Err(format!(
                "brief {} has {count} pages, its place in the frame {}",
                i + 1,
                end - start
            ));
        }
        runs.push(Run {
            offset: next,
            frame_pages: pages[start..start + count].to_vec(),
        });
        next += brief.max_id() + count as u32;
    }
    let copies: Vec<Copied> = loaded
        .par_iter()
        .zip(&runs)
        .enumerate()
        .map(|(i, ((brief, pages), run))| {
            copy_brief(brief, pages, run).map_err(|err| format!("brief {}: {err}", i + 1))
        })
        .collect::<Result<_, _>>()?;
    drop(loaded);
    doc.max_id = next;
    for (copied, run) in copies.into_iter().zip(&runs) {
        doc.objects.extend(copied.objects);
        for ((xobject, annots), &page) in copied.pages.into_iter().zip(&run.frame_pages) {
            lay_under(&mut doc, page, xobject, annots)?;
        }
    }
    untag(&mut doc, &pages);
    prune(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|err| format!("writing the binder: {err}"))?;
    Ok(out)
}

/// Where a brief goes: the first number of its objects' range and the frame pages it fills.
struct Run {
    offset: u32,
    frame_pages: Vec<ObjectId>,
}

/// One brief's objects, renumbered for the binder, and for each of its pages the form XObject
/// that draws it and its annotations.
struct Copied {
    objects: BTreeMap<ObjectId, Object>,
    pages: Vec<(ObjectId, Vec<Object>)>,
}

/// The index (in `pages`) of the page each top-level and nested bookmark points to, in order.
fn bookmarked_pages(doc: &Document, pages: &[ObjectId]) -> Result<Vec<usize>, String> {
    let index: HashMap<ObjectId, usize> = pages.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let mut found = Vec::new();
    let outlines = doc
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(|o| doc.dereference(o))
        .map_err(|_| "the frame has no bookmarks")?
        .1
        .as_dict()
        .map_err(|_| "the frame's bookmarks are not a dictionary")?;
    // Depth first, as the contents read: each item, then its children, then its next sibling.
    let mut stack: Vec<ObjectId> = outlines
        .get(b"First")
        .and_then(Object::as_reference)
        .into_iter()
        .collect();
    while let Some(id) = stack.pop() {
        if found.len() > pages.len() {
            return Err("the frame's bookmarks loop".into());
        }
        let item = doc.get_dictionary(id).map_err(|err| err.to_string())?;
        let dest = item
            .get(b"Dest")
            .and_then(|d| doc.dereference(d))
            .and_then(|(_, d)| d.as_array())
            .map_err(|_| "a bookmark without an explicit destination")?;
        let page = dest
            .first()
            .and_then(|p| p.as_reference().ok())
            .and_then(|p| index.get(&p))
            .ok_or("a bookmark to no page of the frame")?;
        found.push(*page);
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push(next);
        }
        if let Ok(first) = item.get(b"First").and_then(Object::as_reference) {
            stack.push(first);
        }
    }
    if found.windows(2).any(|w| w[0] >= w[1]) {
        return Err("the frame's bookmarks are not in page order".into());
    }
    Ok(found)
}

/// Copies the pages of `brief` (without their footers) as form XObjects, with everything they
/// and their annotations refer to, numbered for the binder; links to its own pages point to the
/// frame pages they are laid on. The structure tree and its references are left behind.
fn copy_brief(brief: &Pdf, brief_pages: &[ObjectId], run: &Run) -> Result<Copied, String> {
    let mut copier = Copier {
        brief,
        offset: run.offset,
        pages: brief_pages
            .iter()
            .copied()
            .zip(run.frame_pages.iter().copied())
            .collect(),
        objects: BTreeMap::new(),
        queue: Vec::new(),
    };
    let mut pages = Vec::with_capacity(brief_pages.len());
    for (i, &page) in brief_pages.iter().enumerate() {
        let at = |err: String| format!("page {}: {err}", i + 1);
        let dict = brief.get(page).map_err(at)?;
        let dict = dict.as_dict().map_err(|e| at(e.to_string()))?;
        let content = page_content(brief, dict).map_err(at)?;
        let (content, footers) = footer::strip(&content).map_err(at)?;
        if footers != 1 {
            return Err(at(format!("{footers} running footers")));
        }
        let resources = inherited(brief, dict, b"Resources")
            .map_err(at)?
            .ok_or_else(|| at("no resources".into()))?;
        let media_box = inherited(brief, dict, b"MediaBox")
            .map_err(at)?
            .ok_or_else(|| at("no media box".into()))?;
        let mut form = Dictionary::new();
        form.set("Type", Object::Name(b"XObject".to_vec()));
        form.set("Subtype", Object::Name(b"Form".to_vec()));
        form.set("BBox", copier.copy(&media_box));
        form.set("Resources", copier.copy(&resources));
        if let Ok(group) = dict.get(b"Group") {
            form.set("Group", copier.copy(group));
        }
        form.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let stream = Stream::new(form, deflate(&content).map_err(|e| at(e.to_string()))?);
        let id = (run.offset + brief.max_id() + 1 + i as u32, 0);
        copier.objects.insert(id, Object::Stream(stream));
        let annots = match dict.get(b"Annots").map(|a| brief.resolve(a)) {
            Ok(Ok(Object::Array(annots))) => annots.iter().map(|a| copier.copy(a)).collect(),
            Ok(Err(err)) => return Err(at(err)),
            _ => Vec::new(),
        };
        pages.push((id, annots));
    }
    copier.drain()?;
    Ok(Copied {
        objects: copier.objects,
        pages,
    })
}

/// `data` compressed for a `FlateDecode` stream, at flate2's default level: lopdf's `compress`
/// takes the best, which took a quarter of a binder's time for a few per cent of its size.
fn deflate(data: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::default(),
    );
    encoder.write_all(data)?;
    encoder.finish()
}

/// The page's content streams, decoded and joined.
fn page_content(pdf: &Pdf, page: &Dictionary) -> Result<Vec<u8>, String> {
    let streams = match page.get(b"Contents").map(|c| pdf.resolve(c)) {
        Ok(Ok(Object::Array(parts))) => parts,
        Ok(Ok(stream)) => vec![stream],
        Ok(Err(err)) => return Err(err),
        Err(_) => Vec::new(),
    };
    let mut content = Vec::new();
    for stream in streams {
        let Object::Stream(stream) = pdf.resolve(&stream)? else {
            return Err("content that is not a stream".into());
        };
        if stream.dict.has(b"Filter") {
            content.extend(inflated(&stream)?);
        } else {
            content.extend(stream.content);
        }
        content.push(b'\n');
    }
    Ok(content)
}

/// A page's `key`, looked up through its ancestors in the page tree if it is not its own.
fn inherited(pdf: &Pdf, page: &Dictionary, key: &[u8]) -> Result<Option<Object>, String> {
    let mut node = page.clone();
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return Ok(Some(value.clone()));
        }
        let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
            return Ok(None);
        };
        node = match pdf.get(parent)? {
            Object::Dictionary(parent) => parent,
            _ => return Ok(None),
        };
    }
    Ok(None)
}

/// Deep-copies objects of one brief into the binder's numbering.
struct Copier<'a> {
    brief: &'a Pdf<'a>,
    offset: u32,
    /// The brief's pages and the frame pages they are laid on: what references to them become.
    pages: HashMap<ObjectId, ObjectId>,
    objects: BTreeMap<ObjectId, Object>,
    queue: Vec<ObjectId>,
}

impl Copier<'_> {
    /// `object` with its references renumbered (their targets queued to be copied) and its
    /// references into the structure tree dropped.
    fn copy(&mut self, object: &Object) -> Object {
        match object {
            Object::Reference(id) => {
                if let Some(page) = self.pages.get(id) {
                    return Object::Reference(*page);
                }
                let new = (id.0 + self.offset, id.1);
                if !self.objects.contains_key(&new) {
                    self.queue.push(*id);
                }
                Object::Reference(new)
            }
            Object::Array(items) => Object::Array(items.iter().map(|o| self.copy(o)).collect()),
            Object::Dictionary(dict) => Object::Dictionary(self.copy_dict(dict)),
            Object::Stream(stream) => {
                let mut copied = Stream::new(self.copy_dict(&stream.dict), stream.content.clone());
                copied.allows_compression = stream.allows_compression;
                Object::Stream(copied)
            }
            other => other.clone(),
        }
    }

    fn copy_dict(&mut self, dict: &Dictionary) -> Dictionary {
        let mut copied = Dictionary::new();
        for (key, value) in dict.iter() {
            if matches!(key.as_slice(), b"StructParent" | b"StructParents") {
                continue;
            }
            copied.set(key.clone(), self.copy(value));
        }
        copied
    }

    /// Copies every queued object, and what they refer to in turn.
    fn drain(&mut self) -> Result<(), String> {
        while let Some(id) = self.queue.pop() {
            let new = (id.0 + self.offset, id.1);
            if self.objects.contains_key(&new) {
                continue;
            }
            let object = self.brief.get(id)?;
            if let Ok(dict) = object.as_dict() {
                if dict.has_type(b"StructElem") || dict.has_type(b"StructTreeRoot") {
                    return Err("a page refers to the structure tree".into());
                }
            }
            // Marked before copying, so that a cycle ends.
            self.objects.insert(new, Object::Null);
            let copied = self.copy(&object);
            self.objects.insert(new, copied);
        }
        Ok(())
    }
}

/// Draws brief page `xobject` under frame page `page`'s own content, and adds `annots` to it.
fn lay_under(
    doc: &mut Document,
    page: ObjectId,
    xobject: ObjectId,
    annots: Vec<Object>,
) -> Result<(), String> {
    let dict = doc.get_dictionary(page).map_err(|err| err.to_string())?;
    let mut resources = match dict.get(b"Resources").map(|r| doc.dereference(r)) {
        Ok(Ok((_, Object::Dictionary(r)))) => r.clone(),
        _ => Dictionary::new(),
    };
    let mut xobjects = match resources.get(b"XObject").map(|x| doc.dereference(x)) {
        Ok(Ok((_, Object::Dictionary(x)))) => x.clone(),
        _ => Dictionary::new(),
    };
    xobjects.set(BRIEF_PAGE.to_vec(), Object::Reference(xobject));
    resources.set("XObject", Object::Dictionary(xobjects));
    let mut contents = vec![];
    let draw = doc.add_object(Stream::new(
        Dictionary::new(),
        [b"q /".as_slice(), BRIEF_PAGE, b" Do Q\n"].concat(),
    ));
    contents.push(Object::Reference(draw));
    let dict = doc.get_dictionary(page).map_err(|err| err.to_string())?;
    match dict.get(b"Contents") {
        Ok(Object::Array(own)) => contents.extend(own.iter().cloned()),
        Ok(own) => contents.push(own.clone()),
        Err(_) => {}
    }
    let mut all_annots = match dict.get(b"Annots").map(|a| doc.dereference(a)) {
        Ok(Ok((_, Object::Array(a)))) => a.clone(),
        _ => Vec::new(),
    };
    all_annots.extend(annots);
    let dict = doc
        .get_dictionary_mut(page)
        .map_err(|err| err.to_string())?;
    dict.set("Resources", Object::Dictionary(resources));
    dict.set("Contents", Object::Array(contents));
    if !all_annots.is_empty() {
        dict.set("Annots", Object::Array(all_annots));
    }
    Ok(())
}

/// Removes the objects nothing refers to any longer (the frame's structure tree) and numbers the
/// rest without gaps. lopdf's own `prune_objects` looks each object up in a list, quadratic in the
/// objects of a binder.
fn prune(doc: &mut Document) {
    fn visit(object: &Object, stack: &mut Vec<ObjectId>) {
        match object {
            Object::Reference(id) => stack.push(*id),
            Object::Array(items) => items.iter().for_each(|o| visit(o, stack)),
            Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| visit(o, stack)),
            Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| visit(o, stack)),
            _ => {}
        }
    }
    let mut reached = std::collections::HashSet::new();
    let mut stack = Vec::new();
    doc.trailer.iter().for_each(|(_, o)| visit(o, &mut stack));
    while let Some(id) = stack.pop() {
        if reached.insert(id) {
            if let Some(object) = doc.objects.get(&id) {
                visit(object, &mut stack);
            }
        }
    }
    doc.objects.retain(|id, _| reached.contains(id));
    // Numbered 1, 2, 3... again: one cross-reference section without gaps.
    let numbers: HashMap<ObjectId, ObjectId> = doc
        .objects
        .keys()
        .enumerate()
        .map(|(i, id)| (*id, (i as u32 + 1, 0)))
        .collect();
    fn renumber(object: &mut Object, numbers: &HashMap<ObjectId, ObjectId>) {
        match object {
            Object::Reference(id) => {
                // A reference to nothing is null (ISO 32000 7.3.10).
                *object = numbers
                    .get(id)
                    .map_or(Object::Null, |n| Object::Reference(*n));
            }
            Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, numbers)),
            Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| renumber(o, numbers)),
            Object::Stream(stream) => stream
                .dict
                .iter_mut()
                .for_each(|(_, o)| renumber(o, numbers)),
            _ => {}
        }
    }
    let objects = std::mem::take(&mut doc.objects);
    doc.objects = objects
        .into_iter()
        .map(|(id, mut object)| {
            renumber(&mut object, &numbers);
            (numbers[&id], object)
        })
        .collect();
    doc.trailer
        .iter_mut()
        .for_each(|(_, o)| renumber(o, &numbers));
    doc.max_id = doc.objects.len() as u32;
}

/// Drops the frame's structure tree and what points into it: the binder is not tagged.
fn untag(doc: &mut Document, pages: &[ObjectId]) {
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.remove(b"StructTreeRoot");
        catalog.remove(b"MarkInfo");
    }
    let mut annots = Vec::new();
    for &page in pages {
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.remove(b"StructParents");
            dict.remove(b"Tabs");
            if let Ok(Object::Array(a)) = dict.get(b"Annots") {
                annots.extend(a.iter().filter_map(|a| a.as_reference().ok()));
            }
        }
    }
    for id in annots {
        if let Ok(dict) = doc.get_dictionary_mut(id) {
            dict.remove(b"StructParent");
        }
    }
}

/// What a page's content stream may inflate to: far above a brief page's (tens of KB), far
/// below what a forged file could ask for.
const MAX_CONTENT: u64 = 64 * 1024 * 1024;

/// A content stream's bytes, inflated (typst writes `FlateDecode` alone), at most `MAX_CONTENT`.
fn inflated(stream: &Stream) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let filter = stream.dict.get(b"Filter").and_then(Object::as_name).ok();
    if filter != Some(b"FlateDecode".as_slice()) {
        return Err("a content stream with a filter other than FlateDecode".into());
    }
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(stream.content.as_slice())
        .take(MAX_CONTENT + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("a content stream that does not inflate: {e}"))?;
    if out.len() as u64 > MAX_CONTENT {
        return Err(format!(
            "a content stream larger than {MAX_CONTENT} bytes inflated"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn flate(bytes: &[u8]) -> Stream {
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(dict, encoder.finish().unwrap())
    }

    #[test]
    fn a_content_stream_is_inflated_within_its_bound() {
        assert_eq!(inflated(&flate(b"BT ET")).unwrap(), b"BT ET");
        // A bomb: a few hundred KB that would inflate past the bound.
        let bomb = flate(&vec![0; MAX_CONTENT as usize + 1]);
        let err = inflated(&bomb).unwrap_err();
        assert!(err.contains("larger than"), "{err}");
        let mut other = flate(b"BT ET");
        other
            .dict
            .set("Filter", Object::Name(b"LZWDecode".to_vec()));
        assert!(inflated(&other).is_err());
    }
}
