//! `nocard deregister`: the walk, acted out. The walk decides; this drives it, asking the
//! person, writing the message file and keeping the case book as it says.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::store_failure;
use crate::answers::Answers;
use crate::casebook::{Book, Case, Draft, Store};
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
use crate::text::{Lang, is_unsafe_char, printable};
use crate::values::MobileNumber;
use crate::walk::{Action, Effect, Event, Next, Outcome, Progress, Prompt, Refusal, Walk};

pub fn run(catalog: &Catalog, args: &DeregisterArgs, ctx: &Context) -> Result<ExitCode> {
    let lang = ctx.lang;
    let today = ctx.clock.today();
    let interactive = !args.no_input && terminal::can_prompt();
    let mut book = CaseBook::open(lang);
    let draft = if args.resume {
        Some(book.draft(today).ok_or_else(|| {
            Failure::new(Ui::NothingToResume.get(lang)).with_hint(Ui::NothingToResumeHint.get(lang))
        })?)
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
        return Err(Failure::new(Ui::NeedsTerminal.get(lang))
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
    let answers = match (&args.answers, &draft) {
        (Some(path), _) => Answers::from_file(path, &operator, lang)?,
        (None, Some(draft)) => Answers::from_table(&draft.answers, &operator, lang),
        (None, None) => Answers::default(),
    };
    let common = catalog.common()?;
    let walk = Walk {
        operator: &operator,
        common: &common,
        today,
        interactive,
        force: args.force,
        out: args.out.clone(),
    };
    let progress = if draft.is_some() {
        Progress::resumed(&walk, answers, draft.as_ref().map_or(today, |d| d.started))
    } else {
        Progress::new(answers)
    };
    drive(&walk, progress, prompter.as_mut(), &mut book, &ctx.layout)?;
    Ok(ExitCode::SUCCESS)
}

/// What the walk acts on: the message file and the case book.
pub trait World {
    /// The open case for this number, if there is one.
    fn open_case(&self, number: &MobileNumber) -> Option<Case>;
    /// Keeps the answers so far, for `--resume`.
    fn keep_draft(&mut self, draft: Draft);
    /// Forgets the walk in progress: it ended.
    fn forget_draft(&mut self);
    /// Writes the message; `Ok(false)` where `path` exists and is not to be replaced.
    fn write(&mut self, path: &Path, text: &str, replace: bool) -> Result<bool>;
    /// A name beside `path` that no file has: `message-2.txt`.
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
            Next::Ask(prompt) => ask(&prompt, walk, &progress, prompter, layout)?,
            Next::Do(Action::LookUpOpenCase(number)) => {
                Event::Found(world.open_case(&number).map(Box::new))
            }
            Next::Do(Action::Write {
                path,
                text,
                replace,
            }) => {
                if world.write(&path, &text, replace)? {
                    Event::Written(path)
                } else {
                    let free = world.free_name(&path);
                    Event::Exists { path, free }
                }
            }
            Next::Do(Action::Record(case)) => Event::Recorded(world.record(*case)?),
        };
        walk.take(&mut progress, event);
    }
}

