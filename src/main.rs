use std::process::ExitCode;

use clap::Parser as _;
use nocard::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match nocard::run(&cli) {
        Ok(code) => code,
        Err(err) => nocard::error::report(&err),
    }
}
