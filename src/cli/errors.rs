//! clap's usage errors in the user's language. clap writes them through an `ErrorFormatter`
//! chosen by type; `Localized<N>` is one per language (`Lang::ALL[N]`), and writes each kind
//! of error clap reports from the parts clap keeps of it (the argument, the value, the
//! suggestions, the usage), in nocard's words. The few kinds it has no words for keep clap's
//! (in English): an I/O or formatting error of clap's own.

use std::fmt::Write as _;

use clap::builder::{StyledStr, Styles};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind, RichFormatter};

use crate::i18n::Ui;
use crate::text::{Lang, printable};

/// `err`, to be shown in `lang`.
pub(super) fn localized(err: clap::Error, lang: Lang) -> LocalizedError {
    match lang {
        Lang::En => LocalizedError::En(err.apply::<Localized<0>>()),
        Lang::Nb => LocalizedError::Nb(err.apply::<Localized<1>>()),
        Lang::Zh => LocalizedError::Zh(err.apply::<Localized<2>>()),
    }
}

/// A usage error with nocard's formatter in its language. English goes through it too, so that
/// what the user typed is shown as data in every language (clap repeats it raw).
pub(super) enum LocalizedError {
    En(clap::error::Error<Localized<0>>),
    Nb(clap::error::Error<Localized<1>>),
    Zh(clap::error::Error<Localized<2>>),
}

impl LocalizedError {
    /// Prints the error (or the help or version it carries) and exits as clap does: 0 for help
    /// and the version, 2 for a usage error. `color` is `--color` as given.
    pub(super) fn exit(&self, color: clap::ColorChoice) -> ! {
        match self {
            LocalizedError::En(err) => err.exit(),
            LocalizedError::Nb(err) => err.exit(),
            LocalizedError::Zh(err) => match err.kind() {
                // clap wraps lines at spaces only, and Chinese has none: nocard wraps it.
                ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    super::wrap::print_wrapped(&err.render(), err.use_stderr(), color);
                    std::process::exit(err.exit_code())
                }
                _ => err.exit(),
            },
        }
    }

    /// The text the error prints, without styles.
    #[cfg(test)]
    pub(super) fn render(&self) -> String {
        match self {
            LocalizedError::En(err) => err.render().to_string(),
            LocalizedError::Nb(err) => err.render().to_string(),
            LocalizedError::Zh(err) => err.render().to_string(),
        }
    }
}

/// clap's errors in `Lang::ALL[LANG]`.
pub(super) struct Localized<const LANG: usize>;

impl<const LANG: usize> ErrorFormatter for Localized<LANG> {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let lang = Lang::ALL[LANG];
        let styles = Styles::default();
        let Some(message) = message(error, lang, &styles) else {
            // A kind nocard has no words for (an I/O error of clap's own, say): clap's.
            return StyledStr::from(render_english(error));
        };
        // `feil: `, `错误：`, styled as clap styles its `error:`.
        let template = Ui::ErrorLine.get(lang);
        let prefix = template.split("{message}").next().unwrap_or_default();
        let style = styles.get_error();
        let gap = &prefix[prefix.trim_end().len()..];
        let mut out = format!("{style}{}{style:#}{gap}{message}", prefix.trim_end());
        let tips = tips(error, lang, &styles);
        if !tips.is_empty() {
            out.push('\n');
            for tip in tips {
                out.push('\n');
                out.push_str("  ");
                out.push_str(&Ui::HintLine.fill(lang, &[("message", &tip)]));
            }
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            out.push_str("\n\n");
            out.push_str(&usage_in(usage, lang, &styles));
        }
        let literal = styles.get_literal();
        let flag = format!("{literal}--help{literal:#}");
        out.push_str("\n\n");
        out.push_str(&Ui::HelpMoreInformation.fill(lang, &[("flag", &flag)]));
        out.push('\n');
        StyledStr::from(out)
    }
}

/// The error in clap's own words, for the kinds nocard does not word itself.
fn render_english<F: ErrorFormatter>(error: &clap::error::Error<F>) -> String {
    let mut english = clap::error::Error::<RichFormatter>::new(error.kind());
    for (kind, value) in error.context() {
        english.insert(kind, value.clone());
    }
    english.render().ansi().to_string()
}