/// Asks the person what `prompt` asks; their reply, as the walk takes it.
fn ask(
    prompt: &Prompt,
    walk: &Walk,
    progress: &Progress,
    prompter: &mut dyn Prompter,
    layout: &Layout,
) -> Result<Event> {
    let lang = layout.lang;
    let careful = prompt.is_consequential();
    let pick = |prompter: &mut dyn Prompter, key, text: &str, options: &[String], default| {
        let ask = Ask {
            careful,
            ..Ask::new(key, text)
        };
        prompter.select(ask, options, default)
    };
    Ok(match prompt {
        Prompt::Question {
            question,
            options,
            earlier,
            details,
        } => {
            let text = show::prompt(*question, walk.operator, progress.answers(), layout);
            let ask = Ask {
                details: *details,
                careful,
                ..Ask::new(question.key(), &text)
            };
            let reply = match options {
                Some(options) => {
                    let labels: Vec<String> = options
                        .iter()
                        .map(|value| show::option(value, walk.operator, progress.answers(), layout))
                        .collect();
                    let default = earlier
                        .as_ref()
                        .and_then(|earlier| options.iter().position(|value| value == earlier))
                        .unwrap_or(0);
                    match prompter.select(ask, &labels, default)? {
                        Reply::Answer(index) => Reply::Answer(options.get(index).cloned()),
                        Reply::Back => Reply::Back,
                        Reply::Details => Reply::Details,
                    }
                }
                None => {
                    let check = |input: &str| question.parse(input, walk.operator, lang).map(drop);
                    let initial = earlier.as_ref().map(|value| value.shown()).unwrap_or_default();
                    match prompter.input(ask, &initial, &check)? {
                        Reply::Answer(input) => {
                            Reply::Answer(question.parse(&input, walk.operator, lang).ok())
                        }
                        Reply::Back => Reply::Back,
                        Reply::Details => Reply::Details,
                    }
                }
            };
            match reply {
                Reply::Answer(Some(value)) => Event::Answer(value),
                Reply::Answer(None) | Reply::Back => Event::Back,
                Reply::Details => Event::Details,
            }
        }
        Prompt::Guard => {
            let options =
                [Ui::DuplicateStop, Ui::DuplicateContinue].map(|ui| ui.get(lang).to_owned());
            let reply = pick(prompter, "duplicate", Ui::DuplicateQuestion.get(lang), &options, 0)?;
            Event::GoOn(reply == Reply::Answer(1))
        }
        Prompt::Review { changeable } => {
            let mut labels = vec![Ui::ReviewWrite.get(lang).to_owned()];
            labels.extend(
                changeable
                    .iter()
                    .map(|&question| show::change_label(question, walk, progress.answers(), layout)),
            );
            match pick(prompter, "review", Ui::ReviewQuestion.get(lang), &labels, 0)? {
                Reply::Answer(0) | Reply::Details => Event::Write,
                Reply::Answer(index) => changeable
                    .get(index - 1)
                    .map_or(Event::Write, |&question| Event::Change(question)),
                Reply::Back => Event::Back,
            }
        }
        Prompt::Overwrite { path, free } => {
            let shown = |path: &Path| printable(&path.display().to_string()).into_owned();
            let text = Ui::OverwriteQuestion.fill(lang, &[("path", &shown(path))]);
            let options = [
                Ui::OverwriteFree.fill(lang, &[("path", &shown(free))]),
                Ui::OverwriteOther.get(lang).to_owned(),
                Ui::OverwriteYes.fill(lang, &[("path", &shown(path))]),
            ];
            match pick(prompter, "overwrite", &text, &options, 0)? {
                Reply::Answer(0) => Event::Rename(free.clone()),
                Reply::Answer(1) => {
                    let ask = Ask::new("out", Ui::QFileName.get(lang));
                    let check = |input: &str| file_name(input, lang).map(drop);
                    let initial = free.display().to_string();
                    match prompter.input(ask, &initial, &check)? {
                        Reply::Answer(input) => file_name(&input, lang)
                            .map_or(Event::Back, Event::Rename),
                        Reply::Back | Reply::Details => Event::Back,
                    }
                }
                Reply::Answer(_) => Event::GoOn(true),
                Reply::Back | Reply::Details => Event::Back,
            }
        }
    })
}

/// A file name the user typed for the message: one line, no control characters.
fn file_name(input: &str, lang: Lang) -> Result<PathBuf, String> {
    let name = input.trim();
    if name.is_empty() || name.chars().any(is_unsafe_char) {
        return Err(Ui::FileNameInvalid.get(lang).to_owned());
    }
    Ok(PathBuf::from(name))
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
            Failure::new(Ui::AlreadyExists.fill(lang, &[("path", &path.display())]))
                .with_hint(Ui::AlreadyExistsHint.get(lang))
        }
    }
    .into()
}

/// The case book as the walk's world. Where it cannot be used, the walk goes on and says
/// once that nothing will be recorded.
struct CaseBook {
    store: Option<Store>,
    lang: Lang,
}

