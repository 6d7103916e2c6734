//! Binders and packs assembled from the briefs' own PDF pages: typst lays out only a frame (the
//! cover, the contents and, for each brief, as many pages as its PDF has, bearing the binder's
//! running footer as an artifact: see `frame-mode` in templates/lib/page.typ), and each frame page
//! of a brief takes the brief page's content (its own footer taken out), resources, links and
//! place in the structure tree, with the frame page's own content drawn over it.
//!
//! The frame keeps its catalog: outline, XMP metadata, language, title, structure tree. Each
//! brief's structure tree becomes a part (`Part`) of the binder's document element, its keys in
//! the parent tree shifted past the frame's and the briefs' before, so that the binder is tagged
//! as its briefs are.

mod footer;
mod lex;
mod read;
mod write;

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use rayon::prelude::*;

use read::Pdf;

/// The binder's PDF: `frame`'s pages, each brief's run of pages laid on the run of frame pages
/// that its bookmark begins (`briefs` in bookmark order); an error names what did not fit.
pub(super) fn assemble(frame: &[u8], briefs: &[&[u8]]) -> Result<Vec<u8>, String> {
    let at_frame = |err: String| format!("the frame: {err}");
    let frame_pdf = Pdf::new(frame).map_err(at_frame)?;
    let mut doc = frame_pdf.document().map_err(at_frame)?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let starts = bookmarked_pages(&doc, &pages)?;
    if starts.len() != briefs.len() {
        return Err(format!(
            "the frame has {} bookmarks for {} briefs",
            starts.len(),
            briefs.len()
        ));
    }
    let mut tree = Tree::of(&frame_pdf).map_err(at_frame)?;
    // The frame's own elements stay where they are; the briefs' are added after them.
    tree.elements.clear();
    let loaded: Vec<(Pdf, Vec<ObjectId>, Tree)> = briefs
        .par_iter()
        .enumerate()
        .map(|(i, bytes)| {
            {
                let pdf = Pdf::new(bytes)?;
                let pages = pdf.pages()?;
                let tree = Tree::of(&pdf)?;
                Ok((pdf, pages, tree))
            }
            .map_err(|err: String| format!("brief {}: {err}", i + 1))
        })
        .collect::<Result<_, _>>()?;
    // Each brief's objects keep their numbers, shifted past the frame's and the briefs' before;
    // so do its keys in the parent tree.
    let mut next = doc.max_id;
    let mut next_key = tree.next_key;
    let mut runs = Vec::with_capacity(loaded.len());
    for (i, (brief, brief_pages, brief_tree)) in loaded.iter().enumerate() {
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
            key_offset: next_key,
            parent: tree.document,
        });
        next += brief.max_id() + count as u32;
        next_key += brief_tree.next_key;
    }
    let copies: Vec<Copied> = loaded
        .par_iter()
        .zip(&runs)
        .enumerate()
        .map(|(i, ((brief, pages, brief_tree), run))| {
            copy_brief(brief, pages, brief_tree, run)
                .map_err(|err| format!("brief {}: {err}", i + 1))
        })
        .collect::<Result<_, _>>()?;
    drop(loaded);
    doc.max_id = next;
    for (copied, run) in copies.into_iter().zip(&runs) {
        doc.objects.extend(copied.objects);
        for (brief_page, &page) in copied.pages.into_iter().zip(&run.frame_pages) {
            lay_over(&mut doc, page, brief_page).map_err(at_frame)?;
        }
        tree.elements.extend(copied.tree.elements);
        tree.parents.extend(copied.tree.parents);
        for (role, mapped) in copied.tree.roles {
            if !tree.roles.has(&role) {
                tree.roles.set(role, mapped);
            }
        }
    }
    tree.next_key = next_key;
    tree.write(&mut doc)?;
    write::write(&doc).map_err(|err| format!("writing the binder: {err}"))
}

/// Where a brief goes: the first number of its objects' range, the frame pages it is laid on,
/// its first key in the binder's parent tree and the structure element its own go under.
struct Run {
    offset: u32,
    frame_pages: Vec<ObjectId>,
    key_offset: i64,
    parent: ObjectId,
}

/// One brief's objects, renumbered for the binder, its pages and its structure.
struct Copied {
    objects: BTreeMap<ObjectId, Object>,
    pages: Vec<BriefPage>,
    tree: Tree,
}

