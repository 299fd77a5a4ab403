//! End-to-end tests of the `nocard` binary, without a terminal.

mod helpers;

mod checklist;
mod contributing;
mod deregister;
mod english;
mod golden;
mod hardening;
mod languages;
mod operators;
mod packaging;
mod robustness;
mod schema;
mod status;
mod validate;
