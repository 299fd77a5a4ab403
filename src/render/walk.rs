//! What the walk shows between its questions, and the words of its questions.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::operators::{Citations, channel, channel_kind, entry, phase_title};
use super::{Emphasis, Layout};
use crate::casebook::Case;
use crate::checklist::Checklist;
use crate::i18n::{Ui, long_date};
use crate::operator::{ChannelKind, Entry, NoticeRule, Operator, Phase, Step};
use crate::questions::{Question, Value};
use crate::text::Lang;
use crate::walk::{Show, Walk};

/// What the walk decided to show, drawn.
#[must_use]
pub fn show(show: &Show, walk: &Walk, layout: &Layout) -> String {
    let operator = walk.operator;
    match show {
        Show::Checked => checked(operator, walk.today, layout),
        Show::Header(phase) => header(*phase, layout),
        Show::Steps(steps) => self::steps(steps, layout),
        Show::BeforeYouSend(precautions) => before_you_send(precautions, layout),
        Show::Porting => porting(operator, layout),
        Show::Employer => employer(layout),
        Show::Channels => channels(operator, layout),
        Show::Identity => identity(layout),
        Show::WhatNext { end } => what_next(operator, *end, layout),
        Show::Review(answers) => review(answers, operator, layout),
        Show::Message {
            text,
            path,
            channel,
        } => message(text, path, *channel, layout),
        Show::OpenCase(case) => open_case(case, operator, walk.today, layout),
        Show::Recorded(id) => recorded(*id, layout),
        Show::NotRecorded => not_recorded(layout),
        Show::Checklist(list) => checklist(list, layout),
    }
}

/// `── 2/5 Contact ──`, so the user always knows where they are.
#[must_use]
fn header(phase: Phase, layout: &Layout) -> String {
    let mut out = String::from("\n");
    let title = format!("── {} ──", phase_title(phase, layout));
    layout.emphasized(Emphasis::Bold, &mut out, "", "", &title);
    out
}

/// A heading inside a phase.
fn heading(out: &mut String, layout: &Layout, text: &str) {
    out.push('\n');
    layout.emphasized(Emphasis::Bold, out, "", "", text);
}

/// "Telenor's procedure was last compared with its sources on …", and the notice of
/// `freshness` where there is one.
#[must_use]
fn checked(operator: &Operator, today: Date, layout: &Layout) -> String {
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
    out
}

/// The operator's steps that hold, as the walk chose them.
fn steps(steps: &[&Step], layout: &Layout) -> String {
    let mut out = String::new();
    for step in steps {
        entry(&mut out, layout, &Citations::Inline, &step.entry);
    }
    out
}

/// The titles of the common precautions that hold, as a reminder before anything is sent.
fn before_you_send(precautions: &[&Entry], layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::BeforeYouSend));
    for precaution in precautions {
        layout.paragraph(&mut out, "  • ", "    ", precaution.title.get(layout.lang));
    }
    layout.paragraph(&mut out, "", "", layout.t(Ui::ChecklistComesLast));
    out
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

/// The operator's channels, with what each needs.
#[must_use]
fn channels(operator: &Operator, layout: &Layout) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        layout,
        &layout.tf(Ui::WaysToReach, &[("operator", &operator.name)]),
    );
    for channel in &operator.channels {
        self::channel(&mut out, layout, &Citations::Inline, channel);
    }
    out
}

/// A word on identity papers: nocard never asks for an identity number.
#[must_use]
fn identity(layout: &Layout) -> String {
    let mut out = String::new();
    layout.paragraph(&mut out, "", "", layout.t(Ui::IdentityText));
    out
}

/// What happens after the request: the notice period and the expected end date.
fn what_next(operator: &Operator, end: Option<Date>, layout: &Layout) -> String {
    let lang = layout.lang;
    let mut out = String::new();
    match &operator.notice {
        Some(notice) if notice.rule != NoticeRule::Unknown => {
            let line = layout.tf(Ui::NoticeLine, &[("detail", &notice.detail.get(lang))]);
            layout.paragraph(&mut out, "", "", &line);
            if let Some(end) = end {
                let mut line = layout.tf(
                    Ui::EndsOn,
                    &[
                        ("operator", &operator.name),
                        ("date", &long_date(end, lang)),
                    ],
                );
                if !notice.provenance.confirmed {
                    line.push(' ');
                    line.push_str(
                        &layout.tf(Ui::NotConfirmed, &[("url", &notice.provenance.check_on)]),
                    );
                }
                layout.paragraph(&mut out, "", "", &line);
            }
        }
        notice => {
            let check_on = notice
                .as_ref()
                .map_or(operator.home.as_str(), |n| n.provenance.check_on.as_str());
            let line = layout.tf(
                Ui::NoticeUnknownCheck,
                &[("operator", &operator.name), ("url", &check_on)],
            );
            layout.paragraph(&mut out, "", "", &line);
        }
    }
    layout.paragraph(&mut out, "", "", layout.t(Ui::FollowUp));
    out
}

