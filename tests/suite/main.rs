//! The integration tests, one binary with a module per area. They drive the real binary (see
//! `support::Run`) on the bundled data and on fixture folders (`tests/fixtures/<case>/`), and read
//! the PDFs it writes with a Rust PDF parser.

mod support;

mod assembled;
mod build;
mod catalog;
mod check;
mod cli;
mod diag;
mod editions;
mod forged;
mod guarantees;
mod killed;
mod leftovers;
mod merge;
mod merge_hostile;
mod out_folder;
mod outside;
mod pack;
mod pages;
mod project;
mod pull;
mod serve;
mod snapshots;
mod variants;
mod watch;
mod workflow;

mod content {
    mod facts;
    mod forum_record;
    mod record_audit;
    mod states;
}

mod properties {
    mod escaping;
    mod fuzz;
}
