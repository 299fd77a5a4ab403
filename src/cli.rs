//! The command line: what each command and flag means. The doc comments are the English help
//! text; `parse` puts the user's language in their place, from `i18n/ui.toml`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{
    Args, ColorChoice, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum,
};

use crate::i18n::Ui;
use crate::text::Lang;

/// Parses the command line, with help in the language `--lang` or the environment asks for.
/// Exits with clap's message (status 2) on a usage error, as `Cli::parse` does.
#[must_use]
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    // clap's own help and errors are coloured as `--color` says, read before clap parses: a
    // usage error or `--help` never reaches the parsed value.
    let color = color_flag(&args).unwrap_or(ColorChoice::Auto);
    // Most runs need no help text: translating it all first would cost more than the rest of
    // `nocard checklist`. Only help, --version and usage errors take the localized way.
    if let Ok(matches) = Cli::command().color(color).try_get_matches_from(&args)
        && let Ok(cli) = Cli::from_arg_matches(&matches)
    {
        return cli;
    }
    let lang = crate::i18n::resolve(lang_flag(&args), |name| std::env::var(name).ok());
    let matches = localized(lang).color(color).get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

/// Makes nocard's own output (the walk, lists, the checklist, the prompts) follow `--color`:
/// `always` and `never` decide; `auto` leaves it to the terminal, as `console` detects it (no
/// colour when piped, with `NO_COLOR` set, `CLICOLOR=0` or `TERM=dumb`).
pub fn use_color(choice: ColorChoice) {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => return,
    };
    console::set_colors_enabled(enabled);
    console::set_colors_enabled_stderr(enabled);
}

/// `en`, `nb` or `zh`, strictly; clap lists them in help and errors.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    clap::builder::PossibleValuesParser::new(Lang::ALL.map(Lang::code))
        .map(|code| Lang::from_code(&code).unwrap_or_default())
}

/// `--lang X` or `--lang=X`, read before clap parses, so that its own help speaks X.
fn lang_flag(args: &[OsString]) -> Option<Lang> {
    flag_value(args, "--lang").and_then(Lang::from_code)
}

/// `--color X` or `--color=X`, read before clap parses, so that its own output follows X.
/// A value clap would refuse counts as none: clap then says why, in colour as `auto` decides.
fn color_flag(args: &[OsString]) -> Option<ColorChoice> {
    flag_value(args, "--color").and_then(|value| value.parse().ok())
}

/// The value of the first `FLAG X` or `FLAG=X` in `args`.
fn flag_value<'a>(args: &'a [OsString], flag: &str) -> Option<&'a str> {
    let mut args = args.iter().filter_map(|arg| arg.to_str());
    while let Some(arg) = args.next() {
        match arg.strip_prefix(flag) {
            Some("") => return args.next(),
            Some(rest) if rest.starts_with('=') => return rest.strip_prefix('='),
            _ => {}
        }
    }
    None
}

