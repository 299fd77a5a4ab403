//! Turning decided content into text, Markdown or JSON. Renderers return a `String`; the
//! caller decides where it goes.

mod checklist;
mod ending;
mod findings;
pub mod ics;
mod message;
mod operators;
mod questions;
mod services;
pub mod status;
pub mod walk;

pub use checklist::checklist;
pub use findings::{count, findings};
pub use operators::{freshness, operator, operator_list};
pub use services::{name as service_name, names as service_names, services};

use std::fmt::Write as _;

use console::Term;

use crate::i18n::{Ui, long_date};
use crate::operator::{DateKind, Dated, Provenance, Source, SourceKind};
use crate::situation::{Acting, Balance, Condition, Intent, Leaving, Payer, Plan, Sim, Stage};
use crate::text::Lang;

/// The words before a label's colon: "Cancel for good" of "Cancel for good: end the
/// subscription…", "Vipps" of "Vipps: it needs a Norwegian mobile number".
fn head(label: &str) -> &str {
    label.split([':', '：']).next().unwrap_or(label)
}

/// How the checklist is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For reading in a terminal.
    Text,
    /// A task list to save and tick off.
    Markdown,
    /// For programs.
    Json,
}

/// How a list (operators, cases, findings) is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// For reading; one item per line.
    Text,
    /// For programs.
    Json,
}

/// How `nocard status` prints the cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFormat {
    /// For reading: each case and what to do next.
    Text,
    /// For programs.
    Json,
    /// An iCalendar of the dates to come, for a calendar.
    Ics,
}

