//! Writing an assembled binder: every object that is not a stream goes into compressed object
//! streams (ISO 32000-1 7.5.7), found through a cross-reference stream (7.5.8). A binder holds
//! its briefs' structure trees, tens of thousands of small dictionaries: written one by one, as
//! lopdf writes them, they made the delegations binder 11.4 MB; packed, 7 MB.

use std::io::Write;

use lopdf::{Dictionary, Document, Object, StringFormat};
use rayon::prelude::*;

/// Objects per object stream: large enough to compress well, small enough that a reader that
/// needs one object does not inflate much more than it.
const PER_STREAM: usize = 200;

/// `doc` as PDF bytes: its objects numbered 1 to `max_id`, generation 0 (a number in no use is a
/// free entry of the table).
pub(super) fn write(doc: &Document) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(1 << 20);
    let version = if doc.version.as_str() < "1.5" {
        "1.5"
    } else {
        doc.version.as_str()
    };
    writeln!(out, "%PDF-{version}").map_err(|e| e.to_string())?;
    // Four bytes above 127: the file is binary.
    out.extend_from_slice(b"%\xe2\xe3\xcf\xd3\n");
    let size = doc.max_id as usize + 1;
    // Each object's cross-reference entry: (type, field 2, field 3).
    let mut entries: Vec<(u8, u64, u16)> = vec![(0, 0, 0); size];
    entries[0] = (0, 0, 0xffff);
    let mut packed: Vec<(u32, &Object)> = Vec::new();
    for (&(number, generation), object) in &doc.objects {
        let n = number as usize;
        if n >= size || generation != 0 {
            return Err(format!(
                "object {number} {generation} outside the numbering"
            ));
        }
        match object {
            Object::Stream(_) => {
                entries[n] = (1, out.len() as u64, 0);
                writeln!(out, "{number} 0 obj").map_err(|e| e.to_string())?;
                object_bytes(&mut out, object);
                out.extend_from_slice(b"\nendobj\n");
            }
            _ => packed.push((number, object)),
        }
    }
    // Each object stream's data, made and compressed side by side.
    let streams: Vec<(usize, Vec<u8>)> = packed
        .par_chunks(PER_STREAM)
        .map(|chunk| {
            let (mut header, mut body) = (Vec::new(), Vec::new());
            for (number, object) in chunk {
                let _ = write!(header, "{number} {} ", body.len());
                object_bytes(&mut body, object);
                body.push(b'\n');
            }
            let first = header.len();
            header.extend_from_slice(&body);
            super::deflate(&header).map(|data| (first, data))
        })
        .collect::<std::io::Result<_>>()
        .map_err(|e| e.to_string())?;
    let mut next = size as u32;
    for (chunk, (first, data)) in packed.chunks(PER_STREAM).zip(streams) {
        let stream_number = next;
        next += 1;
        for (index, (number, _)) in chunk.iter().enumerate() {
            entries[*number as usize] = (2, u64::from(stream_number), index as u16);
        }
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", Object::Integer(chunk.len() as i64));
        dict.set("First", Object::Integer(first as i64));
        entries.push((1, out.len() as u64, 0));
        write_stream(&mut out, stream_number, dict, data);
    }
    // The cross-reference stream, its own entry last.
    let xref_number = next;
    entries.push((1, out.len() as u64, 0));
    let mut table = Vec::with_capacity(entries.len() * 7);
    for (kind, field, generation) in &entries {
        table.push(*kind);
        table.extend_from_slice(&(*field as u32).to_be_bytes());
        table.extend_from_slice(&generation.to_be_bytes());
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(entries.len() as i64));
    dict.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(4),
            Object::Integer(2),
        ]),
    );
    for key in [b"Root".as_slice(), b"Info", b"ID"] {
        if let Ok(value) = doc.trailer.get(key) {
            dict.set(key.to_vec(), value.clone());
        }
    }
    let start = out.len();
    let table = super::deflate(&table).map_err(|e| e.to_string())?;
    write_stream(&mut out, xref_number, dict, table);
    write!(out, "startxref\n{start}\n%%EOF\n").map_err(|e| e.to_string())?;
    if out.len() as u64 > u64::from(u32::MAX) {
        return Err("a binder of more than 4 GB".into());
    }
    Ok(out)
}

/// Writes indirect object `number`: a stream of `data`, compressed with `FlateDecode`.
fn write_stream(out: &mut Vec<u8>, number: u32, mut dict: Dictionary, data: Vec<u8>) {
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    dict.set("Length", Object::Integer(data.len() as i64));
    let _ = writeln!(out, "{number} 0 obj");
    dict_bytes(out, &dict);
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

/// `object` in PDF syntax (7.3); a stream with its dictionary's `Length` set to its data.
fn object_bytes(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(n) => {
            let _ = write!(out, "{n}");
        }
        // Rust prints no exponent, as PDF requires.
        Object::Real(r) => {
            let _ = write!(out, "{r}");
        }
        Object::Name(name) => name_bytes(out, name),
        Object::String(bytes, format) => string_bytes(out, bytes, *format),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                object_bytes(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => dict_bytes(out, dict),
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            dict_bytes(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((number, generation)) => {
            let _ = write!(out, "{number} {generation} R");
        }
    }
}

fn dict_bytes(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        name_bytes(out, key);
        out.push(b' ');
        object_bytes(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A name, its delimiters, white space, `#` and bytes outside `!`..`~` written as `#xx` (7.3.5).
fn name_bytes(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if (b'!'..=b'~').contains(&b) && !b"#()<>[]{}/%".contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

/// A string: hexadecimal as it was read, else literal with `\`, `(`, `)` and bytes outside
/// printable ASCII escaped (7.3.4.2).
fn string_bytes(out: &mut Vec<u8>, bytes: &[u8], format: StringFormat) {
    if format == StringFormat::Hexadecimal {
        out.push(b'<');
        for b in bytes {
            let _ = write!(out, "{b:02X}");
        }
        out.push(b'>');
        return;
    }
    out.push(b'(');
    for &b in bytes {
        match b {
            b'\\' | b'(' | b')' => {
                out.push(b'\\');
                out.push(b);
            }
            b' '..=b'~' => out.push(b),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let mut dict = Dictionary::new();
        dict.set("A b", Object::Name(b"x#(".to_vec()));
        dict.set(
            "T",
            Object::String(b"a(b)\\\n\xfe".to_vec(), StringFormat::Literal),
        );
        dict.set("H", Object::String(vec![0, 255], StringFormat::Hexadecimal));
        dict.set(
            "K",
            Object::Array(vec![
                Object::Integer(-3),
                Object::Real(0.5),
                Object::Reference((7, 0)),
                Object::Null,
                Object::Boolean(true),
            ]),
        );
        let mut out = Vec::new();
        object_bytes(&mut out, &Object::Dictionary(dict));
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<</A#20b /x#23#28/T (a\\(b\\)\\\\\\012\\376)/H <00FF>/K [-3 0.5 7 0 R null true]>>"
        );
    }
}
