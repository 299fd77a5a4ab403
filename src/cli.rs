//! The command line: its commands and flags, defined once here. Their help texts live in
//! `i18n/ui.toml`, in every language, named after the command and argument they belong to
//! (`cli-deregister--operator`); `command` puts them in place for the language in use.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser as _};
use clap::{
    Args, ColorChoice, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum,
};

use crate::i18n::Ui;
use crate::questions::Question;
use crate::render::{Format, ListFormat};
use crate::text::Lang;
use crate::values::Reference;

/// The command line, as it was given.
#[derive(Debug)]
pub struct Parsed {
    pub cli: Cli,
    /// The language to speak: `--lang`, else the environment's.
    pub lang: Lang,
}

/// Parses the command line, with help in the language `--lang` or the environment asks for.
/// Exits with clap's message (status 2) on a usage error, as `Cli::parse` does.
#[must_use]
pub fn parse() -> Parsed {
    let args: Vec<OsString> = std::env::args_os().collect();
    let env = |name: &str| std::env::var(name).ok();
    // Most runs need no help text: putting it all in place first would cost more than the rest
    // of `nocard checklist`. Only help, --version and usage errors take the localized way.
    let mut english = Cli::command();
    if let Ok(matches) = english.try_get_matches_from_mut(&args)
        && let Ok(cli) = Cli::from_arg_matches(&matches)
    {
        // The process ends in a moment and the system takes the memory back: freeing the
        // command tree piece by piece would cost more than a short command's own work.
        std::mem::forget(matches);
        std::mem::forget(english);
        use_color(cli.color);
        let lang = crate::i18n::resolve(cli.lang, env);
        return Parsed { cli, lang };
    }
    // clap's own help and errors speak the language and follow `--color` as given, read by
    // clap itself from a line it could not take whole.
    let (flag, color) = early_flags(&args);
    let lang = crate::i18n::resolve(flag, env);
    let matches = command(lang).color(color).get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    use_color(cli.color);
    Parsed { cli, lang }
}

/// `--lang` and `--color` from a command line clap refuses (or that asks for help): read by
/// the same definition, leniently, so that clap's reply can speak the language asked for.
/// A lenient clap stops at the first word it does not know, so the words that ask for help or
/// the version, which end any parse, are left out first.
fn early_flags(args: &[OsString]) -> (Option<Lang>, ColorChoice) {
    let asks_for_help = |arg: &&OsString| {
        matches!(
            arg.to_str(),
            Some("-h" | "--help" | "-V" | "--version" | "help")
        )
    };
    let args: Vec<&OsString> = args.iter().filter(|arg| !asks_for_help(arg)).collect();
    let lenient = Cli::command()
        .ignore_errors(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true);
    let Ok(matches) = lenient.try_get_matches_from(args) else {
        return (None, ColorChoice::Auto);
    };
    let lang = matches.get_one::<Lang>("lang").copied();
    let color = matches
        .get_one::<ColorChoice>("color")
        .copied()
        .unwrap_or(ColorChoice::Auto);
    (lang, color)
}

/// Makes nocard's own output (the walk, lists, the checklist, the prompts) follow `--color`:
/// `always` and `never` decide; `auto` leaves it to the terminal, as `console` detects it (no
/// colour when piped, with `NO_COLOR` set, `CLICOLOR=0` or `TERM=dumb`).
fn use_color(choice: ColorChoice) {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => return,
    };
    console::set_colors_enabled(enabled);
    console::set_colors_enabled_stderr(enabled);
}

/// The command line with its help texts in `lang`: what `--help`, completions and the manual
/// page show.
#[must_use]
pub fn command(lang: Lang) -> clap::Command {
    localize(Cli::command(), "cli", lang)
}

/// Puts the help texts of `cmd`, whose strings are named after `path`, and of everything under
/// it in place.
fn localize(mut cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    let text = |key: &str| Ui::from_key(key).map(|ui| ui.get(lang));
    if let Some(about) = text(path) {
        cmd = cmd.about(about);
    }
    if let Some(long) = text(&format!("{path}-long")) {
        cmd = cmd.long_about(long);
    }
    if let Some(after) = after_help(path, lang) {
        cmd = cmd.after_help(after);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        if let Some(help) = arg_help(path, &id).map(|ui| ui.get(lang)) {
            cmd = cmd.mut_arg(&id, |arg| arg.help(help));
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = format!("{path}-{name}");
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, &sub_path, lang));
    }
    cmd
}

