//! The command line: what each command and flag means. The doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::text::Lang;

/// Cancel a Norwegian mobile subscription (SIM or eSIM) correctly and completely.
///
/// nocard walks you through preparation, contact, the information the operator needs, your
/// balance and the confirmation, per operator, offline. Every fact it states names its source
/// and the date it was checked.
#[derive(Debug, Parser)]
#[command(
    name = "nocard",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Examples:\n  nocard deregister --operator telenor\n  nocard checklist --operator telenor\n  nocard operators list\n  nocard operators show ice"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[arg(
        long = "lang",
        value_enum,
        value_name = "LANG",
        global = true,
        help = "Language: en, nb (Norwegian bokmål) or zh (Chinese); else NOCARD_LANG, then the locale"
    )]
    pub lang: Option<Lang>,

    /// Folder of <operator>.toml files that add to or override the built-in ones
    #[arg(
        long = "operators-dir",
        value_name = "DIR",
        env = "NOCARD_OPERATORS_DIR",
        global = true
    )]
    pub operators_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk through cancelling a subscription, step by step, and write the message to send
    Deregister(DeregisterArgs),
    /// Print the precautions to take: those for every operator, then the operator's own
    Checklist(ChecklistArgs),
    /// List the operators nocard knows, or show one operator's whole procedure
    #[command(subcommand)]
    Operators(OperatorsCommand),
}

#[derive(Debug, Args)]
#[command(
    after_help = "Answers file keys (all optional; a missing one is asked in a terminal):\n  \
intent   cancel | port | keep\n  \
payer    private | company\n  \
plan     postpaid | prepaid\n  \
sim      physical | esim\n  \
channel  phone | chat | web | app | store | email | letter (one the operator offers)\n  \
phone    the mobile number, e.g. \"912 34 567\"\n  \
name     the subscription owner's name\n  \
balance  refund | use | leave (prepaid)\n  \
account  bank account or IBAN for a refund\n\n\
Examples:\n  nocard deregister --operator telenor\n  nocard deregister --operator ice --answers answers.toml --out message.txt"
)]
pub struct DeregisterArgs {
    /// The operator to cancel with (e.g. telenor); asked in a terminal when left out
    #[arg(long = "operator", value_name = "ID")]
    pub operator: Option<String>,

    /// Take answers from this TOML file instead of asking (keys below)
    #[arg(long = "answers", value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Write the message here [default: nocard-<operator>-<date>.txt in this folder]
    #[arg(long = "out", value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// Overwrite the message file if it exists
    #[arg(long = "force")]
    pub force: bool,

    /// Never prompt: every answer must come from --answers
    #[arg(long = "no-input")]
    pub no_input: bool,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// Add the precautions of this operator (e.g. telenor)
    #[arg(long = "operator", value_name = "ID")]
    pub operator: Option<String>,

    /// How to print the checklist
    #[arg(long = "format", value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum OperatorsCommand {
    /// List the operators with the date their procedure was checked
    List {
        /// How to print the list
        #[arg(long = "format", value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Show an operator's procedure phase by phase, with channels and sources
    Show {
        /// The operator's id, as `nocard operators list` shows it
        #[arg(value_name = "ID")]
        id: String,
    },
}

/// Output formats for the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For reading in a terminal
    Text,
    /// A task list to save and tick off
    Markdown,
    /// For programs
    Json,
}

/// Output formats for lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// For reading; one operator per line
    Text,
    /// For programs
    Json,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
