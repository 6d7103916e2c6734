//! One snapshot of each kind's rendered Typst source (`build --format typ`): a change to a
//! template or a context shows as a reviewable diff of `tests/suite/snapshots/*.snap`. After an
//! intended change, `INSTA_UPDATE=always cargo test --release --test suite snapshots` rewrites
//! them (or `cargo insta review`); CI never writes them.

use std::fs;

use crate::support::{cmd, stderr};

#[test]
fn rendered_sources_of_each_kind() {
    let out = tempfile::tempdir().unwrap();
    let output = cmd()
        .args(["build", "--format", "typ", "-q", "--only"])
        .arg("overview,5,western-africa,MEX")
        .arg("--out")
        .arg(out.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    for (name, path) in [
        ("overview", "overview.typ"),
        ("objective-05", "objectives/objective-05.typ"),
        ("region-western-africa", "regions/western-africa.typ"),
        ("delegation-MEX", "delegations/MEX.typ"),
    ] {
        let source = fs::read_to_string(out.path().join(path)).unwrap();
        insta::assert_snapshot!(name, source);
    }
}
