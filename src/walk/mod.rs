//! The guided walk as a step function: given the answers so far, what to show, what to ask,
//! and what the command must do (look up an open case, write the message, record the case,
//! keep the draft), and how it ended. It touches no file, clock, terminal or process: the
//! `deregister` command acts, and tells the walk what happened.
//!
//! The walk is a script of beats computed from the answers (see `script`). Each answer can
//! change the rest of the script (porting ends it early, prepaid adds the balance), never what
//! came before it, so the walk keeps a cursor into the script and recomputes the script after
//! each answer. Going back moves the cursor to the previous question the user answered, with
//! that answer chosen to begin with; a question changed from the review goes back to it.

mod acts;
mod progress;
mod script;
mod step;

use std::path::PathBuf;

use jiff::civil::Date;

use crate::answers::Answers;
use crate::checklist::Checklist;
use crate::operator::{Common, Operator, Phase, Services};
use crate::questions::{Question, Value};
use crate::situation::{Acting, Intent, Key, Plan, Situation, Stage};
use crate::text::Lang;
use crate::values::{CustomerNumber, Reference};
pub use progress::Progress;
use progress::{Guard, Recording, Writing};
use script::{Beat, Block};
pub use step::{Action, Effect, Event, Next, Outcome, Prompt, Refusal, Show, Step};

/// One walk through one operator's procedure, and how it may act.
#[derive(Debug, Clone)]
pub struct Walk<'a> {
    pub operator: &'a Operator,
    pub common: &'a Common,
    /// The services that may depend on the number, for the question which the user has.
    pub services: &'a Services,
    pub today: Date,
    /// The user's language, for the translation saved beside the Norwegian message.
    pub lang: Lang,
    /// Whether a person answers here; without one, whatever the answers lack is refused.
    pub interactive: bool,
    /// Replace an existing message file without asking (`--force`).
    pub replace: bool,
    /// Go on past an open case for the number without asking: a second request (`--again`).
    pub again: bool,
    /// Where to write the message; `None`: a file in the current folder named after the
    /// operator, the date and the number.
    pub out: Option<PathBuf>,
}

