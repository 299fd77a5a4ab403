//! `nocard deregister`: the walk, acted out. The walk decides; this drives it, asking the
//! person, writing the message file and keeping the case book as it says.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::answers::Answers;
use crate::casebook::{Case, Draft};
use crate::cli::DeregisterArgs;
use crate::context::Context;
use crate::error::Failure;
use crate::i18n::{Ui, long_date};
use crate::interrupt;
use crate::operator::{Catalog, Operator};
use crate::output;
use crate::prompt::{Ask, NoPrompter, Prompter, Reply};
use crate::questions::Question;
use crate::render::{Layout, walk as show};
use crate::terminal::{self, TerminalPrompter};
use crate::text::Lang;
use crate::values::MobileNumber;
use crate::walk::{Action, Effect, Event, Next, Outcome, Progress, Refusal, Walk};

mod ask;
mod files;

#[cfg(test)]
use crate::commands::files::free_name;
use files::CaseBook;

pub fn run(catalog: &Catalog, args: &DeregisterArgs, ctx: &Context) -> Result<ExitCode> {
    let lang = ctx.lang;
    let today = ctx.clock.today();
    let interactive = !args.no_input && terminal::can_prompt();
    let mut book = CaseBook::open(lang, today);
    let draft = if args.resume {
        let draft = book.draft(today).ok_or_else(|| {
            Failure::new(Ui::NothingToResume.get(lang)).with_hint(Ui::NothingToResumeHint.get(lang))
        })?;
        book.resuming();
        Some(draft)
    } else {
        None
    };
    let id = match (&args.operator, &draft) {
        (Some(id), Some(draft)) if *id != draft.operator.as_str() => {
            return Err(Failure::usage(
                Ui::ResumeOtherOperator.fill(lang, &[("id", &draft.operator)]),
            )
            .into());
        }
        (Some(id), _) => Some(id.as_str()),
        (None, draft) => draft.as_ref().map(|draft| draft.operator.as_str()),
    };
    let operator = id.map(|id| catalog.operator(id)).transpose()?;
    if !interactive && args.answers.is_none() && draft.is_none() {
        let cause = if args.no_input {
            Ui::NoInputWithoutAnswers
        } else {
            Ui::NeedsTerminal
        };
        return Err(Failure::new(cause.get(lang))
            .with_hint(Ui::NeedsTerminalHint.fill(lang, &[("keys", &Question::keys())]))
            .into());
    }
    let mut prompter: Box<dyn Prompter> = if interactive {
        interrupt::install(lang);
        Box::new(TerminalPrompter::new(lang)?)
    } else {
        Box::new(NoPrompter { lang })
    };
    if let Some(waiting) = book.draft(today).filter(|_| draft.is_none() && interactive) {
        let note = Ui::DraftWaiting.fill(lang, &[("date", &long_date(waiting.started, lang))]);
        output::hint(&note, lang);
    }
    let operator = match operator {
        Some(operator) => operator,
        None => choose_operator(catalog, prompter.as_mut(), lang)?,
    };
    let services = catalog.services()?;
    let answers = match (&args.answers, &draft) {
        (Some(path), _) => Answers::from_file(path, &operator, &services, lang)?,
        (None, Some(draft)) => Answers::from_table(&draft.answers, &operator, &services, lang),
        (None, None) => Answers::default(),
    };
    let common = catalog.common()?;
    let walk = Walk {
        operator: &operator,
        common: &common,
        services: &services,
        today,
        lang,
        interactive,
        replace: args.force,
        again: args.again,
        out: args.out.clone(),
    };
    let progress = if draft.is_some() {
        let draft = draft.as_ref();
        // The message written before the walk was interrupted, if it is still there.
        let written = draft
            .and_then(|draft| draft.message.clone())
            .filter(|path| path.is_file());
        Progress::resumed(&walk, answers, draft.map_or(today, |d| d.started), written)
    } else {
        Progress::new(answers)
    };
    if !interactive {
        refuse_missing(&walk, &progress, args.no_input, draft.is_some(), lang)?;
    }
    drive(&walk, progress, prompter.as_mut(), &mut book, &ctx.layout)?;
    Ok(ExitCode::SUCCESS)
}

/// Every answer the walk lacks with nobody to ask, named at once and before anything is
/// shown, with how to give them: in the answers file, or for a resumed walk (which has
/// none) in a terminal.
fn refuse_missing(
    walk: &Walk,
    progress: &Progress,
    no_input: bool,
    resumed: bool,
    lang: Lang,
) -> Result<()> {
    let missing = walk.missing(progress);
    if missing.is_empty() {
        return Ok(());
    }
    let keys: Vec<&str> = missing.iter().map(|question| question.key()).collect();
    let cause = if no_input {
        Ui::MissingWithNoInput
    } else {
        Ui::MissingWithoutTerminal
    };
    let hint = if resumed {
        Ui::MissingOnResumeHint.get(lang).to_owned()
    } else {
        let example: Vec<String> = missing
            .iter()
            .filter_map(|question| {
                let example = question.example(walk.operator)?;
                Some(format!("{} = \"{example}\"", question.key()))
            })
            .collect();
        Ui::MissingHint.fill(lang, &[("example", &example.join(", "))])
    };
    Err(
        Failure::new(cause.fill(lang, &[("keys", &keys.join(", "))]))
            .with_hint(hint)
            .into(),
    )
}

