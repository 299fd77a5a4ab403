//! What the walk shows between its questions, and the words of its questions.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::Layout;
use super::operators::{Citations, channel, entry, phase_name};
use crate::answers::{Answers, Question, channel_kinds};
use crate::checklist::Checklist;
use crate::operator::{ChannelKind, Common, NoticeRule, Operator, Phase};
use crate::situation::{Balance, Choice, Intent, Payer, Plan, Sim, Situation};

/// `── 2/5 Contact ──`, so the user always knows where they are.
#[must_use]
pub fn header(phase: Phase, layout: &Layout) -> String {
    let title = format!("{}/5 {}", phase.number(), phase_name(phase));
    format!("\n{}\n", layout.bold(&format!("── {title} ──")))
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
    let mut out = format!("\n{}\n", layout.bold("Before you send anything:"));
    for precaution in common
        .precautions
        .iter()
        .filter(|p| p.when.admits(situation))
    {
        layout.paragraph(&mut out, "  • ", "    ", precaution.title.get(layout.lang));
    }
    layout.paragraph(
        &mut out,
        "",
        "",
        "The whole checklist, with the details, comes at the end.",
    );
    out
}

/// Why nothing is sent to the old operator when the number is ported.
#[must_use]
pub fn porting(operator: &Operator, layout: &Layout) -> String {
    let mut out = format!(
        "\n{}\n",
        layout.bold("Keeping your number with another operator")
    );
    let text = format!(
        "Order a subscription from the new operator and ask to keep your number \
         (nummerportering). The new operator moves the number and that ends your {name} \
         subscription: send nothing to {name}, and do not cancel first, or the number is lost. \
         A prepaid balance may be lost in the move: use it first. If you will be abroad on the \
         day of the move, ask the new operator about timing.",
        name = operator.name
    );
    layout.paragraph(&mut out, "", "", &text);
    out
}

/// Why a company-paid subscription stops here.
#[must_use]
pub fn employer(layout: &Layout) -> String {
    let mut out = format!(
        "\n{}\n",
        layout.bold("Your employer cancels this subscription")
    );
    layout.paragraph(
        &mut out,
        "",
        "",
        "A company-paid subscription belongs to the company, and only the owner can cancel it. \
         Ask your employer's contact for mobile phones to end it, or to let you take the number \
         over as your own (eierskifte) if you want to keep it. nocard writes no message here.",
    );
    out
}

