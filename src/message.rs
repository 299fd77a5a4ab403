//! The message the user sends to the operator: a letter or e-mail, a chat text, or what to say
//! on the phone or in a store. Always in Norwegian bokmål, with English below.

use std::fmt::Write as _;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::answers::Answers;
use crate::i18n::long_date;
use crate::operator::{Address, ChannelKind, Operator};
use crate::situation::Plan;
use crate::text::Lang;
use crate::values::{BankAccount, MobileNumber};

/// What goes into a message.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub operator: &'a Operator,
    pub channel: ChannelKind,
    /// The postal or e-mail address the message goes to, where the channel has one.
    pub recipient: Option<&'a str>,
    pub phone: &'a MobileNumber,
    pub name: &'a str,
    pub plan: Plan,
    /// The account to pay a prepaid balance to, where a refund was chosen.
    pub refund_to: Option<&'a BankAccount>,
    pub today: Date,
}

impl<'a> Request<'a> {
    /// The request the answers make, once the channel, number and name are known. A plan
    /// that was never asked is postpaid: the operator's procedure does not tell them apart.
    #[must_use]
    pub fn from_answers(operator: &'a Operator, answers: &'a Answers, today: Date) -> Option<Self> {
        let channel = answers.channel()?;
        Some(Request {
            operator,
            channel,
            recipient: recipient(operator, channel),
            phone: answers.phone()?,
            name: answers.name()?,
            plan: answers.plan().unwrap_or(Plan::Postpaid),
            refund_to: answers.refund_to(),
            today,
        })
    }
}

/// The postal or e-mail address a message on `channel` goes to, where the operator gives one.
#[must_use]
pub fn recipient(operator: &Operator, channel: ChannelKind) -> Option<&str> {
    operator
        .channels
        .iter()
        .filter(|c| c.kind == channel)
        .find_map(|c| match &c.address {
            Address::Postal(address) | Address::Email(address) => Some(&**address),
            _ => None,
        })
}

/// Where the message is saved when the user names no file: the operator, the date and the
/// number's last three digits, so that two numbers cancelled on one day get two files:
/// `nocard-telenor-2026-11-25-567.txt`.
#[must_use]
pub fn default_path(request: &Request) -> PathBuf {
    let digits = request.phone.digits();
    let last = &digits[digits.len().saturating_sub(3)..];
    PathBuf::from(format!(
        "nocard-{}-{}-{last}.txt",
        request.operator.id, request.today
    ))
}

/// Where the checklist for the case is saved, beside the message: `message-checklist.txt`.
#[must_use]
pub fn checklist_path(message: &Path) -> PathBuf {
    let stem = message.file_stem().unwrap_or_default().to_string_lossy();
    message.with_file_name(format!("{stem}-checklist.txt"))
}

/// The shape a message takes on each channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A letter or an e-mail, with a subject and a signature.
    Letter,
    /// A short text for a chat, an app or a web form.
    Chat,
    /// What to say, for a call or a store visit.
    Script,
}

impl Form {
    #[must_use]
    pub fn for_channel(kind: ChannelKind) -> Self {
        match kind {
            ChannelKind::Letter | ChannelKind::Email => Form::Letter,
            ChannelKind::Chat | ChannelKind::App | ChannelKind::Web => Form::Chat,
            ChannelKind::Phone | ChannelKind::Store => Form::Script,
        }
    }
}

/// The whole message file: Norwegian first, English below.
#[must_use]
pub fn compose(request: &Request) -> String {
    let form = Form::for_channel(request.channel);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n",
        match form {
            Form::Letter => "Brev / e-post (norsk) — letter or e-mail (Norwegian)",
            Form::Chat => "Melding (norsk) — message (Norwegian)",
            Form::Script => "Hva du kan si (norsk) — what to say (Norwegian)",
        }
    );
    out.push_str(&norwegian(request, form));
    let _ = writeln!(out, "\n----------------------------------------\n");
    let _ = writeln!(
        out,
        "{}\n",
        match form {
            Form::Letter | Form::Chat =>
                "English version (for your reference; send the Norwegian text)",
            Form::Script => "In English (you may also ask to speak English)",
        }
    );
    out.push_str(&english(request, form));
    out
}

