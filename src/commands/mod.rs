//! Each command, start to finish: load what it needs, decide, render, print. Only these touch
//! files, the case book, the clock and the terminal.

pub mod deregister;
pub mod files;
mod status;
pub mod validate;

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;

use crate::casebook::StoreError;
use crate::checklist::Checklist;
use crate::cli::ChecklistArgs;
use crate::context::Context;
use crate::error::Failure;
use crate::i18n::Ui;
use crate::operator::Catalog;
use crate::output::write_stdout;
use crate::render::{self, ListFormat};
use crate::situation::Situation;
use crate::text::Lang;

pub fn checklist(catalog: &Catalog, args: &ChecklistArgs, ctx: &Context) -> Result<ExitCode> {
    if args.services {
        let services = catalog.services()?;
        write_stdout(
            &render::services(&services, args.format, &ctx.layout),
            ctx.lang,
        )?;
        exit_soon(services);
        return Ok(ExitCode::SUCCESS);
    }
    let common = catalog.common()?;
    let operator = args
        .operator
        .as_deref()
        .map(|id| catalog.operator(id))
        .transpose()?;
    let checklist = Checklist::new(&common, operator.as_ref(), &Situation::default());
    write_stdout(
        &render::checklist(&checklist, args.format, ctx.clock.today(), &ctx.layout),
        ctx.lang,
    )?;
    drop(checklist);
    exit_soon(common);
    exit_soon(operator);
    Ok(ExitCode::SUCCESS)
}

/// Leaves `value` for the operating system to take back when nocard exits a moment later:
/// freeing a procedure piece by piece costs a few percent of a whole short command.
fn exit_soon<T>(value: T) {
    std::mem::forget(value);
}

pub fn operator_list(catalog: &Catalog, format: ListFormat, ctx: &Context) -> Result<ExitCode> {
    let list = render::operator_list(&catalog.operators()?, format, &ctx.layout);
    write_stdout(&list, ctx.lang)?;
    Ok(ExitCode::SUCCESS)
}

pub fn operator_show(catalog: &Catalog, id: &str, ctx: &Context) -> Result<ExitCode> {
    write_stdout(
        &render::operator(&catalog.operator(id)?, ctx.clock.today(), &ctx.layout),
        ctx.lang,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub use status::run as status;

/// Why the case book cannot be used, with what to do about it.
pub(crate) fn store_failure(err: &StoreError, lang: Lang) -> anyhow::Error {
    let hint = match err {
        StoreError::Corrupt { path, .. } | StoreError::NoIdLeft { path } => Ui::StoreCorruptHint
            .fill(
                lang,
                &[("path", &crate::text::printable(&path.display().to_string()))],
            ),
        StoreError::Newer { .. } => Ui::StoreNewerHint.get(lang).to_owned(),
        StoreError::Locked { .. } => Ui::StoreLockedHint.get(lang).to_owned(),
        StoreError::Io { .. } => Ui::StoreIoHint.get(lang).to_owned(),
        StoreError::Untrusted { path, .. } => Ui::StoreUntrustedHint.fill(
            lang,
            &[("path", &crate::text::printable(&path.display().to_string()))],
        ),
        StoreError::TooLarge { .. } => Ui::StoreFullHint.get(lang).to_owned(),
    };
    Failure::new(Ui::StoreUnavailable.fill(lang, &[("cause", &err.message(lang))]))
        .with_hint(hint)
        .into()
}

/// `nocard completions SHELL`: the completion script for the command line.
pub fn completions(shell: clap_complete::Shell, lang: Lang) -> Result<ExitCode> {
    let mut cmd = crate::cli::command(lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "nocard", &mut script);
    write_stdout(&String::from_utf8_lossy(&script), lang)?;
    Ok(ExitCode::SUCCESS)
}

/// `nocard man`: one roff document, the page of `nocard` followed by the page of each command
/// under it (`nocard-deregister(1)`, `nocard-status-confirm(1)`, …), which the first one lists.
pub fn man(lang: Lang) -> Result<ExitCode> {
    fn render(cmd: &clap::Command, page: &mut Vec<u8>) -> std::io::Result<()> {
        clap_mangen::Man::new(cmd.clone())
            .source(concat!("nocard ", env!("CARGO_PKG_VERSION")))
            .render(page)?;
        for sub in cmd.get_subcommands().filter(|sub| !sub.is_hide_set()) {
            render(sub, page)?;
        }
        Ok(())
    }
    let cmd = crate::cli::manual(lang);
    let mut page = Vec::new();
    render(&cmd, &mut page)?;
    let page = String::from_utf8_lossy(&page);
    write_stdout(&manual_sections(&page, lang), lang)?;
    Ok(ExitCode::SUCCESS)
}

/// `page` with the headings of its sections, which `clap_mangen` writes in English (`.SH
/// OPTIONS`), in `lang`, as manual pages in the language head them.
fn manual_sections(page: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let heading = line.strip_prefix(".SH ").map(str::trim_end);
        let section = heading.and_then(|name| match name {
            "NAME" => Some(Ui::ManName),
            "SYNOPSIS" => Some(Ui::ManSynopsis),
            "DESCRIPTION" => Some(Ui::ManDescription),
            "OPTIONS" => Some(Ui::ManOptions),
            "SUBCOMMANDS" => Some(Ui::ManSubcommands),
            "EXTRA" => Some(Ui::ManExtra),
            "VERSION" => Some(Ui::ManVersion),
            _ => None,
        });
        match section {
            Some(section) => {
                let _ = writeln!(out, ".SH {}", section.get(lang));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `nocard schema [--common | --services]`: the JSON Schema of operator files, or of the
/// common file, or of the services file.
pub fn schema(common: bool, services: bool, lang: Lang) -> Result<ExitCode> {
    let schema = if common {
        crate::operator::common_schema()
    } else if services {
        crate::operator::services_schema()
    } else {
        crate::operator::operator_schema()
    };
    write_stdout(&schema, lang)?;
    Ok(ExitCode::SUCCESS)
}