/// What a brief page brings to the frame page it is laid on.
struct BriefPage {
    /// Its content stream, without its running footer.
    content: ObjectId,
    resources: Object,
    annots: Vec<Object>,
    /// Its key in the binder's parent tree (its marked content's structure elements).
    struct_parents: Option<i64>,
    group: Option<Object>,
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

/// A document's structure tree, as far as binding needs it: the element a binder's briefs go
/// under (the frame's document element), the top-level elements, the parent tree's entries and
/// the role map.
struct Tree {
    root: ObjectId,
    document: ObjectId,
    elements: Vec<Object>,
    parents: Vec<(i64, Object)>,
    next_key: i64,
    roles: Dictionary,
}

impl Tree {
    /// The structure tree of `pdf` (typst tags every PDF it writes).
    fn of(pdf: &Pdf) -> Result<Tree, String> {
        let catalog = pdf.get(
            pdf.trailer
                .get(b"Root")
                .and_then(Object::as_reference)
                .map_err(|_| "no catalog")?,
        )?;
        let root = catalog
            .as_dict()
            .and_then(|c| c.get(b"StructTreeRoot"))
            .and_then(Object::as_reference)
            .map_err(|_| "no structure tree")?;
        let dict = pdf.get(root)?;
        let dict = dict
            .as_dict()
            .map_err(|_| "a structure tree that is no dictionary")?;
        let elements = match dict.get(b"K").map(|k| pdf.resolve(k)) {
            Ok(Ok(Object::Array(kids))) => kids,
            Ok(Ok(Object::Null)) | Err(_) => Vec::new(),
            Ok(Ok(_)) => vec![dict.get(b"K").cloned().unwrap_or(Object::Null)],
            Ok(Err(err)) => return Err(err),
        };
        // The one document element, if the tree has one, else the root itself.
        let document = match elements.as_slice() {
            [Object::Reference(id)] => match pdf.get(*id)? {
                Object::Dictionary(d)
                    if d.get(b"S").and_then(Object::as_name).ok() == Some(b"Document") =>
                {
                    *id
                }
                _ => root,
            },
            _ => root,
        };
        let mut parents = Vec::new();
        if let Ok(tree) = dict.get(b"ParentTree") {
            numbers(pdf, &pdf.resolve(tree)?, 0, &mut parents)?;
        }
        // Past every key in use, whatever `ParentTreeNextKey` says.
        let used = parents.iter().map(|(k, _)| k + 1).max().unwrap_or(0);
        let next_key = dict
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .map_or(used, |n| n.max(used));
        let roles = match dict.get(b"RoleMap").map(|r| pdf.resolve(r)) {
            Ok(Ok(Object::Dictionary(roles))) => roles,
            _ => Dictionary::new(),
        };
        Ok(Tree {
            root,
            document,
            elements,
            parents,
            next_key,
            roles,
        })
    }

    /// Writes the tree as the binder's: the briefs' elements under the frame's document element,
    /// one flat parent tree.
    fn write(self, doc: &mut Document) -> Result<(), String> {
        let mut parents = self.parents;
        parents.sort_by_key(|(key, _)| *key);
        let nums = parents
            .into_iter()
            .flat_map(|(key, value)| [Object::Integer(key), value])
            .collect();
        let mut parent_tree = Dictionary::new();
        parent_tree.set("Nums", Object::Array(nums));
        let parent_tree = doc.add_object(parent_tree);
        let document = doc
            .get_dictionary_mut(self.document)
            .map_err(|err| format!("the frame's document element: {err}"))?;
        let mut kids = match document.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => Vec::new(),
        };
        kids.extend(self.elements);
        document.set("K", Object::Array(kids));
        let root = doc
            .get_dictionary_mut(self.root)
            .map_err(|err| format!("the frame's structure tree: {err}"))?;
        let old = root.get(b"ParentTree").and_then(Object::as_reference).ok();
        root.set("ParentTree", Object::Reference(parent_tree));
        root.set("ParentTreeNextKey", Object::Integer(self.next_key));
        root.set("RoleMap", Object::Dictionary(self.roles));
        // The frame's own parent tree, whose entries the new one holds.
        if let Some(old) = old {
            doc.objects.remove(&old);
        }
        Ok(())
    }
}

