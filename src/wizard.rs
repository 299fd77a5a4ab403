//! The guided walk: which questions to ask, in which order, and what to show between them.
//!
//! The walk is a script of beats computed from the answers so far. Each answer can change the
//! rest of the script (porting ends it early, prepaid adds the balance), never what came before
//! it, so the walk keeps a cursor into the script and recomputes the script after each answer.
//! Going back moves the cursor to the previous question the user answered. Every answer is
//! also handed to the journal at once, so an interrupted walk can resume where it stopped.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use jiff::civil::Date;

use crate::answers::{Answers, Question};
use crate::checklist::Checklist;
use crate::error::Failure;
use crate::i18n::Ui;
use crate::message::{self, Request};
use crate::operator::{Address, Common, Operator, Phase};
use crate::prompt::{Ask, Prompter, Reply};
use crate::render::{Layout, walk as show};
use crate::situation::{Intent, Key, Payer, Plan, Situation};
use crate::store::{Case, State};
use crate::validate::MobileNumber;

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

/// Where the walk keeps its progress and records what was sent: the case book, or nothing.
pub trait Journal {
    /// The open case for this number, if there is one.
    fn open_case(&self, number: &MobileNumber) -> Option<Case>;
    /// Keeps the answers so far, for `--resume`.
    fn save_draft(&mut self, operator: &str, answers: &Answers);
    /// Forgets the walk in progress: it ended.
    fn clear_draft(&mut self);
    /// Records a sent request and returns its id; `None` where nothing can be recorded.
    fn record(&mut self, case: Case) -> Result<Option<u32>>;
}

/// A journal that keeps nothing: for tests, and where the case book cannot be used.
#[derive(Debug, Default)]
pub struct NoJournal;

impl Journal for NoJournal {
    fn open_case(&self, _: &MobileNumber) -> Option<Case> {
        None
    }
    fn save_draft(&mut self, _: &str, _: &Answers) {}
    fn clear_draft(&mut self) {}
    fn record(&mut self, _: Case) -> Result<Option<u32>> {
        Ok(None)
    }
}

/// Where and how the message file is written.
#[derive(Debug, Clone)]
pub struct Output {
    /// `None`: a dated file in the current folder.
    pub path: Option<PathBuf>,
    /// Overwrite an existing file without asking.
    pub force: bool,
}

/// One thing the walk does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Beat {
    Header(Phase),
    Show(Block),
    Ask(Question),
    /// Stop, or go on, where the number already has an open case.
    Guard,
    Review,
    Write,
    /// Record the case, once the user says the request was sent.
    Record,
}

/// Content shown between questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Steps(Phase),
    BeforeYouSend,
    Porting,
    Employer,
    Channels,
    Identity,
    WhatNext,
    /// When the operator's facts were checked, and a notice if that was long ago.
    Checked,
    NotRecorded,
    Checklist,
}

/// One walk through one operator's procedure.
pub struct Walk<'a> {
    pub operator: &'a Operator,
    pub common: &'a Common,
    pub layout: Layout,
    pub today: Date,
    pub output: Output,
    /// Continue an interrupted walk at its first unanswered question.
    pub resume: bool,
}