/// The answers so far, one per line, before the message is written.
fn review(answers: &[Value], operator: &Operator, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::YourAnswers));
    let name = |value: &Value| layout.t(value.question().row().name);
    let width = answers
        .iter()
        .map(|value| console::measure_text_width(name(value)))
        .max()
        .unwrap_or(0);
    for value in answers {
        let answer = answer_in_words(value, operator, layout);
        let name = console::pad_str(name(value), width, console::Alignment::Left, None);
        let first = format!("  {name}  ");
        let indent = " ".repeat(console::measure_text_width(&first));
        layout.paragraph(&mut out, &first, &indent, &answer);
    }
    out
}

/// An answer in the words of its option, or as typed.
fn answer_in_words(value: &Value, operator: &Operator, layout: &Layout) -> String {
    match value {
        Value::Channel(kind) => channel_option(*kind, operator, layout),
        other => other.label().map_or_else(
            || other.shown().into_owned(),
            |label| layout.t(label).to_owned(),
        ),
    }
}

/// The message, framed, and where it was saved.
fn message(text: &str, path: &std::path::Path, channel: ChannelKind, layout: &Layout) -> String {
    let rule = "─".repeat(layout.width.unwrap_or(60).min(60));
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::YourMessage));
    let _ = writeln!(out, "{rule}");
    // The file keeps the message's own lines; the screen wraps them.
    for line in text.lines() {
        layout.paragraph(&mut out, "", "", line);
    }
    let _ = writeln!(out, "{rule}");
    if layout.lang == Lang::Zh {
        layout.paragraph(&mut out, "", "", layout.t(Ui::MessageExplained));
    }
    let how = layout.t(match channel {
        ChannelKind::Phone => Ui::SendPhone,
        ChannelKind::Chat => Ui::SendChat,
        ChannelKind::Web => Ui::SendWeb,
        ChannelKind::App => Ui::SendApp,
        ChannelKind::Store => Ui::SendStore,
        ChannelKind::Email => Ui::SendEmail,
        ChannelKind::Letter => Ui::SendLetter,
    });
    let saved = layout.tf(Ui::Saved, &[("path", &path.display()), ("how", &how)]);
    layout.paragraph(&mut out, "", "", &saved);
    out
}

/// Where the case was recorded, and how to follow it.
fn recorded(id: Option<u32>, layout: &Layout) -> String {
    let mut out = String::new();
    let line = match id {
        Some(id) => layout.tf(Ui::Recorded, &[("id", &id)]),
        None => layout.t(Ui::RecordsUnavailable).to_owned(),
    };
    layout.paragraph(&mut out, "", "", &line);
    out
}

/// Said when the request was not sent yet: nothing is recorded.
fn not_recorded(layout: &Layout) -> String {
    let mut out = String::new();
    layout.paragraph(&mut out, "", "", layout.t(Ui::NotRecorded));
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

/// The checklist that ends every walk.
fn checklist(checklist: &Checklist, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::ChecklistHeading));
    for (index, item) in checklist.items.iter().enumerate() {
        let number = format!("  [ ] {:>2}. ", index + 1);
        layout.paragraph(
            &mut out,
            &number,
            "         ",
            item.entry.title.get(layout.lang),
        );
    }
    let id = checklist.operator.map_or("ID", |op| op.id.as_str());
    layout.paragraph(
        &mut out,
        "",
        "",
        &layout.tf(Ui::ChecklistDetails, &[("id", &id)]),
    );
    out
}

/// The prompt for a question.
#[must_use]
pub fn prompt(question: Question, operator: &Operator, layout: &Layout) -> String {
    let prompt = question.row().prompt;
    match question {
        Question::Channel => layout.tf(prompt, &[("operator", &operator.name)]),
        _ => layout.t(prompt).to_owned(),
    }
}

/// The words of one option of a choice.
#[must_use]
pub fn option(value: &Value, operator: &Operator, layout: &Layout) -> String {
    answer_in_words(value, operator, layout)
}

/// "letter: A letter to Telenor Norge AS (not confirmed)": a kind of channel and the
/// operator's channels of that kind.
fn channel_option(kind: ChannelKind, operator: &Operator, layout: &Layout) -> String {
    let channels: Vec<_> = operator
        .channels
        .iter()
        .filter(|c| c.kind == kind)
        .collect();
    let label = channels
        .iter()
        .map(|c| c.label.get(layout.lang))
        .collect::<Vec<_>>()
        .join(" / ");
    let mut option = format!("{}: {label}", channel_kind(kind, layout));
    if channels.iter().all(|c| !c.provenance.confirmed) {
        option.push(' ');
        option.push_str(layout.t(Ui::NotConfirmedShort));
    }
    option
}

/// "Change channel: letter", an option at the review.
#[must_use]
pub fn change_label(
    question: Question,
    walk: &Walk,
    answers: &crate::answers::Answers,
    layout: &Layout,
) -> String {
    let answer = answers
        .get(question)
        .map(|value| answer_in_words(value, walk.operator, layout))
        .unwrap_or_default();
    layout.tf(
        Ui::ReviewChange,
        &[
            ("question", &layout.t(question.row().name)),
            ("answer", &answer),
        ],
    )
}
