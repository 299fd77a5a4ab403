//! What is written after the request, as a case climbs the ladder: a follow-up to the
//! operator that cites the first request, its date and channel; then a complaint to
//! Brukerklagenemnda (BKN) with the case's facts and what to attach. Both in Norwegian, with
//! the user's language beside them.

use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;

use super::letter::{Head, Words, wrap};
use super::{Message, Written, lay_out};
use crate::casebook::Case;
use crate::i18n::{Ui, channel_how, long_date};
use crate::operator::{ChannelKind, Operator};
use crate::questions::channel_kinds;
use crate::situation::{Acting, Plan};
use crate::text::Lang;

/// For whom the case's request was written, where not for the writer themself.
fn on_behalf(case: &Case) -> Option<super::OnBehalf<'_>> {
    let owner = case.owner.as_deref()?;
    match case.acting? {
        Acting::Estate => Some(super::OnBehalf::Estate(owner)),
        Acting::Proxy => Some(super::OnBehalf::Proxy(owner)),
        Acting::Owner => None,
    }
}

/// The channel a follow-up for `case` goes on: the request's own where it was written (a
/// letter, an e-mail, a chat, a web form, an app), else a letter or an e-mail where the
/// operator takes one, else the first other written channel it offers. None where it offers
/// none: a text to send in writing however the operator allows.
#[must_use]
pub fn follow_up_channel(case: &Case, operator: &Operator) -> Option<ChannelKind> {
    let kinds = channel_kinds(operator);
    match (written_form(case, operator).0, case.channel) {
        (Written::Letter, _) => Some(ChannelKind::Letter),
        (Written::Email, _) => Some(ChannelKind::Email),
        (Written::Chat, kind @ (ChannelKind::Chat | ChannelKind::Web | ChannelKind::App)) => {
            Some(kind)
        }
        (Written::Chat, _) => [ChannelKind::Chat, ChannelKind::Web, ChannelKind::App]
            .into_iter()
            .find(|kind| kinds.contains(kind)),
    }
}

/// How the follow-up for `case` is sent, as a phrase: `by letter`, `in the chat`, … or, where
/// the operator offers no written channel, in writing however it allows.
#[must_use]
pub fn follow_up_how(case: &Case, operator: &Operator, lang: Lang) -> &'static str {
    follow_up_channel(case, operator).map_or_else(
        || Ui::SendInWriting.get(lang),
        |kind| channel_how(kind, lang),
    )
}

/// The follow-up for `case`, written on `today`, in the form `follow_up_channel` says.
#[must_use]
pub fn follow_up(
    case: &Case,
    operator: &Operator,
    today: Date,
    lang: Lang,
    path: &Path,
) -> Message {
    let (form, recipient) = written_form(case, operator);
    let name = case.name.as_deref().unwrap_or_default();
    let head = Head {
        name,
        address: case.address.as_ref(),
        phone: &case.number,
        own_number: on_behalf(case).is_none(),
        to: &operator.legal_name,
        recipient,
        date: today,
    };
    let words = |lang: Lang| follow_up_words(case, lang);
    lay_out(
        form,
        &head,
        [words(Lang::Nb), words(lang)],
        [
            super::signed_as(on_behalf(case), Lang::Nb),
            super::signed_as(on_behalf(case), lang),
        ],
        lang,
        path,
    )
}

/// The form a written follow-up takes for `case`, and where it goes.
fn written_form<'a>(case: &'a Case, operator: &'a Operator) -> (Written, Option<&'a str>) {
    let address_of = |kind: ChannelKind| super::recipient(operator, kind);
    let kinds = channel_kinds(operator);
    match case.channel {
        ChannelKind::Letter => (Written::Letter, case.recipient.as_deref()),
        ChannelKind::Email => (Written::Email, case.recipient.as_deref()),
        ChannelKind::Chat | ChannelKind::App | ChannelKind::Web => (Written::Chat, None),
        // A call or a visit left nothing written: a letter, else an e-mail, else a text.
        ChannelKind::Phone | ChannelKind::Store => {
            if kinds.contains(&ChannelKind::Letter) {
                (Written::Letter, address_of(ChannelKind::Letter))
            } else if kinds.contains(&ChannelKind::Email) {
                (Written::Email, address_of(ChannelKind::Email))
            } else {
                (Written::Chat, None)
            }
        }
    }
}