fn norwegian(request: &Request, form: Form) -> String {
    let phone = request.phone;
    let what = match request.plan {
        Plan::Postpaid => "mobilabonnementet",
        Plan::Prepaid => "kontantkortet",
    };
    let refund = request
        .refund_to
        .map(|account| format!("Jeg ber om at gjenværende saldo utbetales til konto {account}."));
    let confirm =
        "Jeg ber om en skriftlig bekreftelse på oppsigelsen, med datoen abonnementet avsluttes.";
    let mut out = String::new();
    match form {
        Form::Letter => {
            let _ = writeln!(out, "Til: {}", addressee(request));
            let _ = writeln!(out, "Dato: {}", norwegian_date(request.today));
            let _ = writeln!(out, "Emne: Oppsigelse av mobilnummer {phone}\n");
            let _ = writeln!(out, "Hei,\n");
            let _ = writeln!(
                out,
                "Jeg sier med dette opp {what} mitt med mobilnummer {phone}, fra første mulige dato."
            );
            if let Some(refund) = &refund {
                let _ = writeln!(out, "{refund}");
            }
            let _ = writeln!(out, "{confirm}\n");
            let _ = writeln!(out, "Med vennlig hilsen");
            let _ = writeln!(out, "{}", request.name);
            let _ = writeln!(out, "Abonnementseier, mobilnummer {phone}");
        }
        Form::Chat => {
            let _ = write!(
                out,
                "Hei! Jeg vil si opp {what} mitt med mobilnummer {phone}. Abonnementseier: {}.",
                request.name
            );
            if let Some(refund) = &refund {
                let _ = write!(out, " {refund}");
            }
            let _ = writeln!(
                out,
                " Kan dere bekrefte oppsigelsen skriftlig, med sluttdato? Takk!"
            );
        }
        Form::Script => {
            let _ = writeln!(
                out,
                "«Hei, jeg heter {}. Jeg vil si opp {what} mitt med mobilnummer {}.»",
                request.name,
                phone.national()
            );
            if let Some(account) = request.refund_to {
                let _ = writeln!(
                    out,
                    "«Jeg vil ha utbetalt gjenværende saldo til konto {account}.»"
                );
            }
            let _ = writeln!(
                out,
                "«Kan dere sende meg en skriftlig bekreftelse, med sluttdato?»"
            );
            let _ = writeln!(
                out,
                "\nSkriv ned dato ({}), klokkeslett, navnet på den du snakket med og et eventuelt referansenummer.",
                norwegian_date(request.today)
            );
        }
    }
    out
}

fn english(request: &Request, form: Form) -> String {
    let phone = request.phone;
    let what = match request.plan {
        Plan::Postpaid => "mobile subscription",
        Plan::Prepaid => "prepaid card",
    };
    let refund = request
        .refund_to
        .map(|account| format!("Please pay the remaining balance to account {account}."));
    let confirm =
        "Please confirm the cancellation in writing, with the date the subscription ends.";
    let mut out = String::new();
    match form {
        Form::Letter => {
            let _ = writeln!(out, "To: {}", addressee(request));
            let _ = writeln!(out, "Date: {}", english_date(request.today));
            let _ = writeln!(out, "Subject: Cancellation of mobile number {phone}\n");
            let _ = writeln!(out, "Hello,\n");
            let _ = writeln!(
                out,
                "I hereby cancel my {what} with mobile number {phone}, from the earliest possible date."
            );
            if let Some(refund) = &refund {
                let _ = writeln!(out, "{refund}");
            }
            let _ = writeln!(out, "{confirm}\n");
            let _ = writeln!(out, "Kind regards");
            let _ = writeln!(out, "{}", request.name);
            let _ = writeln!(out, "Subscription owner, mobile number {phone}");
        }
        Form::Chat => {
            let _ = write!(
                out,
                "Hello! I want to cancel my {what} with mobile number {phone}. Owner: {}.",
                request.name
            );
            if let Some(refund) = &refund {
                let _ = write!(out, " {refund}");
            }
            let _ = writeln!(
                out,
                " Can you confirm the cancellation in writing, with the end date? Thank you!"
            );
        }
        Form::Script => {
            let _ = writeln!(
                out,
                "\"Hello, my name is {}. I want to cancel my {what} with mobile number {}.\"",
                request.name,
                phone.national()
            );
            if let Some(account) = request.refund_to {
                let _ = writeln!(
                    out,
                    "\"I would like the remaining balance paid to account {account}.\""
                );
            }
            let _ = writeln!(
                out,
                "\"Can you send me a written confirmation, with the end date?\""
            );
            let _ = writeln!(
                out,
                "\nWrite down the date ({}), the time, the name of the person you spoke to and any reference number.",
                english_date(request.today)
            );
        }
    }
    out
}

