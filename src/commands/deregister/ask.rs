//! Asking the person what the walk asks: the words of each prompt and its options, and the
//! reply as the walk takes it.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::i18n::Ui;
use crate::prompt::{Ask, Prompter, Reply};
use crate::questions::{Question, Value};
use crate::render::{Layout, walk as show};
use crate::text::{Lang, is_unsafe_char, printable};
use crate::walk::{Event, Progress, Prompt, Walk};

/// Asks the person what `prompt` asks; their reply, as the walk takes it.
pub(super) fn ask(
    prompt: &Prompt,
    walk: &Walk,
    progress: &Progress,
    prompter: &mut dyn Prompter,
    layout: &Layout,
) -> Result<Event> {
    let lang = layout.lang;
    let careful = prompt.is_consequential();
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
                back: progress.can_go_back(),
                ..Ask::new(question.key(), &text)
            };
            let reply = if let Some(options) = options {
                choice(
                    ask,
                    options,
                    earlier.as_ref(),
                    walk,
                    progress,
                    prompter,
                    layout,
                )?
            } else {
                text_answer(ask, *question, earlier.as_ref(), walk, prompter, lang)?
            };
            match reply {
                Reply::Answer(Some(value)) => Event::Answer(value),
                Reply::Answer(None) | Reply::Back => Event::Back,
                Reply::Details => Event::Details,
            }
        }
        Prompt::Many {
            question,
            options,
            earlier,
        } => {
            let text = show::prompt(*question, walk.operator, progress.answers(), layout);
            let ask = Ask {
                back: progress.can_go_back(),
                ..Ask::new(question.key(), &text)
            };
            services(ask, options, earlier, walk, prompter, lang)?
        }
        Prompt::Guard => {
            let options =
                [Ui::DuplicateStop, Ui::DuplicateContinue].map(|ui| ui.get(lang).to_owned());
            let ask = Ask {
                careful,
                ..Ask::new("duplicate", Ui::DuplicateQuestion.get(lang))
            };
            match prompter.select(ask, &options, 0)? {
                Reply::Answer(index) => Event::GoOn(index == 1),
                // Back to the number, to give another: leaving is only by choosing to stop.
                Reply::Back | Reply::Details => Event::Back,
            }
        }
        Prompt::Review { changeable } => review(changeable, walk, progress, prompter, layout)?,
        Prompt::Overwrite { path, free } => overwrite(path, free, prompter, lang)?,
    })
}

/// Any of the services `options` names by id, those chosen `earlier` marked to begin with;
/// each shown by its name.
fn services(
    ask: Ask,
    options: &[String],
    earlier: &[String],
    walk: &Walk,
    prompter: &mut dyn Prompter,
    lang: Lang,
) -> Result<Event> {
    let labels: Vec<String> = options
        .iter()
        .map(|id| {
            walk.services.get(id).map_or_else(
                || id.clone(),
                |entry| crate::render::service_name(entry, lang).to_owned(),
            )
        })
        .collect();
    let marked: Vec<bool> = options.iter().map(|id| earlier.contains(id)).collect();
    Ok(match prompter.many(ask, &labels, &marked)? {
        Reply::Answer(indices) => Event::Answer(Value::Uses(
            indices
                .into_iter()
                .filter_map(|index| options.get(index).cloned())
                .collect(),
        )),
        Reply::Back => Event::Back,
        Reply::Details => Event::Details,
    })
}

/// One of `options`, the earlier answer chosen to begin with.
fn choice(
    ask: Ask,
    options: &[Value],
    earlier: Option<&Value>,
    walk: &Walk,
    progress: &Progress,
    prompter: &mut dyn Prompter,
    layout: &Layout,
) -> Result<Reply<Option<Value>>> {
    let labels: Vec<String> = options
        .iter()
        .map(|value| show::option(value, walk.operator, progress.answers(), layout))
        .collect();
    let default = earlier
        .and_then(|earlier| options.iter().position(|value| value == earlier))
        .unwrap_or(0);
    Ok(match prompter.select(ask, &labels, default)? {
        Reply::Answer(index) => Reply::Answer(options.get(index).cloned()),
        Reply::Back => Reply::Back,
        Reply::Details => Reply::Details,
    })
}

/// Typed text, checked as the question checks it, the earlier answer filled in.
fn text_answer(
    ask: Ask,
    question: Question,
    earlier: Option<&Value>,
    walk: &Walk,
    prompter: &mut dyn Prompter,
    lang: Lang,
) -> Result<Reply<Option<Value>>> {
    let check = |input: &str| {
        let value = question.parse(input, walk.operator, lang)?;
        Ok(value.shown().into_owned())
    };
    let initial = earlier.map(Value::shown).unwrap_or_default();
    Ok(match prompter.input(ask, &initial, &check)? {
        Reply::Answer(input) => Reply::Answer(question.parse(&input, walk.operator, lang).ok()),
        Reply::Back => Reply::Back,
        Reply::Details => Reply::Details,
    })
}

/// Write the message, or change one of the answers, each shown as an option.
fn review(
    changeable: &[Question],
    walk: &Walk,
    progress: &Progress,
    prompter: &mut dyn Prompter,
    layout: &Layout,
) -> Result<Event> {
    let lang = layout.lang;
    let mut labels = vec![Ui::ReviewWrite.get(lang).to_owned()];
    labels.extend(
        changeable.iter().map(|&question| {
            show::change_label(question, progress.answers(), walk.services, layout)
        }),
    );
    let ask = Ask {
        details: true,
        careful: true,
        ..Ask::new("review", Ui::ReviewQuestion.get(lang))
    };
    Ok(match prompter.select(ask, &labels, 0)? {
        Reply::Answer(0) => Event::Write,
        Reply::Details => Event::Details,
        Reply::Answer(index) => changeable
            .get(index - 1)
            .map_or(Event::Write, |&question| Event::Change(question)),
        Reply::Back => Event::Back,
    })
}

/// The message file is there already: save it under a free name (the first option), one
/// typed, or replace the file.
fn overwrite(path: &Path, free: &Path, prompter: &mut dyn Prompter, lang: Lang) -> Result<Event> {
    let shown = |path: &Path| printable(&path.display().to_string()).into_owned();
    let text = Ui::OverwriteQuestion.fill(lang, &[("path", &shown(path))]);
    let options = [
        Ui::OverwriteFree.fill(lang, &[("path", &shown(free))]),
        Ui::OverwriteOther.get(lang).to_owned(),
        Ui::OverwriteYes.fill(lang, &[("path", &shown(path))]),
    ];
    let ask = Ask {
        careful: true,
        ..Ask::new("overwrite", &text)
    };
    Ok(match prompter.select(ask, &options, 0)? {
        Reply::Answer(0) => Event::Rename(free.to_owned()),
        Reply::Answer(1) => {
            let ask = Ask::new("out", Ui::QFileName.get(lang));
            let check = |input: &str| file_name(input, lang).map(|path| path.display().to_string());
            let initial = free.display().to_string();
            match prompter.input(ask, &initial, &check)? {
                Reply::Answer(input) => file_name(&input, lang).map_or(Event::Back, Event::Rename),
                Reply::Back | Reply::Details => Event::Back,
            }
        }
        Reply::Answer(_) => Event::GoOn(true),
        Reply::Back | Reply::Details => Event::Back,
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
