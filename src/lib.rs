//! nocard: a guided wizard for cancelling a Norwegian mobile subscription.

pub use nocard_model::{situation, text};

pub mod answers;
pub mod cases;
pub mod checklist;
pub mod cli;
mod commands;
pub mod error;
pub mod i18n;
pub mod lint;
pub mod message;
pub mod operator;
pub mod prompt;
pub mod render;
pub mod store;
pub mod validate;
pub mod wizard;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command, OperatorsCommand};
use crate::operator::Catalog;
use crate::render::Layout;
use crate::text::Lang;

/// Today's date where the user is. Read from the local time zone file directly: asking jiff
/// for the system zone walks the whole time zone database, a few million instructions that
/// a command which starts in well under a million cannot afford.
///
/// `NOCARD_TODAY=2026-11-25` fixes the date, for tests and for output that must not change
/// from one day to the next.
pub fn today() -> jiff::civil::Date {
    use jiff::tz::TimeZone;
    if let Some(date) = std::env::var("NOCARD_TODAY")
        .ok()
        .and_then(|date| date.parse().ok())
    {
        return date;
    }
    let zone = if std::env::var_os("TZ").is_some() {
        TimeZone::try_system().unwrap_or(TimeZone::UTC)
    } else {
        std::fs::read("/etc/localtime")
            .ok()
            .and_then(|data| TimeZone::tzif("localtime", &data).ok())
            .unwrap_or(TimeZone::UTC)
    };
    zone.to_datetime(jiff::Timestamp::now()).date()
}

/// The language to speak: `--lang`, `NOCARD_LANG`, the locale, English.
pub fn language(cli: &Cli) -> Lang {
    i18n::resolve(cli.lang, |name| std::env::var(name).ok())
}

/// Runs the command `cli` describes, speaking `lang`; errors are left to the caller to report.
pub fn run(cli: &Cli, lang: Lang) -> Result<ExitCode> {
    let catalog = Catalog::new(cli.operators_dir.clone(), lang);
    let layout = Layout::for_stdout(lang);
    match &cli.command {
        Command::Deregister(args) => commands::deregister(&catalog, args, layout),
        Command::Checklist(args) => commands::checklist(&catalog, args, &layout),
        Command::Operators(OperatorsCommand::List { format }) => {
            commands::operator_list(&catalog, *format, &layout)
        }
        Command::Operators(OperatorsCommand::Show { id }) => {
            commands::operator_show(&catalog, id, &layout)
        }
        Command::Status(args) => commands::status(&catalog, args, &layout),
        Command::Schema { common } => {
            let schema = if *common {
                operator::common_schema()
            } else {
                operator::operator_schema()
            };
            prompt::write_stdout(&schema, lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Operators(OperatorsCommand::Validate {
            paths,
            format,
            deny_warnings,
        }) => commands::validate(&catalog, paths, *format, *deny_warnings, lang),
        Command::Completions { shell } => commands::completions(*shell, lang),
        Command::Man => commands::man(lang),
    }
}
