//! What the walk shows between its questions, and the words of its questions.

use jiff::civil::Date;

use super::ending::checklist;
pub use super::ending::saved_checklist;
use super::operators::{Citations, channel, entry, phase_title};
use super::questions::{answer_in_words, uses_in_words};
pub use super::questions::{change_label, option, prompt};
use super::{Emphasis, Layout};
use crate::casebook::Case;
use crate::i18n::{Ui, long_date};
use crate::operator::{Entry, NoticeRule, Operator, Phase, Step};
use crate::questions::Value;
use crate::situation::Acting;
use crate::walk::{Show, Walk};

/// What the walk decided to show, drawn.
#[must_use]
pub fn show(show: &Show, walk: &Walk, layout: &Layout) -> String {
    let operator = walk.operator;
    match show {
        Show::Checked => checked(operator, walk.today, walk.interactive, layout),
        Show::Header(phase) => header(*phase, layout),
        Show::Steps(steps) => self::steps(steps, layout),
        Show::Advice {
            general,
            specific,
            porting,
        } => {
            let mut out = self::steps(general, layout);
            out.push_str(&essentials(specific, layout));
            if *porting {
                out.push_str(&self::porting(operator, layout));
            }
            out
        }
        Show::Details {
            phase,
            steps,
            precautions,
        } => details(*phase, steps, precautions, operator, layout),
        Show::Services(services) => self::services(services, layout),
        Show::BeforeYouSend {
            precautions,
            reviewed,
        } => before_you_send(precautions, *reviewed, layout),
        Show::Employer => employer(layout),
        Show::Identity(acting) => identity(*acting, layout),
        Show::WhatNext {
            end,
            prepaid,
            leaving,
        } => what_next(operator, *end, *prepaid, *leaving, walk.today, layout),
        Show::Review(answers) => review(answers, walk, layout),
        Show::Message {
            message,
            path,
            translation,
            authorisation,
            channel,
        } => super::message::message(
            message,
            path,
            translation.as_deref(),
            authorisation.as_ref(),
            *channel,
            operator,
            layout,
        ),
        Show::OpenCase(case) => open_case(case, operator, walk.today, layout),
        Show::ReplacesWritten(case) => {
            // "today" is no date to say "on" of: a sentence of its own, as for a case.
            let written = case.written_on();
            let line = if written == walk.today {
                layout.tf(Ui::ReplacesWrittenToday, &[("id", &case.id)])
            } else {
                layout.tf(
                    Ui::ReplacesWritten,
                    &[("id", &case.id), ("date", &long_date(written, layout.lang))],
                )
            };
            paragraph(&line, layout)
        }
        Show::Recorded { id, sent, channel } => {
            super::message::recorded(*id, *sent, *channel, layout)
        }
        Show::CalendarSaved(path) => {
            let shown = crate::text::printable(&path.display().to_string()).into_owned();
            paragraph(&layout.tf(Ui::CalendarSaved, &[("path", &shown)]), layout)
        }
        Show::Checklist {
            list,
            after_advice,
            saved,
        } => checklist(list, *after_advice, saved.as_deref(), layout),
        Show::Resumed { started, phase } => {
            // "today" is no date to say "from" of: a sentence of its own.
            let line = if *started == walk.today {
                layout.tf(
                    Ui::ResumedToday,
                    &[
                        ("operator", &operator.name),
                        ("phase", &phase_title(*phase, layout)),
                    ],
                )
            } else {
                layout.tf(
                    Ui::Resumed,
                    &[
                        ("operator", &operator.name),
                        ("date", &long_date(*started, layout.lang)),
                        ("phase", &phase_title(*phase, layout)),
                    ],
                )
            };
            paragraph(&line, layout)
        }
        Show::Stopped(id) => paragraph(&layout.tf(Ui::StoppedAtCase, &[("id", id)]), layout),
    }
}

fn paragraph(text: &str, layout: &Layout) -> String {
    let mut out = String::new();
    layout.paragraph(&mut out, "", "", text);
    out
}

/// `── 2/5 Contact ──`, so the user always knows where they are; after a blank line where
/// the window has rows to spare for one.
#[must_use]
pub(super) fn header(phase: Phase, layout: &Layout) -> String {
    let narrow = layout.width.is_some_and(|width| width < 60);
    let mut out = String::from(if narrow { "" } else { "\n" });
    let title = format!("── {} ──", phase_title(phase, layout));
    layout.emphasized(Emphasis::Bold, &mut out, "", "", &title);
    out
}

/// A heading inside a phase.
pub(super) fn heading(out: &mut String, layout: &Layout, text: &str) {
    out.push('\n');
    layout.emphasized(Emphasis::Bold, out, "", "", text);
}

