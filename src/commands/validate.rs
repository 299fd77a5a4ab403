//! `nocard operators validate`: every rule over every file, with code and position.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use jiff::civil::Date;

use crate::causes::Refusal;
use crate::context::Context;
use crate::disk;
use crate::i18n::Ui;
use crate::operator::{
    Catalog, FileError, Problem, Rule, Severity, parse_common, parse_operator, parse_services,
};
use crate::output::write_stdout;
use crate::render::{self, ListFormat};
use crate::text::{Lang, printable};
use nocard_model::limits;

pub fn run(
    catalog: &Catalog,
    paths: &[PathBuf],
    format: ListFormat,
    deny_warnings: bool,
    ctx: &Context,
) -> Result<ExitCode> {
    let today = ctx.clock.today();
    let mut findings = Vec::new();
    let files = if paths.is_empty() {
        let files = catalog.files()?;
        for (path, id, text) in &files {
            findings.extend(check_text(path, id, text, today));
        }
        files.len()
    } else {
        for path in paths {
            findings.extend(check_file(path, today, ctx.lang)?);
        }
        paths.len()
    };
    write_stdout(
        &render::findings(&findings, files, format, ctx.lang),
        ctx.lang,
    )?;
    let (errors, warnings) = render::count(&findings);
    Ok(if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The findings for one file's text, shown as `path`: problems that stop the file from being
/// used as well as those that do not. The file's name says its kind: `common.toml` holds the
/// common precautions, `services.toml` the services tied to the number, any other an operator.
#[must_use]
pub fn check_text(path: &str, id: &str, text: &str, today: Date) -> Vec<FileError> {
    let findings = match id {
        "common" => parse_common(path, text, today).map(|parsed| parsed.findings),
        "services" => parse_services(path, text, today).map(|parsed| parsed.findings),
        _ => parse_operator(path, id, text, today).map(|parsed| parsed.findings),
    };
    findings.unwrap_or_else(|findings| findings)
}

/// Reads and checks the file at `path`; its name gives the id it must have. The errors that
/// stop it from being read are in `lang`.
pub fn check_file(path: &Path, today: Date, lang: Lang) -> Result<Vec<FileError>> {
    let shown = printable(&path.display().to_string()).into_owned();
    let context = || Ui::CouldNotRead.fill(lang, &[("path", &shown)]);
    // Only a regular file is opened: a named pipe would block the open itself.
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
        return Err(anyhow::Error::new(Refusal::NotAFile.into_io()).context(context()));
    }
    let file = disk::open_regular(path, disk::Links::Follow).with_context(context)?;
    // A file over the size limit is reported as NC001, unread: it could be of any size.
    let length = file.metadata().with_context(context)?.len();
    if usize::try_from(length).map_or(true, |length| length > limits::MAX_FILE_BYTES) {
        return Ok(vec![FileError {
            path: shown,
            position: None,
            problem: Problem::TooLarge(usize::try_from(length).unwrap_or(usize::MAX)),
        }]);
    }
    let text = limits::read_text(file).with_context(context)?;
    let id = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default();
    Ok(check_text(&shown, id, &text, today))
}

/// The rules, one a line, in `lang`, for `--help` (in English, as CONTRIBUTING.md lists them).
#[must_use]
pub fn rule_list(lang: Lang) -> String {
    let level = |rule: Rule| {
        match rule.severity() {
            Severity::Error => Ui::SeverityError,
            Severity::Warning => Ui::SeverityWarning,
        }
        .get(lang)
    };
    let width = Rule::ALL
        .iter()
        .map(|rule| console::measure_text_width(level(*rule)))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for rule in Rule::ALL {
        let level = level(rule);
        let pad = " ".repeat(width - console::measure_text_width(level));
        let _ = writeln!(
            out,
            "  {}  {level}{pad}  {}",
            rule.code(),
            crate::operator::rule_text(rule).get(lang)
        );
    }
    out
}
