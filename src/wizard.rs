//! The guided walk: which questions to ask, in which order, and what to show between them.
//!
//! The walk is a script of beats computed from the answers so far. Each answer can change the
//! rest of the script (porting ends it early, prepaid adds the balance), never what came before
//! it, so the walk keeps a cursor into the script and recomputes the script after each answer.
//! Going back moves the cursor to the previous question the user answered.

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

/// How the walk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The message was written to this file.
    Message(PathBuf),
    /// Advice and a checklist, and no message: porting, keeping the number, or company-paid.
    Advice,
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
    Review,
    Write,
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
    Checklist,
}

/// One walk through one operator's procedure.
pub struct Walk<'a> {
    pub operator: &'a Operator,
    pub common: &'a Common,
    pub layout: Layout,
    pub today: Date,
    pub output: Output,
}

impl Walk<'_> {
    /// Walks from `answers` (empty, or from an answers file) to the end, asking `prompter`
    /// whatever is missing.
    pub fn run(&self, mut answers: Answers, prompter: &mut dyn Prompter) -> Result<Outcome> {
        let mut cursor = 0;
        // Questions the user answered here, with their place in the script, for going back.
        let mut asked: Vec<(usize, Question)> = Vec::new();
        let mut written = None;
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
                    }
                    Reply::Back => {
                        cursor = back(&mut asked, &mut answers, cursor);
                        continue;
                    }
                },
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
                    let path = self.write(&answers, prompter)?;
                    written = Some(path);
                }
            }
            cursor += 1;
        }
        Ok(written.map_or(Outcome::Advice, Outcome::Message))
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
        if !ask(&mut script, Question::Phone) || !ask(&mut script, Question::Name) {
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
            Beat::Show(Block::Checklist),
        ]);
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
        write_atomically(&path, &text, overwrite && path.exists())
            .with_context(|| Ui::CouldNotWriteMessage.fill(lang, &[("path", &path.display())]))?;
        prompter.show(&show::message(&text, &path, channel, &self.layout))?;
        Ok(path)
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

/// Writes `text` to `path` through a temporary file beside it, so a failure half-way leaves
/// no half-written message and never harms an existing file.
fn write_atomically(path: &Path, text: &str, replace: bool) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    persisted.map(drop).map_err(|err| err.error)
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

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
            Ok(())
        }

        fn select(&mut self, ask: Ask, options: &[String], _: usize) -> Result<Reply<usize>> {
            self.asked.push(ask.key.to_owned());
            match self.next(ask.key) {
                Pick(text) => {
                    let index = options
                        .iter()
                        .position(|option| option.contains(text))
                        .unwrap_or_else(|| {
                            panic!("no option with {text:?} at `{}`: {options:?}", ask.key)
                        });
                    Ok(Reply::Answer(index))
                }
                Back => Ok(Reply::Back),
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
                    Type(text) => match check(text) {
                        Ok(()) => return Ok(Reply::Answer(text.to_owned())),
                        Err(reason) => self.refused.push(reason),
                    },
                    Back => return Ok(Reply::Back),
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
            }
        }

        fn run(&self, replies: &[Say]) -> (Outcome, Scripted) {
            let mut person = Scripted::new(replies);
            let outcome = self.walk().run(Answers::default(), &mut person).unwrap();
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

    const COMMON_CASE: [Say; 8] = [
        Pick("Cancel for good"),
        Pick("myself"),
        Pick("Postpaid"),
        Pick("physical"),
        Pick("letter"),
        Type("912 34 567"),
        Type("Ola Nordmann"),
        Pick("Write the message"),
    ];

    #[test]
    fn the_common_case_reaches_the_message_in_eight_questions() {
        let telenor = Fixture::new("telenor");
        let (outcome, person) = telenor.run(&COMMON_CASE);
        assert_eq!(outcome, Outcome::Message(telenor.out()));
        assert_eq!(
            person.asked,
            [
                "intent", "payer", "plan", "sim", "channel", "phone", "name", "review"
            ]
        );
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
        ]);
        let (_, person) = telenor.run(&replies);
        assert_eq!(person.asked[7..], ["review", "channel", "review"]);
        assert!(
            telenor.message().contains("Hva du kan si"),
            "a phone script, not a letter"
        );
    }

    #[test]
    fn an_existing_file_is_not_overwritten_without_asking() {
        let telenor = Fixture::new("telenor");
        std::fs::write(telenor.out(), "keep me").unwrap();
        let mut replies = COMMON_CASE.to_vec();
        replies.push(Pick("No, keep it"));
        let mut person = Scripted::new(&replies);
        let err = telenor
            .walk()
            .run(Answers::default(), &mut person)
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
            .run(answers, &mut NoPrompter { lang: Lang::En })
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
            .run(answers, &mut NoPrompter { lang: Lang::En })
            .unwrap_err();
        assert!(err.to_string().contains("no answer for `payer`"), "{err}");
    }
}
