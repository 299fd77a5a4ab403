//! The command line's help in the user's language: every text clap shows, from nocard's own
//! strings to the words clap would add in English (`Usage:`, `Options:`, `Print help`,
//! `[possible values: …]`, `[default: …]`, the `help` command). Built only when help, the
//! version or a usage error is shown: putting it all in place costs more than most commands.

use std::fmt::Write as _;

use std::any::TypeId;
use std::marker::PhantomData;

use clap::builder::{EnumValueParser, PossibleValue, StyledStr, TypedValueParser};
use clap::{Arg, ColorChoice, ValueEnum};

use crate::cli::Cli;
use crate::i18n::{Ui, tidy_chinese};
use crate::questions::Question;
use crate::render::{Format, ListFormat, StatusFormat};
use crate::text::Lang;

use super::wrap::{NARROW_HELP, help_width};

/// The command line with every text in `lang`, built: what `--help`, errors, completions and
/// the manual page show.
pub(super) fn localized(lang: Lang, color: ColorChoice, help_command: bool) -> clap::Command {
    use clap::CommandFactory as _;
    let mut cmd = localize(Cli::command(), "cli", lang)
        .color(color)
        .disable_help_subcommand(!help_command);
    if lang == Lang::Zh {
        // clap breaks lines at spaces only, so it would put a long Chinese line on its own,
        // past the window's edge; `print_wrapped` breaks them between characters instead.
        // Not wrapping, clap never puts an option's help under it; in a narrow window it
        // must, or the help gets a column of a few characters.
        cmd = cmd
            .term_width(0)
            .next_line_help(help_width(false) < NARROW_HELP);
    }
    // clap adds `--help`, `--version` and the `help` command, in English, when it builds the
    // command; they are put in the language afterwards, once they exist.
    cmd.build();
    finish(cmd, lang)
}

/// Puts the help texts of `cmd`, whose strings are named after `path`, and of everything under
/// it in place, before clap builds it (so that the copies of global arguments in each command,
/// and of each command under `help`, carry them).
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
        let path = path.to_owned();
        cmd = cmd.mut_arg(&id, |arg| localize_arg(arg, &path, lang));
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

/// An argument's help, its value's name, and what clap would add after the help in English:
/// its possible values (each with its own help where it has one), its default and its
/// environment variable, all in `lang`.
fn localize_arg(mut arg: Arg, path: &str, lang: Lang) -> Arg {
    let id = arg.get_id().to_string();
    let Some(help) = arg_help(path, &id).map(|ui| ui.get(lang)) else {
        return arg;
    };
    // The values nocard checks itself are refused in the language too.
    arg = match id.as_str() {
        "case" => arg.value_parser(super::case_parser(lang)),
        "reference" => arg.value_parser(super::reference_parser(lang)),
        "on" => arg.value_parser(super::date_parser(lang)),
        _ => arg,
    };
    let takes_values = arg.get_action().takes_values();
    if takes_values && lang != Lang::En {
        let name = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| id.to_uppercase(), ToString::to_string);
        if let Some(ui) = value_name(&name) {
            arg = arg.value_name(ui.get(lang));
        }
    }
    let mut short = vec![help.to_owned()];
    let mut lines = vec![help.to_owned()];
    let values: Vec<(String, Option<&str>)> = if takes_values {
        arg.get_possible_values()
            .iter()
            .filter(|value| !value.is_hide_set())
            .map(|value| {
                let name = value.get_name().to_owned();
                let help = value_help(path, &id, &name).map(|ui| ui.get(lang));
                (name, help)
            })
            .collect()
    } else {
        Vec::new()
    };
    let described = values.iter().any(|(_, help)| help.is_some());
    if described {
        arg = with_described_values(arg, &values);
    }
    // In clap's order: the environment variable, the default, the possible values; on the
    // help's line in short help, under it in long help, where described values are listed.
    let mut notes = Vec::new();
    if let Some(env) = arg.get_env() {
        let name = env.to_string_lossy();
        notes.push(Ui::HelpEnv.fill(lang, &[("name", &name)]));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() {
        let list = defaults.join(Ui::ListComma.get(lang));
        notes.push(Ui::HelpDefault.fill(lang, &[("value", &list)]));
    }
    let mut long_notes = notes.clone();
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|(name, _)| name.as_str()).collect();
        let list = names.join(Ui::ListComma.get(lang));
        let inline = Ui::HelpPossibleValues.fill(lang, &[("values", &list)]);
        if described {
            lines.push(format!("\n{}", described_values(&values, lang)));
        } else {
            long_notes.push(inline.clone());
        }
        notes.push(inline);
    }
    short.extend(notes.iter().cloned());
    if !long_notes.is_empty() {
        lines.push(format!("\n{}", long_notes.join("\n")));
    }
    let joined = |parts: &[String], separator: &str| spoken(&parts.join(separator), lang);
    arg = arg.help(joined(&short, " ")).hide_env(true);
    if takes_values {
        arg = arg.hide_possible_values(true).hide_default_value(true);
    }
    if described || !long_notes.is_empty() {
        arg = arg.long_help(joined(&lines, "\n"));
    }
    arg
}

