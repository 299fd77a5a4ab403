//! Turning decided content into text, Markdown or JSON. Renderers return a `String`; the
//! caller decides where it goes.

mod checklist;
mod operators;
pub mod walk;

pub use checklist::checklist;
pub use operators::{operator, operator_list};

use std::fmt::Write as _;

use console::Term;

use crate::operator::{Provenance, Source, SourceKind};
use crate::situation::{Condition, Key};
use crate::text::Lang;

/// How text output should look, decided once for the terminal it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Columns to wrap at; `None` leaves lines unwrapped (piped output).
    pub width: Option<usize>,
    /// Whether to use bold and colour.
    pub color: bool,
    pub lang: Lang,
}

impl Layout {
    /// Wrapped to the terminal and styled when stdout is one; plain when piped, wrapped only if
    /// `COLUMNS` asks for it.
    #[must_use]
    pub fn for_stdout() -> Self {
        let term = Term::stdout();
        let width = if term.is_term() {
            Some(usize::from(term.size().1))
        } else {
            std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
        };
        Layout {
            width: width.map(|w: usize| w.clamp(20, 100)),
            color: console::colors_enabled(),
            lang: Lang::En,
        }
    }

    /// Plain, unwrapped English: what a pipe gets.
    #[must_use]
    pub fn plain() -> Self {
        Layout {
            width: None,
            color: false,
            lang: Lang::En,
        }
    }

    fn bold(&self, text: &str) -> String {
        if self.color {
            console::style(text).bold().force_styling(true).to_string()
        } else {
            text.to_owned()
        }
    }

    fn dim(&self, text: &str) -> String {
        if self.color {
            console::style(text).dim().force_styling(true).to_string()
        } else {
            text.to_owned()
        }
    }

    /// Appends `text` to `out` as one paragraph, every line indented by `indent` and the first
    /// starting with `first` (e.g. a list number) instead.
    fn paragraph(&self, out: &mut String, first: &str, indent: &str, text: &str) {
        match self.width {
            Some(width) => {
                // First fit, not optimal fit: lines fill up as a reader expects.
                let options = textwrap::Options::new(width)
                    .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
                    .initial_indent(first)
                    .subsequent_indent(indent);
                out.push_str(&textwrap::fill(text, options));
                out.push('\n');
            }
            None => {
                let _ = writeln!(out, "{first}{text}");
            }
        }
    }
}

/// Words a user understands for a condition: "cancelling or porting · postpaid".
fn describe(condition: &Condition) -> String {
    condition
        .terms()
        .iter()
        .map(|(key, words)| {
            words
                .iter()
                .map(|word| describe_value(*key, word))
                .collect::<Vec<_>>()
                .join(" or ")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn describe_value(key: Key, word: &str) -> &'static str {
    match (key, word) {
        (Key::Intent, "cancel") => "cancelling",
        (Key::Intent, "port") => "porting the number",
        (Key::Intent, "keep") => "keeping the number",
        (Key::Plan, "postpaid") => "postpaid",
        (Key::Plan, "prepaid") => "prepaid",
        (Key::Sim, "physical") => "physical SIM",
        (Key::Sim, "esim") => "eSIM",
        (Key::Payer, "private") => "paid privately",
        (Key::Payer, "company") => "company-paid",
        (Key::Balance, "refund") => "balance refunded",
        (Key::Balance, "use") => "balance used up",
        (Key::Balance, "leave") => "balance left",
        _ => "other",
    }
}

/// "Title (dated) https://…" for a source users may open; others are named, never linked.
fn cite(source: &Source, lang: Lang) -> String {
    let mut cited = source.title.get(lang).to_owned();
    let mut notes: Vec<&str> = source.dated.iter().map(String::as_str).collect();
    match source.kind {
        SourceKind::ThirdParty => notes.push("third-party, may be wrong"),
        SourceKind::Code => notes.push("code evidence only"),
        SourceKind::Official | SourceKind::Authority => {}
    }
    if !notes.is_empty() {
        let _ = write!(cited, " ({})", notes.join("; "));
    }
    if let Some(link) = source.link() {
        let _ = write!(cited, " {link}");
    }
    cited
}

/// The line shown under a fact no official source confirms.
fn unconfirmed(provenance: &Provenance) -> Option<String> {
    (!provenance.confirmed).then(|| format!("Not confirmed: check on {}", provenance.check_on))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::situation::{Intent, Plan};

    #[test]
    fn conditions_read_as_words() {
        let condition = Condition {
            intent: vec![Intent::Cancel, Intent::Port],
            plan: vec![Plan::Postpaid],
            ..Condition::default()
        };
        assert_eq!(
            describe(&condition),
            "cancelling or porting the number · postpaid"
        );
    }

    #[test]
    fn paragraphs_wrap_to_the_width_with_a_hanging_indent() {
        let layout = Layout {
            width: Some(20),
            ..Layout::plain()
        };
        let mut out = String::new();
        layout.paragraph(&mut out, " 1. ", "    ", "one two three four five six");
        assert_eq!(out, " 1. one two three\n    four five six\n");
    }
}