/// The operator's channels, with what each needs.
#[must_use]
pub fn channels(operator: &Operator, layout: &Layout) -> String {
    let mut out = format!(
        "\n{}\n",
        layout.bold(&format!("Ways to reach {}:", operator.name))
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
    layout.paragraph(
        &mut out,
        "",
        "",
        "nocard asks only for what goes into your message: the number and the owner's name. The \
         operator will check that you are the owner: with BankID in the chat or app, with photo \
         ID in a store, or with questions on the phone, and may ask for your date of birth or \
         national identity number (fødselsnummer, or D-number). Give that only by phone, in the \
         store or logged in, never in an open e-mail or letter.",
    );
    out
}

/// What happens after the request: the notice period and the expected end date.
#[must_use]
pub fn what_next(operator: &Operator, today: Date, layout: &Layout) -> String {
    let mut out = String::new();
    match &operator.notice {
        Some(notice) if notice.rule != NoticeRule::Unknown => {
            layout.paragraph(
                &mut out,
                "",
                "",
                &format!("Notice period: {}", notice.detail.get(layout.lang)),
            );
            if let Some(end) = expected_end(notice.rule, today) {
                let mut line = format!(
                    "If {} receives your request today, the subscription ends on {}.",
                    operator.name,
                    crate::message::english_date(end)
                );
                if !notice.provenance.confirmed {
                    let _ = write!(
                        line,
                        " Not confirmed: check on {}",
                        notice.provenance.check_on
                    );
                }
                layout.paragraph(&mut out, "", "", &line);
            }
        }
        notice => {
            let check_on = notice
                .as_ref()
                .map_or(operator.home.as_str(), |n| n.provenance.check_on.as_str());
            layout.paragraph(
                &mut out,
                "",
                "",
                &format!(
                    "{}'s notice period is not known: check on {check_on}",
                    operator.name
                ),
            );
        }
    }
    layout.paragraph(
        &mut out,
        "",
        "",
        "Expect a confirmation within a few days. If none comes, follow up on the same channel and \
         refer to this request; do not send a second one elsewhere.",
    );
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
pub fn review(answers: &Answers, layout: &Layout) -> String {
    let mut out = format!("\n{}\n", layout.bold("Your answers"));
    for question in Question::ALL {
        if let Some(answer) = answers.shown(question) {
            let _ = writeln!(out, "  {:<8} {answer}", question.key());
        }
    }
    out
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
    let mut out = format!("\n{}\n{rule}\n", layout.bold("Your message"));
    // The file keeps the message's own lines; the screen wraps them.
    for line in text.lines() {
        layout.paragraph(&mut out, "", "", line);
    }
    out.push_str(&rule);
    out.push('\n');
    layout.paragraph(
        &mut out,
        "",
        "",
        &format!(
            "Saved to {}. Send it once, {}, and keep the written confirmation.",
            path.display(),
            channel_phrase(channel)
        ),
    );
    out
}

fn channel_phrase(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Phone => "in one phone call (read it out)",
        ChannelKind::Chat => "in the chat",
        ChannelKind::Web => "on the web page",
        ChannelKind::App => "in the app",
        ChannelKind::Store => "in one store visit (show it or read it out)",
        ChannelKind::Email => "by e-mail",
        ChannelKind::Letter => "by letter",
    }
}

/// The checklist that ends every walk.
#[must_use]
pub fn checklist(checklist: &Checklist, layout: &Layout) -> String {
    let mut out = format!("\n{}\n", layout.bold("Checklist"));
    for (index, item) in checklist.items.iter().enumerate() {
        let number = format!("{:>2}. ", index + 1);
        layout.paragraph(
            &mut out,
            &format!("  [ ] {number}"),
            "         ",
            item.entry.title.get(layout.lang),
        );
    }
    layout.paragraph(
        &mut out,
        "",
        "",
        &format!(
            "Details and sources: nocard checklist --operator {}",
            checklist.operator.map_or("ID", |op| op.id.as_str())
        ),
    );
    out
}

/// The prompt for a question.
#[must_use]
pub fn prompt(question: Question, operator: &Operator) -> String {
    match question {
        Question::Intent => "What do you want to happen to the number?".into(),
        Question::Payer => "Who pays for the subscription?".into(),
        Question::Plan => "How do you pay?".into(),
        Question::Sim => "What kind of SIM is it?".into(),
        Question::Channel => format!("Which one channel will you use to reach {}?", operator.name),
        Question::Phone => "The mobile number to cancel (e.g. 912 34 567)".into(),
        Question::Name => "The subscription owner's full name".into(),
        Question::Balance => "What about the money left on the card?".into(),
        Question::Account => "Account for the refund (1234.56.78903 or an IBAN)".into(),
    }
}

/// The options of a choice question as `(answer word, label)`; `None` for free text.
#[must_use]
pub fn options(question: Question, operator: &Operator) -> Option<Vec<(String, String)>> {
    fn labelled<C: Choice>(label: fn(C) -> &'static str) -> Vec<(String, String)> {
        C::ALL
            .iter()
            .map(|&c| (c.word().to_owned(), label(c).to_owned()))
            .collect()
    }
    Some(match question {
        Question::Intent => labelled(|intent| match intent {
            Intent::Cancel => "Cancel for good: end the subscription and give up the number",
            Intent::Port => "Keep the number, with another operator (porting)",
            Intent::Keep => "Keep the number alive without using it",
        }),
        Question::Payer => labelled(|payer| match payer {
            Payer::Private => "I pay for it myself",
            Payer::Company => "My employer pays (company subscription)",
        }),
        Question::Plan => labelled(|plan| match plan {
            Plan::Postpaid => "Postpaid: an invoiced subscription (abonnement)",
            Plan::Prepaid => "Prepaid: a top-up card (kontantkort)",
        }),
        Question::Sim => labelled(|sim| match sim {
            Sim::Physical => "A physical SIM card",
            Sim::Esim => "An eSIM (downloaded profile)",
        }),
        Question::Balance => labelled(|balance| match balance {
            Balance::Refund => "Ask for it to be paid out (refund)",
            Balance::Use => "Use it up before cancelling",
            Balance::Leave => "Leave it, or there is none left",
        }),
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
                    .map(|c| c.label.get(crate::text::Lang::En))
                    .collect::<Vec<_>>()
                    .join(" / ");
                let unconfirmed = channels.iter().all(|c| !c.provenance.confirmed);
                let note = if unconfirmed { " (not confirmed)" } else { "" };
                (kind.word().to_owned(), format!("{kind}: {label}{note}"))
            })
            .collect(),
        Question::Phone | Question::Name | Question::Account => return None,
    })
}

/// The answer to `question` in words, for the review's "change" options.
#[must_use]
pub fn change_label(question: Question, answers: &Answers) -> String {
    format!(
        "Change {}: {}",
        question.key(),
        answers.shown(question).unwrap_or_default()
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
