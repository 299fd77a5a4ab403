//! What can be wrong with an operator file, and where. Each problem falls under a rule with a
//! stable code (`NC006`), which `nocard operators validate` prints and the README lists.

use std::fmt;

use crate::text::{Lang, printable};

/// A 1-based line and column (in characters) in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    #[must_use]
    pub fn of(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl Position {
    /// The positions of many byte offsets, in the order given, in one pass over `text`: a
    /// file with thousands of findings costs no more than one with a few.
    #[must_use]
    pub fn of_all(text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&index| offsets[index]);
        let mut positions = vec![Position { line: 1, column: 1 }; offsets.len()];
        let (mut at, mut line, mut column) = (0, 1, 1);
        for index in order {
            let target = floor_char_boundary(text, offsets[index].min(text.len()));
            for c in text[at..target].chars() {
                if c == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
            at = target;
            positions[index] = Position { line, column };
        }
        positions
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// The rules an operator file is checked against, each with a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    Syntax,
    Shape,
    IdMatchesFile,
    IdForm,
    Duplicate,
    UnknownPhase,
    PhaseOrder,
    StepPhase,
    UnknownSituation,
    UnknownSituationValue,
    UnknownSource,
    UnsourcedFact,
    CheckedDate,
    Stale,
    Https,
    ForeignLink,
    PhoneFormat,
    MissingLanguage,
    ControlCharacters,
    UnknownKind,
    ChannelAddress,
    SourceUrl,
    AtLeastOneChannel,
    ConfirmedExplicit,
    ConfirmedBySource,
    SourceDate,
}

impl Rule {
    pub const ALL: [Rule; 26] = [
        Rule::Syntax,
        Rule::Shape,
        Rule::IdMatchesFile,
        Rule::IdForm,
        Rule::Duplicate,
        Rule::UnknownPhase,
        Rule::PhaseOrder,
        Rule::StepPhase,
        Rule::UnknownSituation,
        Rule::UnknownSituationValue,
        Rule::UnknownSource,
        Rule::UnsourcedFact,
        Rule::CheckedDate,
        Rule::Stale,
        Rule::Https,
        Rule::ForeignLink,
        Rule::PhoneFormat,
        Rule::MissingLanguage,
        Rule::ControlCharacters,
        Rule::UnknownKind,
        Rule::ChannelAddress,
        Rule::SourceUrl,
        Rule::AtLeastOneChannel,
        Rule::ConfirmedExplicit,
        Rule::ConfirmedBySource,
        Rule::SourceDate,
    ];

    /// `NC001` …; never reused for another rule.
    #[must_use]
    pub fn code(self) -> String {
        format!("NC{:03}", self as usize + 1)
    }

    #[must_use]
    pub fn severity(self) -> Severity {
        match self {
            Rule::Stale | Rule::MissingLanguage => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Whether nocard refuses to use a file that breaks the rule. Errors a person can still
    /// be helped despite are left to `nocard operators validate`: an unsourced fact, a date
    /// from a clock that is off, and the rules on confirmation and dates, whose breach nocard
    /// reads the cautious way (a fact not said, or not earned, to be confirmed is shown as not
    /// confirmed; a source without a date, as undated).
    #[must_use]
    pub fn blocks_loading(self) -> bool {
        !matches!(
            self,
            Rule::Stale
                | Rule::MissingLanguage
                | Rule::UnsourcedFact
                | Rule::ConfirmedExplicit
                | Rule::ConfirmedBySource
                | Rule::SourceDate
        )
    }
}

/// One mistake in an operator file. The messages name the item at fault; every value from
/// the file is shown through [`printable`], so a hostile file cannot drive the terminal through
/// an error message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("{}", printable(.0))]
    Syntax(String),
    /// Refused before parsing: the number of bytes.
    #[error(
        "the file is {0} bytes; operator files may be at most 1 MiB ({max} bytes)",
        max = crate::limits::MAX_FILE_BYTES
    )]
    TooLarge(usize),
    /// Refused before parsing.
    #[error(
        "arrays, tables and dotted keys are nested more than {max} levels deep here",
        max = crate::limits::MAX_NESTING
    )]
    TooDeep,
    #[error("{}", printable(.0))]
    Shape(String),
    #[error("id `{}` does not match the file name `{}.toml`", printable(.id), printable(.stem))]
    IdMismatch { id: String, stem: String },
    #[error("`{}` is not an operator id (lowercase letters, digits and '-')", printable(.0))]
    InvalidId(String),
    /// An id users type (a service's), of the wrong form.
    #[error("{what} id `{}` is not lowercase letters, digits and '-'", printable(.id))]
    InvalidEntryId { what: &'static str, id: String },
    #[error("{what} `{}` is defined twice", printable(.id))]
    Duplicate { what: &'static str, id: String },
    #[error("unknown phase `{}`; expected one of: {phases}", printable(.0), phases = crate::operator::Phase::WORDS)]
    UnknownPhase(String),
    #[error(
        "step `{}` in phase `{phase}` comes after a step in phase `{after}`; keep steps in phase order",
        printable(.step)
    )]
    PhaseOutOfOrder {
        step: String,
        phase: &'static str,
        after: &'static str,
    },
    #[error("step `{}` has no phase", printable(.0))]
    MissingPhase(String),
    /// A precaution or a service with a phase.
    #[error("{what} `{}` has a phase; phases are for steps", printable(.id))]
    PhaseOffStep { what: &'static str, id: String },
    #[error(
        "`{}` is not a situation question; expected one of: intent, plan, sim, payer, balance",
        printable(.0)
    )]
    UnknownSituation(String),
    #[error("`{}` is not a {key} in a condition; expected one of: {expected}", printable(.value))]
    UnknownSituationValue {
        key: &'static str,
        value: String,
        expected: String,
    },
    #[error("unknown source kind `{}`; expected one of: {kinds}", printable(.0), kinds = crate::operator::SourceKind::WORDS)]
    UnknownSourceKind(String),
    #[error("no source with id `{}` in this file's [[sources]]", printable(.0))]
    UnknownSource(String),
    #[error("source `{}` is an official or authority page and needs its `url`", printable(.0))]
    MissingUrl(String),
    #[error("{} states a fact but cites no source", printable(.0))]
    UnsourcedFact(String),
    #[error("unknown channel kind `{}`; expected one of: {kinds}", printable(.0), kinds = crate::operator::ChannelKind::WORDS)]
    UnknownChannelKind(String),
    #[error("unknown notice rule `{}`; expected one of: {rules}", printable(.0), rules = crate::operator::NoticeRule::WORDS)]
    UnknownNoticeRule(String),
    #[error("channel `{}` of kind {kind} needs `{field}`", printable(.channel))]
    MissingAddress {
        channel: String,
        kind: &'static str,
        field: &'static str,
    },
    #[error("channel `{}` of kind {kind} cannot have `{field}`", printable(.channel))]
    StrayAddress {
        channel: String,
        kind: &'static str,
        field: &'static str,
    },
    #[error(
        "`checked` is missing: give the date the facts were last compared with their sources, e.g. checked = 2026-11-25"
    )]
    CheckedMissing,
    #[error("`checked` must be a date such as 2026-11-25, without a time")]
    NotADate,
    #[error("`checked` is {0}, in the future")]
    CheckedInFuture(jiff::civil::Date),
    #[error(
        "the facts were last compared with their sources on {0}, more than 12 months ago: compare them again"
    )]
    Stale(jiff::civil::Date),
    #[error(
        "`{}` is not a Norwegian phone number (8 digits, or a short number of 4 or 5)",
        printable(.0)
    )]
    BadPhoneNumber(String),
    #[error("`{}` is not an https:// address", printable(.0))]
    NotHttps(String),
    #[error("`{}` is neither on this operator's domains nor a public authority's", printable(.0))]
    ForeignLink(String),
    #[error("no {0} text; English is shown instead")]
    MissingTranslation(Lang),
    #[error("a text holds a control character or terminal escape sequence ({})", printable(.0))]
    ControlCharacter(String),
    #[error("the file has no [[channels]]: give at least one way to reach the operator")]
    NoChannel,
    #[error(
        "{} does not say whether it is confirmed: add `confirmed = true` if an official or authority source says it, else `confirmed = false`",
        printable(.0)
    )]
    ConfirmedMissing(String),
    #[error(
        "{} is marked confirmed, but none of its sources is `official` or `authority`: cite the operator's or an authority's page, or set `confirmed = false`",
        printable(.0)
    )]
    ConfirmedWithoutOfficialSource(String),
    #[error(
        "source `{}` gives no date: add `dated = 2015-03-20`, the date the page itself shows, or `undated = true` if it shows none",
        printable(.0)
    )]
    SourceUndated(String),
    #[error(
        "`dated` must be a date such as 2015-03-20 (a TOML date, not text), the date the page itself shows"
    )]
    DatedNotADate,
    #[error("source `{}` has both `dated` and `undated = true`; keep the one that is true", printable(.0))]
    DatedAndUndated(String),
    #[error("source `{}` has `dated_as` but no `dated`", printable(.0))]
    DateKindWithoutDate(String),
    #[error("unknown kind of date `{}`; expected one of: {kinds}", printable(.0), kinds = crate::operator::DateKind::WORDS)]
    UnknownDateKind(String),
}