fn follow_up_words(case: &Case, lang: Lang) -> Words {
    let day = |date: Date| long_date(date, lang);
    let number = &case.number;
    // What the first request cancelled, in its own words: a prepaid card is a kontantkort.
    let (sent, owner) = match (on_behalf(case), case.plan) {
        (Some(super::OnBehalf::Estate(owner)), _) => (Ui::FuSentEstate, owner),
        (Some(super::OnBehalf::Proxy(owner)), _) => (Ui::FuSentProxy, owner),
        (None, Some(Plan::Prepaid)) => (Ui::FuSentPrepaid, ""),
        (None, _) => (Ui::FuSent, ""),
    };
    let mut sentences = vec![sent.fill(
        lang,
        &[
            ("date", &day(case.since())),
            ("number", number),
            ("channel", &channel_how(case.channel, lang)),
            ("owner", &owner),
        ],
    )];
    if let Some(recipient) = &case.recipient {
        sentences.push(Ui::FuSentTo.fill(lang, &[("recipient", recipient)]));
    }
    if let Some(reference) = &case.reference {
        sentences.push(Ui::FuReference.fill(lang, &[("reference", reference)]));
    }
    if !case.followed_up.is_empty() {
        let dates: Vec<String> = case.followed_up.iter().map(|date| day(*date)).collect();
        sentences.push(Ui::FuBefore.fill(lang, &[("dates", &dates.join(", "))]));
    }
    sentences.push(Ui::FuNoAnswer.get(lang).to_owned());
    sentences.push(Ui::FuConfirm.get(lang).to_owned());
    // The account is not kept: the request named it, and the follow-up points there.
    if case.refund {
        sentences.push(Ui::FuRefund.get(lang).to_owned());
    }
    sentences.push(Ui::FuBoard.get(lang).to_owned());
    Words {
        subject: Ui::FuSubject.fill(lang, &[("number", number)]),
        sentences,
    }
}

/// The complaint to Brukerklagenemnda for `case`, written on `today`, with the translation
/// into `lang` beside it. `path` is where it is saved: the translation names it.
#[must_use]
pub fn complaint(
    case: &Case,
    operator: &Operator,
    today: Date,
    lang: Lang,
    path: &Path,
) -> Message {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let text = complaint_text(case, operator, today, Lang::Nb);
    let translation = (lang != Lang::Nb).then(|| {
        let title = Ui::TranslationTitle.fill(lang, &[("path", &file)]);
        format!(
            "{}\n\n{}",
            wrap(&title, &file),
            complaint_text(case, operator, today, lang)
        )
    });
    Message {
        authorisation: None,
        shown: attachments(case, operator, lang).iter().enumerate().fold(
            String::new(),
            |mut out, (index, line)| {
                let _ = writeln!(out, "{}. {line}", index + 1);
                out
            },
        ),
        text,
        translation,
        mailto: None,
    }
}

