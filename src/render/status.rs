//! The case book as the user reads it: what was sent, when, and what to do next.

use jiff::civil::Date;
use serde_json::json;

use super::{Emphasis, Layout, ListFormat};
use crate::casebook::{Case, NextAction, Sha256, State};
use crate::i18n::{Ui, channel_how, long_date};
use crate::operator::{Address, ChannelKind, Operator};
use crate::situation::Choice as _;
use crate::values::Reference;

/// All cases, newest first, as text or JSON. `operators` gives channel details where known.
#[must_use]
pub fn status(
    cases: &[Case],
    operators: &[Operator],
    today: Date,
    show_numbers: bool,
    format: ListFormat,
    layout: &Layout,
) -> String {
    let number = |case: &Case| {
        if show_numbers {
            case.number.to_string()
        } else {
            case.number.masked()
        }
    };
    match format {
        ListFormat::Json => {
            let list: Vec<_> = cases
                .iter()
                .rev()
                .map(|case| {
                    let operator = operators.iter().find(|op| op.id == case.operator);
                    let (action, by) = next_action(case, operator, today, layout);
                    json!({
                        "id": case.id,
                        "operator": case.operator,
                        "number": number(case),
                        "intent": case.intent.word(),
                        "channel": case.channel.word(),
                        "recipient": case.recipient,
                        "written": case.written_on().to_string(),
                        "sent": case.sent.map(|date| date.to_string()),
                        "days_since_sent": case.sent.map(|_| case.days_since(today)),
                        "reference": case.reference.as_ref().map(Reference::as_str),
                        "expected_end": case.expected_end.map(|date| date.to_string()),
                        "state": case.state.word(),
                        "followed_up": case.followed_up.iter().map(ToString::to_string).collect::<Vec<_>>(),
                        "refused": case.refused.map(|date| date.to_string()),
                        "complained": case.complained.map(|date| date.to_string()),
                        "next_action": action,
                        "next_action_by": by.map(|date| date.to_string()),
                        "message": case.message,
                        "sha256": case.sha256.as_ref().map(Sha256::as_str),
                    })
                })
                .collect();
            let mut out = serde_json::to_string_pretty(&list).unwrap_or_default();
            out.push('\n');
            out
        }
        ListFormat::Text if cases.is_empty() => {
            let mut out = String::new();
            layout.paragraph(&mut out, "", "", layout.t(Ui::NoCases));
            out
        }
        ListFormat::Text => {
            let mut out = String::new();
            for (index, case) in cases.iter().rev().enumerate() {
                if index > 0 {
                    out.push('\n');
                }
                let operator = operators.iter().find(|op| op.id == case.operator);
                out.push_str(&one(case, operator, today, &number(case), layout));
            }
            out
        }
    }
}

/// One case as text, number masked, for the duplicate guard.
#[must_use]
pub fn case(case: &Case, operator: Option<&Operator>, today: Date, layout: &Layout) -> String {
    one(case, operator, today, &case.number.masked(), layout)
}

fn one(
    case: &Case,
    operator: Option<&Operator>,
    today: Date,
    number: &str,
    layout: &Layout,
) -> String {
    let mut out = String::new();
    let name = operator.map_or(case.operator.as_str(), |op| &*op.name);
    let title = layout.tf(
        Ui::CaseTitle,
        &[
            ("id", &case.id),
            ("operator", &name),
            ("number", &number),
            ("state", &state_name(case.state, layout)),
        ],
    );
    layout.emphasized(Emphasis::Bold, &mut out, "", "    ", &title);
    for line in std::iter::once(when(case, today, layout)).chain(facts(case, layout)) {
        layout.paragraph(&mut out, "    ", "    ", &line);
    }
    let (action, _) = next_action(case, operator, today, layout);
    layout.emphasized(Emphasis::Bold, &mut out, "    → ", "      ", &action);
    out
}

/// When it was written or sent, and how.
fn when(case: &Case, today: Date, layout: &Layout) -> String {
    let channel = channel_how(case.channel, layout.lang);
    let date = long_date(case.since(), layout.lang);
    // A call or a visit is made with a script, not sent.
    let script = matches!(case.channel, ChannelKind::Phone | ChannelKind::Store);
    match (case.sent, case.days_since(today)) {
        (None, 0) if script => layout.tf(Ui::CaseScriptToday, &[("channel", &channel)]),
        (None, _) if script => layout.tf(Ui::CaseScript, &[("date", &date), ("channel", &channel)]),
        (None, 0) => layout.tf(Ui::CaseWrittenToday, &[("channel", &channel)]),
        (None, _) => layout.tf(Ui::CaseWritten, &[("date", &date), ("channel", &channel)]),
        (Some(_), 0) => layout.tf(Ui::CaseSentToday, &[("channel", &channel)]),
        (Some(_), 1) => layout.tf(
            Ui::CaseSentOneDay,
            &[("date", &date), ("channel", &channel)],
        ),
        // A date after today: the clock was moved, or the user gave one ahead.
        (Some(_), days) if days < 0 => layout.tf(
            Ui::CaseSentFuture,
            &[("date", &date), ("channel", &channel)],
        ),
        (Some(_), days) => layout.tf(
            Ui::CaseSent,
            &[("date", &date), ("days", &days), ("channel", &channel)],
        ),
    }
}

