//! The message the user sends to the operator, always in Norwegian bokmål: a letter that
//! prints as one, an e-mail file a mail client opens ready to send, a text for a chat, or
//! what to say on the phone or in a store. The translation for the user is beside the file
//! that is sent, never inside it.

mod email;
mod ladder;
mod letter;
mod script;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::answers::Answers;
use crate::i18n::Ui;
use crate::operator::{Address, Channel, ChannelKind, Operator};
use crate::situation::{Acting, Plan};
use crate::text::Lang;
use crate::values::{BankAccount, CustomerNumber, MobileNumber, PostalAddress};
use letter::{Head, Words};

pub use email::MAILTO_LIMIT;
pub use ladder::{complaint, follow_up, follow_up_channel, follow_up_how};
pub use script::brief as script_brief;

/// Where the authorisation for the owner to sign is saved, beside the message.
#[must_use]
pub fn authorisation_path(message: &Path) -> PathBuf {
    beside(message, "fullmakt.txt")
}

/// Where the authorisation's translation is saved.
#[must_use]
pub fn authorisation_translation_path(message: &Path, lang: Lang) -> PathBuf {
    beside(message, &format!("fullmakt-{}.txt", lang.code()))
}

/// What goes into a message.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub operator: &'a Operator,
    pub channel: ChannelKind,
    /// The postal or e-mail address the message goes to, where the channel has one.
    pub recipient: Option<&'a str>,
    pub phone: &'a MobileNumber,
    pub name: &'a str,
    /// The sender's postal address, for a letter.
    pub address: Option<&'a PostalAddress>,
    pub customer: Option<&'a CustomerNumber>,
    pub plan: Plan,
    /// The account to pay a prepaid balance to, where a refund was chosen.
    pub refund_to: Option<&'a BankAccount>,
    pub today: Date,
    /// For whom the user writes, where it is not for themself; `name` is then the writer's.
    pub on_behalf: Option<OnBehalf<'a>>,
}

/// Someone else's subscription, and how the writer may act for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnBehalf<'a> {
    /// For the estate (dødsbo) of the owner, who has died.
    Estate(&'a str),
    /// With the owner's written authorisation (fullmakt).
    Proxy(&'a str),
}

/// How the writer signs, in `lang`: as the owner, for the estate, or by authorisation.
#[must_use]
pub fn signed_as(on_behalf: Option<OnBehalf>, lang: Lang) -> String {
    match on_behalf {
        None => Ui::MsgOwner.get(lang).to_owned(),
        Some(OnBehalf::Estate(owner)) => Ui::MsgForEstate.fill(lang, &[("owner", &owner)]),
        Some(OnBehalf::Proxy(owner)) => Ui::MsgByProxy.fill(lang, &[("owner", &owner)]),
    }
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
            address: answers.address().filter(|_| channel == ChannelKind::Letter),
            customer: answers
                .customer_number()
                .filter(|_| matches!(channel, ChannelKind::Letter | ChannelKind::Email)),
            plan: answers.plan().unwrap_or(Plan::Postpaid),
            refund_to: answers.refund_to(),
            today,
            on_behalf: match (answers.acting(), answers.owner()) {
                (Some(Acting::Estate), Some(owner)) => Some(OnBehalf::Estate(owner)),
                (Some(Acting::Proxy), Some(owner)) => Some(OnBehalf::Proxy(owner)),
                _ => None,
            },
        })
    }

    /// The operator's first channel of the kind chosen.
    fn channel(&self) -> Option<&'a Channel> {
        self.operator
            .channels
            .iter()
            .find(|channel| channel.kind == self.channel)
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

/// A message, composed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What the file holds: the letter, the e-mail, the chat text, or the script.
    pub text: String,
    /// The same in the user's language, saved beside it. None in Norwegian, and none for a
    /// script, which has the user's language under each line already.
    pub translation: Option<String>,
    /// What the screen shows: the request in the user's language, without the letter's
    /// blocks; what to say, with what it means.
    pub shown: String,
    /// A `mailto:` link that opens the e-mail in a mail client, where it is short enough.
    pub mailto: Option<String>,
    /// For someone acting with the owner's authorisation: the authorisation for the owner to
    /// sign, in Norwegian, and its translation where the user's language is another.
    pub authorisation: Option<(String, Option<String>)>,
}

