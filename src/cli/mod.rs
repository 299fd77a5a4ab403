//! The command line: its commands and flags, defined once here. Their help texts live in
//! `i18n/ui.toml`, in every language, named after the command and argument they belong to
//! (`cli-deregister--operator`); `command` puts them in place for the language in use, with
//! clap's own words (headings, `--help`, usage errors) in that language too.

mod errors;
mod help;
mod wrap;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser as _};
use clap::{
    Args, ColorChoice, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum,
};

use crate::i18n::Ui;
use crate::render::{Format, ListFormat, StatusFormat};
use crate::text::Lang;
use crate::values::Reference;
use jiff::civil::Date;

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
    // of `nocard checklist`. Only help and usage errors take the localized way.
    let mut english = Cli::command();
    match english.try_get_matches_from_mut(&args) {
        Ok(matches) => {
            if let Ok(cli) = Cli::from_arg_matches(&matches) {
                // The process ends in a moment and the system takes the memory back: freeing
                // the command tree piece by piece would cost more than a short command's work.
                std::mem::forget(matches);
                std::mem::forget(english);
                use_color(cli.color);
                let lang = crate::i18n::resolve(cli.lang, env);
                return Parsed { cli, lang };
            }
        }
        // `nocard 0.1.0` reads the same in every language.
        Err(err) if err.kind() == clap::error::ErrorKind::DisplayVersion => err.exit(),
        Err(_) => {}
    }
    // clap's own help and errors speak the language and follow `--color` as given, read from
    // the line clap could not take whole.
    let (flag, color) = early_flags(&args);
    let lang = crate::i18n::resolve(flag, env);
    let exit = |err: clap::Error| -> ! { errors::localized(err, lang).exit(color) };
    let matches = help::localized(lang, color, true)
        .try_get_matches_from(args)
        .unwrap_or_else(|err| exit(err));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| exit(err));
    use_color(cli.color);
    Parsed { cli, lang }
}

/// `--lang` and `--color` from a command line clap refuses (or that asks for help), wherever
/// they stand in it, so that clap's reply can speak the language asked for. clap itself,
/// even told to ignore errors, stops at the first word it does not know, and `--lang` may
/// come after it (`nocard checklist --bogus --lang nb`); both are global options, given as
/// `--lang nb` or `--lang=nb` before any `--`. A value neither takes is left out.
fn early_flags(args: &[OsString]) -> (Option<Lang>, ColorChoice) {
    let mut lang = None;
    let mut color = ColorChoice::Auto;
    let mut words = args.iter().skip(1).map(|arg| arg.to_str());
    while let Some(word) = words.next() {
        let Some(word) = word else { continue };
        if word == "--" {
            break;
        }
        let (flag, value) = match word.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (word, None),
        };
        if !matches!(flag, "--lang" | "--color") {
            continue;
        }
        let Some(value) = value.or_else(|| words.next().flatten()) else {
            break;
        };
        if flag == "--lang" {
            lang = Lang::from_code(value).or(lang);
        } else if let Ok(choice) = ColorChoice::from_str(value, false) {
            color = choice;
        }
    }
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

/// The command line with its help texts in `lang`, built: what `--help`, completions and the
/// manual page show.
#[must_use]
pub fn command(lang: Lang) -> clap::Command {
    help::localized(lang, ColorChoice::Auto, true)
}

/// The command line as the manual page shows it: without the `help` command, which a manual
/// page has no use for.
#[must_use]
pub fn manual(lang: Lang) -> clap::Command {
    help::localized(lang, ColorChoice::Auto, false)
}

/// `en`, `nb` or `zh`, strictly; clap lists them in help and errors.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    clap::builder::PossibleValuesParser::new(Lang::ALL.map(Lang::code))
        .map(|code| Lang::from_code(&code).unwrap_or_default())
}

/// A reference as the case book keeps it: checked before it is recorded, and refused in
/// `lang`.
fn reference_parser(lang: Lang) -> impl Fn(&str) -> Result<Reference, String> + Clone {
    move |text| Reference::parse(text).map_err(|invalid| invalid.message(lang))
}

/// A case's number, as `nocard status` shows it; refused in `lang`.
fn case_parser(lang: Lang) -> impl Fn(&str) -> Result<u32, String> + Clone {
    move |text| {
        text.trim()
            .parse()
            .map_err(|_| Ui::CaseNumberInvalid.get(lang).to_owned())
    }
}

/// A day, as `2026-11-25`; refused in `lang`.
fn date_parser(lang: Lang) -> impl Fn(&str) -> Result<Date, String> + Clone {
    move |text| {
        text.trim()
            .parse()
            .map_err(|_| Ui::DateInvalid.get(lang).to_owned())
    }
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
        #[arg(long = "services", conflicts_with = "common")]
        services: bool,
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

    #[arg(long = "format", value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,

    #[arg(long = "show-numbers")]
    pub show_numbers: bool,
}

