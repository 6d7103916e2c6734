//! Loading: reads a data folder into a checked [`Dataset`], collecting every problem before failing.

mod areas;
mod countries;
mod indicators;
pub mod limits;
mod lists;
mod locate;
mod pledges;
mod record;
pub mod regions;
mod validate;
mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Problem, Result};
use crate::files::{self, real_root, Refusal, Want};
use crate::model::{Compact, Dataset, DatasetFile, Forum, Record};

pub use locate::LineIndex;
pub use record::tally;

/// The file in a data folder that names the others and declares provenance.
pub const DATASET_FILE: &str = "dataset.yaml";

/// A loaded dataset and the notices (ignored columns and the like) met on the way.
pub struct Loaded {
    pub dataset: Dataset,
    pub notices: Vec<Problem>,
}

/// Loads `data` (see [`load`]), its problems and notices naming embedded files as such.
pub fn load_data(data: &crate::defaults::Data) -> Result<Loaded> {
    let relabel = |problems: &mut Vec<Problem>| {
        for problem in problems {
            problem.file = data.shown(&problem.file);
        }
    };
    match load(data.path()) {
        Ok(mut loaded) => {
            relabel(&mut loaded.notices);
            Ok(loaded)
        }
        Err(Error::Data(mut problems)) => {
            relabel(&mut problems);
            Err(Error::Data(problems))
        }
        Err(err) => Err(err),
    }
}

/// Loads and checks everything under `root`. Fails with every problem found, not just the first.
pub fn load(root: &Path) -> Result<Loaded> {
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "{}: no such data folder",
            root.display()
        )));
    }
    let mut problems = Vec::new();
    let mut notices = Vec::new();
    let dataset_path = root.join(DATASET_FILE);
    let declared = confine(root, &dataset_path, &mut problems)
        .then(|| yaml::read::<DatasetFile>(&dataset_path, &mut problems))
        .flatten();
    let Some(declared) = declared else {
        return Err(Error::Data(problems));
    };
    validate::dataset_file(&dataset_path, &declared, &mut problems);

    // Every file is read and checked even when an earlier one has problems, so that one run
    // reports them all; only what depends on a broken file is skipped.
    let named = |field: &str, path: &PathBuf, problems: &mut Vec<Problem>| {
        confine_named(root, &declared, field, path, data_file(), problems)
    };
    let compact_path = root.join(&declared.value.objectives);
    let compact = named("objectives", &compact_path, &mut problems)
        .then(|| yaml::read::<Compact>(&compact_path, &mut problems))
        .flatten();
    let forum_path = root.join(&declared.value.forum);
    let forum = named("forum", &forum_path, &mut problems)
        .then(|| yaml::read::<Forum>(&forum_path, &mut problems))
        .flatten();
    let countries_path = root.join(&declared.value.countries);
    let countries_read = named("countries", &countries_path, &mut problems);
    let (country_lines, countries): (Vec<usize>, Vec<_>) = if countries_read {
        countries::load(&countries_path, &mut problems)
            .into_iter()
            .unzip()
    } else {
        Default::default()
    };
    let pledge_dir = root.join(&declared.value.pledges.folder);
    let field = "pledges.folder";
    let pledge_files = if confine_named(
        root,
        &declared,
        field,
        &pledge_dir,
        Want::Folder,
        &mut problems,
    ) {
        csv_files(root, &pledge_dir, &mut problems).unwrap_or_else(|err| {
            let line = declared.lines.line(field);
            problems.push(Problem::new(&dataset_path, line, field, err.to_string()));
            Vec::new()
        })
    } else {
        Vec::new()
    };
    // The record files are read only once each is known to be a regular file inside the folder.
    let record_confined = declared.value.record.as_ref().is_some_and(|files| {
        [
            ("record.votes", &files.votes),
            ("record.champions", &files.champions),
            ("record.facts", &files.facts),
            ("record.roles", &files.roles),
        ]
        .into_iter()
        .fold(true, |ok, (field, path)| {
            named(field, &root.join(path), &mut problems) && ok
        })
    });
    let areas_confined = declared
        .value
        .areas
        .as_ref()
        .is_some_and(|file| named("areas", &root.join(file), &mut problems));
    let declared = declared.value;
    if countries_read {
        validate::countries(&countries_path, &countries, &country_lines, &mut problems);
    }

    let mut compact = compact;
    if let Some(compact) = &mut compact {
        // Briefs look objectives up by number; the file may list them in any order.
        compact.value.objectives.sort_by_key(|o| o.number);
        validate::compact(&compact_path, compact, &mut problems);
    }
    if let Some(forum) = &forum {
        validate::forum(&forum_path, forum, &mut problems);
    }

    let mut all_pledges = Vec::new();
    if let Some(compact) = &compact {
        let resolver = pledges::Resolver::new(&countries, &compact.value);
        for file in &pledge_files {
            all_pledges.extend(pledges::load(file, &resolver, &mut problems, &mut notices));
        }
    }
    validate::unique_pledge_ids(&all_pledges, &mut problems);

    let indicator_dir = root.join("indicators");
    let indicator_files = if indicator_dir.is_dir() {
        csv_files(root, &indicator_dir, &mut problems)?
    } else {
        Vec::new()
    };
    // The areas other than States that indicator rows may name (checked once the countries are
    // read: a State is no such area).
    let areas_path = declared.areas.as_ref().map(|file| root.join(file));
    let areas = match &areas_path {
        Some(path) if areas_confined && !countries.is_empty() => {
            Some(areas::load(path, &countries, &mut problems))
        }
        _ => None,
    };
    let indicators = indicators::load(
        &indicator_files,
        &countries,
        areas.as_ref(),
        &mut problems,
        &mut notices,
    );
    let mut record_files = Vec::new();
    // Record rows are checked against the countries: with none read, that is one problem, not
    // one per row.
    let record = match &declared.record {
        Some(files) if record_confined && !countries.is_empty() => {
            record_files.extend(
                [&files.votes, &files.champions, &files.facts, &files.roles].map(|f| root.join(f)),
            );
            record::load(root, files, &countries, &mut problems)
        }
        _ => Record::default(),
    };

    let (Some(compact), Some(forum)) = (compact, forum) else {
        return Err(Error::Data(problems));
    };
    if !problems.is_empty() {
        return Err(Error::Data(problems));
    }
    let mut inputs = vec![dataset_path, compact_path, forum_path, countries_path];
    inputs.extend(areas_path);
    inputs.extend(pledge_files);
    inputs.extend(indicator_files);
    inputs.extend(record_files);
    let data_hash = hash_files(&inputs)?;
    Ok(Loaded {
        dataset: Dataset {
            root: root.to_path_buf(),
            declared,
            compact: compact.value,
            forum: forum.value,
            countries,
            pledges: all_pledges,
            indicators: indicators.by_country,
            indicator_totals: indicators.totals,
            record,
            data_hash,
            files: inputs,
        },
        notices,
    })
}

