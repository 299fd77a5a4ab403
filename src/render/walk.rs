//! What the walk shows between its questions, and the words of its questions.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::operators::{Citations, channel, channel_kind, entry, phase_title};
use super::{Emphasis, Layout};
use crate::answers::{Answers, Question, channel_kinds};
use crate::checklist::Checklist;
use crate::i18n::{Ui, long_date};
use crate::operator::{ChannelKind, Common, NoticeRule, Operator, Phase};
use crate::situation::{Balance, Choice, Intent, Payer, Plan, Sim, Situation};
use crate::store::Case;
use crate::text::Lang;

/// `── 2/5 Contact ──`, so the user always knows where they are.
#[must_use]
pub fn header(phase: Phase, layout: &Layout) -> String {
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
pub fn checked(operator: &Operator, today: Date, layout: &Layout) -> String {
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

/// The operator's steps of `phase` that hold in `situation`.
#[must_use]
pub fn steps(operator: &Operator, phase: Phase, situation: &Situation, layout: &Layout) -> String {
    let mut out = String::new();
    for step in operator.steps_in(phase) {
        if step.entry.when.admits(situation) {
            entry(&mut out, layout, &Citations::Inline, &step.entry);
        }
    }
    out
}

/// The titles of the common precautions that hold, as a reminder before anything is sent.
#[must_use]
pub fn before_you_send(common: &Common, situation: &Situation, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::BeforeYouSend));
    for precaution in common
        .precautions
        .iter()
        .filter(|p| p.when.admits(situation))
    {
        layout.paragraph(&mut out, "  • ", "    ", precaution.title.get(layout.lang));
    }
    layout.paragraph(&mut out, "", "", layout.t(Ui::ChecklistComesLast));
    out
}

/// Why nothing is sent to the old operator when the number is ported.
#[must_use]
pub fn porting(operator: &Operator, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::PortingTitle));
    let text = layout.tf(Ui::PortingText, &[("operator", &operator.name)]);
    layout.paragraph(&mut out, "", "", &text);
    out
}

/// Why a company-paid subscription stops here.
#[must_use]
pub fn employer(layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::EmployerTitle));
    layout.paragraph(&mut out, "", "", layout.t(Ui::EmployerText));
    out
}

/// The operator's channels, with what each needs.
#[must_use]
pub fn channels(operator: &Operator, layout: &Layout) -> String {
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
pub fn identity(layout: &Layout) -> String {
    let mut out = String::new();
    layout.paragraph(&mut out, "", "", layout.t(Ui::IdentityText));
    out
}

/// What happens after the request: the notice period and the expected end date.
#[must_use]
pub fn what_next(operator: &Operator, today: Date, layout: &Layout) -> String {
    let lang = layout.lang;
    let mut out = String::new();
    match &operator.notice {
        Some(notice) if notice.rule != NoticeRule::Unknown => {
            let line = layout.tf(Ui::NoticeLine, &[("detail", &notice.detail.get(lang))]);
            layout.paragraph(&mut out, "", "", &line);
            if let Some(end) = expected_end(notice.rule, today) {
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

/// The end date a notice rule gives for a request received on `received`.
#[must_use]
pub fn expected_end(rule: NoticeRule, received: Date) -> Option<Date> {
    match rule {
        NoticeRule::NextDay => received.tomorrow().ok(),
        NoticeRule::EndOfMonth => Some(received.last_of_month()),
        NoticeRule::EndOfNextMonth => received
            .first_of_month()
            .checked_add(jiff::Span::new().months(1))
            .ok()
            .map(Date::last_of_month),
        NoticeRule::Unknown => None,
    }
}

/// The answers so far, one per line, before the message is written.
#[must_use]
pub fn review(answers: &Answers, operator: &Operator, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::YourAnswers));
    let names: Vec<(Question, &str)> = Question::ALL
        .into_iter()
        .filter(|&question| answers.is_answered(question))
        .filter(|&question| !matches!(question, Question::Sent | Question::Reference))
        .map(|question| (question, question_name(question, layout.lang)))
        .collect();
    let width = names
        .iter()
        .map(|(_, name)| console::measure_text_width(name))
        .max()
        .unwrap_or(0);
    for (question, name) in names {
        let answer = answer_in_words(question, answers, operator, layout).unwrap_or_default();
        let name = console::pad_str(name, width, console::Alignment::Left, None);
        let first = format!("  {name}  ");
        let indent = " ".repeat(console::measure_text_width(&first));
        layout.paragraph(&mut out, &first, &indent, &answer);
    }
    out
}

/// The short name of a question, as the review shows it.
#[must_use]
pub fn question_name(question: Question, lang: Lang) -> &'static str {
    match question {
        Question::Intent => Ui::KeyIntent,
        Question::Payer => Ui::KeyPayer,
        Question::Plan => Ui::KeyPlan,
        Question::Sim => Ui::KeySim,
        Question::Channel => Ui::KeyChannel,
        Question::Phone => Ui::KeyPhone,
        Question::Name => Ui::KeyName,
        Question::Balance => Ui::KeyBalance,
        Question::Account => Ui::KeyAccount,
        Question::Sent => Ui::KeySent,
        Question::Reference => Ui::KeyReference,
    }
    .get(lang)
}

/// An answer in the words of its option, or as typed.
fn answer_in_words(
    question: Question,
    answers: &Answers,
    operator: &Operator,
    layout: &Layout,
) -> Option<String> {
    let word = answers.shown(question)?;
    Some(match options(question, operator, layout) {
        Some(options) => options
            .into_iter()
            .find(|(option, _)| *option == word)
            .map_or(word, |(_, label)| label),
        None => word,
    })
}

/// The message, framed, and where it was saved.
#[must_use]
pub fn message(
    text: &str,
    path: &std::path::Path,
    channel: ChannelKind,
    layout: &Layout,
) -> String {
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
#[must_use]
pub fn recorded(id: Option<u32>, layout: &Layout) -> String {
    let mut out = String::new();
    let line = match id {
        Some(id) => layout.tf(Ui::Recorded, &[("id", &id)]),
        None => layout.t(Ui::RecordsUnavailable).to_owned(),
    };
    layout.paragraph(&mut out, "", "", &line);
    out
}

/// Said when the request was not sent yet: nothing is recorded.
#[must_use]
pub fn not_recorded(layout: &Layout) -> String {
    let mut out = String::new();
    layout.paragraph(&mut out, "", "", layout.t(Ui::NotRecorded));
    out
}

/// An open case for the number the user is about to cancel again.
#[must_use]
pub fn open_case(case: &Case, operator: &Operator, today: Date, layout: &Layout) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::DuplicateTitle));
    let operator = Some(operator).filter(|op| op.id == case.operator);
    out.push_str(&super::status::case(case, operator, today, layout));
    out
}