#[derive(Debug, Subcommand)]
pub enum StatusAction {
    Sent {
        #[arg(value_name = "CASE", value_parser = case_parser(Lang::En))]
        case: u32,
        #[arg(long = "on", value_name = "DATE", value_parser = date_parser(Lang::En))]
        on: Option<Date>,
        #[arg(long = "reference", value_name = "REF", value_parser = reference_parser(Lang::En))]
        reference: Option<Reference>,
    },
    FollowUp {
        #[arg(value_name = "CASE", value_parser = case_parser(Lang::En))]
        case: u32,
        #[arg(long = "out", value_name = "PATH")]
        out: Option<PathBuf>,
    },
    Refused {
        #[arg(value_name = "CASE", value_parser = case_parser(Lang::En))]
        case: u32,
        #[arg(long = "on", value_name = "DATE", value_parser = date_parser(Lang::En))]
        on: Option<Date>,
    },
    Complain {
        #[arg(value_name = "CASE", value_parser = case_parser(Lang::En))]
        case: u32,
        #[arg(long = "out", value_name = "PATH")]
        out: Option<PathBuf>,
    },
    Confirm {
        #[arg(value_name = "CASE", value_parser = case_parser(Lang::En))]
        case: u32,
        #[arg(long = "reference", value_name = "REF", value_parser = reference_parser(Lang::En))]
        reference: Option<Reference>,
    },
    Close {
        #[arg(value_name = "CASE", value_parser = case_parser(Lang::En))]
        case: u32,
    },
    Forget {
        #[arg(value_name = "CASE", value_parser = case_parser(Lang::En))]
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

    // The services are the same whatever the operator: they list instead of the precautions.
    #[arg(long = "services", conflicts_with = "operator")]
    pub services: bool,

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
            // Each command describes the values in its own words, in i18n/ui.toml.
            Format::Text => PossibleValue::new("text"),
            Format::Markdown => PossibleValue::new("markdown"),
            Format::Json => PossibleValue::new("json"),
        })
    }
}

impl ValueEnum for StatusFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[StatusFormat::Text, StatusFormat::Json, StatusFormat::Ics]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            StatusFormat::Text => PossibleValue::new("text"),
            StatusFormat::Json => PossibleValue::new("json"),
            StatusFormat::Ics => PossibleValue::new("ics"),
        })
    }
}