/// How a paragraph stands out.
#[derive(Debug, Clone, Copy)]
enum Emphasis {
    /// Titles.
    Bold,
    /// Sources and conditions: there to check, not to read first.
    Dim,
}

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
    pub fn for_stdout(lang: Lang) -> Self {
        let term = Term::stdout();
        let width = if term.is_term() {
            Some(usize::from(term.size().1))
        } else {
            std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
        };
        Layout {
            width: width.map(|w: usize| w.clamp(20, 100)),
            color: console::colors_enabled(),
            lang,
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

    /// An interface string in this layout's language.
    fn t(&self, key: Ui) -> &'static str {
        key.get(self.lang)
    }

    /// An interface string with its placeholders filled.
    fn tf(&self, key: Ui, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        key.fill(self.lang, args)
    }

    /// Like `paragraph`, in bold or dimmed; styled after wrapping, so escape codes never
    /// count as width.
    fn emphasized(
        &self,
        emphasis: Emphasis,
        out: &mut String,
        first: &str,
        indent: &str,
        text: &str,
    ) {
        if !self.color {
            return self.paragraph(out, first, indent, text);
        }
        let mut plain = String::new();
        self.paragraph(&mut plain, first, indent, text);
        for (index, line) in plain.lines().enumerate() {
            let prefix = if index == 0 { first } else { indent };
            let (head, body) = line.split_at(prefix.len().min(line.len()));
            let body = match emphasis {
                Emphasis::Bold => self.bold(body),
                Emphasis::Dim => self.dim(body),
            };
            let _ = writeln!(out, "{head}{body}");
        }
    }

    /// Appends `text` to `out` as one paragraph, every line indented by `indent` and the first
    /// starting with `first` (e.g. a list number) instead.
    pub(crate) fn paragraph(&self, out: &mut String, first: &str, indent: &str, text: &str) {
        let tidied;
        let text = if self.lang == Lang::Zh {
            tidied = crate::i18n::tidy_chinese(text);
            &tidied
        } else {
            text
        };
        match self.width {
            Some(width) => {
                // First fit, not optimal fit: lines fill up as a reader expects.
                let options = textwrap::Options::new(width)
                    .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
                    .word_separator(textwrap::WordSeparator::Custom(words))
                    .break_words(false)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation)
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

/// Splits a line where it may wrap: at spaces, as in English and Norwegian, and between the
/// characters of Chinese text, which has no spaces. Full-width punctuation stays with the
/// character before it, an opening bracket with the one after, and a URL is never split.
pub(crate) fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    use textwrap::core::Word;
    let mut words = Vec::new();
    let mut start = 0;
    let mut previous = None;
    let mut chars = line.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let end = index + c.len_utf8();
        let next = chars.peek().map(|&(_, next)| next);
        let break_after = match next {
            None => true,
            // A phone number stays on one line: `+47 915 09 000`.
            Some(next)
                if c == ' '
                    && next.is_ascii_digit()
                    && previous.is_some_and(|p: char| p.is_ascii_digit()) =>
            {
                false
            }
            Some(next) if c == ' ' => next != ' ',
            Some(next) => {
                (is_wide(c) || is_wide(next))
                    && !next.is_whitespace()
                    && !CLOSING.contains(next)
                    && !OPENING.contains(c)
            }
        };
        if break_after {
            words.push(Word::from(&line[start..end]));
            start = end;
        }
        previous = Some(c);
    }
    Box::new(words.into_iter())
}

/// Punctuation that may not begin a line.
const CLOSING: &str = "，。、：；！？）」』”’》·…";
/// Punctuation that may not end a line.
const OPENING: &str = "（「『“‘《";

fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// Words a user understands for a condition: "cancelling or porting the number · postpaid".
fn describe(condition: &Condition, lang: Lang) -> String {
    let mut out = String::new();
    let mut group = |words: &mut dyn Iterator<Item = Ui>| {
        for (index, word) in words.enumerate() {
            if index > 0 {
                out.push_str(Ui::CondOr.get(lang));
            } else if !out.is_empty() {
                out.push_str(" · ");
            }
            out.push_str(word.get(lang));
        }
    };
    group(&mut condition.intent.iter().map(|intent| match intent {
        Intent::Cancel => Ui::CondIntentCancel,
        Intent::Port => Ui::CondIntentPort,
        Intent::Keep => Ui::CondIntentKeep,
    }));
    group(&mut condition.acting.iter().map(|acting| match acting {
        Acting::Owner => Ui::CondActingSelf,
        Acting::Estate => Ui::CondActingEstate,
        Acting::Proxy => Ui::CondActingProxy,
    }));
    group(&mut condition.leaving.iter().map(|leaving| match leaving {
        Leaving::Yes => Ui::CondLeavingYes,
        Leaving::No => Ui::CondLeavingNo,
    }));
    group(&mut condition.plan.iter().map(|plan| match plan {
        Plan::Postpaid => Ui::CondPlanPostpaid,
        Plan::Prepaid => Ui::CondPlanPrepaid,
    }));
    group(&mut condition.sim.iter().map(|sim| match sim {
        Sim::Physical => Ui::CondSimPhysical,
        Sim::Esim => Ui::CondSimEsim,
    }));
    group(&mut condition.payer.iter().map(|payer| match payer {
        Payer::Private => Ui::CondPayerPrivate,
        Payer::Company => Ui::CondPayerCompany,
    }));
    group(&mut condition.balance.iter().map(|balance| match balance {
        Balance::Refund => Ui::CondBalanceRefund,
        Balance::Use => Ui::CondBalanceUse,
        Balance::Leave => Ui::CondBalanceLeave,
    }));
    group(&mut condition.stage.iter().map(|stage| match stage {
        Stage::Before => Ui::CondStageBefore,
        Stage::After => Ui::CondStageAfter,
    }));
    let channels: Vec<&str> = condition
        .channel
        .iter()
        .map(|kind| {
            operators::channel_kind(
                *kind,
                &Layout {
                    lang,
                    ..Layout::plain()
                },
            )
        })
        .collect();
    if !channels.is_empty() {
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(
            &Ui::CondChannel.fill(lang, &[("channels", &channels.join(Ui::CondOr.get(lang)))]),
        );
    }
    out
}

/// "Title (valid from 20 February 2024) https://…" for a source users may open; others are
/// named, never linked. Every source says the date it shows, or that it shows none.
fn cite(source: &Source, lang: Lang) -> String {
    let mut cited = source.title.get(lang).to_owned();
    let mut notes: Vec<String> = vec![dated(source.dated, lang)];
    match source.kind {
        SourceKind::ThirdParty => notes.push(Ui::SourceThirdParty.get(lang).to_owned()),
        SourceKind::Code => notes.push(Ui::SourceCode.get(lang).to_owned()),
        SourceKind::Official | SourceKind::Authority => {}
    }
    cited = Ui::InBrackets.fill(
        lang,
        &[
            ("text", &cited),
            ("inner", &notes.join(Ui::ListSeparator.get(lang))),
        ],
    );
    if let Some(link) = source.link() {
        let _ = write!(cited, " {link}");
    }
    cited
}

/// A fact's provenance in a few words, after its title: ` (telenor.no, 2015)` where an
/// operator's or authority's page confirms it, ` (not confirmed: check telenor.no)` where
/// not. In a narrow window only whether it is confirmed: the details say where.
#[must_use]
pub fn tag(provenance: &Provenance, layout: &Layout) -> String {
    let lang = layout.lang;
    let narrow = layout.width.is_some_and(|width| width < 60);
    if !provenance.confirmed {
        if provenance.check_on.is_empty() || narrow {
            return Ui::TagNotConfirmedNoPage.get(lang).to_owned();
        }
        return Ui::TagNotConfirmed.fill(lang, &[("site", &site(&provenance.check_on))]);
    }
    if narrow {
        return Ui::TagConfirmedUnlinked.get(lang).to_owned();
    }
    let cited = provenance
        .sources
        .iter()
        .find_map(|source| source.link().map(|link| (site(link), source)));
    match cited {
        Some((site, source)) => match source.dated.date() {
            Some(date) => {
                Ui::TagConfirmedDated.fill(lang, &[("site", &site), ("year", &date.year())])
            }
            None => Ui::TagConfirmedUndated.fill(lang, &[("site", &site)]),
        },
        None => Ui::TagConfirmedUnlinked.get(lang).to_owned(),
    }
}

/// `telenor.no` for `https://www.telenor.no/privat/…`: the site a link is on, as people say it.
fn site(url: &str) -> &str {
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host)
}