/// What the walk acts on: the message file and the case book.
pub trait World {
    /// The open case for this number, if there is one.
    fn open_case(&self, number: &MobileNumber) -> Option<Case>;
    /// Keeps the answers so far, for `--resume`.
    fn keep_draft(&mut self, draft: Draft);
    /// Forgets the walk in progress: it ended.
    fn forget_draft(&mut self);
    /// Writes each file; `Ok(false)`, and nothing written, where one is there already and
    /// files are not to be replaced.
    fn write(&mut self, files: &[(&Path, &str)], replace: bool) -> Result<bool>;
    /// A name beside `path` that neither a message nor its checklist has: `message-2.txt`.
    fn free_name(&self, path: &Path) -> PathBuf;
    /// Records a sent request and returns its id; `None` where nothing can be recorded.
    fn record(&mut self, case: Case) -> Result<Option<u32>>;
}

/// Walks `walk` from `progress` to its end, asking `prompter` and acting on `world`.
pub fn drive(
    walk: &Walk,
    mut progress: Progress,
    prompter: &mut dyn Prompter,
    world: &mut dyn World,
    layout: &Layout,
) -> Result<Outcome> {
    loop {
        let step = walk.step(&mut progress);
        for effect in step.effects {
            match effect {
                Effect::KeepDraft(draft) => world.keep_draft(*draft),
                Effect::ForgetDraft => world.forget_draft(),
            }
        }
        for content in &step.show {
            prompter.show(&show::show(content, walk, layout))?;
        }
        let event = match step.next {
            Next::Done(outcome) => return Ok(outcome),
            Next::Fail(refusal) => return Err(refused(&refusal, walk.operator, layout.lang)),
            Next::Ask(prompt) => ask::ask(&prompt, walk, &progress, prompter, layout)?,
            Next::Do(Action::LookUpOpenCase(number)) => {
                Event::Found(world.open_case(&number).map(Box::new))
            }
            Next::Do(Action::Write {
                files,
                checklist,
                replace,
            }) => {
                let full = show::saved_checklist(walk, progress.answers(), layout.lang);
                let mut all: Vec<(&Path, &str)> = files
                    .iter()
                    .map(|(path, text)| (path.as_path(), text.as_str()))
                    .collect();
                all.push((checklist.as_path(), &full));
                let path = files
                    .first()
                    .map(|(path, _)| path.clone())
                    .unwrap_or_default();
                if world.write(&all, replace)? {
                    Event::Written(path)
                } else {
                    let free = world.free_name(&path);
                    Event::Exists { path, free }
                }
            }
            Next::Do(Action::Record(case)) => Event::Recorded(world.record(*case)?),
            Next::Do(Action::WriteCalendar { path, case }) => {
                let operators = std::slice::from_ref(walk.operator);
                let text = crate::render::ics::calendar(&[*case], operators, walk.today, walk.lang);
                world.write(&[(path.as_path(), &text)], true)?;
                Event::Written(path)
            }
        };
        walk.take(&mut progress, event);
    }
}

/// Why the walk could not go on, as the user reads it.
fn refused(refusal: &Refusal, operator: &Operator, lang: Lang) -> anyhow::Error {
    let operator = &operator.name;
    match refusal {
        Refusal::Missing(question) => Failure::new(Ui::NoAnswer.fill(lang, &[("key", question)]))
            .with_hint(Ui::NoAnswerHint.fill(lang, &[("key", question)])),
        Refusal::OpenCase(id) => Failure::new(Ui::DuplicateRefused.fill(lang, &[("id", id)]))
            .with_hint(Ui::DuplicateHint.get(lang)),
        Refusal::NoOptions(question) => {
            Failure::new(Ui::NoOptions.fill(lang, &[("key", question), ("operator", &operator)]))
                .with_hint(Ui::NoOptionsHint.get(lang))
        }
        Refusal::Exists(path) => {
            let shown = crate::text::printable(&path.display().to_string()).into_owned();
            Failure::new(Ui::AlreadyExists.fill(lang, &[("path", &shown)]))
                .with_hint(Ui::AlreadyExistsHint.get(lang))
        }
    }
    .into()
}

fn choose_operator(catalog: &Catalog, prompter: &mut dyn Prompter, lang: Lang) -> Result<Operator> {
    if !prompter.can_ask() {
        return Err(Failure::usage(Ui::OperatorNeeded.get(lang))
            .with_hint(Ui::OperatorListHint.get(lang))
            .into());
    }
    let mut operators = catalog.operators()?;
    let labels: Vec<String> = operators
        .iter()
        .map(|op| {
            // A company named as its brand is said once: "PlussMobil", not twice.
            if op.legal_name == op.name {
                op.name.to_string()
            } else {
                format!("{} ({})", op.name, op.legal_name)
            }
        })
        .collect();
    let ask = Ask {
        back: false,
        ..Ask::new("operator", Ui::QOperator.get(lang))
    };
    loop {
        // Back at the first question has nowhere to go: ask again.
        if let Reply::Answer(index) = prompter.select(ask, &labels, 0)?
            && index < operators.len()
        {
            return Ok(operators.swap_remove(index));
        }
    }
}

#[cfg(test)]
mod tests;