/// What a data file must be: a regular file no larger than the limit.
fn data_file() -> Want {
    Want::File {
        max_bytes: limits::MAX_FILE_BYTES,
    }
}

/// Whether `path` may be read: what `want` asks (a [`data_file`], a folder) inside the data
/// folder, after following symbolic links. Says why not otherwise; a refused path is never read.
fn allowed(root: &Path, path: &Path, want: Want) -> std::result::Result<(), String> {
    let folder = matches!(want, Want::Folder);
    match files::confine(&real_root(root), path, want) {
        Ok(_) => Ok(()),
        Err(Refusal::Unresolved(err)) => Err(err.to_string()),
        Err(Refusal::Outside) => Err(format!(
            "refused: it lies outside the data folder {}",
            root.display()
        )),
        Err(Refusal::NotRegular) if folder => Err("refused: not a folder".into()),
        Err(Refusal::NotRegular) => {
            Err("refused: not a regular file (a folder, device or pipe)".into())
        }
        Err(Refusal::TooLarge { bytes, limit }) => Err(format!(
            "refused: {bytes} bytes, more than the limit of {limit} bytes per data file"
        )),
    }
}

/// [`allowed`] for a file found in a folder; a refusal is a problem of the file.
fn confine(root: &Path, path: &Path, problems: &mut Vec<Problem>) -> bool {
    allowed(root, path, data_file())
        .map_err(|message| problems.push(Problem::new(path, None, "", message)))
        .is_ok()
}

/// [`allowed`] for a file named in `dataset.yaml`: a refusal points at the line naming it.
fn confine_named(
    root: &Path,
    declared: &yaml::YamlFile<DatasetFile>,
    field: &str,
    path: &Path,
    want: Want,
    problems: &mut Vec<Problem>,
) -> bool {
    allowed(root, path, want)
        .map_err(|message| {
            let named = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            problems.push(Problem::new(
                &root.join(DATASET_FILE),
                declared.lines.line(field),
                field,
                format!("`{named}`: {message}"),
            ))
        })
        .is_ok()
}

