//! The findings of `nocard operators validate`: a line each, or JSON.

use std::fmt::Write as _;

use serde_json::json;

use super::ListFormat;
use crate::i18n::Ui;
use crate::operator::{FileError, Severity};
use crate::text::Lang;

/// The findings in `format`, for `files` files checked. The findings are in English, as the
/// files they are about are written first; the count is in `lang`.
#[must_use]
pub fn findings(findings: &[FileError], files: usize, format: ListFormat, lang: Lang) -> String {
    match format {
        ListFormat::Text => text(findings, files, lang),
        ListFormat::Json => json(findings),
    }
}

/// `path:line:column: CODE message`, one a line, then a count.
#[must_use]
fn text(findings: &[FileError], files: usize, lang: Lang) -> String {
    let mut out = String::new();
    for finding in findings {
        let place = finding.place();
        // The path as the user gave it, as data: a name can hold an escape sequence too.
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {}",
            crate::text::printable(&finding.path),
            place.line,
            place.column,
            finding.problem.rule().code(),
            finding.problem
        );
    }
    let (errors, warnings) = count(findings);
    let counted = |count: usize, one: Ui, many: Ui| {
        if count == 1 {
            one.get(lang).to_owned()
        } else {
            many.fill(lang, &[("count", &count)])
        }
    };
    let _ = writeln!(
        out,
        "{}",
        Ui::FindingsCount.fill(
            lang,
            &[
                ("errors", &counted(errors, Ui::OneError, Ui::Errors)),
                ("warnings", &counted(warnings, Ui::OneWarning, Ui::Warnings)),
                ("files", &counted(files, Ui::OneFile, Ui::Files)),
            ],
        )
    );
    out
}

/// A JSON array of findings.
#[must_use]
fn json(findings: &[FileError]) -> String {
    let list: Vec<_> = findings
        .iter()
        .map(|finding| {
            let place = finding.place();
            let rule = finding.problem.rule();
            json!({
                "path": finding.path,
                "line": place.line,
                "column": place.column,
                "code": rule.code(),
                "severity": match rule.severity() { Severity::Error => "error", Severity::Warning => "warning" },
                "message": finding.problem.to_string(),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&list).unwrap_or_default();
    out.push('\n');
    out
}

/// `(errors, warnings)`.
#[must_use]
pub fn count(findings: &[FileError]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.problem.rule().severity() == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}