/// The date a source shows, in words: "valid from 20 February 2024", "undated".
fn dated(dated: Dated, lang: Lang) -> String {
    let Dated::On { date, kind } = dated else {
        return Ui::SourceUndated.get(lang).to_owned();
    };
    let key = match kind {
        DateKind::Shown => Ui::SourceDated,
        DateKind::ValidFrom => Ui::SourceValidFrom,
        DateKind::Updated => Ui::SourceUpdated,
        DateKind::Reviewed => Ui::SourceReviewed,
    };
    key.fill(lang, &[("date", &long_date(date, lang))])
}

/// The line shown under a fact no official source confirms; a fact of the common file with no
/// page to check it on (advice a third party gives) says only that it is not confirmed.
fn unconfirmed(provenance: &Provenance, lang: Lang) -> Option<String> {
    (!provenance.confirmed).then(|| {
        if provenance.check_on.is_empty() {
            Ui::NotConfirmedNoPage.get(lang).to_owned()
        } else {
            Ui::NotConfirmed.fill(lang, &[("url", &provenance.check_on)])
        }
    })
}

/// "Applies when: …" under an entry that does not apply to everyone.
fn applies_when(condition: &Condition, lang: Lang) -> Option<String> {
    (!condition.is_always())
        .then(|| Ui::AppliesWhen.fill(lang, &[("conditions", &describe(condition, lang))]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::situation::{Intent, Plan};

    #[test]
    fn a_link_is_named_by_its_site() {
        assert_eq!(site("https://www.telenor.no/privat/vilkar/"), "telenor.no");
        assert_eq!(site("https://nkom.no"), "nkom.no");
        assert_eq!(site("https://ice.no?x=1"), "ice.no");
    }

    #[test]
    fn conditions_read_as_words() {
        let condition = Condition {
            intent: vec![Intent::Cancel, Intent::Port].into(),
            plan: vec![Plan::Postpaid].into(),
            ..Condition::default()
        };
        assert_eq!(
            describe(&condition, Lang::En),
            "cancelling or porting the number · postpaid"
        );
        assert_eq!(
            describe(&condition, Lang::Zh),
            "解约或携号转网 · 后付费套餐"
        );
    }

    #[test]
    fn chinese_wraps_between_characters_by_display_width() {
        let layout = Layout {
            width: Some(20),
            ..Layout::plain()
        };
        let mut out = String::new();
        let text = "号码一旦停用，发到该号码的验证码就收不到了。请在 https://www.norge.no/en/update 更新。";
        layout.paragraph(&mut out, "", "", text);
        for line in out.lines() {
            assert!(
                console::measure_text_width(line) <= 20 || line.contains("https://"),
                "{line:?}"
            );
            assert!(
                !line.starts_with('，') && !line.starts_with('。'),
                "{line:?}"
            );
        }
        assert!(
            out.contains("https://www.norge.no/en/update"),
            "URLs stay whole: {out}"
        );
        let unwrapped = |s: &str| s.replace(['\n', ' '], "");
        assert_eq!(unwrapped(&out), unwrapped(text), "nothing lost or added");
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