/// The first line: what was wrong, or `None` for a kind nocard has no words for.
fn message<F: ErrorFormatter>(
    error: &clap::error::Error<F>,
    lang: Lang,
    styles: &Styles,
) -> Option<String> {
    let (invalid, literal) = (styles.get_invalid(), styles.get_literal());
    let string = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        _ => None,
    };
    let number = |kind| match error.get(kind) {
        Some(ContextValue::Number(value)) => Some(*value),
        _ => None,
    };
    // What the user typed is shown as data: an escape sequence in it never reaches the terminal.
    let bad = |text: &str| format!("'{invalid}{}{invalid:#}'", printable(text));
    let arg = |text: &str| format!("'{literal}{text}{literal:#}'");
    let values = |kind, lang| list(error.get(kind), lang, styles);
    Some(match error.kind() {
        ErrorKind::UnknownArgument => Ui::ClapUnexpectedArgument
            .fill(lang, &[("arg", &bad(&string(ContextKind::InvalidArg)?))]),
        ErrorKind::InvalidSubcommand => Ui::ClapUnrecognizedSubcommand.fill(
            lang,
            &[("name", &bad(&string(ContextKind::InvalidSubcommand)?))],
        ),
        ErrorKind::InvalidValue => {
            let name = string(ContextKind::InvalidArg)?;
            let value = string(ContextKind::InvalidValue)?;
            let mut line = if value.is_empty() {
                Ui::ClapValueRequired.fill(lang, &[("arg", &arg(&name))])
            } else {
                Ui::ClapInvalidValue.fill(lang, &[("value", &bad(&value)), ("arg", &arg(&name))])
            };
            if let Some(possible) = values(ContextKind::ValidValue, lang) {
                line.push_str("\n  ");
                line.push_str(&Ui::HelpPossibleValues.fill(lang, &[("values", &possible)]));
            }
            line
        }
        ErrorKind::ValueValidation => {
            let name = string(ContextKind::InvalidArg)?;
            let value = string(ContextKind::InvalidValue)?;
            let line =
                Ui::ClapInvalidValue.fill(lang, &[("value", &bad(&value)), ("arg", &arg(&name))]);
            match std::error::Error::source(error) {
                Some(reason) => format!("{line}{}{reason}", colon(lang)),
                None => line,
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let Some(ContextValue::Strings(missing)) = error.get(ContextKind::InvalidArg) else {
                return None;
            };
            let valid = styles.get_valid();
            let mut line = Ui::ClapRequiredMissing.get(lang).to_owned();
            for name in missing {
                let _ = write!(line, "\n  {valid}{name}{valid:#}");
            }
            line
        }
        ErrorKind::MissingSubcommand => {
            let name = string(ContextKind::InvalidSubcommand)?;
            let mut line = Ui::ClapSubcommandMissing.fill(lang, &[("name", &bad(&name))]);
            if let Some(commands) = values(ContextKind::ValidSubcommand, lang) {
                line.push_str("\n  ");
                line.push_str(&Ui::ClapSubcommandsList.fill(lang, &[("values", &commands)]));
            }
            line
        }
        ErrorKind::ArgumentConflict => conflict(error, lang, styles)?,
        ErrorKind::NoEquals => {
            Ui::ClapNoEquals.fill(lang, &[("arg", &arg(&string(ContextKind::InvalidArg)?))])
        }
        ErrorKind::TooManyValues => Ui::ClapTooManyValues.fill(
            lang,
            &[
                ("value", &bad(&string(ContextKind::InvalidValue)?)),
                ("arg", &arg(&string(ContextKind::InvalidArg)?)),
            ],
        ),
        ErrorKind::TooFewValues => Ui::ClapTooFewValues.fill(
            lang,
            &[
                ("arg", &arg(&string(ContextKind::InvalidArg)?)),
                ("expected", &number(ContextKind::MinValues)?),
                ("actual", &number(ContextKind::ActualNumValues)?),
            ],
        ),
        ErrorKind::WrongNumberOfValues => Ui::ClapWrongNumberOfValues.fill(
            lang,
            &[
                ("arg", &arg(&string(ContextKind::InvalidArg)?)),
                ("expected", &number(ContextKind::ExpectedNumValues)?),
                ("actual", &number(ContextKind::ActualNumValues)?),
            ],
        ),
        ErrorKind::InvalidUtf8 => Ui::ClapInvalidUtf8.get(lang).to_owned(),
        _ => return None,
    })
}