fn complaint_text(case: &Case, operator: &Operator, today: Date, lang: Lang) -> String {
    let day = |date: Date| long_date(date, lang);
    let name = case.name.as_deref().unwrap_or_default();
    let number = &case.number;
    let operator_name = &*operator.name;
    let phone = number.to_string();
    let line = |out: &mut String, text: &str| {
        let _ = writeln!(out, "{}", wrap(text, &phone));
    };
    let mut out = String::new();
    line(&mut out, Ui::BknTitle.get(lang));
    let _ = writeln!(out, "{}\n", day(today));
    let (complainant, owner) = match on_behalf(case) {
        Some(super::OnBehalf::Estate(owner)) => (Ui::BknComplainantEstate, owner),
        Some(super::OnBehalf::Proxy(owner)) => (Ui::BknComplainantProxy, owner),
        None => (Ui::BknComplainant, ""),
    };
    line(
        &mut out,
        &complainant.fill(
            lang,
            &[("name", &name), ("number", number), ("owner", &owner)],
        ),
    );
    if let Some(address) = &case.address {
        line(
            &mut out,
            &Ui::BknAddress.fill(lang, &[("address", address)]),
        );
    }
    let provider = &*operator.legal_name;
    match &operator.org_number {
        Some(org) => line(
            &mut out,
            &Ui::BknProviderOrg.fill(lang, &[("provider", &provider), ("org", org)]),
        ),
        None => line(
            &mut out,
            &Ui::BknProvider.fill(lang, &[("provider", &provider)]),
        ),
    }
    out.push('\n');
    line(
        &mut out,
        &Ui::BknAbout.fill(lang, &[("number", number), ("operator", &operator_name)]),
    );
    let _ = writeln!(out, "\n{}", Ui::BknHappened.get(lang));
    let mut events = vec![Ui::BknSent.fill(
        lang,
        &[
            ("date", &day(case.since())),
            ("channel", &channel_how(case.channel, lang)),
        ],
    )];
    if let Some(reference) = &case.reference {
        events.push(Ui::BknReference.fill(
            lang,
            &[("operator", &operator_name), ("reference", reference)],
        ));
    }
    for date in &case.followed_up {
        events.push(Ui::BknFollowedUp.fill(lang, &[("date", &day(*date))]));
    }
    match case.refused {
        Some(date) => events
            .push(Ui::BknRefused.fill(lang, &[("date", &day(date)), ("operator", &operator_name)])),
        None => events.push(Ui::BknNoAnswer.fill(lang, &[("operator", &operator_name)])),
    }
    // Forbrukertilsynet's position, where the operator takes cancellations one way only
    // (common.toml, source `forbrukertilsynet-cancelling`).
    if channel_kinds(operator).len() == 1 {
        events.push(Ui::BknOneWay.fill(lang, &[("operator", &operator_name)]));
    }
    for event in events {
        let _ = writeln!(out, "{}", indented(&format!("- {event}"), &phone));
    }
    out.push('\n');
    line(
        &mut out,
        &Ui::BknWish.fill(lang, &[("date", &day(case.since()))]),
    );
    let _ = writeln!(out, "\n{}", Ui::BknAttached.get(lang));
    for (index, attachment) in attachments(case, operator, lang).iter().enumerate() {
        let _ = writeln!(
            out,
            "{}",
            indented(&format!("{}. {attachment}", index + 1), &phone)
        );
    }
    let _ = writeln!(out, "\n{name}");
    out
}

/// A list item wrapped with its continuation lines under its text.
fn indented(item: &str, unbroken: &str) -> String {
    wrap(item, unbroken).replace('\n', "\n   ")
}

/// What the board should see, in `lang`: the request (with its file and digest), proof it
/// was sent, each follow-up, the operator's answer, and the invoices after the end.
fn attachments(case: &Case, operator: &Operator, lang: Lang) -> Vec<String> {
    let day = |date: Date| long_date(date, lang);
    let operator_name = &*operator.name;
    let request = match (&case.message, &case.sha256) {
        (Some(path), Some(hash))
            if !matches!(case.channel, ChannelKind::Phone | ChannelKind::Store) =>
        {
            let file = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ui::BknAttachRequest.fill(
                lang,
                &[
                    ("date", &day(case.since())),
                    ("file", &file),
                    ("hash", hash),
                ],
            )
        }
        _ => Ui::BknAttachRequestPlain.fill(lang, &[("date", &day(case.since()))]),
    };
    let mut list = vec![request];
    match case.channel {
        // A call leaves the notes of it, already the first item.
        ChannelKind::Phone => {}
        ChannelKind::Store => list.push(Ui::BknAttachReceipt.get(lang).to_owned()),
        _ => list.push(Ui::BknAttachProof.get(lang).to_owned()),
    }
    for date in &case.followed_up {
        list.push(Ui::BknAttachFollowUp.fill(lang, &[("date", &day(*date))]));
    }
    list.push(Ui::BknAttachAnswer.fill(lang, &[("operator", &operator_name)]));
    list.push(Ui::BknAttachInvoices.get(lang).to_owned());
    list
}