impl CaseBook {
    fn open(lang: Lang) -> Self {
        let store = Store::locate();
        let store = match store.as_ref().map(Store::load) {
            Some(Ok(_)) => store,
            Some(Err(err)) => {
                output::warn(&store_failure(&err, lang).to_string(), lang);
                None
            }
            None => None,
        };
        CaseBook { store, lang }
    }

    fn book(&self) -> Option<Book> {
        self.store.as_ref()?.load().ok()
    }

    /// The interrupted walk, if one was kept in the last week.
    fn draft(&self, today: jiff::civil::Date) -> Option<Draft> {
        self.book()?.draft(today).cloned()
    }

    fn update(&mut self, change: impl FnOnce(&mut Book)) {
        let Some(store) = &self.store else {
            return;
        };
        if let Err(err) = store.update(change) {
            output::warn(&store_failure(&err, self.lang).to_string(), self.lang);
            // Said once; the walk goes on without records.
            self.store = None;
        }
    }
}

impl World for CaseBook {
    fn open_case(&self, number: &MobileNumber) -> Option<Case> {
        self.book()?.open_case(number).cloned()
    }

    fn keep_draft(&mut self, draft: Draft) {
        self.update(|book| book.draft = Some(draft));
        if self.store.is_some() {
            interrupt::note_draft_kept();
        }
    }

    fn forget_draft(&mut self) {
        if self.book().is_some_and(|book| book.draft.is_some()) {
            self.update(|book| book.draft = None);
        }
    }

    fn write(&mut self, path: &Path, text: &str, replace: bool) -> Result<bool> {
        match write_atomically(path, text, replace) {
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && !replace => Ok(false),
            result => {
                result.with_context(|| {
                    let shown = printable(&path.display().to_string()).into_owned();
                    Ui::CouldNotWriteMessage.fill(self.lang, &[("path", &shown)])
                })?;
                Ok(true)
            }
        }
    }

    fn free_name(&self, path: &Path) -> PathBuf {
        free_name(path, |candidate| candidate.exists())
    }

    fn record(&mut self, mut case: Case) -> Result<Option<u32>> {
        let Some(store) = &self.store else {
            return Ok(None);
        };
        // The message is found again from anywhere, whatever folder `status` runs in.
        case.message = case
            .message
            .map(|path| std::path::absolute(&path).unwrap_or(path));
        let id = store
            .update(|book| {
                case.id = book.next_id();
                let id = case.id;
                book.cases.push(case);
                book.draft = None;
                id
            })
            .map_err(|err| store_failure(&err, self.lang))?;
        Ok(Some(id))
    }
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
        .map(|op| format!("{} ({})", op.name, op.legal_name))
        .collect();
    let ask = Ask::new("operator", Ui::QOperator.get(lang));
    loop {
        // Back at the first question has nowhere to go: ask again.
        if let Reply::Answer(index) = prompter.select(ask, &labels, 0)?
            && index < operators.len()
        {
            return Ok(operators.swap_remove(index));
        }
    }
}

/// The first of `stem-2.ext`, `stem-3.ext`, … beside `path` that `taken` says is free.
pub fn free_name(path: &Path, taken: impl Fn(&Path) -> bool) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let extension = path
        .extension()
        .map(|ext| format!(".{}", ext.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|n| path.with_file_name(format!("{stem}-{n}{extension}")))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| path.to_owned())
}

/// Writes `text` to `path` through a temporary file beside it, so a failure half-way (a
/// read-only folder, a full disk) leaves no half-written message and never harms an existing
/// file: the temporary file is removed, and the error is the system's reason alone, without
/// the temporary file's name. Without `replace`, an existing file is an `AlreadyExists`
/// error. A name with a control character is refused: it is a mistake, and it would reach
/// the terminal and the case book.
fn write_atomically(path: &Path, text: &str, replace: bool) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind, Write as _};
    if path.to_string_lossy().chars().any(is_unsafe_char) {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "the file name holds a control character or invisible formatting",
        ));
    }
    if !replace && path.exists() {
        return Err(Error::from(ErrorKind::AlreadyExists));
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
mod tests;
