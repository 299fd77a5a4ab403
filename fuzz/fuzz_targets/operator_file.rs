//! The operator-file loader over arbitrary UTF-8: `parse_operator` and `parse_common` must
//! return the model or findings, never panic, overflow the stack or take long, and every
//! finding must be one line that is safe to print.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nocard_model::operator::{FileError, parse_common, parse_operator};
use nocard_model::text::is_unsafe_char;

fuzz_target!(|text: &str| {
    let today = jiff::civil::date(2026, 11, 25);
    let findings = |result: Result<Vec<FileError>, Vec<FileError>>| match result {
        Ok(findings) | Err(findings) => findings,
    };
    for found in [
        findings(parse_operator("fuzz.toml", "fuzz", text, today).map(|parsed| parsed.findings)),
        findings(parse_common("common.toml", text, today).map(|parsed| parsed.findings)),
    ] {
        for finding in found {
            let shown = finding.to_string();
            assert!(
                !shown.chars().any(is_unsafe_char),
                "a finding would reach the terminal raw: {shown:?}"
            );
            let place = finding.place();
            assert!(place.line >= 1 && place.line <= text.lines().count().max(1) + 1);
        }
    }
});