/// The help of argument `id` of the command at `path`: its own string, or the one its parent
/// commands give an argument of that name.
fn arg_help(path: &str, id: &str) -> Option<Ui> {
    let name = id.replace('_', "-");
    let mut path = path;
    loop {
        if let Some(ui) = Ui::from_key(&format!("{path}--{name}")) {
            return Some(ui);
        }
        path = &path[..path.rfind('-')?];
    }
}

/// The text after a command's help; for `deregister`, the answers-file keys from the question
/// table, and for `operators validate`, the rules.
fn after_help(path: &str, lang: Lang) -> Option<String> {
    let after = Ui::from_key(&format!("{path}-after")).map(|ui| ui.get(lang));
    match path {
        "cli-deregister" => {
            let mut text = format!("{}\n", Ui::CliDeregisterKeys.get(lang));
            let width = Question::ALL
                .map(|q| q.key().len())
                .into_iter()
                .max()
                .unwrap_or(0);
            for question in Question::ALL {
                let accepts = question.accepts(None, lang);
                let _ = writeln!(text, "  {:<width$}  {accepts}", question.key());
            }
            if let Some(after) = after {
                let _ = write!(text, "\n{after}");
            }
            Some(text)
        }
        "cli-operators-validate" => Some(format!(
            "{}\n{}",
            after.unwrap_or_default(),
            crate::commands::validate::rule_list()
        )),
        _ => after.map(str::to_owned),
    }
}

/// `en`, `nb` or `zh`, strictly; clap lists them in help and errors.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    clap::builder::PossibleValuesParser::new(Lang::ALL.map(Lang::code))
        .map(|code| Lang::from_code(&code).unwrap_or_default())
}

/// A reference as the case book keeps it: checked before it is recorded.
fn reference_parser(text: &str) -> Result<Reference, String> {
    Reference::parse(text).map_err(|invalid| invalid.to_string())
}

#[derive(Debug, Parser)]
#[command(
    name = "nocard",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[arg(long = "lang", value_parser = lang_parser(), value_name = "LANG", global = true)]
    pub lang: Option<Lang>,

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
        global = true
    )]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Deregister(DeregisterArgs),
    Checklist(ChecklistArgs),
    #[command(subcommand)]
    Operators(OperatorsCommand),
    Status(StatusArgs),
    Schema {
        #[arg(long = "common")]
        common: bool,
    },
    Completions {
        #[arg(value_name = "SHELL", value_enum)]
        shell: clap_complete::Shell,
    },
    Man,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StatusArgs {
    #[command(subcommand)]
    pub action: Option<StatusAction>,

    #[arg(long = "format", value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,

    #[arg(long = "show-numbers")]
    pub show_numbers: bool,
}

#[derive(Debug, Subcommand)]
pub enum StatusAction {
    Confirm {
        #[arg(value_name = "CASE")]
        case: u32,
        #[arg(long = "reference", value_name = "REF", value_parser = reference_parser)]
        reference: Option<Reference>,
    },
    Close {
        #[arg(value_name = "CASE")]
        case: u32,
    },
    Forget {
        #[arg(value_name = "CASE")]
        case: u32,
    },
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // flags of a command line, each a yes or no
pub struct DeregisterArgs {
    #[arg(long = "operator", value_name = "ID")]
    pub operator: Option<String>,

    #[arg(long = "answers", value_name = "FILE")]
    pub answers: Option<PathBuf>,

    #[arg(long = "out", value_name = "PATH")]
    pub out: Option<PathBuf>,

    #[arg(long = "force")]
    pub force: bool,

    #[arg(long = "again")]
    pub again: bool,

    #[arg(long = "no-input")]
    pub no_input: bool,