/// "Telenor's procedure was last compared with its sources on …", and the notice of
/// `freshness` where there is one.
#[must_use]
fn checked(operator: &Operator, today: Date, interactive: bool, layout: &Layout) -> String {
    let mut out = String::new();
    let line = layout.tf(
        Ui::WalkChecked,
        &[
            ("operator", &operator.name),
            ("date", &long_date(operator.checked, layout.lang)),
            ("count", &operator.sources.len()),
        ],
    );
    layout.paragraph(&mut out, "", "", &line);
    if let Some(notice) = super::freshness(operator, today, layout) {
        layout.emphasized(Emphasis::Bold, &mut out, "", "", &notice);
    }
    if interactive {
        layout.emphasized(Emphasis::Dim, &mut out, "", "", layout.t(Ui::WalkKeys));
    }
    out
}

/// The operator's steps that hold, a line each: the title and where it comes from.
fn steps(steps: &[&Step], layout: &Layout) -> String {
    let mut out = String::new();
    for step in steps {
        let line = format!(
            "{}{}",
            step.entry.title.get(layout.lang),
            super::tag(&step.entry.provenance, layout)
        );
        layout.paragraph(&mut out, "  • ", "    ", &line);
    }
    out
}

/// Each step with what it says, where the walk ends with advice: the title, where it comes
/// from in a few words, and the detail; the sources themselves are in `operators show`.
fn essentials(steps: &[&Step], layout: &Layout) -> String {
    let mut out = String::new();
    for step in steps {
        let title = format!(
            "{}{}",
            step.entry.title.get(layout.lang),
            super::tag(&step.entry.provenance, layout)
        );
        layout.emphasized(Emphasis::Bold, &mut out, "  • ", "    ", &title);
        layout.paragraph(&mut out, "    ", "    ", step.entry.detail.get(layout.lang));
    }
    out
}

/// A phase in full: each step with its detail and sources, and, for contact, each channel;
/// before the message, each precaution too.
fn details(
    phase: Phase,
    steps: &[&Step],
    precautions: &[&Entry],
    operator: &Operator,
    layout: &Layout,
) -> String {
    let mut out = String::new();
    let title = layout.tf(Ui::DetailsOf, &[("phase", &phase_title(phase, layout))]);
    heading(&mut out, layout, &title);
    for step in steps {
        entry(&mut out, layout, &Citations::Inline, &step.entry);
    }
    if !precautions.is_empty() {
        heading(&mut out, layout, layout.t(Ui::BeforeYouSend));
        for precaution in precautions {
            entry(&mut out, layout, &Citations::Inline, precaution);
        }
    }
    if phase == Phase::Contact {
        for channel in operator.channels.iter() {
            self::channel(&mut out, layout, &Citations::Inline, channel);
        }
    }
    out
}

/// How many precautions are listed before the walk asks to write the message, in a window
/// of 60 columns or more, and in a narrower one; the rest are in the checklist saved with
/// it, and shown at the end.
const BEFORE_YOU_SEND_SHOWN: [usize; 2] = [3, 2];

/// A review of more answers than this shows two precautions before it, whatever the width.
const LONG_REVIEW: usize = 10;

/// The titles of the first precautions that hold, as a reminder before anything is sent.
fn before_you_send(precautions: &[&Entry], reviewed: usize, layout: &Layout) -> String {
    let shown = BEFORE_YOU_SEND_SHOWN[usize::from(layout.width.is_some_and(|w| w < 60))];
    // A long review below (acting for someone, a letter) leaves the window less room.
    let shown = if reviewed > LONG_REVIEW {
        shown.min(2)
    } else {
        shown
    };
    let titles = precautions
        .iter()
        .map(|precaution| precaution.title.get(layout.lang).to_owned());
    first_of(
        Ui::BeforeYouSend,
        &titles.collect::<Vec<_>>(),
        shown,
        [Ui::MorePrecautions, Ui::ChecklistComesLast],
        layout,
    )
}

/// Under `heading`, the first `shown` of `lines`, then how many more there are (`ends[0]`,
/// with the count) or, where none is left out, `ends[1]`.
fn first_of(heading: Ui, lines: &[String], shown: usize, ends: [Ui; 2], layout: &Layout) -> String {
    let mut out = String::new();
    layout.emphasized(Emphasis::Bold, &mut out, "", "", layout.t(heading));
    for line in lines.iter().take(shown) {
        layout.paragraph(&mut out, "  • ", "    ", line);
    }
    let more = lines.len().saturating_sub(shown);
    let last = if more > 0 {
        layout.tf(ends[0], &[("count", &more)])
    } else {
        layout.t(ends[1]).to_owned()
    };
    layout.paragraph(&mut out, "", "", &last);
    out
}