/// `arg` with a parser whose possible values carry their help in the language, so that the
/// completion scripts describe them too; for the value enums that have described values.
fn with_described_values(arg: Arg, values: &[(String, Option<&'static str>)]) -> Arg {
    let helps: Vec<(String, &'static str)> = values
        .iter()
        .filter_map(|(name, help)| help.map(|help| (name.clone(), help)))
        .collect();
    let kind = arg.get_value_parser().type_id();
    if kind == TypeId::of::<Format>() {
        arg.value_parser(Described::<Format>::new(helps))
    } else if kind == TypeId::of::<ListFormat>() {
        arg.value_parser(Described::<ListFormat>::new(helps))
    } else if kind == TypeId::of::<StatusFormat>() {
        arg.value_parser(Described::<StatusFormat>::new(helps))
    } else {
        arg
    }
}

/// The parser of a value enum `E`, with its possible values' help given in the language.
struct Described<E> {
    helps: Vec<(String, &'static str)>,
    kind: PhantomData<fn() -> E>,
}

impl<E> Described<E> {
    fn new(helps: Vec<(String, &'static str)>) -> Self {
        Described {
            helps,
            kind: PhantomData,
        }
    }
}

impl<E> Clone for Described<E> {
    fn clone(&self) -> Self {
        Described::new(self.helps.clone())
    }
}

impl<E: ValueEnum + Clone + Send + Sync + 'static> TypedValueParser for Described<E> {
    type Value = E;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<E, clap::Error> {
        EnumValueParser::<E>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let values = E::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value);
        Some(Box::new(values.map(|value| {
            match self.helps.iter().find(|(name, _)| name == value.get_name()) {
                Some((_, help)) => value.help(*help),
                None => value,
            }
        })))
    }
}

/// "- text:     For reading", one line a value, the helps lined up as clap lines them up.
fn described_values(values: &[(String, Option<&str>)], lang: Lang) -> String {
    let width = values
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let mut list = format!("{}\n", Ui::HelpPossibleValuesHeading.get(lang));
    for (name, help) in values {
        let pad = " ".repeat(width - name.chars().count());
        match help {
            Some(help) => {
                let _ = writeln!(list, "- {name}{colon}{pad}{help}");
            }
            None => {
                let _ = writeln!(list, "- {name}");
            }
        }
    }
    list.trim_end().to_owned()
}

/// Text as the language writes it: Chinese without the spaces that joining parts leaves
/// beside full-width brackets.
fn spoken(text: &str, lang: Lang) -> String {
    if lang == Lang::Zh {
        tidy_chinese(text).into_owned()
    } else {
        text.to_owned()
    }
}

/// Puts clap's own texts in place once clap has built `cmd` and every command under it: the
/// help and version flags, the `help` command, the usage line and the headings.
fn finish(cmd: clap::Command, lang: Lang) -> clap::Command {
    // Built: arguments may be changed in place, but not removed and added again, which would
    // leave clap's index of their names pointing at the wrong ones.
    let mut cmd = cmd.mut_args(|arg| match arg.get_id().as_str() {
        "help" if arg.get_long_help().is_some() => arg
            .help(Ui::HelpFlagMore.get(lang))
            .long_help(Ui::HelpFlagSummary.get(lang)),
        "help" => arg.help(Ui::HelpFlag.get(lang)),
        "version" => arg.help(Ui::HelpVersion.get(lang)),
        "subcommand" => arg.help(Ui::HelpCommandArg.get(lang)),
        _ => arg,
    });
    if cmd.get_name() == "help"
        && cmd
            .get_about()
            .is_none_or(|about| about.to_string().starts_with("Print this message"))
    {
        cmd = cmd.about(Ui::HelpCommand.get(lang));
    }
    let usage = usage(&mut cmd, lang);
    let template = template(&cmd, lang);
    cmd = cmd.override_usage(usage).help_template(template);
    cmd.mut_subcommands(|sub| finish(sub, lang))
}

/// The command's usage without clap's `Usage:`, its placeholders in `lang` and its second line
/// lined up under the first after the heading in `lang`.
fn usage(cmd: &mut clap::Command, lang: Lang) -> StyledStr {
    let rendered = cmd.render_usage().ansi().to_string();
    // clap writes `Usage:` styled: the heading, the code that ends its style, a space.
    let body = rendered
        .split_once("Usage:")
        .map_or(rendered.as_str(), |(_, rest)| rest);
    let body = skip_style(body).strip_prefix(' ').unwrap_or(body);
    let indent = " ".repeat(console::measure_text_width(&usage_heading(lang)));
    let body = body
        .replace("\n       ", &format!("\n{indent}"))
        .replace("[OPTIONS]", Ui::HelpOptionsPlaceholder.get(lang))
        .replace("COMMAND", Ui::HelpCommandPlaceholder.get(lang));
    StyledStr::from(body)
}

/// `text` after the escape sequence it starts with, if it starts with one.
fn skip_style(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("\u{1b}[")
        && let Some(end) = rest.find('m')
    {
        return &rest[end + 1..];
    }
    text
}

/// `Usage: `, `Bruk: `, `用法：`: the heading and what parts it from the usage.
pub(super) fn usage_heading(lang: Lang) -> String {
    let heading = Ui::HelpUsage.get(lang);
    if heading.ends_with('：') {
        heading.to_owned()
    } else {
        format!("{heading} ")
    }
}

/// clap's help layout, with its headings in `lang` and only the sections `cmd` has.
fn template(cmd: &clap::Command, lang: Lang) -> String {
    let styles = cmd.get_styles();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let mut sections = Vec::new();
    let visible = |arg: &&Arg| !arg.is_hide_set();
    if cmd.get_subcommands().any(|sub| !sub.is_hide_set()) {
        sections.push((Ui::HelpCommands, "{subcommands}"));
    }
    if cmd.get_positionals().any(|arg| visible(&arg)) {
        sections.push((Ui::HelpArguments, "{positionals}"));
    }
    if cmd
        .get_arguments()
        .filter(|arg| !arg.is_positional())
        .any(|arg| visible(&arg))
    {
        sections.push((Ui::HelpOptions, "{options}"));
    }
    let sections: Vec<String> = sections
        .into_iter()
        .map(|(heading, tag)| format!("{header}{}{header:#}\n{tag}", heading.get(lang)))
        .collect();
    let heading = usage_heading(lang);
    let heading = format!(
        "{usage}{}{usage:#}{}",
        heading.trim_end(),
        &heading[heading.trim_end().len()..]
    );
    if sections.is_empty() {
        format!("{{before-help}}{{about-with-newline}}\n{heading}{{usage}}{{after-help}}")
    } else {
        format!(
            "{{before-help}}{{about-with-newline}}\n{heading}{{usage}}\n\n{}{{after-help}}",
            sections.join("\n\n")
        )
    }
}

/// Prints help clap rendered without wrapping, wrapped as nocard wraps Chinese: between
/// characters, at the window's width (at most 100 columns, as for the other languages), each
/// line's continuation under the column its text starts at (a command's or option's help after
/// its name). Styles are kept where the stream takes them.
/// The help of argument `id` of the command at `path`: its own string, or the one its parent
/// commands give an argument of that name.
pub(super) fn arg_help(path: &str, id: &str) -> Option<Ui> {
    lookup_up(path, &format!("--{}", id.replace('_', "-")))
}

/// The help of possible value `value` of argument `id`, looked up as `arg_help` looks: a
/// `status --format text` is described apart from `operators list --format text`.
pub(super) fn value_help(path: &str, id: &str, value: &str) -> Option<Ui> {
    lookup_up(path, &format!("--{}-{value}", id.replace('_', "-")))
}

/// `{path}{suffix}`, else the same under each command above `path`.
fn lookup_up(path: &str, suffix: &str) -> Option<Ui> {
    let mut path = path;
    loop {
        if let Some(ui) = Ui::from_key(&format!("{path}{suffix}")) {
            return Some(ui);
        }
        path = &path[..path.rfind('-')?];
    }
}

/// The name a value goes by in help and usage, `FILE`, in the user's language.
pub(super) fn value_name(name: &str) -> Option<Ui> {
    Ui::from_key(&format!("value-name-{}", name.to_lowercase()))
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
            crate::commands::validate::rule_list(lang)
        )),
        _ => after.map(str::to_owned),
    }
}