    #[arg(long = "resume", conflicts_with = "answers")]
    pub resume: bool,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    #[arg(long = "operator", value_name = "ID")]
    pub operator: Option<String>,

    #[arg(long = "format", value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum OperatorsCommand {
    List {
        #[arg(long = "format", value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    Validate {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long = "format", value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        #[arg(long = "deny-warnings")]
        deny_warnings: bool,
    },
    Show {
        #[arg(value_name = "ID")]
        id: String,
    },
}

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Text, Format::Markdown, Format::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Format::Text => PossibleValue::new("text").help("For reading in a terminal"),
            Format::Markdown => {
                PossibleValue::new("markdown").help("A task list to save and tick off")
            }
            Format::Json => PossibleValue::new("json").help("For programs"),
        })
    }
}

impl ValueEnum for ListFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[ListFormat::Text, ListFormat::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            ListFormat::Text => PossibleValue::new("text").help("For reading; one item per line"),
            ListFormat::Json => PossibleValue::new("json").help("For programs"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
        command(Lang::Zh).debug_assert();
    }

    /// Every command and argument has its help in `i18n/ui.toml`, and every `cli-` string
    /// there belongs to one.
    #[test]
    fn every_command_and_argument_has_its_help_and_no_help_is_left_over() {
        fn walk(cmd: &clap::Command, path: &str, used: &mut Vec<String>) {
            assert!(Ui::from_key(path).is_some(), "no `{path}` in i18n/ui.toml");
            used.push(path.to_owned());
            for suffix in ["-long", "-after", "-keys"] {
                let key = format!("{path}{suffix}");
                if Ui::from_key(&key).is_some() {
                    used.push(key);
                }
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                let ui =
                    arg_help(path, id).unwrap_or_else(|| panic!("no help for `{id}` of `{path}`"));
                used.push(format!("{ui:?}"));
            }
            for sub in cmd.get_subcommands().filter(|sub| sub.get_name() != "help") {
                walk(sub, &format!("{path}-{}", sub.get_name()), used);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut used = Vec::new();
        walk(&cmd, "cli", &mut used);
        let camel = |key: &str| format!("{:?}", Ui::from_key(key).unwrap());
        let used: Vec<String> = used
            .into_iter()
            .map(|key| {
                if key.starts_with("cli") {
                    camel(&key)
                } else {
                    key
                }
            })
            .collect();
        for ui in Ui::ALL {
            let name = format!("{ui:?}");
            if name.starts_with("Cli") {
                assert!(used.contains(&name), "{name} is not the help of anything");
            }
        }
    }

    #[test]
    fn help_speaks_the_language() {
        let help = command(Lang::Zh).render_long_help().to_string();
        assert!(help.contains("正确、完整地注销挪威手机套餐"), "{help}");
        assert!(help.contains("逐步完成解约"), "{help}");
        let mut cmd = command(Lang::En);
        cmd.build();
        let deregister = cmd.find_subcommand_mut("deregister").unwrap();
        let help = deregister.render_long_help().to_string();
        for question in Question::ALL {
            assert!(
                help.contains(&format!("  {:<9}  ", question.key())),
                "{help}"
            );
        }
    }

    #[test]
    fn the_language_and_colour_are_read_from_a_line_clap_refuses() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            early_flags(&args(&["nocard", "checklist", "--lang", "zh", "--help"])).0,
            Some(Lang::Zh)
        );
        assert_eq!(
            early_flags(&args(&["nocard", "--lang=nb", "checklist", "--bogus"])).0,
            Some(Lang::Nb)
        );
        assert_eq!(
            early_flags(&args(&["nocard", "--lang", "de", "checklist"])).0,
            None
        );
        assert_eq!(early_flags(&args(&["nocard", "--lang"])).0, None);
        assert_eq!(
            early_flags(&args(&["nocard", "--help", "--color", "always"])).1,
            ColorChoice::Always
        );
        assert_eq!(
            early_flags(&args(&["nocard", "--color=never", "checklist", "--bogus"])).1,
            ColorChoice::Never
        );
        assert_eq!(
            early_flags(&args(&["nocard", "--color", "purple"])).1,
            ColorChoice::Auto
        );
    }
}