/// The authorisation (fullmakt) for `owner` to sign, giving the writer the right to cancel.
fn authorisation(request: &Request, owner: &str, lang: Lang) -> String {
    let text = Ui::FullmaktText.fill(
        lang,
        &[
            ("owner", &owner),
            ("name", &request.name),
            ("number", request.phone),
            ("operator", &request.operator.legal_name),
        ],
    );
    format!(
        "{}\n\n{}\n\n{} ______________________________\n\n\n________________________________\n{owner}\n",
        Ui::FullmaktTitle.get(lang),
        letter::wrap(&text, &request.phone.to_string()),
        Ui::FullmaktPlaceDate.get(lang),
    )
}

/// Composes the message for `request`, with the translation into `lang`. `path` is where it
/// is saved: the translation names it.
#[must_use]
pub fn compose(request: &Request, lang: Lang, path: &Path) -> Message {
    if matches!(request.channel, ChannelKind::Phone | ChannelKind::Store) {
        let (text, shown) = script::script(request, lang);
        let authorisation = match request.on_behalf {
            Some(OnBehalf::Proxy(owner)) => {
                let text = |lang| authorisation(request, owner, lang);
                Some((text(Lang::Nb), (lang != Lang::Nb).then(|| text(lang))))
            }
            _ => None,
        };
        return Message {
            text,
            translation: None,
            shown,
            mailto: None,
            authorisation,
        };
    }
    let head = Head {
        name: request.name,
        address: request.address,
        phone: request.phone,
        own_number: request.on_behalf.is_none(),
        to: &request.operator.legal_name,
        recipient: request.recipient,
        date: request.today,
    };
    let form = match request.channel {
        ChannelKind::Letter => Written::Letter,
        ChannelKind::Email => Written::Email,
        _ => Written::Chat,
    };
    let mut message = lay_out(
        form,
        &head,
        [request.words(Lang::Nb), request.words(lang)],
        [
            signed_as(request.on_behalf, Lang::Nb),
            signed_as(request.on_behalf, lang),
        ],
        lang,
        path,
    );
    if let Some(OnBehalf::Proxy(owner)) = request.on_behalf {
        let text = |lang| authorisation(request, owner, lang);
        message.authorisation = Some((text(Lang::Nb), (lang != Lang::Nb).then(|| text(lang))));
    }
    message
}

/// The written forms a message takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Letter,
    Email,
    Chat,
}

/// A written message laid out as `form`, from its words in Norwegian and in `lang`; the
/// Norwegian is what is sent, the other is the translation beside it and on the screen.
fn lay_out(
    form: Written,
    head: &Head,
    [norwegian, translated]: [Words; 2],
    [signed_nb, signed]: [String; 2],
    lang: Lang,
    path: &Path,
) -> Message {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let beside = |text: String| {
        (lang != Lang::Nb).then(|| {
            let title = Ui::TranslationTitle.fill(lang, &[("path", &file)]);
            format!("{}\n\n{text}", letter::wrap(&title, &file))
        })
    };
    match form {
        Written::Letter => Message {
            text: letter::letter(head, &norwegian, &signed_nb, Lang::Nb),
            translation: beside(letter::letter(head, &translated, &signed, lang)),
            shown: translated.lines(),
            mailto: None,
            authorisation: None,
        },
        Written::Email => {
            let (text, mailto) = email::eml(head, &norwegian);
            Message {
                text,
                translation: beside(email::translation(head, &translated, lang)),
                shown: translated.lines(),
                mailto,
                authorisation: None,
            }
        }
        Written::Chat => Message {
            text: letter::chat(&norwegian.sentences, Lang::Nb),
            translation: beside(letter::chat(&translated.sentences, lang)),
            shown: letter::chat(&translated.sentences, lang),
            mailto: None,
            authorisation: None,
        },
    }
}

