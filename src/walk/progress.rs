//! Where a walk stands: the answers, the place in the script, and what the command reported.

use std::path::PathBuf;

use jiff::civil::Date;

use super::Effect;
use super::Walk;
use super::script::Beat;
use crate::answers::Answers;
use crate::casebook::Case;
use crate::questions::Question;

/// Where a walk stands: the answers, the place in the script, and what the command reported.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub(super) answers: Answers,
    /// The last answer each question had, kept when it is forgotten: going back, or changing
    /// it from the review, starts from it.
    pub(super) earlier: Answers,
    pub(super) cursor: usize,
    /// Questions the person answered here, with their place in the script, for going back.
    pub(super) asked: Vec<(usize, Question)>,
    /// A question changed from the review: going back from it returns to the review.
    pub(super) revising: Option<Question>,
    /// On the way back to the review after a change: the phases between are not shown again.
    pub(super) returning: bool,
    /// An interrupted walk going on from this day: said once.
    pub(super) resumed: Option<Date>,
    /// The person asked for the details of the phase they are in.
    pub(super) details: bool,
    pub(super) guard: Guard,
    pub(super) write: Writing,
    /// Where the message goes, once the person chose another name than the first.
    pub(super) path: Option<PathBuf>,
    /// The case written and never sent for this number, which this walk takes the place of.
    pub(super) replaces: Option<u32>,
    pub(super) recording: Recording,
    /// Where the calendar file was saved.
    pub(super) calendar: Option<PathBuf>,
    pub(super) stopped: Option<u32>,
    pub(super) effects: Vec<Effect>,
}

/// The duplicate guard for the number answered: reset whenever the number is forgotten.
#[derive(Debug, Clone, Default)]
pub(super) enum Guard {
    #[default]
    Unchecked,
    Found(Option<Box<Case>>),
    Asking(u32),
    Passed,
}

/// How far writing the message got.
#[derive(Debug, Clone, Default)]
pub(super) enum Writing {
    #[default]
    NotYet,
    /// The file is there already; the person is asked what to do.
    Exists {
        path: PathBuf,
        free: PathBuf,
    },
    Replace,
    Written(PathBuf),
}

/// Whether the case was recorded.
#[derive(Debug, Clone, Copy, Default)]
pub(super) enum Recording {
    #[default]
    NotYet,
    /// Recorded with this id, or `None` where there is nowhere to record it.
    Done(Option<u32>),
}

impl Progress {
    /// A walk from `answers` (none, or an answers file's).
    #[must_use]
    pub fn new(answers: Answers) -> Self {
        Progress {
            answers,
            ..Progress::default()
        }
    }

    /// An interrupted walk begun on `started`, continued at the header of the phase of its
    /// first unanswered question. The answers before it count as asked, so the user can
    /// still go back to them. `written`: the message the walk wrote before it was
    /// interrupted, where it is still there; the walk goes on past it.
    #[must_use]
    pub fn resumed(walk: &Walk, answers: Answers, started: Date, written: Option<PathBuf>) -> Self {
        let script = walk.script(&answers);
        let first = script
            .iter()
            .position(|beat| matches!(beat, Beat::Ask(q) if !answers.is_answered(*q)))
            .unwrap_or(script.len());
        let asked = script[..first]
            .iter()
            .enumerate()
            .filter_map(|(index, beat)| match beat {
                Beat::Ask(question) => Some((index, *question)),
                _ => None,
            })
            .collect();
        let cursor = script[..first]
            .iter()
            .rposition(|beat| matches!(beat, Beat::Header(_)))
            .unwrap_or(0);
        Progress {
            answers,
            cursor,
            asked,
            resumed: Some(started),
            write: written.map_or(Writing::NotYet, Writing::Written),
            ..Progress::default()
        }
    }

    #[must_use]
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Moves back to the previous question the person answered here, forgetting its answer.
    /// Whether a question was answered here that going back would ask again.
    #[must_use]
    pub fn can_go_back(&self) -> bool {
        !self.asked.is_empty()
    }

    pub(super) fn back(&mut self) {
        if let Some((index, question)) = self.asked.pop() {
            self.forget(question);
            self.cursor = index;
        }
    }

    pub(super) fn forget(&mut self, question: Question) {
        if let Some(value) = self.answers.get(question) {
            self.earlier.set(value.clone());
        }
        self.answers.forget(question);
        if question == Question::Phone {
            self.guard = Guard::Unchecked;
            self.replaces = None;
        }
    }
}