impl Problem {
    /// Whether nocard refuses to use a file with this problem. A `checked` date in the future
    /// is more likely a clock that is off than a broken file.
    #[must_use]
    pub fn blocks_loading(&self) -> bool {
        !matches!(self, Problem::CheckedInFuture(_)) && self.rule().blocks_loading()
    }

    /// The rule the problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            Problem::Syntax(_) | Problem::TooLarge(_) | Problem::TooDeep => Rule::Syntax,
            Problem::Shape(_) => Rule::Shape,
            Problem::IdMismatch { .. } => Rule::IdMatchesFile,
            Problem::InvalidId(_) | Problem::InvalidEntryId { .. } => Rule::IdForm,
            Problem::Duplicate { .. } => Rule::Duplicate,
            Problem::UnknownPhase(_) => Rule::UnknownPhase,
            Problem::PhaseOutOfOrder { .. } => Rule::PhaseOrder,
            Problem::MissingPhase(_) | Problem::PhaseOffStep { .. } => Rule::StepPhase,
            Problem::UnknownSituation(_) => Rule::UnknownSituation,
            Problem::UnknownSituationValue { .. } => Rule::UnknownSituationValue,
            Problem::UnknownSource(_) => Rule::UnknownSource,
            Problem::UnsourcedFact(_) => Rule::UnsourcedFact,
            Problem::CheckedMissing | Problem::NotADate | Problem::CheckedInFuture(_) => {
                Rule::CheckedDate
            }
            Problem::Stale(_) => Rule::Stale,
            Problem::NotHttps(_) => Rule::Https,
            Problem::ForeignLink(_) => Rule::ForeignLink,
            Problem::BadPhoneNumber(_) => Rule::PhoneFormat,
            Problem::MissingTranslation(_) => Rule::MissingLanguage,
            Problem::ControlCharacter(_) => Rule::ControlCharacters,
            Problem::UnknownSourceKind(_)
            | Problem::UnknownChannelKind(_)
            | Problem::UnknownNoticeRule(_)
            | Problem::UnknownDateKind(_) => Rule::UnknownKind,
            Problem::MissingAddress { .. } | Problem::StrayAddress { .. } => Rule::ChannelAddress,
            Problem::MissingUrl(_) => Rule::SourceUrl,
            Problem::NoChannel => Rule::AtLeastOneChannel,
            Problem::ConfirmedMissing(_) => Rule::ConfirmedExplicit,
            Problem::ConfirmedWithoutOfficialSource(_) => Rule::ConfirmedBySource,
            Problem::SourceUndated(_)
            | Problem::DatedNotADate
            | Problem::DatedAndUndated(_)
            | Problem::DateKindWithoutDate(_) => Rule::SourceDate,
        }
    }
}