/// The command line with its help texts in `lang`.
fn localized(lang: Lang) -> clap::Command {
    let t = |key: Ui| key.get(lang);
    Cli::command()
        .about(t(Ui::HelpAbout))
        .long_about(t(Ui::HelpLongAbout))
        .after_help(t(Ui::HelpExamples))
        .mut_arg("lang", |arg| arg.help(t(Ui::HelpLang)))
        .mut_arg("operators_dir", |arg| arg.help(t(Ui::HelpOperatorsDir)))
        .mut_arg("color", |arg| arg.help(t(Ui::HelpColor)))
        .mut_subcommand("deregister", |cmd| {
            cmd.about(t(Ui::HelpDeregister))
                .after_help(t(Ui::HelpDeregisterAfter))
                .mut_arg("operator", |arg| arg.help(t(Ui::HelpDeregisterOperator)))
                .mut_arg("answers", |arg| arg.help(t(Ui::HelpAnswers)))
                .mut_arg("out", |arg| arg.help(t(Ui::HelpOut)))
                .mut_arg("force", |arg| arg.help(t(Ui::HelpForce)))
                .mut_arg("no_input", |arg| arg.help(t(Ui::HelpNoInput)))
                .mut_arg("resume", |arg| arg.help(t(Ui::HelpResume)))
        })
        .mut_subcommand("checklist", |cmd| {
            cmd.about(t(Ui::HelpChecklist))
                .mut_arg("operator", |arg| arg.help(t(Ui::HelpChecklistOperator)))
                .mut_arg("format", |arg| arg.help(t(Ui::HelpChecklistFormat)))
        })
        .mut_subcommand("status", |cmd| {
            cmd.about(t(Ui::HelpStatus))
                .mut_arg("format", |arg| arg.help(t(Ui::HelpStatusFormat)))
                .mut_arg("show_numbers", |arg| arg.help(t(Ui::HelpShowNumbers)))
                .mut_subcommand("confirm", |cmd| {
                    cmd.about(t(Ui::HelpStatusConfirm))
                        .mut_arg("case", |arg| arg.help(t(Ui::HelpCase)))
                        .mut_arg("reference", |arg| arg.help(t(Ui::HelpReference)))
                })
                .mut_subcommand("close", |cmd| {
                    cmd.about(t(Ui::HelpStatusClose))
                        .mut_arg("case", |arg| arg.help(t(Ui::HelpCase)))
                })
                .mut_subcommand("forget", |cmd| {
                    cmd.about(t(Ui::HelpStatusForget))
                        .mut_arg("case", |arg| arg.help(t(Ui::HelpCase)))
                })
        })
        .mut_subcommand("schema", |cmd| {
            cmd.about(t(Ui::HelpSchema))
                .mut_arg("common", |arg| arg.help(t(Ui::HelpSchemaCommon)))
        })
        .mut_subcommand("operators", |cmd| {
            cmd.about(t(Ui::HelpOperators))
                .mut_subcommand("list", |cmd| {
                    cmd.about(t(Ui::HelpOperatorsList))
                        .mut_arg("format", |arg| arg.help(t(Ui::HelpListFormat)))
                })
                .mut_subcommand("validate", |cmd| {
                    cmd.about(t(Ui::HelpOperatorsValidate))
                        .after_help(format!(
                            "{}\n{}",
                            t(Ui::HelpRules),
                            crate::lint::rule_list()
                        ))
                        .mut_arg("paths", |arg| arg.help(t(Ui::HelpValidatePaths)))
                        .mut_arg("format", |arg| arg.help(t(Ui::HelpValidateFormat)))
                        .mut_arg("deny_warnings", |arg| arg.help(t(Ui::HelpDenyWarnings)))
                })
                .mut_subcommand("show", |cmd| {
                    cmd.about(t(Ui::HelpOperatorsShow))
                        .mut_arg("id", |arg| arg.help(t(Ui::HelpOperatorId)))
                })
        })
        .mut_subcommand("completions", |cmd| {
            cmd.about(t(Ui::HelpCompletions))
                .after_help(t(Ui::HelpCompletionsAfter))
                .mut_arg("shell", |arg| arg.help(t(Ui::HelpCompletionsShell)))
        })
        .mut_subcommand("man", |cmd| {
            cmd.about(t(Ui::HelpMan)).after_help(t(Ui::HelpManAfter))
        })
}

/// Cancel a Norwegian mobile subscription (SIM or eSIM) correctly and completely.
///
/// nocard walks you through preparation, contact, the information the operator needs, your
/// balance and the confirmation, per operator, offline. Every fact it states names its source
/// and the date that source shows.
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
        value_parser = lang_parser(),
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

    #[arg(
        long = "color",
        value_name = "WHEN",
        value_enum,
        default_value_t = ColorChoice::Auto,
        global = true,
        help = "When to use colour: auto leaves it out when the output is not a terminal, NO_COLOR is set or TERM=dumb"
    )]
    pub color: ColorChoice,
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
    /// Show the requests you sent and what to do next, or update one
    Status(StatusArgs),
    /// Print the JSON Schema of operator files, for TOML editors
    Schema {
        /// The schema of common.toml, the precautions for every operator, instead
        #[arg(long = "common")]
        common: bool,
    },
    /// Print a completion script for your shell
    #[command(after_help = "Where to put it:\n  \
