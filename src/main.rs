use std::process::ExitCode;

use clap::Parser as _;
use nocard::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = nocard::language(&cli);
    match nocard::run(&cli, lang) {
        Ok(code) => code,
        Err(err) => nocard::error::report(&err, lang),
    }
}