/// A problem at a place in a file, shown as `path:line:column: problem`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileError {
    /// As the user should see it: `operators/telenor.toml` or the path given.
    pub path: String,
    pub position: Option<Position>,
    pub problem: Problem,
}

impl FileError {
    /// The position, or the start of the file for problems that have none (a missing key).
    #[must_use]
    pub fn place(&self) -> Position {
        self.position.unwrap_or(Position { line: 1, column: 1 })
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Position { line, column } = self.place();
        write!(
            f,
            "{}:{line}:{column}: {}",
            printable(&self.path),
            self.problem
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "id = \"x\"\nnåme = 1\n";
        assert_eq!(Position::of(text, 0), Position { line: 1, column: 1 });
        // "nåme" has a two-byte character; the column counts characters.
        let eq = text.find(" = 1").unwrap();
        assert_eq!(Position::of(text, eq), Position { line: 2, column: 5 });
        assert_eq!(Position::of(text, 10_000).line, 3);
    }

    #[test]
    fn many_positions_at_once_equal_one_at_a_time() {
        let text = "id = \"x\"\nnåme = 1\n\n王 = [\"a\", \"b\"]\n";
        let offsets: Vec<usize> = (0..text.len() + 3).rev().chain([5, 0, 5]).collect();
        let all = Position::of_all(text, &offsets);
        for (offset, position) in offsets.iter().zip(all) {
            assert_eq!(position, Position::of(text, *offset), "at {offset}");
        }
    }

    #[test]
    fn messages_show_values_from_the_file_as_data() {
        let problem = Problem::UnknownPhase("\u{1b}[2Jpreparation".into());
        assert!(
            problem
                .to_string()
                .starts_with("unknown phase `\\u{1b}[2Jpreparation`")
        );
        let error = FileError {
            path: "x\u{1b}.toml".into(),
            position: None,
            problem: Problem::Shape("unknown field `\u{9b}31m`".into()),
        };
        assert_eq!(
            error.to_string(),
            "x\\u{1b}.toml:1:1: unknown field `\\u{9b}31m`"
        );
    }

    #[test]
    fn rule_codes_are_stable() {
        assert_eq!(Rule::Syntax.code(), "NC001");
        assert_eq!(Rule::UnsourcedFact.code(), "NC012");
        assert_eq!(Rule::MissingLanguage.code(), "NC018");
        assert_eq!(Rule::SourceUrl.code(), "NC022");
        assert_eq!(Rule::AtLeastOneChannel.code(), "NC023");
        assert_eq!(Rule::ConfirmedExplicit.code(), "NC024");
        assert_eq!(Rule::ConfirmedBySource.code(), "NC025");
        assert_eq!(Rule::SourceDate.code(), "NC026");
        for (index, rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(*rule as usize, index, "ALL lists the rules in code order");
        }
    }
}