/// What the case book knows of a case, a line each: where it went, the reference, the end,
/// the message and its digest, and each step up the ladder.
fn facts(case: &Case, layout: &Layout) -> Vec<String> {
    let day = |date: Date| long_date(date, layout.lang);
    let mut lines = Vec::new();
    if let Some(recipient) = &case.recipient {
        lines.push(layout.tf(Ui::CaseRecipient, &[("address", recipient)]));
    }
    if let Some(reference) = &case.reference {
        lines.push(layout.tf(Ui::CaseReference, &[("reference", reference)]));
    }
    if let Some(end) = case.expected_end {
        lines.push(layout.tf(Ui::CaseEnds, &[("date", &day(end))]));
    }
    if let Some(message) = &case.message {
        let path = crate::text::printable(&message.display().to_string()).into_owned();
        lines.push(layout.tf(Ui::CaseMessage, &[("path", &path)]));
    }
    if let Some(hash) = &case.sha256 {
        lines.push(layout.tf(Ui::CaseSha256, &[("hash", hash)]));
    }
    if !case.followed_up.is_empty() {
        let dates: Vec<String> = case.followed_up.iter().map(|d| day(*d)).collect();
        lines.push(layout.tf(Ui::CaseFollowedUp, &[("dates", &dates.join(", "))]));
    }
    if let Some(refused) = case.refused {
        lines.push(layout.tf(Ui::CaseRefused, &[("date", &day(refused))]));
    }
    if let Some(complained) = case.complained {
        lines.push(layout.tf(Ui::CaseComplained, &[("date", &day(complained))]));
    }
    lines
}

/// What to do next, in words, and by when.
fn next_action(
    case: &Case,
    operator: Option<&Operator>,
    today: Date,
    layout: &Layout,
) -> (String, Option<Date>) {
    let lang = layout.lang;
    let how = how_to_reach(case.channel, operator, layout);
    let operator_name = operator.map_or(case.operator.as_str(), |op| &*op.name);
    let day = |date: Date| long_date(date, lang);
    match case.next_action(today) {
        NextAction::Send => {
            let key = if matches!(case.channel, ChannelKind::Phone | ChannelKind::Store) {
                Ui::NextSendScript
            } else {
                Ui::NextSend
            };
            (layout.tf(key, &[("how", &how), ("id", &case.id)]), None)
        }
        NextAction::AwaitConfirmation { follow_up_by } => (
            layout.tf(
                Ui::NextFollowUpBy,
                &[("date", &day(follow_up_by)), ("id", &case.id)],
            ),
            Some(follow_up_by),
        ),
        NextAction::FollowUp { since } => {
            // The follow-up's own channel: after a call or a visit, a written one.
            let how = match operator {
                Some(operator) => match crate::message::follow_up_channel(case, operator) {
                    Some(kind) => how_to_reach(kind, Some(operator), layout),
                    None => layout.t(Ui::SendInWriting).to_owned(),
                },
                None => how,
            };
            (
                layout.tf(
                    Ui::NextFollowUpNow,
                    &[("date", &day(since)), ("how", &how), ("id", &case.id)],
                ),
                Some(today),
            )
        }
        NextAction::AwaitAnswer { complain_from } => (
            layout.tf(
                Ui::NextAwaitAnswer,
                &[
                    ("operator", &operator_name),
                    ("date", &day(complain_from)),
                    ("id", &case.id),
                ],
            ),
            Some(complain_from),
        ),
        NextAction::Complain { since } => {
            let key = if case.refused.is_some() {
                Ui::NextComplainRefused
            } else {
                Ui::NextComplain
            };
            (
                layout.tf(
                    key,
                    &[
                        ("operator", &operator_name),
                        ("date", &day(since)),
                        ("id", &case.id),
                    ],
                ),
                Some(today),
            )
        }
        NextAction::AwaitBoard { since } => (
            layout.tf(
                Ui::NextAwaitBoard,
                &[
                    ("operator", &operator_name),
                    ("date", &day(since)),
                    ("id", &case.id),
                ],
            ),
            None,
        ),
        NextAction::SettleFinalBill { end: Some(end) } => (
            layout.tf(
                Ui::NextSettleBy,
                &[("date", &long_date(end, lang)), ("id", &case.id)],
            ),
            Some(end),
        ),
        NextAction::SettleFinalBill { end: None } => {
            (layout.tf(Ui::NextSettle, &[("id", &case.id)]), None)
        }
        NextAction::AwaitEnd => (layout.tf(Ui::NextPrepaidEnd, &[("id", &case.id)]), None),
        NextAction::Done => (layout.t(Ui::NextDone).to_owned(), None),
    }
}

/// "by phone, 915 09 000": a channel of `kind`, with its address where the operator's data
/// gives one.
fn how_to_reach(kind: ChannelKind, operator: Option<&Operator>, layout: &Layout) -> String {
    let mut how = channel_how(kind, layout.lang).to_owned();
    let address = operator
        .and_then(|op| op.channels.iter().find(|channel| channel.kind == kind))
        .and_then(|channel| match &channel.address {
            Address::Phone(a) | Address::Url(a) | Address::Email(a) | Address::Postal(a) => {
                Some(a.clone())
            }
            Address::None => None,
        });
    if let Some(address) = address {
        how = layout.tf(Ui::Joined, &[("first", &how), ("then", &address)]);
    }
    how
}

fn state_name(state: State, layout: &Layout) -> &'static str {
    layout.t(match state {
        State::Written => Ui::StateWritten,
        State::Sent => Ui::StateSent,
        State::Confirmed => Ui::StateConfirmed,
        State::Closed => Ui::StateClosed,
    })
}
