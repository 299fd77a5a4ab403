//! nocard: a guided wizard for cancelling a Norwegian mobile subscription.

pub mod checklist;
pub mod cli;
pub mod error;
pub mod operator;
pub mod render;
pub mod situation;
pub mod text;

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Result;

use crate::checklist::Checklist;
use crate::cli::{Cli, Command, OperatorsCommand};
use crate::operator::Catalog;
use crate::render::Layout;
use crate::situation::Situation;

/// Runs the command `cli` describes; errors are left to the caller to report.
pub fn run(cli: &Cli) -> Result<ExitCode> {
    let catalog = Catalog::new(cli.operators_dir.clone());
    let layout = Layout::for_stdout();
    let output = match &cli.command {
        Command::Checklist(args) => {
            let common = catalog.common()?;
            let operator = args.operator.as_deref().map(|id| catalog.operator(id)).transpose()?;
            let checklist = Checklist::new(&common, operator.as_ref(), &Situation::default());
            render::checklist(&checklist, args.format, &layout)
        }
        Command::Operators(OperatorsCommand::List { format }) => {
            render::operator_list(&catalog.operators()?, *format, &layout)
        }
        Command::Operators(OperatorsCommand::Show { id }) => {
            render::operator(&catalog.operator(id)?, &layout)
        }
    };
    print(&output)
}

/// Writes to stdout; a reader that went away (`nocard checklist | head -1`) is not an error.
fn print(output: &str) -> Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(err).context("could not write to standard output"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
