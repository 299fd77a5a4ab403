//! The order of the walk: phases, what is shown in each, and where each question comes. When
//! a question is asked at all is the question table's business (`questions::When`).

use super::Walk;
use crate::answers::Answers;
use crate::operator::Phase;
use crate::questions::{Question, When};
use crate::situation::{Intent, Key, Leaving, Payer, Situation};

/// One thing the walk does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Beat {
    Header(Phase),
    Show(Block),
    Ask(Question),
    /// Stop, or go on, where the number already has an open case.
    Guard,
    Review,
    Write,
    /// Record the case, sent or only written.
    Record,
    /// Save the case's dates for a calendar, where the user asked.
    Calendar,
}

/// Content shown between questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
    /// A line for each step that holds.
    Steps(Phase),
    /// Where the walk ends with advice (porting, keeping the number): a line for each step
    /// that holds, and those made for the intent in full; the general word on porting where
    /// the operator has none of its own.
    Advice,
    /// What to do about each service the user has that depends on the number.
    Services,
    BeforeYouSend,
    Employer,
    Identity,
    WhatNext,
    /// When the operator's facts were checked, and a notice if that was long ago.
    Checked,
    Checklist,
}

/// The script so far: a walk can go on past a question only once it is answered.
struct Script<'s> {
    beats: Vec<Beat>,
    answers: &'s Answers,
}

impl Script<'_> {
    fn push(&mut self, beats: impl IntoIterator<Item = Beat>) {
        self.beats.extend(beats);
    }

    /// Adds the question where it is asked; says whether the script can go on past it.
    fn ask(&mut self, walk: &Walk, question: Question) -> bool {
        if !walk.asks(question, self.answers) {
            return true;
        }
        self.beats.push(Beat::Ask(question));
        self.answers.is_answered(question)
    }
}

impl Walk<'_> {
    /// The walk for these answers, up to and including the first unanswered question.
    pub(super) fn script(&self, answers: &Answers) -> Vec<Beat> {
        let mut script = Script {
            beats: Vec::new(),
            answers,
        };
        self.fill(&mut script);
        script.beats
    }

    /// Stops adding at the first question that is not answered yet.
    fn fill(&self, script: &mut Script) -> Option<()> {
        let answers = script.answers;
        let go_on = |answered: bool| answered.then_some(());
        script.push([Beat::Show(Block::Checked), Beat::Header(Phase::Preparation)]);
        go_on(script.ask(self, Question::Intent))?;
        let intent = answers.intent();
        go_on(script.ask(self, Question::Payer))?;
        if answers.payer() == Some(Payer::Company) && intent != Some(Intent::Keep) {
            script.push([Beat::Show(Block::Employer), Beat::Show(Block::Checklist)]);
            return None;
        }
        go_on(script.ask(self, Question::Acting))?;
        go_on(script.ask(self, Question::Leaving))?;
        go_on(script.ask(self, Question::Plan))?;
        go_on(script.ask(self, Question::Sim))?;
        match intent {
            // The walk ends here, with advice: the steps are what it has to say, in full.
            Some(Intent::Port | Intent::Keep) => {
                script.push([Beat::Show(Block::Advice), Beat::Show(Block::Checklist)]);
                return None;
            }
            _ => script.push([Beat::Show(Block::Steps(Phase::Preparation))]),
        }
        go_on(script.ask(self, Question::Uses))?;
        if !answers.uses().is_empty() {
            script.push([Beat::Show(Block::Services)]);
        }

        script.push([
            Beat::Header(Phase::Contact),
            Beat::Show(Block::Steps(Phase::Contact)),
        ]);
        go_on(script.ask(self, Question::Channel))?;

        script.push([
            Beat::Header(Phase::Information),
            Beat::Show(Block::Steps(Phase::Information)),
            Beat::Show(Block::Identity),
        ]);
        go_on(script.ask(self, Question::Phone))?;
        script.push([Beat::Guard]);
        go_on(script.ask(self, Question::Owner))?;
        go_on(script.ask(self, Question::Name))?;
        go_on(script.ask(self, Question::Address))?;
        go_on(script.ask(self, Question::CustomerNumber))?;

        script.push([Beat::Header(Phase::Balance)]);
        go_on(script.ask(self, Question::Balance))?;
        script.push([Beat::Show(Block::Steps(Phase::Balance))]);
        go_on(script.ask(self, Question::Account))?;

        // What to do before sending comes last before the message, where it is read; what
        // happens after, once the message is there.
        script.push([
            Beat::Header(Phase::Confirmation),
            Beat::Show(Block::BeforeYouSend),
            Beat::Review,
            Beat::Write,
        ]);
        go_on(script.ask(self, Question::Sent))?;
        // When it ends, counted from today, once the person has said whether it went out.
        script.push([Beat::Show(Block::WhatNext)]);
        go_on(script.ask(self, Question::Reference))?;
        script.push([Beat::Record]);
        go_on(script.ask(self, Question::Calendar))?;
        if answers.calendar() == Some(true) {
            script.push([Beat::Calendar]);
        }
        script.push([
            Beat::Show(Block::Steps(Phase::Confirmation)),
            Beat::Show(Block::Checklist),
        ]);
        Some(())
    }

    /// Whether `question` is asked, given the answers before it in the walk.
    pub(super) fn asks(&self, question: Question, answers: &Answers) -> bool {
        match question.row().when {
            When::Always => true,
            When::Only(condition) => condition(answers),
            When::Matters(key) => self.depends_on(key, earlier(question, answers)),
        }
    }

    /// Whether some step or precaution that can still apply in `situation` depends on the
    /// answer to `key`: a question is asked only when its answer changes something.
    fn depends_on(&self, key: Key, situation: Situation) -> bool {
        let steps = self.operator.steps.iter().map(|step| &step.entry);
        let precautions = self
            .common
            .precautions
            .iter()
            .chain(self.operator.precautions.iter());
        steps
            .chain(precautions)
            .any(|entry| entry.when.mentions(key) && entry.when.admits(&situation))
    }
}

/// The situation as the questions before `question` left it. Whether a question is needed may
/// depend only on those, or the script would shift under the cursor once it is answered.
fn earlier(question: Question, answers: &Answers) -> Situation {
    let before = |other: Question| other < question;
    Situation {
        intent: answers.intent().filter(|_| before(Question::Intent)),
        acting: answers.acting().filter(|_| before(Question::Acting)),
        leaving: answers
            .leaving()
            .filter(|_| before(Question::Leaving))
            .map(|leaving| if leaving { Leaving::Yes } else { Leaving::No }),
        payer: answers.payer().filter(|_| before(Question::Payer)),
        plan: answers.plan().filter(|_| before(Question::Plan)),
        sim: answers.sim().filter(|_| before(Question::Sim)),
        balance: answers.balance().filter(|_| before(Question::Balance)),
        channel: answers.channel().filter(|_| before(Question::Channel)),
        stage: None,
    }
}
