//! `schema`: the JSON Schemas of `dataset.yaml` and `imrf-briefs.yaml`, generated from the serde
//! types that read them, so an editor (e.g. with yaml-language-server) completes and checks both.
//! The copies in `schemas/` are these, kept equal by a test.

use crate::cli::project::Project;
use crate::cli::SchemaFile;
use crate::error::Result;
use crate::model::DatasetFile;

/// The schema of `file`, pretty-printed JSON.
pub fn text(file: SchemaFile) -> String {
    let schema = match file {
        SchemaFile::Dataset => schemars::schema_for!(DatasetFile),
        SchemaFile::Project => schemars::schema_for!(Project),
    };
    serde_json::to_string_pretty(&schema).expect("schemas serialize") + "\n"
}

pub fn schema(file: SchemaFile) -> Result<()> {
    super::write_stdout(&text(file))
}