impl Walk<'_> {
    /// Walks from `answers` (empty, from an answers file, or from an interrupted walk) to the
    /// end, asking `prompter` whatever is missing and keeping progress in `journal`.
    pub fn run(
        &self,
        mut answers: Answers,
        prompter: &mut dyn Prompter,
        journal: &mut dyn Journal,
    ) -> Result<Outcome> {
        // Questions the user answered here, with their place in the script, for going back.
        let mut asked: Vec<(usize, Question)> = Vec::new();
        let mut cursor = if self.resume {
            self.resume_at(&answers, &mut asked)
        } else {
            0
        };
        let mut outcome = Outcome::Advice;
        loop {
            let script = self.script(&answers);
            let Some(&beat) = script.get(cursor) else {
                break;
            };
            match beat {
                Beat::Header(phase) => prompter.show(&show::header(phase, &self.layout))?,
                Beat::Show(block) => prompter.show(&self.render(block, &answers))?,
                Beat::Ask(question) if answers.is_answered(question) => {}
                Beat::Ask(question) => match self.ask(question, &answers, prompter)? {
                    Reply::Answer(input) => {
                        answers
                            .set(question, &input, self.operator, self.layout.lang)
                            .map_err(|reason| anyhow::anyhow!("`{question}`: {reason}"))?;
                        asked.push((cursor, question));
                        journal.save_draft(&self.operator.id, &answers);
                    }
                    Reply::Back => {
                        cursor = back(&mut asked, &mut answers, cursor);
                        continue;
                    }
                },
                Beat::Guard => {
                    if !self.guard(&answers, prompter, journal)? {
                        journal.clear_draft();
                        return Ok(Outcome::Stopped);
                    }
                }
                Beat::Review => {
                    prompter.show(&show::review(&answers, self.operator, &self.layout))?;
                    match self.review(&answers, &asked, prompter)? {
                        Reply::Answer(None) => {}
                        Reply::Answer(Some(question)) => {
                            answers.forget(question);
                            asked.retain(|(_, asked)| *asked != question);
                            let script = self.script(&answers);
                            cursor = script
                                .iter()
                                .position(|beat| *beat == Beat::Ask(question))
                                .unwrap_or(cursor);
                            continue;
                        }
                        Reply::Back => {
                            cursor = back(&mut asked, &mut answers, cursor);
                            continue;
                        }
                    }
                }
                Beat::Write => {
                    outcome = Outcome::Message(self.write(&answers, prompter)?);
                    // The message is written: going back past it would write it again.
                    asked.clear();
                }
                Beat::Record => {
                    let id = journal.record(self.case(&answers, &outcome))?;
                    prompter.show(&show::recorded(id, &self.layout))?;
                }
            }
            cursor += 1;
        }
        journal.clear_draft();
        Ok(outcome)
    }

    /// Where an interrupted walk continues: the header of the phase of the first unanswered
    /// question. The answers before it count as asked, so the user can still go back to them.
    fn resume_at(&self, answers: &Answers, asked: &mut Vec<(usize, Question)>) -> usize {
        let script = self.script(answers);
        let first = script
            .iter()
            .position(|beat| matches!(beat, Beat::Ask(q) if !answers.is_answered(*q)))
            .unwrap_or(script.len());
        for (index, beat) in script[..first].iter().enumerate() {
            if let Beat::Ask(question) = beat {
                asked.push((index, *question));
            }
        }
        script[..first]
            .iter()
            .rposition(|beat| matches!(beat, Beat::Header(_)))
            .unwrap_or(0)
    }

    /// The walk for these answers, up to and including the first unanswered question.
    fn script(&self, answers: &Answers) -> Vec<Beat> {
        let mut script = Vec::new();
        let situation = answers.situation();
        // Adds a question; says whether the script can go on past it.
        let ask = |script: &mut Vec<Beat>, question| {
            script.push(Beat::Ask(question));
            answers.is_answered(question)
        };
        script.push(Beat::Show(Block::Checked));
        script.push(Beat::Header(Phase::Preparation));
        if !ask(&mut script, Question::Intent) {
            return script;
        }
        let intent = answers.intent;
        if intent != Some(Intent::Keep) && !ask(&mut script, Question::Payer) {
            return script;
        }
        if answers.payer == Some(Payer::Company) && intent != Some(Intent::Keep) {
            script.extend([Beat::Show(Block::Employer), Beat::Show(Block::Checklist)]);
            return script;
        }
        // Whether a question is needed may depend only on the answers before it, or the
        // script would shift under the cursor once it is answered.
        let mut earlier = Situation {
            intent,
            payer: answers.payer,
            ..Situation::default()
        };
        if self.depends_on(Key::Plan, earlier) && !ask(&mut script, Question::Plan) {
            return script;
        }
        earlier.plan = answers.plan;
        if self.depends_on(Key::Sim, earlier) && !ask(&mut script, Question::Sim) {
            return script;
        }
        script.push(Beat::Show(Block::Steps(Phase::Preparation)));
        match intent {
            Some(Intent::Port) => {
                script.extend([Beat::Show(Block::Porting), Beat::Show(Block::Checklist)]);
                return script;
            }
            Some(Intent::Keep) => {
                script.push(Beat::Show(Block::Checklist));
                return script;
            }
            _ => script.push(Beat::Show(Block::BeforeYouSend)),
        }

        script.extend([
            Beat::Header(Phase::Contact),
            Beat::Show(Block::Steps(Phase::Contact)),
            Beat::Show(Block::Channels),
        ]);
        if !ask(&mut script, Question::Channel) {
            return script;
        }

        script.extend([
            Beat::Header(Phase::Information),
            Beat::Show(Block::Steps(Phase::Information)),
            Beat::Show(Block::Identity),
        ]);
        if !ask(&mut script, Question::Phone) {
            return script;
        }
        script.push(Beat::Guard);
        if !ask(&mut script, Question::Name) {
            return script;
        }

        script.push(Beat::Header(Phase::Balance));
        if situation.plan == Some(Plan::Prepaid) && !ask(&mut script, Question::Balance) {
            return script;
        }
        script.push(Beat::Show(Block::Steps(Phase::Balance)));
        if message::wants_refund(answers.plan, answers.balance)
            && !ask(&mut script, Question::Account)
        {
            return script;
        }

        script.extend([
            Beat::Header(Phase::Confirmation),
            Beat::Show(Block::WhatNext),
            Beat::Show(Block::Steps(Phase::Confirmation)),
            Beat::Review,
            Beat::Write,
        ]);
        if !ask(&mut script, Question::Sent) {
            return script;
        }
        if answers.sent == Some(true) {
            if !ask(&mut script, Question::Reference) {
                return script;
            }
            script.push(Beat::Record);
        } else {
            script.push(Beat::Show(Block::NotRecorded));
        }
        script.push(Beat::Show(Block::Checklist));
        script
    }

    /// Whether some step or precaution that can still apply in `situation` depends on the
    /// answer to `key`: a question is asked only when its answer changes something.
    fn depends_on(&self, key: Key, situation: Situation) -> bool {
        let steps = self.operator.steps.iter().map(|step| &step.entry);
        let precautions = self
            .common
            .precautions
            .iter()
            .chain(&self.operator.precautions);
        steps
            .chain(precautions)
            .any(|entry| entry.when.mentions(key) && entry.when.admits(&situation))
    }

    fn render(&self, block: Block, answers: &Answers) -> String {
        let situation = answers.situation();
        let layout = &self.layout;
        match block {
            Block::Steps(phase) => show::steps(self.operator, phase, &situation, layout),
            Block::BeforeYouSend => show::before_you_send(self.common, &situation, layout),
            Block::Porting => show::porting(self.operator, layout),
            Block::Employer => show::employer(layout),
            Block::Channels => show::channels(self.operator, layout),
            Block::Identity => show::identity(layout),
            Block::WhatNext => show::what_next(self.operator, self.today, layout),
            Block::NotRecorded => show::not_recorded(layout),
            Block::Checked => show::checked(self.operator, self.today, layout),
            Block::Checklist => {
                let checklist = Checklist::new(self.common, Some(self.operator), &situation);
                show::checklist(&checklist, layout)
            }
        }
    }

    fn ask(
        &self,
        question: Question,
        answers: &Answers,
        prompter: &mut dyn Prompter,
    ) -> Result<Reply<String>> {
        // Without anyone to ask, a request is taken as not sent yet: nothing is recorded, and
        // the message already written is not lost to an error at the very end.
        if !prompter.can_ask() {
            match question {
                Question::Sent => return Ok(Reply::Answer("false".to_owned())),
                Question::Reference => return Ok(Reply::Answer(String::new())),
                _ => {}
            }
        }
        let prompt = show::prompt(question, self.operator, &self.layout);
        let ask = Ask {
            key: question.key(),
            prompt: &prompt,
        };
        if let Some(options) = show::options(question, self.operator, &self.layout) {
            let labels: Vec<String> = options.iter().map(|(_, label)| label.clone()).collect();
            let reply = prompter.select(ask, &labels, 0)?;
            return Ok(match reply {
                Reply::Answer(index) => {
                    Reply::Answer(options[index.min(options.len() - 1)].0.clone())
                }
                Reply::Back => Reply::Back,
            });
        }
        prompter.input(ask, &|input| {
            answers
                .clone()
                .set(question, input, self.operator, self.layout.lang)
        })
    }

    /// Writes the message file and shows the message; returns where it went.
    fn write(&self, answers: &Answers, prompter: &mut dyn Prompter) -> Result<PathBuf> {
        let (Some(channel), Some(phone), Some(name), Some(plan)) = (
            answers.channel,
            &answers.phone,
            &answers.name,
            answers.plan.or(Some(Plan::Postpaid)),
        ) else {
            anyhow::bail!("the walk reached the message without the channel, number and name");
        };
        let refund_to = answers
            .account
            .as_ref()
            .filter(|_| message::wants_refund(answers.plan, answers.balance));
        let recipient = self
            .operator
            .channels
            .iter()
            .filter(|c| c.kind == channel)
            .find_map(|c| match &c.address {
                Address::Postal(address) | Address::Email(address) => Some(address.as_str()),
                _ => None,
            });
        let text = message::compose(&Request {
            operator: self.operator,
            channel,
            recipient,
            phone,
            name,
            plan,
            refund_to,
            today: self.today,
        });
        let path = self.output.path.clone().unwrap_or_else(|| {
            PathBuf::from(format!("nocard-{}-{}.txt", self.operator.id, self.today))
        });
        let lang = self.layout.lang;
        let overwrite =
            self.output.force || !path.exists() || self.confirm_overwrite(&path, prompter)?;
        if !overwrite {
            return Err(
                Failure::new(Ui::AlreadyExists.fill(lang, &[("path", &path.display())]))
                    .with_hint(Ui::AlreadyExistsHint.get(lang))
                    .into(),
            );
        }
        write_atomically(&path, &text, overwrite && path.exists()).with_context(|| {
            let shown = crate::text::printable(&path.display().to_string()).into_owned();
            Ui::CouldNotWriteMessage.fill(lang, &[("path", &shown)])
        })?;
        prompter.show(&show::message(&text, &path, channel, &self.layout))?;
        Ok(path)
    }

    /// Whether to go on where the number already has an open case: asked in a terminal;
    /// without one, only with `--force`.
    fn guard(
        &self,
        answers: &Answers,
        prompter: &mut dyn Prompter,
        journal: &dyn Journal,
    ) -> Result<bool> {
        let Some(case) = answers
            .phone
            .as_ref()
            .and_then(|phone| journal.open_case(phone))
        else {
            return Ok(true);
        };
        let lang = self.layout.lang;
        prompter.show(&show::open_case(
            &case,
            self.operator,
            self.today,
            &self.layout,
        ))?;
        if self.output.force {
            return Ok(true);
        }
        if !prompter.can_ask() {
            return Err(
                Failure::new(Ui::DuplicateRefused.fill(lang, &[("id", &case.id)]))
                    .with_hint(Ui::DuplicateHint.get(lang))
                    .into(),
            );
        }
        let ask = Ask {
            key: "duplicate",
            prompt: Ui::DuplicateQuestion.get(lang),
        };
        let options = [
            Ui::DuplicateStop.get(lang).to_owned(),
            Ui::DuplicateContinue.get(lang).to_owned(),
        ];
        Ok(prompter.select(ask, &options, 0)? == Reply::Answer(1))
    }

    /// The case to record for a request sent now. No bank account, no identity number.
    fn case(&self, answers: &Answers, outcome: &Outcome) -> Case {
        Case {
            id: 0,
            operator: self.operator.id.clone(),
            number: answers
                .phone
                .as_ref()
                .map(|p| p.digits().to_owned())
                .unwrap_or_default(),
            intent: answers.intent.unwrap_or(Intent::Cancel).to_string(),
            channel: answers
                .channel
                .map(|c| c.word().to_owned())
                .unwrap_or_default(),
            sent: self.today,
            reference: answers.reference.clone().filter(|r| !r.is_empty()),
            expected_end: self
                .operator
                .notice
                .as_ref()
                .and_then(|notice| show::expected_end(notice.rule, self.today)),
            message: match outcome {
                Outcome::Message(path) => {
                    Some(std::path::absolute(path).unwrap_or_else(|_| path.clone()))
                }
                _ => None,
            },
            state: State::Sent,
            confirmed: None,
            closed: None,
        }
    }

    /// Asks whether to write the message or change an answer first: `Answer(None)` writes.
    fn review(
        &self,
        answers: &Answers,
        asked: &[(usize, Question)],
        prompter: &mut dyn Prompter,
    ) -> Result<Reply<Option<Question>>> {
        // Answers from a file stand; only what was asked here can be changed here.
        if asked.is_empty() {
            return Ok(Reply::Answer(None));
        }
        let changeable: Vec<Question> = Question::ALL
            .into_iter()
            .filter(|question| asked.iter().any(|(_, asked)| asked == question))
            .collect();
        let layout = &self.layout;
        let mut labels = vec![Ui::ReviewWrite.get(layout.lang).to_owned()];
        labels.extend(
            changeable
                .iter()
                .map(|&question| show::change_label(question, answers, self.operator, layout)),
        );
        let prompt = Ui::ReviewQuestion.get(layout.lang);
        let ask = Ask {
            key: "review",
            prompt,
        };
        Ok(match prompter.select(ask, &labels, 0)? {
            Reply::Answer(0) => Reply::Answer(None),
            Reply::Answer(index) => Reply::Answer(changeable.get(index - 1).copied()),
            Reply::Back => Reply::Back,
        })
    }

    fn confirm_overwrite(&self, path: &Path, prompter: &mut dyn Prompter) -> Result<bool> {
        if !prompter.can_ask() {
            return Ok(false);
        }
        let lang = self.layout.lang;
        let prompt = Ui::OverwriteQuestion.fill(lang, &[("path", &path.display())]);
        let ask = Ask {
            key: "overwrite",
            prompt: &prompt,
        };
        let options = [
            Ui::OverwriteNo.get(lang).to_owned(),
            Ui::OverwriteYes.get(lang).to_owned(),
        ];
        Ok(prompter.select(ask, &options, 0)? == Reply::Answer(1))
    }
}

