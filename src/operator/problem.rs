//! What can be wrong with an operator file, and where.

use std::fmt;
use std::ops::Range;

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

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One mistake in an operator file. The messages name the item at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("{0}")]
    Syntax(String),
    #[error("id `{id}` does not match the file name `{stem}.toml`")]
    IdMismatch { id: String, stem: String },
    #[error("`{0}` is not an operator id (lowercase letters, digits and '-')")]
    InvalidId(String),
    #[error("{what} `{id}` is defined twice")]
    Duplicate { what: &'static str, id: String },
    #[error("unknown phase `{0}`; expected one of: {phases}", phases = crate::operator::Phase::WORDS)]
    UnknownPhase(String),
    #[error(
        "step `{step}` in phase `{phase}` comes after a step in phase `{after}`; keep steps in phase order"
    )]
    PhaseOutOfOrder {
        step: String,
        phase: &'static str,
        after: &'static str,
    },
    #[error("step `{0}` has no phase")]
    MissingPhase(String),
    #[error("precaution `{0}` has a phase; phases are for steps")]
    PhaseOnPrecaution(String),
    #[error("`{value}` is not a {key} in a condition; expected one of: {expected}")]
    UnknownSituationValue {
        key: &'static str,
        value: String,
        expected: String,
    },
    #[error("unknown source kind `{0}`; expected one of: {kinds}", kinds = crate::operator::SourceKind::WORDS)]
    UnknownSourceKind(String),
    #[error("source `{0}` is an official or authority page and needs its `url`")]
    MissingUrl(String),
    #[error("no source with id `{0}` in this file's [[sources]]")]
    UnknownSource(String),
    #[error("unknown channel kind `{0}`; expected one of: {kinds}", kinds = crate::operator::ChannelKind::WORDS)]
    UnknownChannelKind(String),
    #[error("unknown notice rule `{0}`; expected one of: {rules}", rules = crate::operator::NoticeRule::WORDS)]
    UnknownNoticeRule(String),
    #[error("channel `{channel}` of kind {kind} needs `{field}`")]
    MissingAddress {
        channel: String,
        kind: &'static str,
        field: &'static str,
    },
    #[error("channel `{channel}` of kind {kind} cannot have `{field}`")]
    StrayAddress {
        channel: String,
        kind: &'static str,
        field: &'static str,
    },
    #[error("`checked` must be a date such as 2026-11-25, without a time")]
    NotADate,
    #[error("`{0}` is not a Norwegian phone number (8 digits, or a short number of 4 or 5)")]
    BadPhoneNumber(String),
    #[error("`{0}` is not an https:// address")]
    NotHttps(String),
    #[error("no {0} text; English is shown instead")]
    MissingTranslation(crate::text::Lang),
}

/// A problem at a place in a file, shown as `path:line:column: problem`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileError {
    /// As the user should see it: `operators/telenor.toml (built in)` or the path given.
    pub path: String,
    pub position: Option<Position>,
    pub problem: Problem,
}

impl FileError {
    pub(crate) fn at(path: &str, text: &str, span: Option<Range<usize>>, problem: Problem) -> Self {
        FileError {
            path: path.to_owned(),
            position: span.map(|span| Position::of(text, span.start)),
            problem,
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(Position { line, column }) => {
                write!(f, "{}:{line}:{column}: {}", self.path, self.problem)
            }
            None => write!(f, "{}: {}", self.path, self.problem),
        }
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
}
