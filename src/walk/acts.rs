//! What the walk asks the command to do, and what it keeps: the duplicate guard, writing the
//! message, the case to record and the draft to keep.

use std::path::PathBuf;

use super::{Action, Next, Prompt, Refusal, Show};
use super::{Guard, Progress, Recording, Walk, Writing};
use crate::casebook::{Case, Draft, Sha256, State};
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
            // Written and never sent: a second message is no second request, and takes the
            // first one's place.
            Guard::Found(Some(case)) if case.state == State::Written => {
                progress.replaces = Some(case.id);
                progress.guard = Guard::Passed;
                show.push(Show::ReplacesWritten(case));
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
        match &progress.write {
            Writing::Written(path) => {
                let message = message::compose(&request, self.lang, path);
                let authorisation = match request.on_behalf {
                    Some(message::OnBehalf::Proxy(owner)) => {
                        Some((message::authorisation_path(path), owner.to_owned()))
                    }
                    _ => None,
                };
                show.push(Show::Message {
                    translation: message
                        .translation
                        .is_some()
                        .then(|| message::translation_path(path, self.lang)),
                    authorisation,
                    message: Box::new(message),
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
                let path = self.message_path(progress, &request);
                let message = message::compose(&request, self.lang, &path);
                let mut files = vec![(path.clone(), message.text)];
                if let Some(translation) = message.translation {
                    files.push((message::translation_path(&path, self.lang), translation));
                }
                if let Some((norwegian, translation)) = message.authorisation {
                    files.push((message::authorisation_path(&path), norwegian));
                    if let Some(translation) = translation {
                        let beside = message::authorisation_translation_path(&path, self.lang);
                        files.push((beside, translation));
                    }
                }
                Some(Next::Do(Action::Write {
                    checklist: message::checklist_path(&path),
                    files,
                    replace: self.replace || matches!(writing, Writing::Replace),
                }))
            }
        }
    }

    /// Saves the dates of the case just recorded for a calendar, beside the message.
    pub(super) fn calendar(&self, progress: &Progress, show: &mut Vec<Show<'a>>) -> Option<Next> {
        match (&progress.calendar, progress.recording) {
            (Some(path), _) => {
                show.push(Show::CalendarSaved(path.clone()));
                None
            }
            // Nothing recorded, nothing to put in a calendar.
            (None, Recording::Done(None) | Recording::NotYet) => None,
            (None, Recording::Done(Some(id))) => {
                let Writing::Written(message) = &progress.write else {
                    return None;
                };
                let case = self.case(progress)?;
                Some(Next::Do(Action::WriteCalendar {
                    path: message::calendar_path(message),
                    case: Box::new(Case { id, ..case }),
                }))
            }
        }
    }

    /// Where the message goes: the name the person chose, else `--out`, else the default.
    pub(super) fn message_path(&self, progress: &Progress, request: &Request) -> PathBuf {
        progress
            .path
            .clone()
            .or_else(|| self.out.clone())
            .unwrap_or_else(|| message::default_path(request))
    }

    /// The case to record, sent now or only written, once the number and channel are
    /// known. No bank account, no identity number; the postal address only for a letter.
    pub(super) fn case(&self, progress: &Progress) -> Option<Case> {
        let answers = &progress.answers;
        let sent = answers.sent() == Some(true);
        let request = Request::from_answers(self.operator, answers, self.today)?;
        let (message, sha256) = match &progress.write {
            Writing::Written(path) => {
                let text = message::compose(&request, self.lang, path).text;
                (Some(path.clone()), Some(Sha256::of(text.as_bytes())))
            }
            _ => (None, None),
        };
        Some(Case {
            id: progress.replaces.unwrap_or(0),
            operator: self.operator.id.clone(),
            number: answers.phone()?.clone(),
            intent: answers.intent()?,
            plan: answers.plan(),
            channel: request.channel,
            recipient: request.recipient.map(str::to_owned),
            written: Some(self.today),
            sent: sent.then_some(self.today),
            reference: answers.reference().cloned(),
            expected_end: self.end_date(answers).filter(|_| sent),
            message,
            sha256,
            name: Some(request.name.to_owned()),
            acting: answers.acting().filter(|_| answers.owner().is_some()),
            owner: answers.owner().map(str::to_owned),
            address: request.address.cloned(),
            refund: request.refund_to.is_some(),
            state: if sent { State::Sent } else { State::Written },
            confirmed: None,
            closed: None,
            followed_up: Vec::new(),
            refused: None,
            complained: None,
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