/// "cannot be used with …", for an argument given twice or beside one it excludes.
fn conflict<F: ErrorFormatter>(
    error: &clap::error::Error<F>,
    lang: Lang,
    styles: &Styles,
) -> Option<String> {
    let invalid = styles.get_invalid();
    let bad = |text: &str| format!("'{invalid}{}{invalid:#}'", printable(text));
    let prior = error.get(ContextKind::PriorArg);
    let (subject, key) = match (
        error.get(ContextKind::InvalidArg),
        error.get(ContextKind::InvalidSubcommand),
    ) {
        (Some(ContextValue::String(arg)), _) => {
            if prior == Some(&ContextValue::String(arg.clone())) {
                return Some(Ui::ClapUsedTwice.fill(lang, &[("arg", &bad(arg))]));
            }
            (arg, Ui::ClapConflict)
        }
        (_, Some(ContextValue::String(sub))) => (sub, Ui::ClapSubcommandConflict),
        _ => return None,
    };
    let others = match prior {
        Some(ContextValue::String(other)) => bad(other),
        Some(ContextValue::Strings(others)) => others
            .iter()
            .map(|other| bad(other))
            .collect::<Vec<_>>()
            .join(Ui::ListComma.get(lang)),
        _ => Ui::ClapOtherArguments.get(lang).to_owned(),
    };
    Some(key.fill(lang, &[("arg", &bad(subject)), ("others", &others)]))
}

/// The tips under the first line: clap's suggestions of a similar name, and its advice.
fn tips<F: ErrorFormatter>(
    error: &clap::error::Error<F>,
    lang: Lang,
    styles: &Styles,
) -> Vec<String> {
    let valid = styles.get_valid();
    let quoted = |name: &str| format!("'{valid}{}{valid:#}'", printable(name));
    let mut tips = Vec::new();
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        let names: Vec<String> = match error.get(kind) {
            Some(ContextValue::String(name)) => vec![quoted(name)],
            Some(ContextValue::Strings(names)) => names.iter().map(|name| quoted(name)).collect(),
            _ => continue,
        };
        if !names.is_empty() {
            let names = names.join(Ui::CondOr.get(lang));
            tips.push(Ui::DidYouMean.fill(lang, &[("names", &names)]));
        }
    }
    if let Some(ContextValue::StyledStrs(advice)) = error.get(ContextKind::Suggested) {
        tips.extend(advice.iter().map(|tip| advice_in(tip, lang, styles)));
    }
    tips
}

/// One of clap's pieces of advice, in `lang`: clap writes three, each naming what to type.
fn advice_in(tip: &StyledStr, lang: Lang, styles: &Styles) -> String {
    let plain = tip.to_string();
    let (valid, invalid) = (styles.get_valid(), styles.get_invalid());
    let quoted = |text: &str, style: &clap::builder::styling::Style| {
        format!("'{style}{}{style:#}'", printable(text))
    };
    let between = |text: &str, open: &str, close: &str| -> Option<String> {
        let start = text.find(open)? + open.len();
        let end = start + text[start..].find(close)?;
        Some(text[start..end].to_owned())
    };
    if let Some(rest) = plain.strip_prefix("to pass '")
        && let Some((arg, rest)) = rest.split_once("' as a value, use '")
        && let Some(usage) = rest.strip_suffix('\'')
    {
        return Ui::ClapPassAsValue.fill(
            lang,
            &[
                ("arg", &quoted(arg, invalid)),
                ("usage", &quoted(usage, valid)),
            ],
        );
    }
    if plain.starts_with("subcommand '")
        && let Some(name) = between(&plain, "subcommand '", "'")
    {
        return Ui::ClapRemoveDashes.fill(lang, &[("name", &quoted(&name, valid))]);
    }
    if let Some(name) = plain
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix("' exists"))
    {
        return Ui::DidYouMean.fill(lang, &[("names", &quoted(name, valid))]);
    }
    tip.ansi().to_string()
}

/// clap's usage, whose heading it writes in English, under nocard's heading in `lang`.
fn usage_in(usage: &StyledStr, lang: Lang, styles: &Styles) -> String {
    let ansi = usage.ansi().to_string();
    let body = ansi
        .split_once("Usage:")
        .map_or(ansi.as_str(), |(_, rest)| rest);
    let body = skip_style(body);
    let body = body.strip_prefix(' ').unwrap_or(body);
    let style = styles.get_usage();
    let heading = super::help::usage_heading(lang);
    let gap = &heading[heading.trim_end().len()..];
    format!("{style}{}{style:#}{gap}{body}", heading.trim_end())
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

/// `a, b, c` (`a、b、c`), styled as clap styles values it accepts.
fn list(values: Option<&ContextValue>, lang: Lang, styles: &Styles) -> Option<String> {
    let Some(ContextValue::Strings(values)) = values else {
        return None;
    };
    let valid = styles.get_valid();
    (!values.is_empty()).then(|| {
        values
            .iter()
            .map(|value| format!("{valid}{value}{valid:#}"))
            .collect::<Vec<_>>()
            .join(Ui::ListComma.get(lang))
    })
}

fn colon(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "：" } else { ": " }
}
