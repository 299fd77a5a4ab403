//! nocard: a guided wizard for cancelling a Norwegian mobile subscription.

pub use nocard_model::{situation, text};

pub mod answers;
pub mod casebook;
pub mod causes;
pub mod checklist;
pub mod cli;
mod commands;
pub mod context;
pub mod disk;
pub mod error;
pub mod i18n;
mod interrupt;
pub mod message;
pub mod operator;
pub mod output;
pub mod prompt;
pub mod questions;
pub mod render;
pub mod suggest;
mod terminal;
pub mod values;
pub mod walk;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command, OperatorsCommand};
use crate::context::Context;
use crate::operator::Catalog;

/// Runs the command `cli` describes in `ctx`; errors are left to the caller to report.
pub fn run(cli: &Cli, ctx: &Context) -> Result<ExitCode> {
    let catalog = Catalog::new(cli.operators_dir.clone(), ctx.lang, &ctx.clock);
    match &cli.command {
        Command::Deregister(args) => commands::deregister::run(&catalog, args, ctx),
        Command::Checklist(args) => commands::checklist(&catalog, args, ctx),
        Command::Operators(OperatorsCommand::List { format }) => {
            commands::operator_list(&catalog, *format, ctx)
        }
        Command::Operators(OperatorsCommand::Show { id }) => {
            commands::operator_show(&catalog, id, ctx)
        }
        Command::Operators(OperatorsCommand::Validate {
            paths,
            format,
            deny_warnings,
        }) => commands::validate::run(&catalog, paths, *format, *deny_warnings, ctx),
        Command::Status(args) => commands::status(&catalog, args, ctx),
        Command::Schema { common, services } => commands::schema(*common, *services, ctx.lang),
        Command::Completions { shell } => commands::completions(*shell, ctx.lang),
        Command::Man => commands::man(ctx.lang),
    }
}
