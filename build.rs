//! Rebuilds the binary when a bundled template or data file is added, removed or changed: both
//! folders are embedded (`src/defaults.rs`), and a new file is not otherwise seen by cargo.
fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=data");
}