/// The operator's legal name, with the address the message goes to.
fn addressee(request: &Request) -> String {
    let name = &request.operator.legal_name;
    match request.recipient {
        Some(address) if address.contains('@') => format!("{name} <{address}>"),
        Some(address) if address.starts_with(&**name) => address.to_owned(),
        Some(address) => format!("{name}, {address}"),
        None => name.to_string(),
    }
}

fn norwegian_date(date: Date) -> String {
    long_date(date, Lang::Nb)
}

fn english_date(date: Date) -> String {
    long_date(date, Lang::En)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operator::Catalog;

    fn request<'a>(
        operator: &'a Operator,
        phone: &'a MobileNumber,
        channel: ChannelKind,
        plan: Plan,
        refund_to: Option<&'a BankAccount>,
    ) -> Request<'a> {
        Request {
            operator,
            channel,
            recipient: None,
            phone,
            name: "Ola Nordmann",
            plan,
            refund_to,
            today: jiff::civil::date(2026, 11, 25),
        }
    }

    #[test]
    fn a_letter_in_norwegian_with_english_below() {
        let telenor = Catalog::default().operator("telenor").unwrap();
        let phone = MobileNumber::parse("91234567").unwrap();
        let mut letter = request(&telenor, &phone, ChannelKind::Letter, Plan::Postpaid, None);
        letter.recipient = Some("Telenor Norge AS, Snarøyveien 30, 1360 Fornebu");
        let text = compose(&letter);
        let split = text.find("English version").unwrap();
        let (nb, en) = text.split_at(split);
        assert!(nb.contains("Til: Telenor Norge AS, Snarøyveien 30, 1360 Fornebu\n"));
        assert!(nb.contains("Dato: 25. november 2026"));
        assert!(nb.contains(
            "Jeg sier med dette opp mobilabonnementet mitt med mobilnummer +47 912 34 567"
        ));
        assert!(nb.contains("skriftlig bekreftelse"));
        assert!(nb.contains("Med vennlig hilsen\nOla Nordmann"));
        assert!(!nb.contains("saldo"));
        assert!(en.contains("Date: 25 November 2026"));
        assert!(
            en.contains("I hereby cancel my mobile subscription with mobile number +47 912 34 567")
        );
    }

    #[test]
    fn a_refund_names_the_account_in_both_languages() {
        let telenor = Catalog::default().operator("telenor").unwrap();
        let phone = MobileNumber::parse("41234567").unwrap();
        let account = BankAccount::parse("12345678903").unwrap();
        let text = compose(&request(
            &telenor,
            &phone,
            ChannelKind::Chat,
            Plan::Prepaid,
            Some(&account),
        ));
        assert!(text.contains("si opp kontantkortet mitt med mobilnummer +47 412 34 567"));
        assert!(text.contains("gjenværende saldo utbetales til konto 1234.56.78903"));
        assert!(text.contains("remaining balance to account 1234.56.78903"));
    }

    #[test]
    fn a_phone_script_says_what_to_say_and_what_to_note() {
        let telenor = Catalog::default().operator("telenor").unwrap();
        let phone = MobileNumber::parse("91234567").unwrap();
        let text = compose(&request(
            &telenor,
            &phone,
            ChannelKind::Phone,
            Plan::Postpaid,
            None,
        ));
        assert!(text.contains("«Hei, jeg heter Ola Nordmann. Jeg vil si opp mobilabonnementet mitt med mobilnummer 912 34 567.»"));
        assert!(text.contains("referansenummer"));
        assert!(text.contains("\"Hello, my name is Ola Nordmann."));
    }
}