impl<'a> Walk<'a> {
    /// Goes as far as the walk can without anyone: past what is only shown, up to the next
    /// question, action or end.
    pub fn step(&self, progress: &mut Progress) -> Step<'a> {
        let mut show = Vec::new();
        // The script changes only with the answers; it is worked out again only then.
        let mut script = self.script(&progress.answers);
        let next = loop {
            let answered = progress.answers.count();
            if let Some(started) = progress.resumed.take() {
                show.push(Show::Resumed {
                    started,
                    phase: phase_at(&script, progress.cursor),
                });
            }
            if let Some(id) = progress.stopped {
                show.push(Show::Stopped(id));
                progress.effects.push(Effect::ForgetDraft);
                break Next::Done(Outcome::Stopped);
            }
            let Some(&beat) = script.get(progress.cursor) else {
                progress.effects.push(Effect::ForgetDraft);
                break Next::Done(match &progress.write {
                    Writing::Written(path) => Outcome::Message(path.clone()),
                    _ => Outcome::Advice,
                });
            };
            if std::mem::take(&mut progress.details) {
                let phase = phase_at(&script, progress.cursor);
                show.push(Show::Details {
                    phase,
                    steps: self.steps(phase, &progress.answers),
                    precautions: if beat == Beat::Review {
                        self.before_sending(&progress.answers)
                    } else {
                        Vec::new()
                    },
                });
            }
            let waiting = match beat {
                // On the way back to the review, what was shown on the way there is not again;
                // where a changed answer ends the walk before any review (porting, an
                // employer paying), what it ends with is.
                Beat::Header(_) | Beat::Show(_)
                    if progress.returning && script[progress.cursor..].contains(&Beat::Review) =>
                {
                    None
                }
                Beat::Header(phase) => {
                    show.push(Show::Header(phase));
                    None
                }
                Beat::Show(block) => {
                    show.push(self.block(block, progress));
                    None
                }
                Beat::Ask(question) => self.ask(question, &script, progress),
                Beat::Guard => self.guard(progress, &mut show),
                // A resumed walk that wrote its message has nothing left to review.
                Beat::Review if matches!(progress.write, Writing::Written(_)) => None,
                Beat::Review => {
                    progress.returning = false;
                    // Answers from a file stand, listed; what was asked here can be changed,
                    // each answer an option of the review's own list. Without a person (a
                    // walk resumed with --no-input), the answers kept stand as a file's do.
                    let ask = self.interactive && !progress.asked.is_empty();
                    if !ask {
                        show.push(Show::Review(self.reviewed(&progress.answers)));
                    }
                    ask.then(|| {
                        let changeable = Question::ALL
                            .into_iter()
                            .filter(|question| question.row().reviewed)
                            .filter(|question| progress.asked.iter().any(|(_, q)| q == question))
                            .collect();
                        Next::Ask(Prompt::Review { changeable })
                    })
                }
                Beat::Write => self.write(progress, &mut show),
                Beat::Record => match progress.recording {
                    Recording::Done(id) => {
                        let sent = progress.answers.sent() == Some(true);
                        let channel = progress.answers.channel();
                        show.push(Show::Recorded { id, sent, channel });
                        None
                    }
                    Recording::NotYet => self
                        .case(progress)
                        .map(|case| Next::Do(Action::Record(Box::new(case)))),
                },
                Beat::Calendar => self.calendar(progress, &mut show),
            };
            if let Some(next) = waiting {
                break next;
            }
            if progress.answers.count() == answered {
                progress.cursor += 1;
            } else {
                script = self.script(&progress.answers);
            }
        };
        Step {
            show,
            effects: std::mem::take(&mut progress.effects),
            next,
        }
    }

    /// Takes what the person or the command answered to the step before.
    pub fn take(&self, progress: &mut Progress, event: Event) {
        let script = self.script(&progress.answers);
        let beat = script.get(progress.cursor).copied();
        match (beat, event) {
            (_, Event::Details) => progress.details = true,
            (Some(Beat::Ask(question)), Event::Back) if progress.revising == Some(question) => {
                // Changing it was a second thought: the answer stands, and so does the review.
                if let Some(value) = progress.earlier.get(question).cloned() {
                    progress.answers.set(value);
                    progress.asked.push((progress.cursor, question));
                }
                progress.revising = None;
                progress.returning = false;
                progress.cursor = self.review_at(&progress.answers);
            }
            (Some(Beat::Write), Event::Back) => {
                // Back from the question about an existing file: to the review before it.
                progress.write = Writing::NotYet;
                progress.cursor = self.review_at(&progress.answers);
            }
            (_, Event::Back) => progress.back(),
            (Some(Beat::Ask(question)), Event::Answer(value)) if value.question() == question => {
                progress.answers.set(value);
                progress.asked.push((progress.cursor, question));
                self.drop_moot(progress);
                if progress.revising == Some(question) {
                    progress.revising = None;
                }
                let draft = self.draft(progress);
                progress.effects.push(Effect::KeepDraft(Box::new(draft)));
            }
            (Some(Beat::Guard), Event::Found(case)) => progress.guard = Guard::Found(case),
            (Some(Beat::Guard), Event::GoOn(go_on)) => {
                if let Guard::Asking(id) = progress.guard
                    && !go_on
                {
                    progress.stopped = Some(id);
                }
                progress.guard = Guard::Passed;
            }
            (Some(Beat::Review), Event::Write) => progress.cursor += 1,
            (Some(Beat::Review), Event::Change(question)) => {
                progress.forget(question);
                progress.asked.retain(|(_, asked)| *asked != question);
                let script = self.script(&progress.answers);
                if let Some(at) = script.iter().position(|beat| *beat == Beat::Ask(question)) {
                    progress.cursor = at;
                    progress.revising = Some(question);
                    progress.returning = true;
                }
            }
            (Some(Beat::Write), Event::Exists { path, free }) => {
                progress.write = Writing::Exists { path, free };
            }
            (Some(Beat::Write), Event::GoOn(true)) => progress.write = Writing::Replace,
            (Some(Beat::Write), Event::Rename(path)) => {
                progress.path = Some(path);
                progress.write = Writing::NotYet;
            }
            (Some(Beat::Write), Event::Written(path)) => {
                progress.write = Writing::Written(path);
                // Kept with the answers: a walk interrupted from here on is resumed past the
                // message, not made to write it again.
                if self.interactive {
                    let draft = self.draft(progress);
                    progress.effects.push(Effect::KeepDraft(Box::new(draft)));
                }
            }
            (Some(Beat::Record), Event::Recorded(id)) => progress.recording = Recording::Done(id),
            (Some(Beat::Calendar), Event::Written(path)) => progress.calendar = Some(path),
            // An answer to something not asked changes nothing.
            _ => {}
        }
    }

    /// The questions the answers lack, with nobody to ask them: the walk is gone through
    /// ahead with a sample answer for each missing one, nothing written, so that all are
    /// named before anything is shown.
    #[must_use]
    pub fn missing(&self, progress: &Progress) -> Vec<Question> {
        let mut progress = progress.clone();
        let mut missing = Vec::new();
        loop {
            match self.step(&mut progress).next {
                Next::Fail(Refusal::Missing(question)) => match question.sample(self.operator) {
                    Some(sample) if !missing.contains(&question) => {
                        missing.push(question);
                        progress.answers.set(sample);
                    }
                    _ => return missing,
                },
                Next::Do(Action::LookUpOpenCase(_)) => self.take(&mut progress, Event::Found(None)),
                Next::Do(Action::Write { files, .. }) => {
                    let path = files.into_iter().next().map(|(path, _)| path);
                    self.take(&mut progress, Event::Written(path.unwrap_or_default()));
                }
                Next::Do(Action::WriteCalendar { path, .. }) => {
                    self.take(&mut progress, Event::Written(path));
                }
                Next::Do(Action::Record(_)) => self.take(&mut progress, Event::Recorded(None)),
                Next::Ask(_) | Next::Done(_) | Next::Fail(_) => return missing,
            }
        }
    }

    /// The answers the review lists, in the order of the questions: those the walk asks
    /// with the answers it has.
    fn reviewed(&self, answers: &Answers) -> Vec<Value> {
        Question::ALL
            .into_iter()
            .filter(|question| question.row().reviewed && self.asks(*question, answers))
            .filter_map(|question| answers.get(question).cloned())
            // No service is nothing to check: the list stays short, and changeable.
            .filter(|value| !matches!(value, Value::Uses(ids) if ids.is_empty()))
            .collect()
    }

    /// Forgets the answers to questions that an answer just given made moot (an address,
    /// once the letter became a call), so that they neither show nor reach the message;
    /// each is kept to begin with, should the question come back.
    fn drop_moot(&self, progress: &mut Progress) {
        for question in Question::ALL {
            if progress.answers.is_answered(question) && !self.asks(question, &progress.answers) {
                progress.forget(question);
                progress.asked.retain(|(_, asked)| *asked != question);
            }
        }
    }

    /// Where the review is in the script for these answers.
    fn review_at(&self, answers: &Answers) -> usize {
        let script = self.script(answers);
        script
            .iter()
            .position(|beat| *beat == Beat::Review)
            .unwrap_or(script.len())
    }

    /// The question at the cursor, unless it is answered.
    fn ask(&self, question: Question, script: &[Beat], progress: &mut Progress) -> Option<Next> {
        if progress.answers.is_answered(question) {
            return None;
        }
        if self.interactive && question.is_list() {
            let earlier = match progress.earlier.get(question) {
                Some(Value::Uses(ids)) => ids.clone(),
                _ => Vec::new(),
            };
            // No details from this list: they would be the phase's, not the services', and
            // the marks would be lost on the way.
            return Some(Next::Ask(Prompt::Many {
                question,
                options: self
                    .services
                    .services
                    .iter()
                    .map(|s| s.id.to_string())
                    .collect(),
                earlier,
            }));
        }
        if self.interactive {
            let options = question.options(self.operator);
            // A list with nothing in it could only be left by going back, for ever.
            if options.as_ref().is_some_and(Vec::is_empty) {
                return Some(Next::Fail(Refusal::NoOptions(question)));
            }
            let phase = phase_at(script, progress.cursor);
            return Some(Next::Ask(Prompt::Question {
                question,
                options,
                earlier: progress.earlier.get(question).cloned(),
                details: !self.steps(phase, &progress.answers).is_empty(),
            }));
        }
        // Without anyone to ask, a request is taken as not sent yet: nothing is recorded, and
        // the message already written is not lost to an error at the very end.
        match question {
            Question::Sent => progress.answers.set(Value::Sent(false)),
            Question::Reference => progress.answers.set(Value::Reference(Reference::none())),
            Question::Calendar => progress.answers.set(Value::Calendar(false)),
            // An answers file that says nothing of them is for the owner, staying in Norway,
            // as every answers file was before these questions.
            Question::Acting => progress.answers.set(Value::Acting(Acting::Owner)),
            Question::Leaving => progress.answers.set(Value::Leaving(false)),
            Question::Uses => progress.answers.set(Value::Uses(Vec::new())),
            Question::CustomerNumber => progress
                .answers
                .set(Value::CustomerNumber(CustomerNumber::none())),
            _ => return Some(Next::Fail(Refusal::Missing(question))),
        }
        None
    }

    /// The operator's steps of `phase` that hold for these answers.
    fn steps(&self, phase: Phase, answers: &Answers) -> Vec<&'a crate::operator::Step> {
        let situation = answers.situation();
        self.operator
            .steps_in(phase)
            .filter(|step| step.entry.when.admits(&situation))
            .collect()
    }

    /// The day the subscription ends if the request arrives today, where the notice rule is
    /// known; a prepaid card has no notice period of the kind.
    fn end_date(&self, answers: &Answers) -> Option<Date> {
        if answers.plan() == Some(Plan::Prepaid) {
            return None;
        }
        let notice = self.operator.notice.as_ref()?;
        notice.rule.end_date(self.today)
    }

    /// The common precautions that hold for these answers, to take before sending.
    fn before_sending(&self, answers: &Answers) -> Vec<&'a crate::operator::Entry> {
        let situation = Situation {
            stage: Some(Stage::Before),
            ..answers.situation()
        };
        let mut precautions: Vec<_> = self
            .common
            .precautions
            .iter()
            .filter(|precaution| precaution.when.admits(&situation))
            .collect();
        precautions.sort_by_key(|entry| !specific(entry, &situation));
        precautions
    }

    fn block(&self, block: Block, progress: &Progress) -> Show<'a> {
        let answers = &progress.answers;
        let situation = answers.situation();
        match block {
            Block::Steps(phase) => Show::Steps(self.steps(phase, answers)),
            Block::Advice => {
                let intent = answers.intent();
                let (specific, general): (Vec<_>, Vec<_>) = self
                    .steps(Phase::Preparation, answers)
                    .into_iter()
                    .partition(|step| intent.is_some_and(|i| *step.entry.when.intent == [i]));
                Show::Advice {
                    porting: intent == Some(Intent::Port) && specific.is_empty(),
                    general,
                    specific,
                }
            }
            Block::Services => Show::Services(
                answers
                    .uses()
                    .iter()
                    .filter_map(|id| self.services.get(id))
                    .collect(),
            ),
            Block::BeforeYouSend => Show::BeforeYouSend {
                precautions: self.before_sending(answers),
                reviewed: self.reviewed(answers).len(),
            },
            Block::Employer => Show::Employer,
            Block::Identity => Show::Identity(answers.acting()),
            Block::WhatNext => Show::WhatNext {
                end: self.end_date(answers),
                prepaid: answers.plan() == Some(Plan::Prepaid),
                leaving: answers.leaving() == Some(true),
            },
            Block::Checked => Show::Checked,
            Block::Checklist => {
                let mut list = Checklist::new(self.common, Some(self.operator), &situation);
                // What is made for this person comes first; once the request is out, what
                // comes after it comes before that.
                list.items
                    .sort_by_key(|item| !specific(item.entry, &situation));
                if situation.stage == Some(Stage::After) {
                    list.items
                        .sort_by_key(|item| *item.entry.when.stage != [Stage::After]);
                }
                Show::Checklist {
                    list,
                    after_advice: answers
                        .intent()
                        .is_some_and(|intent| intent != Intent::Cancel),
                    saved: match &progress.write {
                        Writing::Written(path) => Some(crate::message::checklist_path(path)),
                        _ => None,
                    },
                }
            }
        }
    }
}