impl ValueEnum for ListFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[ListFormat::Text, ListFormat::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            ListFormat::Text => PossibleValue::new("text"),
            ListFormat::Json => PossibleValue::new("json"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questions::Question;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
        for lang in Lang::ALL {
            command(lang).debug_assert();
        }
    }

    /// Every command, argument, described value and value name has its text in
    /// `i18n/ui.toml`, and every `cli-` string there belongs to one.
    #[test]
    fn every_command_and_argument_has_its_help_and_no_help_is_left_over() {
        fn walk(cmd: &clap::Command, path: &str, used: &mut Vec<Ui>) {
            let ui = Ui::from_key(path).unwrap_or_else(|| panic!("no `{path}` in i18n/ui.toml"));
            used.push(ui);
            for suffix in ["-long", "-after", "-keys"] {
                used.extend(Ui::from_key(&format!("{path}{suffix}")));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                let ui = help::arg_help(path, id)
                    .unwrap_or_else(|| panic!("no help for `{id}` of `{path}`"));
                used.push(ui);
                if arg.get_action().takes_values() {
                    let name = arg
                        .get_value_names()
                        .and_then(|names| names.first())
                        .map_or_else(|| id.to_uppercase(), ToString::to_string);
                    help::value_name(&name)
                        .unwrap_or_else(|| panic!("no `value-name-{}`", name.to_lowercase()));
                }
                let values = arg.get_possible_values();
                let described: Vec<Option<Ui>> = values
                    .iter()
                    .map(|value| help::value_help(path, id, value.get_name()))
                    .collect();
                // A list of values is described whole or not at all.
                if described.iter().any(Option::is_some) {
                    for (value, ui) in values.iter().zip(&described) {
                        assert!(
                            ui.is_some(),
                            "no help for `{}` of `{path}--{id}`",
                            value.get_name()
                        );
                    }
                }
                used.extend(described.into_iter().flatten());
            }
            for sub in cmd.get_subcommands().filter(|sub| sub.get_name() != "help") {
                walk(sub, &format!("{path}-{}", sub.get_name()), used);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut used = Vec::new();
        walk(&cmd, "cli", &mut used);
        for ui in Ui::ALL {
            if format!("{ui:?}").starts_with("Cli") {
                assert!(used.contains(&ui), "{ui:?} is not the help of anything");
            }
        }
    }

    /// Each command's help, short and long, in `lang`, with the `help` command's.
    fn every_help(lang: Lang) -> Vec<(String, String)> {
        fn walk(cmd: &mut clap::Command, name: &str, out: &mut Vec<(String, String)>) {
            out.push((name.to_owned(), cmd.render_help().to_string()));
            out.push((name.to_owned(), cmd.render_long_help().to_string()));
            for sub in cmd.get_subcommands_mut() {
                let name = format!("{name} {}", sub.get_name());
                walk(sub, &name, out);
            }
        }
        let mut out = Vec::new();
        walk(&mut command(lang), "nocard", &mut out);
        out
    }

    #[test]
    fn help_has_no_english_heading_or_clap_phrase_in_nb_or_zh() {
        const CLAP: [&str; 14] = [
            "Usage:",
            "Commands:",
            "Options:",
            "Arguments:",
            "Print help",
            "Print version",
            "Print this message",
            "possible values",
            "Possible values",
            "default:",
            "[env:",
            "[OPTIONS]",
            "COMMAND",
            "see more with",
        ];
        for lang in [Lang::Nb, Lang::Zh] {
            for (name, help) in every_help(lang) {
                for phrase in CLAP {
                    assert!(
                        !help.contains(phrase),
                        "{lang} `{name} --help` says {phrase:?}:\n{help}"
                    );
                }
            }
        }
        // English keeps clap's words, as clap writes them.
        let english: String = every_help(Lang::En)
            .into_iter()
            .map(|(_, help)| help)
            .collect();
        for phrase in [
            "Usage: nocard",
            "Commands:\n",
            "Options:\n",
            "Arguments:\n",
            "  -h, --help",
            "[default: text]",
        ] {
            assert!(english.contains(phrase), "{phrase:?}");
        }
    }

    #[test]
    fn each_format_is_described_for_what_its_command_prints() {
        let mut cmd = command(Lang::En);
        let status = cmd
            .find_subcommand_mut("status")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(status.contains("each case, what to do next"), "{status}");
        assert!(!status.contains("per line"), "{status}");
        let operators = cmd.find_subcommand_mut("operators").unwrap();
        let list = operators
            .find_subcommand_mut("list")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(list.contains("one operator per line"), "{list}");
    }

    #[test]
    fn usage_errors_speak_the_language() {
        let error = |lang: Lang, args: &[&str]| {
            let err = help::localized(lang, ColorChoice::Never, true)
                .try_get_matches_from(args)
                .unwrap_err();
            errors::localized(err, lang).render()
        };
        let zh = error(Lang::Zh, &["nocard", "checklist", "--formt", "json"]);
        assert_eq!(
            zh,
            "错误：无法识别的参数 '--formt'\n\n  提示：您是不是想输入 '--format'？\n\n用法：nocard checklist [选项]\n\n更多信息请使用 '--help'。\n"
        );
        let nb = error(Lang::Nb, &["nocard", "status", "confirm", "x"]);
        assert!(
            nb.starts_with("feil: ugyldig verdi 'x' for '<SAK>': et saksnummer er et heltall"),
            "{nb}"
        );
        let nb = error(Lang::Nb, &["nocard", "status", "--", "confirm"]);
        assert!(
            nb.contains("Bruk: nocard status [VALG]\n      nocard status <KOMMANDO>"),
            "{nb}"
        );
        // What the user typed reaches the terminal as data, in English too.
        let en = error(Lang::En, &["nocard", "--lang", "x\u{1b}[2J"]);
        assert!(en.starts_with("error: invalid value 'x\\u{1b}[2J' for '--lang <LANG>'\n  [possible values: en, nb, zh]"), "{en}");
    }

    #[test]
    fn chinese_help_wraps_between_characters_under_its_column() {
        let help = "  deregister   逐步完成解约，并生成要发送的解约信息，然后记录下来\n";
        let wrapped = wrap::wrap_help(help, 40);
        assert_eq!(
            wrapped,
            "  deregister   逐步完成解约，并生成要发\n               送的解约信息，然后记录下\n               来\n"
        );
    }

    /// clap wraps the text after the help without a hanging indent: each rule fits the
    /// width clap gives help (100 columns) in every language, so none is wrapped.
    #[test]
    fn the_rules_in_validate_help_fit_on_their_lines() {
        for lang in Lang::ALL {
            for line in crate::commands::validate::rule_list(lang).lines() {
                let width = console::measure_text_width(line);
                assert!(width <= 100, "{lang}, {width} columns: {line}");
            }
        }
    }

    #[test]
    fn help_speaks_the_language() {
        let help = command(Lang::Zh).render_long_help().to_string();
        assert!(help.contains("逐步完成解约"), "{help}");
        let mut cmd = command(Lang::En);
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
        // After a word clap does not know, and not after `--`.
        assert_eq!(
            early_flags(&args(&["nocard", "checklist", "--bogus", "--lang", "nb"])).0,
            Some(Lang::Nb)
        );
        assert_eq!(
            early_flags(&args(&["nocard", "checklist", "--", "--lang", "nb"])).0,
            None
        );
    }
}