impl Request<'_> {
    /// What the request says in `lang`: the subject (with the customer number), what is
    /// cancelled, the customer number, the refund, and where the confirmation should go. A
    /// chat text opens with who writes and needs no subject.
    fn words(&self, lang: Lang) -> Words {
        let number = self.phone;
        let subject = match self.customer {
            Some(customer) => {
                Ui::MsgSubjectCustomer.fill(lang, &[("number", number), ("customer", customer)])
            }
            None => Ui::MsgSubject.fill(lang, &[("number", number)]),
        };
        let chat = !matches!(self.channel, ChannelKind::Letter | ChannelKind::Email);
        let owner = match self.on_behalf {
            Some(OnBehalf::Estate(owner) | OnBehalf::Proxy(owner)) => owner,
            None => "",
        };
        let cancel = match (self.on_behalf, self.plan, chat) {
            (Some(OnBehalf::Estate(_)), _, false) => Ui::MsgCancelEstate,
            (Some(OnBehalf::Proxy(_)), _, false) => Ui::MsgCancelProxy,
            (Some(OnBehalf::Estate(_)), _, true) => Ui::MsgChatEstate,
            (Some(OnBehalf::Proxy(_)), _, true) => Ui::MsgChatProxy,
            (None, Plan::Postpaid, false) => Ui::MsgCancelPostpaid,
            (None, Plan::Prepaid, false) => Ui::MsgCancelPrepaid,
            (None, Plan::Postpaid, true) => Ui::MsgChatPostpaid,
            (None, Plan::Prepaid, true) => Ui::MsgChatPrepaid,
        };
        let what = what_is_cancelled(self.plan).get(lang);
        let args: [(&str, &dyn std::fmt::Display); 4] = [
            ("number", number),
            ("name", &self.name),
            ("owner", &owner),
            ("what", &what),
        ];
        let mut sentences = vec![cancel.fill(lang, &args)];
        // A chat has nothing to attach to; a letter or an e-mail says what is.
        match self.on_behalf {
            Some(OnBehalf::Estate(_)) if !chat => {
                sentences.push(Ui::MsgAttachEstate.get(lang).to_owned());
            }
            Some(OnBehalf::Proxy(_)) if !chat => {
                sentences.push(Ui::MsgAttachProxy.fill(lang, &args));
            }
            _ => {}
        }
        if let Some(customer) = self.customer {
            sentences.push(Ui::MsgCustomer.fill(lang, &[("customer", customer)]));
        }
        if let Some(account) = self.refund_to {
            sentences.push(Ui::MsgRefund.fill(lang, &[("account", account)]));
        }
        let confirm = match self.channel {
            ChannelKind::Email => Ui::MsgConfirmEmail,
            ChannelKind::Letter => Ui::MsgConfirmLetter,
            _ => Ui::MsgChatConfirm,
        };
        sentences.push(confirm.get(lang).to_owned());
        Words { subject, sentences }
    }
}

/// Where the message is saved when the user names no file: the operator, the date and the
/// number's last three digits, so that two numbers cancelled on one day get two files:
/// `nocard-telenor-2026-11-25-567.txt`; an e-mail is an `.eml` file a mail client opens.
#[must_use]
pub fn default_path(request: &Request) -> PathBuf {
    let digits = request.phone.digits();
    let last = &digits[digits.len().saturating_sub(3)..];
    let extension = match request.channel {
        ChannelKind::Email => "eml",
        _ => "txt",
    };
    PathBuf::from(format!(
        "nocard-{}-{}-{last}.{extension}",
        request.operator.id, request.today
    ))
}

/// A file beside the message: `message-checklist.txt` for `message.txt` and `checklist.txt`.
#[must_use]
pub fn beside(message: &Path, suffix: &str) -> PathBuf {
    let stem = message.file_stem().unwrap_or_default().to_string_lossy();
    message.with_file_name(format!("{stem}-{suffix}"))
}

/// Where the checklist for the case is saved, beside the message.
#[must_use]
pub fn checklist_path(message: &Path) -> PathBuf {
    beside(message, "checklist.txt")
}

/// Where the translation is saved, beside the message: `message-en.txt`.
#[must_use]
pub fn translation_path(message: &Path, lang: Lang) -> PathBuf {
    beside(message, &format!("{}.txt", lang.code()))
}

/// Where the calendar file for the case is saved, beside the message.
#[must_use]
pub fn calendar_path(message: &Path) -> PathBuf {
    message.with_extension("ics")
}

/// Every file beside the message that a walk may write, whatever the answers: a name is free
/// only where none of them is there.
#[must_use]
pub fn companions(message: &Path) -> Vec<PathBuf> {
    let mut files = vec![
        checklist_path(message),
        calendar_path(message),
        authorisation_path(message),
    ];
    for lang in [Lang::En, Lang::Zh] {
        files.push(translation_path(message, lang));
        files.push(authorisation_translation_path(message, lang));
    }
    files
}

/// What is cancelled for someone else, in a message's words: their subscription, or their
/// prepaid card.
fn what_is_cancelled(plan: Plan) -> Ui {
    match plan {
        Plan::Postpaid => Ui::MsgWhatSubscription,
        Plan::Prepaid => Ui::MsgWhatPrepaid,
    }
}

#[cfg(test)]
mod tests;