/// Whether `entry` is made for the person's particular case (acting for someone, leaving
/// Norway, the channel chosen, an employer paying), as an answer says: that comes before what
/// holds for everyone. What holds for the usual case (one's own subscription, staying in
/// Norway), or a case no answer decided (who pays, when keeping a number), is not put first.
fn specific(entry: &crate::operator::Entry, situation: &Situation) -> bool {
    use crate::situation::{Leaving, Payer};
    let when = &entry.when;
    let for_someone_else = !when.acting.is_empty()
        && !when.acting.contains(&Acting::Owner)
        && situation.acting.is_some();
    let abroad = *when.leaving == [Leaving::Yes] && situation.leaving == Some(Leaving::Yes);
    let by_channel = when.mentions(Key::Channel) && situation.channel.is_some();
    let employer = *when.payer == [Payer::Company] && situation.payer == Some(Payer::Company);
    for_someone_else || abroad || by_channel || employer
}

/// The phase the beat at `cursor` belongs to: that of the last header before it.
fn phase_at(script: &[Beat], cursor: usize) -> Phase {
    script[..=cursor.min(script.len().saturating_sub(1))]
        .iter()
        .rev()
        .find_map(|beat| match beat {
            Beat::Header(phase) => Some(*phase),
            _ => None,
        })
        .unwrap_or(Phase::Preparation)
}

#[cfg(test)]
mod tests;
