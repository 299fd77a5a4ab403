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
use crate::message::{self, Request};
use crate::operator::{Common, Operator, Phase};
use crate::prompt::{Ask, Prompter, Reply};
use crate::render::{Layout, walk as show};
use crate::situation::{Intent, Key, Payer, Plan};

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
                            .set(question, &input, self.operator)
                            .map_err(|reason| anyhow::anyhow!("`{question}`: {reason}"))?;
                        asked.push((cursor, question));
                    }
                    Reply::Back => {
                        cursor = back(&mut asked, &mut answers, cursor);
                        continue;
                    }
                },
                Beat::Review => {
                    prompter.show(&show::review(&answers, &self.layout))?;
                    match review(&answers, &asked, prompter)? {
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
        for (key, question) in [(Key::Plan, Question::Plan), (Key::Sim, Question::Sim)] {
            if self.depends_on(key, answers) && !ask(&mut script, question) {
                return script;
            }
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

    /// Whether some step or precaution that can still apply depends on the answer to `key`:
    /// a question is asked only when its answer changes something.
    fn depends_on(&self, key: Key, answers: &Answers) -> bool {
        let situation = answers.situation();
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
        let prompt = show::prompt(question, self.operator);
        let ask = Ask {
            key: question.key(),
            prompt: &prompt,
        };
        if let Some(options) = show::options(question, self.operator) {
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
            answers.clone().set(question, input, self.operator)
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
        let text = message::compose(&Request {
            operator: self.operator,
            channel,
            phone,
            name,
            plan,
            refund_to,
            today: self.today,
        });
        let path = self.output.path.clone().unwrap_or_else(|| {
            PathBuf::from(format!("nocard-{}-{}.txt", self.operator.id, self.today))
        });
        let overwrite = self.output.force || !path.exists() || confirm_overwrite(&path, prompter)?;
        if !overwrite {
            return Err(Failure::new(format!(
                "{} already exists; the message was not written",
                path.display()
            ))
            .with_hint("give another file with --out PATH, or --force to overwrite")
            .into());
        }
        write_atomically(&path, &text, overwrite && path.exists())?;
        prompter.show(&show::message(&text, &path, channel, &self.layout))?;
        Ok(path)
    }
}

/// Asks whether to write the message or change an answer first: `Answer(None)` writes.
fn review(
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
    let mut labels = vec!["Write the message".to_owned()];
    labels.extend(
        changeable
            .iter()
            .map(|&question| show::change_label(question, answers)),
    );
    let ask = Ask {
        key: "review",
        prompt: "Is this right?",
    };
    Ok(match prompter.select(ask, &labels, 0)? {
        Reply::Answer(0) => Reply::Answer(None),
        Reply::Answer(index) => Reply::Answer(changeable.get(index - 1).copied()),
        Reply::Back => Reply::Back,
    })
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

fn confirm_overwrite(path: &Path, prompter: &mut dyn Prompter) -> Result<bool> {
    let prompt = format!("{} exists. Overwrite it?", path.display());
    let ask = Ask {
        key: "overwrite",
        prompt: &prompt,
    };
    let options = ["No, keep it".to_owned(), "Yes, overwrite it".to_owned()];
    if !prompter.can_ask() {
        return Ok(false);
    }
    Ok(prompter.select(ask, &options, 0)? == Reply::Answer(1))
}

/// Writes `text` to `path` through a temporary file beside it, so a failure half-way leaves
/// no half-written message and never harms an existing file.
fn write_atomically(path: &Path, text: &str, replace: bool) -> Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let context = || format!("could not write the message to {}", path.display());
    let mut file = tempfile::NamedTempFile::new_in(dir).with_context(context)?;
    file.write_all(text.as_bytes()).with_context(context)?;
    file.as_file().sync_all().with_context(context)?;
    if replace {
        file.persist(path)
            .map_err(|err| err.error)
            .with_context(context)?;
    } else {
        file.persist_noclobber(path)
            .map_err(|err| err.error)
            .with_context(context)?;
    }
    Ok(())
}
