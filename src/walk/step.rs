//! What a step of the walk gives the command, and what the command gives back.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::casebook::{Case, Draft};
use crate::checklist::Checklist;
use crate::message::Message;
use crate::operator::{ChannelKind, Entry, Phase, Step as ProcedureStep};
use crate::questions::{Question, Value};
use crate::situation::Acting;
use crate::values::MobileNumber;

/// What one step of the walk gives the command.
#[derive(Debug)]
pub struct Step<'a> {
    /// To show, in order, before anything is asked or done.
    pub show: Vec<Show<'a>>,
    /// To do before anything else; nothing comes back from them.
    pub effects: Vec<Effect>,
    pub next: Next,
}

/// Content to show between questions, decided here and drawn by `render::walk`.
#[derive(Debug)]
pub enum Show<'a> {
    /// When the operator's facts were checked, and a notice if that was long ago.
    Checked,
    Header(Phase),
    /// A line for each step: its title and where it comes from.
    Steps(Vec<&'a ProcedureStep>),
    /// Where the walk ends with advice: a line for each step that holds in general, and
    /// those made for the intent with what they say; the general word on porting, where the
    /// operator has no step of its own on it.
    Advice {
        general: Vec<&'a ProcedureStep>,
        specific: Vec<&'a ProcedureStep>,
        porting: bool,
    },
    /// What to do about each service the user has that depends on the number.
    Services(Vec<&'a Entry>),
    /// The common precautions that hold, as a reminder before anything is sent.
    BeforeYouSend {
        precautions: Vec<&'a Entry>,
        /// How many answers the review after it lists: the reminder leaves them room.
        reviewed: usize,
    },
    Employer,
    /// A word on identity papers; for someone acting for the owner, the papers that show it.
    Identity(Option<Acting>),
    /// The notice period, and the day the subscription ends if the request arrives today.
    WhatNext {
        end: Option<Date>,
        prepaid: bool,
        /// The user is leaving Norway: the SIM must work abroad until the end.
        leaving: bool,
    },
    /// The answers given, in the order of the questions.
    Review(Vec<Value>),
    /// Everything about what was shown in a phase: each step in full, with its sources.
    Details {
        phase: Phase,
        steps: Vec<&'a ProcedureStep>,
        /// Before the message: the precautions that hold, each whole.
        precautions: Vec<&'a Entry>,
    },
    /// An interrupted walk goes on: which, from when, and where.
    Resumed {
        started: Date,
        phase: Phase,
    },
    /// The user stopped at the open case with this id, to follow it up instead.
    Stopped(u32),
    /// The message, written to `path`, and its translation to `translation`.
    Message {
        message: Box<Message>,
        path: PathBuf,
        translation: Option<PathBuf>,
        /// The authorisation for the owner to sign, and the owner's name.
        authorisation: Option<(PathBuf, String)>,
        channel: ChannelKind,
    },
    /// An open case for the number the user is about to cancel again.
    OpenCase(Box<Case>),
    /// A case for the number that was written and never sent: this walk takes its place.
    ReplacesWritten(Box<Case>),
    /// The case's id, or `None` where nothing could be recorded; `sent` whether it was sent,
    /// or only written.
    Recorded {
        id: Option<u32>,
        sent: bool,
        channel: Option<ChannelKind>,
    },
    /// The case's dates were saved for a calendar, to this file.
    CalendarSaved(PathBuf),
    /// The checklist that ends the walk; `after_advice` where it follows the whole advice on
    /// keeping or porting the number, which leaves the window less room.
    Checklist {
        list: Checklist<'a>,
        after_advice: bool,
        /// The checklist saved beside the message, made for this case, where one was.
        saved: Option<PathBuf>,
    },
}

/// What the walk needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Ask(Prompt),
    Do(Action),
    Done(Outcome),
    /// The walk cannot go on without a person, or the person declined what it needs.
    Fail(Refusal),
}

/// A question for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// A question of the table: one of `options`, or typed text where there are none.
    /// `earlier` is the answer it had before (going back, or changing it from the review),
    /// chosen or filled in to begin with; `details` whether there is more to show about the
    /// phase.
    Question {
        question: Question,
        options: Option<Vec<Value>>,
        earlier: Option<Value>,
        details: bool,
    },
    /// Any of the services (`options`, by id), those of `earlier` marked to begin with.
    Many {
        question: Question,
        options: Vec<String>,
        earlier: Vec<String>,
    },
    /// Stop, or go on, where the number already has an open case.
    Guard,
    /// Write the message, or change one of these answers first.
    Review { changeable: Vec<Question> },
    /// The message file is there already: replace it, or save under another name (`free`
    /// is one that is not taken).
    Overwrite { path: PathBuf, free: PathBuf },
}

impl Prompt {
    /// Whether the answer has consequences (a second request, a file replaced, a message
    /// written, a case recorded): keys typed before it appeared must not answer it.
    #[must_use]
    pub fn is_consequential(&self) -> bool {
        match self {
            Prompt::Question { question, .. } => {
                matches!(question, Question::Sent | Question::Calendar)
            }
            Prompt::Many { .. } => false,
            Prompt::Guard | Prompt::Review { .. } | Prompt::Overwrite { .. } => true,
        }
    }
}

/// Something for the command to do and report back on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Report the open case for this number: `Event::Found`.
    LookUpOpenCase(MobileNumber),
    /// Write each file, the message first and then its translation, and the checklist for
    /// the case, in full, beside them to `checklist`, replacing a file only if `replace`:
    /// `Event::Written` with the message's path, or `Event::Exists`.
    Write {
        files: Vec<(PathBuf, String)>,
        checklist: PathBuf,
        replace: bool,
    },
    /// Record the case, in place of the one with its id if it has one: `Event::Recorded`.
    Record(Box<Case>),
    /// Write the dates of the case, recorded, to `path` for a calendar: `Event::Written`.
    WriteCalendar { path: PathBuf, case: Box<Case> },
}

/// Something for the command to do on the side.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Keep the answers so far, for `--resume`.
    KeepDraft(Box<Draft>),
    /// The walk ended: forget the draft.
    ForgetDraft,
}

/// What the person or the command answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Answer(Value),
    /// Go back to the previous question.
    Back,
    /// At the review: write the message.
    Write,
    /// At the review: change this answer first.
    Change(Question),
    /// Show the details and sources of the phase, then ask again.
    Details,
    /// Yes or no: go on past the open case, or replace the file.
    GoOn(bool),
    /// Save the message under this name instead.
    Rename(PathBuf),
    Found(Option<Box<Case>>),
    Written(PathBuf),
    /// The file is there already; `free` is a name beside it that is not taken.
    Exists {
        path: PathBuf,
        free: PathBuf,
    },
    Recorded(Option<u32>),
}

/// How the walk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The message was written to this file.
    Message(PathBuf),
    /// Advice and a checklist, and no message: porting, keeping the number, or company-paid.
    Advice,
    /// The user stopped at an open case for the same number, to follow it up instead.
    Stopped,
}

/// Why the walk cannot go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No one to ask, and the answers lack this one.
    Missing(Question),
    /// No one to ask whether to go on past this open case.
    OpenCase(u32),
    /// The message file is there and is not to be replaced.
    Exists(PathBuf),
    /// The question has no answer to offer: an operator file without channels.
    NoOptions(Question),
}