/// Moves back to the previous question the user answered here, forgetting its answer.
fn back(asked: &mut Vec<(usize, Question)>, answers: &mut Answers, cursor: usize) -> usize {
    match asked.pop() {
        Some((index, question)) => {
            answers.forget(question);
            index
        }
        None => cursor,
    }
}

/// Writes `text` to `path` through a temporary file beside it, so a failure half-way (a
/// read-only folder, a full disk) leaves no half-written message and never harms an existing
/// file: the temporary file is removed, and the error is the system's reason alone, without
/// the temporary file's name. A name with a control character is refused: it is a mistake,
/// and it would reach the terminal and the case book.
fn write_atomically(path: &Path, text: &str, replace: bool) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind, Write as _};
    if path
        .to_string_lossy()
        .chars()
        .any(crate::text::is_unsafe_char)
    {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "the file name holds a control character or invisible formatting",
        ));
    }
    // tempfile adds " at path \"…\"" to its errors: a file the user never named.
    let plain = |err: Error| match err.to_string().rsplit_once(" at path \"") {
        Some((reason, _)) => Error::new(err.kind(), reason.to_owned()),
        None => err,
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(plain)?;
    file.as_file_mut().write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    persisted.map(drop).map_err(|err| plain(err.error))
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::fmt::Write as _;

    use super::*;
    use crate::operator::Catalog;
    use crate::prompt::NoPrompter;
    use crate::text::Lang;

    /// One scripted reply: pick the option whose label contains the text, type text, or go back.
    #[derive(Debug, Clone, Copy)]
    enum Say {
        Pick(&'static str),
        Type(&'static str),
        Back,
    }

    use Say::{Back, Pick, Type};

    /// A person who answers from a script, remembering what was asked and shown.
    #[derive(Default)]
    struct Scripted {
        replies: VecDeque<Say>,
        /// The key of every question asked, in order (a re-ask after a refusal counts once).
        asked: Vec<String>,
        /// Every refusal of typed input.
        refused: Vec<String>,
        shown: String,
        /// What a person saw and did, in order: shown text, questions, options, answers.
        transcript: String,
    }

    impl Scripted {
        fn new(replies: &[Say]) -> Self {
            Scripted {
                replies: replies.iter().copied().collect(),
                ..Scripted::default()
            }
        }

        fn next(&mut self, key: &str) -> Say {
            self.replies.pop_front().unwrap_or_else(|| {
                panic!(
                    "the script ran out at `{key}`; asked so far: {:?}",
                    self.asked
                )
            })
        }
    }

    impl Prompter for Scripted {
        fn can_ask(&self) -> bool {
            true
        }

        fn show(&mut self, text: &str) -> Result<()> {
            self.shown.push_str(text);
            self.transcript.push_str(text);
            Ok(())
        }

        fn select(&mut self, ask: Ask, options: &[String], _: usize) -> Result<Reply<usize>> {
            self.asked.push(ask.key.to_owned());
            let _ = writeln!(self.transcript, "? {}", ask.prompt);
            for option in options {
                let _ = writeln!(self.transcript, "    {option}");
            }
            match self.next(ask.key) {
                Pick(text) => {
                    let index = options
                        .iter()
                        .position(|option| option.contains(text))
                        .unwrap_or_else(|| {
                            panic!("no option with {text:?} at `{}`: {options:?}", ask.key)
                        });
                    let _ = writeln!(self.transcript, "› {}", options[index]);
                    Ok(Reply::Answer(index))
                }
                Back => {
                    self.transcript.push_str("‹ back\n");
                    Ok(Reply::Back)
                }
                Type(text) => panic!("typed {text:?} at the list `{}`", ask.key),
            }
        }

        fn input(
            &mut self,
            ask: Ask,
            check: &dyn Fn(&str) -> Result<(), String>,
        ) -> Result<Reply<String>> {
            self.asked.push(ask.key.to_owned());
            loop {
                match self.next(ask.key) {
                    Type(text) => {
                        let _ = writeln!(self.transcript, "? {} › {text}", ask.prompt);
                        match check(text) {
                            Ok(()) => return Ok(Reply::Answer(text.to_owned())),
                            Err(reason) => {
                                let _ = writeln!(self.transcript, "  ✘ {reason}");
                                self.refused.push(reason);
                            }
                        }
                    }
                    Back => {
                        let _ = writeln!(self.transcript, "? {} › <", ask.prompt);
                        return Ok(Reply::Back);
                    }
                    Pick(text) => panic!("picked {text:?} at the text field `{}`", ask.key),
                }
            }
        }
    }

    struct Fixture {
        operator: Operator,
        common: Common,
        dir: tempfile::TempDir,
    }

    impl Fixture {
        fn new(id: &str) -> Self {
            let catalog = Catalog::default();
            Fixture {
                operator: catalog.operator(id).unwrap(),
                common: catalog.common().unwrap(),
                dir: tempfile::tempdir().unwrap(),
            }
        }

        fn out(&self) -> PathBuf {
            self.dir.path().join("message.txt")
        }

        fn walk(&self) -> Walk<'_> {
            Walk {
                operator: &self.operator,
                common: &self.common,
                layout: Layout::plain(),
                today: jiff::civil::date(2026, 11, 25),
                output: Output {
                    path: Some(self.out()),
                    force: false,
                },
                resume: false,
            }
        }

        fn run(&self, replies: &[Say]) -> (Outcome, Scripted) {
            self.run_with(replies, &mut NoJournal)
        }

        fn run_with(&self, replies: &[Say], journal: &mut dyn Journal) -> (Outcome, Scripted) {
            let mut person = Scripted::new(replies);
            let outcome = self
                .walk()
                .run(Answers::default(), &mut person, journal)
                .unwrap();
            assert!(
                person.replies.is_empty(),
                "unused replies: {:?}",
                person.replies
            );
            (outcome, person)
        }

        fn message(&self) -> String {
            std::fs::read_to_string(self.out()).unwrap()
        }
    }

    const COMMON_CASE: [Say; 9] = [
        Pick("Cancel for good"),
        Pick("myself"),
        Pick("Postpaid"),
        Pick("physical"),
        Pick("letter"),
        Type("912 34 567"),
        Type("Ola Nordmann"),
        Pick("Write the message"),
        Pick("Not yet"),
    ];

    #[test]
    fn the_common_case_reaches_the_message_in_eight_questions() {
        let telenor = Fixture::new("telenor");
        let (outcome, person) = telenor.run(&COMMON_CASE);
        assert_eq!(outcome, Outcome::Message(telenor.out()));
        assert_eq!(
            person.asked[..8],
            [
                "intent", "payer", "plan", "sim", "channel", "phone", "name", "review"
            ],
            "the message is written after eight questions"
        );
        assert_eq!(person.asked[8..], ["sent"], "then: was it sent?");
        let message = telenor.message();
        assert!(message.contains("Til: Telenor Norge AS, Snarøyveien 30, 1360 Fornebu"));
        assert!(message.contains("Dato: 25. november 2026"));
        assert!(message.contains("mobilabonnementet mitt med mobilnummer +47 912 34 567"));
        assert!(!message.contains("saldo"), "no refund was asked for");
        // The phases are shown in order, each with its number.
        let headers: Vec<usize> = [
            "1/5 Preparation",
            "2/5 Contact",
            "3/5 Required information",
            "4/5 Balance handling",
            "5/5 Confirmation",
        ]
        .iter()
        .map(|h| person.shown.find(h).unwrap_or_else(|| panic!("no {h}")))
        .collect();
        assert!(headers.windows(2).all(|w| w[0] < w[1]));
        assert!(
            person
                .shown
                .contains("the subscription ends on 31 December 2026")
        );
        assert!(
            person.shown.contains("Move every login that sends codes"),
            "ends with the checklist"
        );
    }

    #[test]
    fn a_wrong_phone_number_is_asked_again_with_the_reason() {
        let telenor = Fixture::new("telenor");
        let mut replies = COMMON_CASE.to_vec();
        replies.insert(5, Type("812 34 567"));
        replies.insert(5, Type("9123"));
        let (_, person) = telenor.run(&replies);
        assert_eq!(person.refused.len(), 2);
        assert!(person.refused[0].contains("8 digits"));
        assert!(person.refused[1].contains("starts with 4 or 9"));
        assert!(telenor.message().contains("+47 912 34 567"));
    }

    #[test]
    fn porting_ends_with_advice_and_sends_nothing() {
        let telenor = Fixture::new("telenor");
        let (outcome, person) = telenor.run(&[
            Pick("another operator"),
            Pick("myself"),
            Pick("Prepaid"),
            Pick("eSIM"),
        ]);
        assert_eq!(outcome, Outcome::Advice);
        assert!(person.shown.contains("send nothing to Telenor"));
        assert!(
            person
                .shown
                .contains("Order from the new operator; tell Telenor nothing")
        );
        assert!(!person.shown.contains("2/5 Contact"));
        assert!(!telenor.out().exists());
    }

    #[test]
    fn keeping_the_number_shows_what_the_operator_offers() {
        let ice = Fixture::new("ice");
        let (outcome, person) = ice.run(&[Pick("alive"), Pick("Postpaid"), Pick("physical")]);
        assert_eq!(outcome, Outcome::Advice);
        assert_eq!(
            person.asked,
            ["intent", "plan", "sim"],
            "who pays does not matter for keeping"
        );
        assert!(
            person.shown.contains("182 days"),
            "ice's paid freeze: {}",
            person.shown
        );

        let telenor = Fixture::new("telenor");
        let (_, person) = telenor.run(&[Pick("alive"), Pick("Prepaid"), Pick("physical")]);
        assert!(person.shown.contains("15 months after the last top-up"));
    }

    #[test]
    fn a_company_paid_subscription_stops_with_the_employer() {
        let telia = Fixture::new("telia");
        let (outcome, person) = telia.run(&[Pick("Cancel for good"), Pick("employer")]);
        assert_eq!(outcome, Outcome::Advice);
        assert_eq!(person.asked, ["intent", "payer"]);
        assert!(
            person
                .shown
                .contains("Your employer cancels this subscription")
        );
        assert!(!telia.out().exists());
    }

    #[test]
    fn a_prepaid_refund_asks_for_an_account_until_it_is_valid() {
        let telenor = Fixture::new("telenor");
        let (_, person) = telenor.run(&[
            Pick("Cancel for good"),
            Pick("myself"),
            Pick("Prepaid"),
            Pick("eSIM"),
            Pick("phone"),
            Type("+47 412 34 567"),
            Type("Kari Nordmann"),
            Pick("paid out"),
            Type("1234.56.78904"),
            Type("1234.56.78903"),
            Pick("Write the message"),
            Pick("Not yet"),
        ]);
        assert_eq!(person.refused.len(), 1);
        assert!(person.refused[0].contains("check digit"));
        assert!(
            person
                .shown
                .contains("Amounts under 50 kr are not paid out")
        );
        let message = telenor.message();
        assert!(message.contains("«Hei, jeg heter Kari Nordmann. Jeg vil si opp kontantkortet mitt med mobilnummer 412 34 567.»"));
        assert!(message.contains("gjenværende saldo til konto 1234.56.78903"));
    }

    #[test]
    fn an_esim_gets_the_esim_precautions_and_not_the_sim_card_ones() {
        let telenor = Fixture::new("telenor");
        let mut replies = COMMON_CASE.to_vec();
        replies[3] = Pick("eSIM");
        let (_, person) = telenor.run(&replies);
        let checklist = &person.shown[person.shown.rfind("Checklist").unwrap()..];
        assert!(
            checklist.contains("Deleting the eSIM or blocking the SIM does not end the contract")
        );
        assert!(!checklist.contains("Back up contacts and messages stored on the SIM card"));
    }

    #[test]
    fn going_back_asks_the_previous_question_again() {
        let telenor = Fixture::new("telenor");
        let mut replies = vec![Pick("another operator"), Back];
        replies.extend(COMMON_CASE);
        let (outcome, person) = telenor.run(&replies);
        assert_eq!(&person.asked[..3], ["intent", "payer", "intent"]);
        assert_eq!(outcome, Outcome::Message(telenor.out()));
    }

    #[test]
    fn an_answer_can_be_changed_at_the_review() {
        let telenor = Fixture::new("telenor");
        let mut replies = COMMON_CASE[..7].to_vec();
        replies.extend([
            Pick("Change channel"),
            Pick("phone"),
            Pick("Write the message"),
            Pick("Not yet"),
        ]);
        let (_, person) = telenor.run(&replies);
        assert_eq!(person.asked[7..], ["review", "channel", "review", "sent"]);
        assert!(
            telenor.message().contains("Hva du kan si"),
            "a phone script, not a letter"
        );
    }

    #[test]
    fn an_existing_file_is_not_overwritten_without_asking() {
        let telenor = Fixture::new("telenor");
        std::fs::write(telenor.out(), "keep me").unwrap();
        let mut replies = COMMON_CASE[..8].to_vec();
        replies.push(Pick("No, keep it"));
        let mut person = Scripted::new(&replies);
        let err = telenor
            .walk()
            .run(Answers::default(), &mut person, &mut NoJournal)
            .unwrap_err();
        assert!(err.to_string().contains("already exists"));
        assert_eq!(telenor.message(), "keep me");
    }

    #[test]
    fn answers_given_up_front_are_not_asked() {
        let ice = Fixture::new("ice");
        let answers = Answers::parse(
            "answers.toml",
            "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"phone\"\nphone = \"99 88 77 66\"\nname = \"Ola\"\n",
            &ice.operator,
            Lang::En,
        )
        .unwrap();
        let outcome = ice
            .walk()
            .run(answers, &mut NoPrompter { lang: Lang::En }, &mut NoJournal)
            .unwrap();
        assert_eq!(outcome, Outcome::Message(ice.out()));
        assert!(ice.message().contains("mobilnummer 998 87 766"));
    }

    #[test]
    fn a_missing_answer_without_a_terminal_names_its_key() {
        let ice = Fixture::new("ice");
        let answers = Answers::parse(
            "answers.toml",
            "intent = \"cancel\"\n",
            &ice.operator,
            Lang::En,
        )
        .unwrap();
        let err = ice
            .walk()
            .run(answers, &mut NoPrompter { lang: Lang::En }, &mut NoJournal)
            .unwrap_err();
        assert!(err.to_string().contains("no answer for `payer`"), "{err}");
    }

    /// The case book in memory.
    #[derive(Default)]
    struct Memory {
        cases: Vec<Case>,
        draft: Option<Vec<(Question, String)>>,
        drafts_saved: usize,
    }

    impl Journal for Memory {
        fn open_case(&self, number: &MobileNumber) -> Option<Case> {
            self.cases
                .iter()
                .find(|case| case.number == number.digits() && case.state != State::Closed)
                .cloned()
        }
        fn save_draft(&mut self, _: &str, answers: &Answers) {
            self.draft = Some(answers.to_pairs());
            self.drafts_saved += 1;
        }
        fn clear_draft(&mut self) {
            self.draft = None;
        }
        fn record(&mut self, mut case: Case) -> Result<Option<u32>> {
            case.id = u32::try_from(self.cases.len()).unwrap() + 1;
            self.cases.push(case);
            Ok(Some(u32::try_from(self.cases.len()).unwrap()))
        }
    }

    fn sent_now() -> Vec<Say> {
        let mut replies = COMMON_CASE[..8].to_vec();
        replies.extend([Pick("Yes, I sent it"), Type("REF-123")]);
        replies
    }

    #[test]
    fn a_sent_request_is_recorded_without_account_or_identity() {
        let telenor = Fixture::new("telenor");
        let mut memory = Memory::default();
        let (_, person) = telenor.run_with(&sent_now(), &mut memory);
        assert_eq!(memory.cases.len(), 1);
        let case = &memory.cases[0];
        assert_eq!(case.number, "91234567");
        assert_eq!(case.channel, "letter");
        assert_eq!(case.reference.as_deref(), Some("REF-123"));
        assert_eq!(case.sent, jiff::civil::date(2026, 11, 25));
        assert_eq!(case.expected_end, Some(jiff::civil::date(2026, 12, 31)));
        assert!(case.message.as_ref().unwrap().ends_with("message.txt"));
        assert!(person.shown.contains("Recorded as case 1"));
        assert!(memory.draft.is_none(), "a finished walk leaves no draft");
    }

    #[test]
    fn a_request_not_sent_yet_is_not_recorded() {
        let telenor = Fixture::new("telenor");
        let mut memory = Memory::default();
        let (_, person) = telenor.run_with(&COMMON_CASE, &mut memory);
        assert!(memory.cases.is_empty());
        assert!(person.shown.contains("Nothing was recorded"));
    }

    #[test]
    fn an_open_case_for_the_number_stops_the_walk_unless_the_user_goes_on() {
        let telenor = Fixture::new("telenor");
        let mut memory = Memory::default();
        telenor.run_with(&sent_now(), &mut memory);
        std::fs::remove_file(telenor.out()).unwrap();

        let mut replies = COMMON_CASE[..6].to_vec();
        replies.push(Pick("Stop here"));
        let (outcome, person) = telenor.run_with(&replies, &mut memory);
        assert_eq!(outcome, Outcome::Stopped);
        assert!(
            person
                .shown
                .contains("You already have an open request for this number")
        );
        assert!(
            person
                .shown
                .contains("Case 1: Telenor +47 *** ** 567 (sent)"),
            "{}",
            person.shown
        );
        assert!(!telenor.out().exists());

        let mut replies = COMMON_CASE[..6].to_vec();
        replies.push(Pick("Continue anyway"));
        replies.extend(COMMON_CASE[6..].iter().copied());
        let (outcome, _) = telenor.run_with(&replies, &mut memory);
        assert_eq!(outcome, Outcome::Message(telenor.out()));
    }

    #[test]
    fn an_open_case_without_a_terminal_is_refused_unless_forced() {
        let telenor = Fixture::new("telenor");
        let mut memory = Memory::default();
        telenor.run_with(&sent_now(), &mut memory);
        std::fs::remove_file(telenor.out()).unwrap();
        let answers = || {
            Answers::parse(
                "answers.toml",
                "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"letter\"\nphone = \"912 34 567\"\nname = \"Ola\"\n",
                &telenor.operator,
                Lang::En,
            )
            .unwrap()
        };
        let err = telenor
            .walk()
            .run(answers(), &mut NoPrompter { lang: Lang::En }, &mut memory)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("case 1 for this number is still open"),
            "{err}"
        );
        assert!(!telenor.out().exists());

        let mut forced = telenor.walk();
        forced.output.force = true;
        let outcome = forced
            .run(answers(), &mut NoPrompter { lang: Lang::En }, &mut memory)
            .unwrap();
        assert_eq!(outcome, Outcome::Message(telenor.out()));
    }

    #[test]
    fn every_answer_is_kept_at_once_and_an_interrupted_walk_resumes_where_it_stopped() {
        let telenor = Fixture::new("telenor");
        let mut memory = Memory::default();
        // The person stops answering after the phone number: the script runs out.
        let mut person = Scripted::new(&COMMON_CASE[..6]);
        let interrupted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            telenor
                .walk()
                .run(Answers::default(), &mut person, &mut memory)
        }));
        assert!(interrupted.is_err(), "the walk stopped at the name");
        assert_eq!(memory.drafts_saved, 6, "saved after each answer");
        let kept = memory.draft.clone().unwrap();
        assert!(kept.contains(&(Question::Phone, "91234567".to_owned())));

        let mut answers = Answers::default();
        for (question, value) in &kept {
            answers
                .set(*question, value, &telenor.operator, Lang::En)
                .unwrap();
        }
        let mut resumed = telenor.walk();
        resumed.resume = true;
        let mut person = Scripted::new(&COMMON_CASE[6..]);
        let outcome = resumed.run(answers, &mut person, &mut memory).unwrap();
        assert_eq!(
            person.asked,
            ["name", "review", "sent"],
            "it continues at the first unanswered question"
        );
        assert!(
            person.shown.starts_with("\n── 3/5 Required information ──"),
            "{}",
            &person.shown[..80]
        );
        assert_eq!(outcome, Outcome::Message(telenor.out()));
        assert!(memory.draft.is_none());
    }

    #[test]
    fn a_bank_account_is_never_kept_in_a_draft() {
        let telenor = Fixture::new("telenor");
        let mut answers = Answers::default();
        for (question, value) in [
            (Question::Phone, "91234567"),
            (Question::Account, "12345678903"),
        ] {
            answers
                .set(question, value, &telenor.operator, Lang::En)
                .unwrap();
        }
        let pairs = answers.to_pairs();
        assert!(
            pairs
                .iter()
                .all(|(question, _)| *question != Question::Account),
            "{pairs:?}"
        );
    }

    /// What a person sees and does through a walk, pinned whole in `tests/golden/`.
    fn golden(name: &str, fixture: &Fixture, transcript: &str) {
        let transcript = transcript.replace(&fixture.dir.path().display().to_string(), "$DIR");
        insta::with_settings!({
            snapshot_path => "../tests/golden",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, transcript.as_str());
        });
    }

    #[test]
    fn transcripts_of_walks_through_the_prompts() {
        let telenor = Fixture::new("telenor");
        let (_, person) = telenor.run(&COMMON_CASE);
        golden("prompts-telenor-letter", &telenor, &person.transcript);
        std::fs::remove_file(telenor.out()).unwrap();

        let mut replies = vec![Pick("another operator"), Back];
        replies.extend(COMMON_CASE[..5].iter().copied());
        replies.extend([Type("9123"), Type("812 34 567"), Type("912 34 567")]);
        replies.extend([Type("Ola Nordmann"), Pick("Change channel"), Pick("phone")]);
        replies.extend([
            Pick("Write the message"),
            Pick("Yes, I sent it"),
            Type("REF-1"),
        ]);
        let (_, person) = telenor.run_with(&replies, &mut Memory::default());
        golden(
            "prompts-telenor-back-refused-changed-sent",
            &telenor,
            &person.transcript,
        );
        std::fs::remove_file(telenor.out()).unwrap();

        let (_, person) = telenor.run(&[
            Pick("Cancel for good"),
            Pick("myself"),
            Pick("Prepaid"),
            Pick("eSIM"),
            Pick("chat"),
            Type("+47 412 34 567"),
            Type("Kari Nordmann"),
            Pick("paid out"),
            Type("1234.56.78904"),
            Type("1234.56.78903"),
            Pick("Write the message"),
            Pick("Not yet"),
        ]);
        golden(
            "prompts-telenor-prepaid-refund-chat",
            &telenor,
            &person.transcript,
        );

        let ice = Fixture::new("ice");
        let (_, person) = ice.run(&[Pick("alive"), Pick("Postpaid"), Pick("physical")]);
        golden("prompts-ice-keep", &ice, &person.transcript);

        let telia = Fixture::new("telia");
        let (_, person) = telia.run(&[Pick("Cancel for good"), Pick("employer")]);
        golden("prompts-telia-company", &telia, &person.transcript);
    }

    #[test]
    fn a_transcript_of_the_duplicate_guard() {
        let telenor = Fixture::new("telenor");
        let mut memory = Memory::default();
        telenor.run_with(&sent_now(), &mut memory);
        std::fs::remove_file(telenor.out()).unwrap();
        let mut replies = COMMON_CASE[..6].to_vec();
        replies.push(Pick("Stop here"));
        let (_, person) = telenor.run_with(&replies, &mut memory);
        golden(
            "prompts-telenor-duplicate-stop",
            &telenor,
            &person.transcript,
        );
    }
}
