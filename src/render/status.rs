//! The case book as the user reads it: what was sent, when, and what to do next.

use std::fmt::Write as _;

use jiff::civil::Date;
use serde_json::json;

use super::operators::channel_kind;
use super::{Emphasis, Layout};
use crate::cases::{NextAction, days_since, masked, shown};
use crate::cli::ListFormat;
use crate::i18n::{Ui, long_date};
use crate::operator::{ChannelKind, Operator};
use crate::store::{Case, State};

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
            shown(&case.number)
        } else {
            masked(&case.number)
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
                        "intent": case.intent,
                        "channel": case.channel,
                        "sent": case.sent.to_string(),
                        "days_since_sent": days_since(case.sent, today),
                        "reference": case.reference,
                        "expected_end": case.expected_end.map(|date| date.to_string()),
                        "state": state_word(case.state),
                        "next_action": action,
                        "next_action_by": by.map(|date| date.to_string()),
                        "message": case.message,
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
    one(case, operator, today, &masked(&case.number), layout)
}

fn one(
    case: &Case,
    operator: Option<&Operator>,
    today: Date,
    number: &str,
    layout: &Layout,
) -> String {
    let lang = layout.lang;
    let mut out = String::new();
    let name = operator.map_or(case.operator.as_str(), |op| op.name.as_str());
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
    let channel = ChannelKind::from_word(&case.channel)
        .map_or(case.channel.as_str(), |kind| channel_kind(kind, layout));
    let sent = layout.tf(
        Ui::CaseSent,
        &[
            ("date", &long_date(case.sent, lang)),
            ("days", &days_since(case.sent, today)),
            ("channel", &channel),
        ],
    );
    layout.paragraph(&mut out, "    ", "    ", &sent);
    if let Some(reference) = &case.reference {
        layout.paragraph(
            &mut out,
            "    ",
            "    ",
            &layout.tf(Ui::CaseReference, &[("reference", reference)]),
        );
    }
    if let Some(end) = case.expected_end {
        layout.paragraph(
            &mut out,
            "    ",
            "    ",
            &layout.tf(Ui::CaseEnds, &[("date", &long_date(end, lang))]),
        );
    }
    if let Some(message) = &case.message {
        layout.paragraph(
            &mut out,
            "    ",
            "    ",
            &layout.tf(Ui::CaseMessage, &[("path", &message.display())]),
        );
    }
    let (action, _) = next_action(case, operator, today, layout);
    layout.emphasized(Emphasis::Bold, &mut out, "    → ", "      ", &action);
    out
}

/// What to do next, in words, and by when.
fn next_action(
    case: &Case,
    operator: Option<&Operator>,
    today: Date,
    layout: &Layout,
) -> (String, Option<Date>) {
    let lang = layout.lang;
    let how = how_to_reach(case, operator, layout);
    match NextAction::for_case(case, today) {
        NextAction::AwaitConfirmation { follow_up_by } => (
            layout.tf(
                Ui::NextFollowUpBy,
                &[("date", &long_date(follow_up_by, lang)), ("how", &how)],
            ),
            Some(follow_up_by),
        ),
        NextAction::FollowUpNow { since } => (
            layout.tf(
                Ui::NextFollowUpNow,
                &[("date", &long_date(since, lang)), ("how", &how)],
            ),
            Some(today),
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
        NextAction::Done => (layout.t(Ui::NextDone).to_owned(), None),
    }
}

/// "phone, 915 09 000": the same channel as the request, with its address where the
/// operator's data gives one.
fn how_to_reach(case: &Case, operator: Option<&Operator>, layout: &Layout) -> String {
    let Some(kind) = ChannelKind::from_word(&case.channel) else {
        return case.channel.clone();
    };
    let mut how = channel_kind(kind, layout).to_owned();
    let address = operator
        .and_then(|op| op.channels.iter().find(|channel| channel.kind == kind))
        .and_then(|channel| match &channel.address {
            crate::operator::Address::Phone(a)
            | crate::operator::Address::Url(a)
            | crate::operator::Address::Email(a)
            | crate::operator::Address::Postal(a) => Some(a.clone()),
            crate::operator::Address::None => None,
        });
    if let Some(address) = address {
        let _ = write!(how, ", {address}");
    }
    how
}

fn state_word(state: State) -> &'static str {
    match state {
        State::Sent => "sent",
        State::Confirmed => "confirmed",
        State::Closed => "closed",
    }
}

fn state_name(state: State, layout: &Layout) -> &'static str {
    layout.t(match state {
        State::Sent => Ui::StateSent,
        State::Confirmed => Ui::StateConfirmed,
        State::Closed => Ui::StateClosed,
    })
}