/// The checklist that ends every walk.
#[must_use]
pub fn checklist(checklist: &Checklist, layout: &Layout) -> String {
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
    let key = match question {
        Question::Intent => Ui::QIntent,
        Question::Payer => Ui::QPayer,
        Question::Plan => Ui::QPlan,
        Question::Sim => Ui::QSim,
        Question::Channel => return layout.tf(Ui::QChannel, &[("operator", &operator.name)]),
        Question::Phone => Ui::QPhone,
        Question::Name => Ui::QName,
        Question::Balance => Ui::QBalance,
        Question::Account => Ui::QAccount,
        Question::Sent => Ui::QSent,
        Question::Reference => Ui::QReference,
    };
    layout.t(key).to_owned()
}

/// The options of a choice question as `(answer word, label)`; `None` for free text.
#[must_use]
pub fn options(
    question: Question,
    operator: &Operator,
    layout: &Layout,
) -> Option<Vec<(String, String)>> {
    fn word<C: Choice>(choice: C, label: Ui) -> (&'static str, Ui) {
        (choice.word(), label)
    }
    let lang = layout.lang;
    let labelled = |choices: Vec<(&'static str, Ui)>| {
        choices
            .into_iter()
            .map(|(word, label)| (word.to_owned(), label.get(lang).to_owned()))
            .collect()
    };
    Some(match question {
        Question::Intent => labelled(vec![
            word(Intent::Cancel, Ui::OptIntentCancel),
            word(Intent::Port, Ui::OptIntentPort),
            word(Intent::Keep, Ui::OptIntentKeep),
        ]),
        Question::Payer => labelled(vec![
            word(Payer::Private, Ui::OptPayerPrivate),
            word(Payer::Company, Ui::OptPayerCompany),
        ]),
        Question::Plan => labelled(vec![
            word(Plan::Postpaid, Ui::OptPlanPostpaid),
            word(Plan::Prepaid, Ui::OptPlanPrepaid),
        ]),
        Question::Sim => labelled(vec![
            word(Sim::Physical, Ui::OptSimPhysical),
            word(Sim::Esim, Ui::OptSimEsim),
        ]),
        Question::Balance => labelled(vec![
            word(Balance::Refund, Ui::OptBalanceRefund),
            word(Balance::Use, Ui::OptBalanceUse),
            word(Balance::Leave, Ui::OptBalanceLeave),
        ]),
        Question::Channel => channel_kinds(operator)
            .into_iter()
            .map(|kind| {
                let channels: Vec<_> = operator
                    .channels
                    .iter()
                    .filter(|c| c.kind == kind)
                    .collect();
                let label = channels
                    .iter()
                    .map(|c| c.label.get(lang))
                    .collect::<Vec<_>>()
                    .join(" / ");
                let mut option = format!("{}: {label}", channel_kind(kind, layout));
                if channels.iter().all(|c| !c.provenance.confirmed) {
                    option.push(' ');
                    option.push_str(layout.t(Ui::NotConfirmedShort));
                }
                (kind.word().to_owned(), option)
            })
            .collect(),
        Question::Sent => vec![
            ("true".to_owned(), layout.t(Ui::OptSentYes).to_owned()),
            ("false".to_owned(), layout.t(Ui::OptSentNo).to_owned()),
        ],
        Question::Phone | Question::Name | Question::Account | Question::Reference => return None,
    })
}

/// "Change channel: letter", an option at the review.
#[must_use]
pub fn change_label(
    question: Question,
    answers: &Answers,
    operator: &Operator,
    layout: &Layout,
) -> String {
    let answer = answer_in_words(question, answers, operator, layout).unwrap_or_default();
    layout.tf(
        Ui::ReviewChange,
        &[
            ("question", &question_name(question, layout.lang)),
            ("answer", &answer),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn end_dates_follow_the_notice_rule() {
        let received = date(2026, 6, 14);
        assert_eq!(
            expected_end(NoticeRule::NextDay, received),
            Some(date(2026, 6, 15))
        );
        assert_eq!(
            expected_end(NoticeRule::EndOfMonth, received),
            Some(date(2026, 6, 30))
        );
        // Telenor's example: notice in June ends on 31 July.
        assert_eq!(
            expected_end(NoticeRule::EndOfNextMonth, received),
            Some(date(2026, 7, 31))
        );
        assert_eq!(
            expected_end(NoticeRule::EndOfNextMonth, date(2026, 12, 31)),
            Some(date(2027, 1, 31))
        );
        assert_eq!(expected_end(NoticeRule::Unknown, received), None);
    }
}