bash  nocard completions bash > ~/.local/share/bash-completion/completions/nocard\n  \
zsh   nocard completions zsh > ~/.zfunc/_nocard   (a folder in $fpath, before compinit)\n  \
fish  nocard completions fish > ~/.config/fish/completions/nocard.fish")]
    Completions {
        /// The shell to complete in
        #[arg(value_name = "SHELL", value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff, for man
    #[command(after_help = "Install it:\n  \
mkdir -p ~/.local/share/man/man1\n  \
nocard man > ~/.local/share/man/man1/nocard.1\n  \
man nocard")]
    Man,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StatusArgs {
    #[command(subcommand)]
    pub action: Option<StatusAction>,

    /// How to print the cases
    #[arg(long = "format", value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,

    /// Show whole phone numbers instead of only their last three digits
    #[arg(long = "show-numbers")]
    pub show_numbers: bool,
}

#[derive(Debug, Subcommand)]
pub enum StatusAction {
    /// Mark a case as confirmed by the operator
    Confirm {
        /// The case number, as `nocard status` shows it
        #[arg(value_name = "CASE")]
        case: u32,
        /// The operator's reference number
        #[arg(long = "reference", value_name = "REF")]
        reference: Option<String>,
    },
    /// Mark a case as done: confirmed and the final bill settled
    Close {
        /// The case number, as `nocard status` shows it
        #[arg(value_name = "CASE")]
        case: u32,
    },
    /// Remove a case from nocard's records
    Forget {
        /// The case number, as `nocard status` shows it
        #[arg(value_name = "CASE")]
        case: u32,
    },
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

    /// Continue the walk that was interrupted, at its first unanswered question
    #[arg(long = "resume", conflicts_with = "answers")]
    pub resume: bool,
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
    /// List the operators with the date their facts were last compared with their sources
    List {
        /// How to print the list
        #[arg(long = "format", value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Check operator files against every rule, with line, column and rule code
    Validate {
        /// Files to check [default: the built-in ones and those in --operators-dir]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How to print the findings
        #[arg(long = "format", value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// Fail on warnings too
        #[arg(long = "deny-warnings")]
        deny_warnings: bool,
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
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
        localized(Lang::Zh).debug_assert();
    }

    /// The English strings in `i18n/ui.toml` must say what the doc comments say.
    #[test]
    fn english_help_is_the_same_from_either_place() {
        let render = |mut cmd: clap::Command, path: &[&str]| {
            cmd.build();
            let mut cmd = &mut cmd;
            for name in path {
                cmd = cmd.find_subcommand_mut(name).expect("a subcommand");
            }
            cmd.render_long_help().to_string()
        };
        for path in [
            &[][..],
            &["deregister"],
            &["checklist"],
            &["operators"],
            &["operators", "list"],
            &["operators", "show"],
            &["status"],
            &["status", "confirm"],
            &["status", "close"],
            &["status", "forget"],
            &["schema"],
            &["completions"],
            &["man"],
        ] {
            assert_eq!(
                render(localized(Lang::En), path),
                render(Cli::command(), path),
                "{path:?}"
            );
        }
    }

    #[test]
    fn the_language_flag_is_read_before_clap() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_flag(&args(&["nocard", "checklist", "--lang", "zh"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_flag(&args(&["nocard", "--lang=nb", "checklist"])),
            Some(Lang::Nb)
        );
        assert_eq!(lang_flag(&args(&["nocard", "--lang", "de"])), None);
        assert_eq!(lang_flag(&args(&["nocard", "--lang"])), None);
        assert_eq!(lang_flag(&args(&["nocard", "checklist"])), None);
    }

    #[test]
    fn the_colour_flag_is_read_before_clap() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            color_flag(&args(&["nocard", "--help", "--color", "always"])),
            Some(ColorChoice::Always)
        );
        assert_eq!(
            color_flag(&args(&["nocard", "--color=never", "checklist"])),
            Some(ColorChoice::Never)
        );
        assert_eq!(color_flag(&args(&["nocard", "--color", "purple"])), None);
        assert_eq!(color_flag(&args(&["nocard", "--colors=always"])), None);
        assert_eq!(color_flag(&args(&["nocard", "--color"])), None);
    }

    #[test]
    fn help_speaks_the_language() {
        let help = localized(Lang::Zh).render_long_help().to_string();
        assert!(help.contains("正确、完整地注销挪威手机套餐"), "{help}");
        assert!(help.contains("逐步完成解约"), "{help}");
    }
}