/// How many of the services the user has are listed before the contact phase, in a window
/// of 60 columns or more, and in a narrower one: the channel question must fit below them.
const SERVICES_SHOWN: [usize; 2] = [4, 2];

/// A line for the first services the user has that depend on the number: what to do, and
/// whether it is confirmed; each in full in the saved checklist.
fn services(services: &[&Entry], layout: &Layout) -> String {
    let shown = SERVICES_SHOWN[usize::from(layout.width.is_some_and(|w| w < 60))];
    let lines = services.iter().map(|entry| {
        format!(
            "{}{}",
            entry.title.get(layout.lang),
            super::tag(&entry.provenance, layout)
        )
    });
    first_of(
        Ui::ServicesHeading,
        &lines.collect::<Vec<_>>(),
        shown,
        [Ui::MoreServices, Ui::ServicesSaved],
        layout,
    )
}

/// Why nothing is sent to the old operator when the number is ported.
#[must_use]
fn porting(operator: &Operator, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::PortingTitle));
    let text = layout.tf(Ui::PortingText, &[("operator", &operator.name)]);
    layout.paragraph(&mut out, "", "", &text);
    out
}

/// Why a company-paid subscription stops here.
#[must_use]
fn employer(layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::EmployerTitle));
    layout.paragraph(&mut out, "", "", layout.t(Ui::EmployerText));
    out
}

/// A word on identity papers: nocard never asks for an identity number. Someone acting for
/// the owner shows they may, not that they own it.
#[must_use]
fn identity(acting: Option<Acting>, layout: &Layout) -> String {
    let mut out = String::new();
    let text = match acting {
        Some(Acting::Estate) => Ui::IdentityTextEstate,
        Some(Acting::Proxy) => Ui::IdentityTextProxy,
        Some(Acting::Owner) | None => Ui::IdentityText,
    };
    layout.paragraph(&mut out, "", "", layout.t(text));
    out
}

/// What happens after the request: the day the subscription ends, and the follow-up.
fn what_next(
    operator: &Operator,
    end: Option<Date>,
    prepaid: bool,
    leaving: bool,
    today: Date,
    layout: &Layout,
) -> String {
    let lang = layout.lang;
    let mut out = String::new();
    match (&operator.notice, end) {
        // A notice period is a subscription's; the message asks for a prepaid card's end.
        _ if prepaid => {}
        (Some(notice), Some(end)) if notice.rule != NoticeRule::Unknown => {
            let ends = if end == today {
                layout.tf(Ui::EndsToday, &[("operator", &operator.name)])
            } else {
                layout.tf(
                    Ui::EndsOn,
                    &[
                        ("operator", &operator.name),
                        ("date", &long_date(end, lang)),
                    ],
                )
            };
            let line = format!("{ends}{}", super::tag(&notice.provenance, layout));
            layout.paragraph(&mut out, "", "", &line);
        }
        (notice, _) => {
            let check_on = notice
                .as_ref()
                .map_or(&*operator.home, |n| &*n.provenance.check_on);
            let line = layout.tf(
                Ui::NoticeUnknownCheck,
                &[("operator", &operator.name), ("url", &check_on)],
            );
            layout.paragraph(&mut out, "", "", &line);
        }
    }
    // An end today leaves no time abroad to keep the SIM working for.
    if leaving && let Some(end) = end.filter(|end| !prepaid && *end > today) {
        let line = layout.tf(Ui::LeavingUntilEnd, &[("date", &long_date(end, lang))]);
        layout.paragraph(&mut out, "", "", &line);
    }
    out
}

/// The answers so far, one per line, before the message is written.
fn review(answers: &[Value], walk: &Walk, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::YourAnswers));
    let acting = answers.iter().find_map(|value| match value {
        Value::Acting(acting) => Some(*acting),
        _ => None,
    });
    let name = |value: &Value| layout.t(super::questions::short_name(value.question(), acting));
    let width = answers
        .iter()
        .map(|value| console::measure_text_width(name(value)))
        .max()
        .unwrap_or(0);
    for value in answers {
        let answer = match value {
            Value::Uses(ids) => uses_in_words(ids, walk.services, layout),
            other => answer_in_words(other, walk.operator, layout),
        };
        let name = console::pad_str(name(value), width, console::Alignment::Left, None);
        let first = format!("  {name}  ");
        let indent = " ".repeat(console::measure_text_width(&first));
        layout.paragraph(&mut out, &first, &indent, &answer);
    }
    out
}

/// An open case for the number the user is about to cancel again.
fn open_case(case: &Case, operator: &Operator, today: Date, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::DuplicateTitle));
    let operator = Some(operator).filter(|op| op.id == case.operator);
    out.push_str(&super::status::case(case, operator, today, layout));
    out
}
