//! What the walk asks the command to do, and what it keeps: the duplicate guard, writing the
//! message, the case to record and the draft to keep.

use super::{Action, Next, Prompt, Refusal, Show};
use super::{Guard, Progress, Walk, Writing};
use crate::casebook::{Case, Draft, State};
use crate::message::{self, Request};

impl<'a> Walk<'a> {
    /// Whether to go on where the number already has an open case: asked in a terminal;
    /// without one, only with `again`.
    pub(super) fn guard(&self, progress: &mut Progress, show: &mut Vec<Show<'a>>) -> Option<Next> {
        match std::mem::take(&mut progress.guard) {
            Guard::Unchecked => progress
                .answers
                .phone()
                .map(|number| Next::Do(Action::LookUpOpenCase(number.clone()))),
            Guard::Found(None) | Guard::Passed => {
                progress.guard = Guard::Passed;
                None
            }
            Guard::Found(Some(case)) => {
                let id = case.id;
                show.push(Show::OpenCase(case));
                if self.again {
                    progress.guard = Guard::Passed;
                    None
                } else if self.interactive {
                    progress.guard = Guard::Asking(id);
                    Some(Next::Ask(Prompt::Guard))
                } else {
                    Some(Next::Fail(Refusal::OpenCase(id)))
                }
            }
            Guard::Asking(id) => {
                progress.guard = Guard::Asking(id);
                Some(Next::Ask(Prompt::Guard))
            }
        }
    }

    /// Writes the message, asking what to do where a file is there already; shows it once
    /// written.
    pub(super) fn write(&self, progress: &mut Progress, show: &mut Vec<Show<'a>>) -> Option<Next> {
        let request = Request::from_answers(self.operator, &progress.answers, self.today)?;
        let text = message::compose(&request);
        match &progress.write {
            Writing::Written(path) => {
                show.push(Show::Message {
                    text,
                    path: path.clone(),
                    channel: request.channel,
                });
                // The message is written: going back past it would write it again.
                progress.asked.clear();
                None
            }
            Writing::Exists { path, free } if self.interactive && !self.replace => {
                Some(Next::Ask(Prompt::Overwrite {
                    path: path.clone(),
                    free: free.clone(),
                }))
            }
            Writing::Exists { path, .. } => Some(Next::Fail(Refusal::Exists(path.clone()))),
            writing @ (Writing::NotYet | Writing::Replace) => {
                let path = progress
                    .path
                    .clone()
                    .or_else(|| self.out.clone())
                    .unwrap_or_else(|| message::default_path(&request));
                Some(Next::Do(Action::Write {
                    checklist: message::checklist_path(&path),
                    path,
                    text,
                    replace: self.replace || matches!(writing, Writing::Replace),
                }))
            }
        }
    }

    /// The case to record for a request sent now, once the number and channel are known.
    /// No bank account, no identity number.
    pub(super) fn case(&self, progress: &Progress) -> Option<Case> {
        let answers = &progress.answers;
        Some(Case {
            id: 0,
            operator: self.operator.id.clone(),
            number: answers.phone()?.clone(),
            intent: answers.intent()?,
            plan: answers.plan(),
            channel: answers.channel()?,
            sent: self.today,
            reference: answers.reference().cloned(),
            expected_end: self.end_date(answers),
            message: match &progress.write {
                Writing::Written(path) => Some(path.clone()),
                _ => None,
            },
            state: State::Sent,
            confirmed: None,
            closed: None,
        })
    }

    pub(super) fn draft(&self, progress: &Progress) -> Draft {
        Draft {
            operator: self.operator.id.clone(),
            started: self.today,
            answers: progress.answers.to_table(),
            message: match &progress.write {
                Writing::Written(path) => Some(path.clone()),
                _ => None,
            },
        }
    }
}