/// The entries of number tree `node` (ISO 32000 7.9.7), its kids' at most 32 levels down.
fn numbers(
    pdf: &Pdf,
    node: &Object,
    depth: usize,
    out: &mut Vec<(i64, Object)>,
) -> Result<(), String> {
    if depth > 32 {
        return Err("a parent tree deeper than 32 levels".into());
    }
    let node = node
        .as_dict()
        .map_err(|_| "a parent-tree node that is no dictionary")?;
    if let Ok(nums) = node.get(b"Nums") {
        if let Object::Array(nums) = pdf.resolve(nums)? {
            for pair in nums.chunks(2) {
                if let [Object::Integer(key), value] = pair {
                    out.push((*key, value.clone()));
                }
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids") {
        if let Object::Array(kids) = pdf.resolve(kids)? {
            for kid in kids {
                numbers(pdf, &pdf.resolve(&kid)?, depth + 1, out)?;
            }
        }
    }
    Ok(())
}

/// Copies the pages of `brief` (their content without the footer, resources and annotations),
/// its structure tree's elements and parent tree, with everything they refer to, numbered for
/// the binder: references to its pages point to the frame pages they are laid on, and to its
/// structure tree's root, to the element the binder puts the brief under.
fn copy_brief(
    brief: &Pdf,
    brief_pages: &[ObjectId],
    tree: &Tree,
    run: &Run,
) -> Result<Copied, String> {
    let mut mapped: HashMap<ObjectId, ObjectId> = brief_pages
        .iter()
        .copied()
        .zip(run.frame_pages.iter().copied())
        .collect();
    mapped.insert(tree.root, run.parent);
    let mut copier = Copier {
        brief,
        offset: run.offset,
        key_offset: run.key_offset,
        mapped,
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
        // Inline, not the brief's object: the binder page adds its frame's form to it.
        let resources = inherited(brief, dict, b"Resources")
            .map_err(at)?
            .ok_or_else(|| at("no resources".into()))?;
        let mut resources = brief.resolve(&resources).map_err(at)?;
        if let Ok(resources) = resources.as_dict_mut() {
            if let Ok(xobjects) = resources.get(b"XObject") {
                let xobjects = brief.resolve(xobjects).map_err(at)?;
                resources.set("XObject", xobjects);
            }
        }
        let mut stream = Dictionary::new();
        stream.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let stream = Stream::new(stream, deflate(&content).map_err(|e| at(e.to_string()))?);
        let id = (run.offset + brief.max_id() + 1 + i as u32, 0);
        copier.objects.insert(id, Object::Stream(stream));
        let annots = match dict.get(b"Annots").map(|a| brief.resolve(a)) {
            Ok(Ok(Object::Array(annots))) => annots.iter().map(|a| copier.copy(a)).collect(),
            Ok(Err(err)) => return Err(at(err)),
            _ => Vec::new(),
        };
        pages.push(BriefPage {
            content: id,
            resources: copier.copy(&resources),
            annots,
            struct_parents: dict
                .get(b"StructParents")
                .and_then(Object::as_i64)
                .ok()
                .map(|key| key + run.key_offset),
            group: dict.get(b"Group").ok().map(|g| copier.copy(g)),
        });
    }
    let elements: Vec<Object> = tree.elements.iter().map(|e| copier.copy(e)).collect();
    let parents = tree
        .parents
        .iter()
        .map(|(key, value)| (key + run.key_offset, copier.copy(value)))
        .collect();
    copier.drain()?;
    // Its document element is a part of the binder's document.
    for element in &elements {
        if let Ok(id) = element.as_reference() {
            if let Some(Object::Dictionary(dict)) = copier.objects.get_mut(&id) {
                if dict.get(b"S").and_then(Object::as_name).ok() == Some(b"Document") {
                    dict.set("S", Object::Name(b"Part".to_vec()));
                }
            }
        }
    }
    Ok(Copied {
        objects: copier.objects,
        pages,
        tree: Tree {
            root: tree.root,
            document: tree.document,
            elements,
            parents,
            next_key: tree.next_key,
            roles: tree.roles.clone(),
        },
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
    /// What its keys in the parent tree are shifted by.
    key_offset: i64,
    /// The brief's pages and the frame pages they are laid on, its structure tree's root and the
    /// element its elements go under: what references to them become.
    mapped: HashMap<ObjectId, ObjectId>,
    objects: BTreeMap<ObjectId, Object>,
    queue: Vec<ObjectId>,
}

impl Copier<'_> {
    /// `object` with its references renumbered (their targets queued to be copied) and its keys
    /// into the parent tree shifted.
    fn copy(&mut self, object: &Object) -> Object {
        match object {
            Object::Reference(id) => {
                if let Some(mapped) = self.mapped.get(id) {
                    return Object::Reference(*mapped);
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
            let value = match (key.as_slice(), value) {
                (b"StructParent" | b"StructParents", Object::Integer(n)) => {
                    Object::Integer(n + self.key_offset)
                }
                _ => self.copy(value),
            };
            copied.set(key.clone(), value);
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
            // Marked before copying, so that a cycle ends.
            self.objects.insert(new, Object::Null);
            let copied = self.copy(&object);
            self.objects.insert(new, copied);
        }
        Ok(())
    }
}

/// The name a binder page gives its frame page's own content (the binder's running footer)
/// among its XObjects.
const FRAME_PAGE: &[u8] = b"ImrfFramePage";

/// Lays brief page `brief` on frame page `page`: the page takes the brief page's content,
/// resources, annotations and place in the parent tree, and draws its own content (artifacts
/// only: the binder's footer) over it as a form XObject: its content stream made one.
fn lay_over(doc: &mut Document, page: ObjectId, brief: BriefPage) -> Result<(), String> {
    let dict = doc.get_dictionary(page).map_err(|err| err.to_string())?;
    let media_box = dict
        .get(b"MediaBox")
        .cloned()
        .map_err(|_| "a page without its media box".to_string())?;
    let frame_resources = dict
        .get(b"Resources")
        .cloned()
        .unwrap_or(Object::Dictionary(Dictionary::new()));
    let mut all_annots = match dict.get(b"Annots").map(|a| doc.dereference(a)) {
        Ok(Ok((_, Object::Array(a)))) => a.clone(),
        _ => Vec::new(),
    };
    all_annots.extend(brief.annots);
    // typst writes one content stream per page: it becomes the form as it is, not inflated and
    // compressed again.
    let form = match dict.get(b"Contents") {
        Ok(Object::Reference(id)) if matches!(doc.objects.get(id), Some(Object::Stream(_))) => *id,
        _ => return Err("a page whose content is not one stream".into()),
    };
    let Some(Object::Stream(stream)) = doc.objects.get_mut(&form) else {
        unreachable!("matched above")
    };
    stream.dict.set("Type", Object::Name(b"XObject".to_vec()));
    stream.dict.set("Subtype", Object::Name(b"Form".to_vec()));
    stream.dict.set("BBox", media_box);
    stream.dict.set("Resources", frame_resources);
    let mut resources = match doc.dereference(&brief.resources) {
        Ok((_, Object::Dictionary(r))) => r.clone(),
        _ => Dictionary::new(),
    };
    let mut xobjects = match resources.get(b"XObject").map(|x| doc.dereference(x)) {
        Ok(Ok((_, Object::Dictionary(x)))) => x.clone(),
        _ => Dictionary::new(),
    };
    xobjects.set(FRAME_PAGE.to_vec(), Object::Reference(form));
    resources.set("XObject", Object::Dictionary(xobjects));
    let draw = doc.add_object(Stream::new(
        Dictionary::new(),
        [b"/Artifact BMC q /".as_slice(), FRAME_PAGE, b" Do Q EMC\n"].concat(),
    ));
    let dict = doc
        .get_dictionary_mut(page)
        .map_err(|err| err.to_string())?;
    dict.set("Resources", Object::Dictionary(resources));
    dict.set(
        "Contents",
        Object::Array(vec![
            Object::Reference(brief.content),
            Object::Reference(draw),
        ]),
    );
    dict.remove(b"Annots");
    if !all_annots.is_empty() {
        dict.set("Annots", Object::Array(all_annots));
    }
    dict.remove(b"StructParents");
    if let Some(key) = brief.struct_parents {
        dict.set("StructParents", Object::Integer(key));
        dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    if let Some(group) = brief.group {
        dict.set("Group", group);
    }
    Ok(())
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