/// Reads a text file, naming the path on failure; a UTF-8 BOM is dropped.
fn read_text(path: &Path) -> std::result::Result<String, Problem> {
    let bytes = fs::read(path).map_err(|err| Problem::new(path, None, "", err.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let line = 1 + err.as_bytes()[..err.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Problem::new(path, Some(line), "", "not valid UTF-8")
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// The `*.csv` files of a folder inside `root`, sorted so that merging is stable; hidden and
/// editor files are skipped, and refused files (outside the folder, not regular) are problems.
fn csv_files(root: &Path, dir: &Path, problems: &mut Vec<Problem>) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|err| Error::io(dir, err))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !crate::files::is_ignored(&name)
            && path
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"))
            && confine(root, &path, problems)
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A CSV file read whole: its bytes (to count lines), header and records.
struct CsvFile {
    bytes: Vec<u8>,
    headers: csv::StringRecord,
    records: Vec<csv::Result<csv::StringRecord>>,
}

/// Reads a CSV file; an unreadable file or header is recorded as a problem.
fn read_csv(path: &Path, problems: &mut Vec<Problem>) -> Option<CsvFile> {
    let bytes = read_bytes(path, problems)?;
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader
        .headers()
        .map_err(|err| problems.push(csv_problem(path, &bytes, &err)))
        .ok()?
        .clone();
    let mut lines = Lines::new(&bytes);
    let records = reader
        .records()
        .filter(|record| {
            let Ok(record) = record else { return true };
            // A NUL is no text a brief could print (YAML refuses it too). Other control
            // characters are kept, and escaped wherever they are echoed or printed.
            let control = |cell: &str| cell.chars().find(|c| *c == '\0');
            let refused = record.iter().enumerate().find_map(|(column, cell)| {
                if cell.len() > limits::MAX_CELL_BYTES {
                    Some((
                        column,
                        format!(
                            "the cell holds {} bytes, more than the limit of {} bytes per cell",
                            cell.len(),
                            limits::MAX_CELL_BYTES
                        ),
                    ))
                } else {
                    control(cell).map(|c| {
                        let message = format!(
                            "the cell holds a control character (U+{:04X}), which is not text",
                            c as u32
                        );
                        (column, message)
                    })
                }
            });
            if let Some((column, message)) = &refused {
                let field = headers
                    .get(*column)
                    .map_or_else(|| format!("column {}", column + 1), str::to_string);
                problems.push(Problem::new(
                    path,
                    Some(lines.of(record)),
                    field,
                    message.clone(),
                ));
            }
            refused.is_none()
        })
        .collect();
    Some(CsvFile {
        bytes,
        headers,
        records,
    })
}

/// Reads a CSV file into typed rows with their line numbers; bad rows become problems.
fn read_rows<T: serde::de::DeserializeOwned>(
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, T)> {
    let Some(file) = read_csv(path, problems) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut lines = Lines::new(&file.bytes);
    for record in file.records {
        let row = record.and_then(|record| {
            let line = lines.of(&record);
            record
                .deserialize::<T>(Some(&file.headers))
                .map(|row| (line, row))
        });
        match row {
            Ok(row) => rows.push(row),
            Err(err) => {
                let mut problem = csv_problem(path, &file.bytes, &err);
                // Name the column by its header rather than its position.
                if let Some(name) = problem
                    .field
                    .strip_prefix("column ")
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| file.headers.get(n.wrapping_sub(1)))
                {
                    problem.field = name.to_string();
                }
                problems.push(problem);
            }
        }
    }
    rows
}

/// Reads a whole file, recording a problem naming the path on failure.
fn read_bytes(path: &Path, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    fs::read(path)
        .map_err(|err| problems.push(Problem::new(path, None, "", err.to_string())))
        .ok()
}

/// Counts lines up to CSV records' byte offsets, which come in increasing order (csv's own line
/// count is off for CRLF files).
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Lines {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line `record` starts on.
    fn of(&mut self, record: &csv::StringRecord) -> usize {
        let mut offset = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(self.bytes.len());
        // After a CRLF, csv puts the record's start on the LF.
        while self
            .bytes
            .get(offset)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            offset += 1;
        }
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        self.line += self.bytes[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }
}

/// A csv error as a located problem. The line is counted from the byte offset in `bytes`, since
/// csv's own line count is off in CRLF files.
fn csv_problem(path: &Path, bytes: &[u8], err: &csv::Error) -> Problem {
    let line = err.position().map(|p| {
        let offset = (p.byte() as usize).min(bytes.len());
        let skipped = bytes[offset..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|&&b| b == b'\n')
            .count();
        1 + skipped + bytes[..offset].iter().filter(|&&b| b == b'\n').count()
    });
    let (field, message) = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            String::new(),
            format!("row has {len} fields, the header has {expected_len} (check the quoting)"),
        ),
        csv::ErrorKind::Deserialize { err: de, .. } => {
            let field = de
                .field()
                .map(|i| format!("column {}", i + 1))
                .unwrap_or_default();
            (field, de.kind().to_string())
        }
        csv::ErrorKind::Utf8 { .. } => (String::new(), "not valid UTF-8".to_string()),
        _ => (String::new(), err.to_string()),
    };
    Problem::new(path, line, field, message)
}

/// A short hash of the input files' paths (relative names) and contents.
fn hash_files(files: &[PathBuf]) -> Result<String> {
    let mut hasher = Sha256::new();
    for file in files {
        let bytes = fs::read(file).map_err(|err| Error::io(file, err))?;
        hasher.update(
            file.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(crate::files::hex(&hasher.finalize()[..6]))
}
