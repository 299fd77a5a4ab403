//! The words of a written request, in any of the three languages: the letter, the body that
//! a letter and an e-mail share, and the text for a chat.

use std::fmt::Write as _;

use super::Request;
use crate::i18n::{Ui, long_date};
use crate::situation::Plan;
use crate::text::Lang;

/// A letter is read on paper: its lines are kept to this many columns.
const LETTER_WIDTH: usize = 72;

/// The subject line: the number, and the customer number where one was given.
pub(super) fn subject(request: &Request, lang: Lang) -> String {
    let number = request.phone;
    match request.customer {
        Some(customer) => {
            Ui::MsgSubjectCustomer.fill(lang, &[("number", number), ("customer", customer)])
        }
        None => Ui::MsgSubject.fill(lang, &[("number", number)]),
    }
}

/// The sentences of the request, each a paragraph line: what is cancelled, the customer
/// number, the refund, and where the confirmation should go.
fn sentences(request: &Request, lang: Lang) -> Vec<String> {
    let number = request.phone;
    let cancel = match request.plan {
        Plan::Postpaid => Ui::MsgCancelPostpaid,
        Plan::Prepaid => Ui::MsgCancelPrepaid,
    };
    let mut lines = vec![cancel.fill(lang, &[("number", number)])];
    if let Some(customer) = request.customer {
        lines.push(Ui::MsgCustomer.fill(lang, &[("customer", customer)]));
    }
    if let Some(account) = request.refund_to {
        lines.push(Ui::MsgRefund.fill(lang, &[("account", account)]));
    }
    let confirm = match request.channel {
        crate::operator::ChannelKind::Email => Ui::MsgConfirmEmail,
        _ => Ui::MsgConfirmLetter,
    };
    lines.push(confirm.get(lang).to_owned());
    lines
}

/// The request alone, a line for each sentence, with the subject: what the screen shows
/// of a letter or an e-mail.
pub(super) fn request_lines(request: &Request, lang: Lang) -> String {
    let mut out = format!("{}\n", subject(request, lang));
    for line in sentences(request, lang) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The body a letter and an e-mail share, from the greeting to the sender's name.
pub(super) fn body(request: &Request, lang: Lang) -> String {
    let mut out = format!("{}\n\n", Ui::MsgGreeting.get(lang));
    for line in sentences(request, lang) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{}", Ui::MsgRegards.get(lang));
    let _ = writeln!(out, "{}", request.name);
    let _ = writeln!(
        out,
        "{}",
        Ui::MsgMobile.fill(lang, &[("number", request.phone)])
    );
    out
}

/// A letter as it is printed and posted: the sender, the recipient, place and date, the
/// subject, the request, and room for a signature.
pub(super) fn letter(request: &Request, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", request.name);
    for line in request.address.iter().flat_map(|address| address.lines()) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "{}\n",
        Ui::MsgMobile.fill(lang, &[("number", request.phone)])
    );
    for line in recipient_lines(request) {
        let _ = writeln!(out, "{line}");
    }
    let date = long_date(request.today, lang);
    match request.address.and_then(|address| address.town()) {
        Some(town) => {
            let _ = writeln!(out, "\n{town}, {date}\n");
        }
        None => {
            let _ = writeln!(out, "\n{date}\n");
        }
    }
    let _ = writeln!(out, "{}\n", subject(request, lang));
    let _ = writeln!(out, "{}\n", Ui::MsgGreeting.get(lang));
    for line in sentences(request, lang) {
        let _ = writeln!(out, "{}", wrap(&line, &request.phone.to_string()));
    }
    let _ = writeln!(out, "\n{}\n\n\n", Ui::MsgRegards.get(lang));
    let _ = writeln!(out, "{}", "_".repeat(32));
    let _ = writeln!(out, "{}", request.name);
    let _ = writeln!(out, "{}", Ui::MsgOwner.get(lang));
    out
}

/// `line` in lines of a letter's width, never breaking inside `unbroken` (the phone number).
pub(super) fn wrap(line: &str, unbroken: &str) -> String {
    const NO_BREAK: &str = "\u{a0}";
    let joined = unbroken.replace(' ', NO_BREAK);
    textwrap::fill(&line.replace(unbroken, &joined), LETTER_WIDTH).replace(NO_BREAK, " ")
}

/// The operator's name and postal address, a line for each part.
fn recipient_lines(request: &Request) -> Vec<String> {
    let name = &*request.operator.legal_name;
    let mut lines: Vec<String> = request
        .recipient
        .map(|address| address.split(", ").map(str::to_owned).collect())
        .unwrap_or_default();
    if lines.first().is_none_or(|first| first != name) {
        lines.insert(0, name.to_owned());
    }
    lines
}

/// A text for a chat, an app or a web form: one paragraph.
pub(super) fn chat(request: &Request, lang: Lang) -> String {
    let hello = match request.plan {
        Plan::Postpaid => Ui::MsgChatPostpaid,
        Plan::Prepaid => Ui::MsgChatPrepaid,
    };
    let mut out = hello.fill(lang, &[("number", request.phone), ("name", &request.name)]);
    let space = if lang == Lang::Zh { "" } else { " " };
    if let Some(account) = request.refund_to {
        out.push_str(space);
        out.push_str(&Ui::MsgRefund.fill(lang, &[("account", account)]));
    }
    out.push_str(space);
    out.push_str(Ui::MsgChatConfirm.get(lang));
    out.push('\n');
    out
}
