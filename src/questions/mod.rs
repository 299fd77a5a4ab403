//! The questions of the walk, each defined once, in one table: its answers-file key, how it is
//! asked, how an answer is checked, its words on screen, when it is asked, and whether an
//! interrupted walk keeps it. The prompts, the answers file, the review, drafts, `--help` and
//! `nocard operators show` all read this table; a new question is one row and its strings.

use std::borrow::Cow;
use std::fmt;

mod table;

use table::TABLE;

use crate::i18n::Ui;
use crate::operator::{ChannelKind, Operator};
use crate::situation::{Acting, Balance, Choice, Intent, Key, Payer, Plan, Sim};
use crate::suggest;
use crate::text::{Lang, halfwidth, printable};
use crate::values::{BankAccount, CustomerNumber, Invalid, MobileNumber, PostalAddress, Reference};

/// A question of the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Question {
    Intent,
    Payer,
    /// Whose subscription it is: the user's, a deceased owner's estate's, or another's
    /// with written authorisation.
    Acting,
    /// Whether the user is leaving Norway.
    Leaving,
    Plan,
    Sim,
    /// Which services that send codes to the number the user has.
    Uses,
    Channel,
    Phone,
    /// The owner's name, where the user acts for someone else.
    Owner,
    Name,
    /// The sender's postal address, asked for a letter only.
    Address,
    /// The customer number, for a letter or an e-mail; it may be left out.
    CustomerNumber,
    Balance,
    Account,
    /// Whether the request was sent now; asked after the message is written.
    Sent,
    /// The operator's reference number, if it gave one.
    Reference,
    /// Whether to save the case's dates as a calendar file, once the request is out.
    Calendar,
}

/// A checked answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Intent(Intent),
    Payer(Payer),
    Acting(Acting),
    Leaving(bool),
    Plan(Plan),
    Sim(Sim),
    /// Service ids, as the services file names them.
    Uses(Vec<String>),
    Channel(ChannelKind),
    Phone(MobileNumber),
    /// The owner's name, where it is not the user's, tidied.
    Owner(String),
    /// The subscription owner's name, or the writer's where it is someone else's, tidied.
    Name(String),
    Address(PostalAddress),
    CustomerNumber(CustomerNumber),
    Balance(Balance),
    Account(BankAccount),
    Sent(bool),
    Reference(Reference),
    Calendar(bool),
}

/// How a question is asked and answered.
#[derive(Debug)]
pub enum Form {
    /// One of fixed answers, each with the words of its option, in the order offered.
    Choice(&'static [(Value, Ui)]),
    /// One of the kinds of channel the operator offers.
    Channel,
    /// Any of the services nocard knows, by their ids.
    Services,
    /// Typed text, checked by `parse`; `accepts` says what is taken, and `sample` is an
    /// answer it takes.
    Text {
        parse: fn(&str) -> Result<Value, Invalid>,
        accepts: Ui,
        sample: &'static str,
    },
}

/// When a question is asked, once the walk reaches it.
#[derive(Debug)]
pub enum When {
    Always,
    /// Only where some step or precaution that can still apply depends on the answer.
    Matters(Key),
    /// Only where the earlier answers call for it.
    Only(fn(&crate::answers::Answers) -> bool),
}

/// One question, whole.
#[derive(Debug)]
pub struct Row {
    /// The key in answers files and drafts.
    pub key: &'static str,
    /// The question on screen.
    pub prompt: Ui,
    /// Its short name, in the review.
    pub name: Ui,
    pub form: Form,
    pub when: When,
    /// Whether an interrupted walk keeps the answer on disk; a bank account is asked again.
    pub kept: bool,
    /// Whether the review lists it and offers to change it.
    pub reviewed: bool,
}

impl Question {
    pub const ALL: [Question; 18] = [
        Question::Intent,
        Question::Payer,
        Question::Acting,
        Question::Leaving,
        Question::Plan,
        Question::Sim,
        Question::Uses,
        Question::Channel,
        Question::Phone,
        Question::Owner,
        Question::Name,
        Question::Address,
        Question::CustomerNumber,
        Question::Balance,
        Question::Account,
        Question::Sent,
        Question::Reference,
        Question::Calendar,
    ];

    /// Everything about this question.
    #[must_use]
    pub fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// The key in answers files.
    #[must_use]
    pub fn key(self) -> &'static str {
        self.row().key
    }

    /// The question whose answers-file key is `key`.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Question> {
        Question::ALL
            .into_iter()
            .find(|question| question.key() == key)
    }

    /// Every key, for help and errors: `intent, payer, …`.
    #[must_use]
    pub fn keys() -> String {
        Question::ALL.map(Question::key).join(", ")
    }

    /// Whether an answers file gives this answer as a boolean rather than a string.
    #[must_use]
    pub fn is_flag(self) -> bool {
        matches!(
            self.row().form,
            Form::Choice([
                (Value::Sent(_) | Value::Calendar(_) | Value::Leaving(_), _),
                ..
            ])
        )
    }

    /// The answers a choice offers, in order; `None` for typed text.
    #[must_use]
    pub fn options(self, operator: &Operator) -> Option<Vec<Value>> {
        match self.row().form {
            Form::Choice(options) => Some(options.iter().map(|(value, _)| value.clone()).collect()),
            Form::Channel => Some(
                channel_kinds(operator)
                    .into_iter()
                    .map(Value::Channel)
                    .collect(),
            ),
            Form::Text { .. } | Form::Services => None,
        }
    }

    /// Whether an answers file gives this answer as a list of words.
    #[must_use]
    pub fn is_list(self) -> bool {
        matches!(self.row().form, Form::Services)
    }

    /// How an answers file could give this answer, as a person would type it.
    #[must_use]
    pub fn example(self, operator: &Operator) -> Option<String> {
        match self.row().form {
            Form::Text { sample, .. } => Some(sample.to_owned()),
            Form::Choice(_) | Form::Channel => Some(self.sample(operator)?.word().into_owned()),
            // A list is not written as a quoted word; none is a fine answer.
            Form::Services => None,
        }
    }

    /// An answer this question takes, whatever the user's: the first option, or a sample.
    #[must_use]
    pub fn sample(self, operator: &Operator) -> Option<Value> {
        match self.row().form {
            Form::Text { parse, sample, .. } => parse(sample).ok(),
            Form::Choice(_) | Form::Channel => self.options(operator)?.into_iter().next(),
            Form::Services => Some(Value::Uses(Vec::new())),
        }
    }

    /// What the answers file may hold for this key, for help and `operators show`.
    #[must_use]
    pub fn accepts(self, operator: Option<&Operator>, lang: Lang) -> String {
        match self.row().form {
            Form::Choice(options) => words(options.iter().map(|(value, _)| value.word())),
            Form::Channel => match operator {
                Some(operator) => {
                    words(channel_kinds(operator).into_iter().map(|k| k.word().into()))
                }
                None => ChannelKind::WORDS.to_owned(),
            },
            Form::Text { accepts, .. } => accepts.get(lang).to_owned(),
            Form::Services => Ui::AcceptsUses.get(lang).to_owned(),
        }
    }

    /// Checks `input` as the answer to this question, or says why it is wrong. The terminal,
    /// answers files and drafts all go through this one check.
    pub fn parse(self, input: &str, operator: &Operator, lang: Lang) -> Result<Value, String> {
        let word = input.trim();
        match self.row().form {
            Form::Choice(options) => options
                .iter()
                .map(|(value, _)| value)
                .find(|value| value.word() == word)
                .cloned()
                .ok_or_else(|| {
                    let accepted = words(options.iter().map(|(value, _)| value.word()));
                    let message = Ui::NotOneOf
                        .fill(lang, &[("word", &shown_word(word)), ("words", &accepted)]);
                    let known: Vec<Cow<'static, str>> =
                        options.iter().map(|(value, _)| value.word()).collect();
                    suggest::with_suggestion(message, word, known.iter().map(AsRef::as_ref), lang)
                }),
            Form::Channel => ChannelKind::from_word(word)
                .filter(|kind| channel_kinds(operator).contains(kind))
                .map(Value::Channel)
                .ok_or_else(|| {
                    let message = Ui::ChannelNotOffered.fill(
                        lang,
                        &[
                            ("word", &shown_word(word)),
                            ("operator", &operator.name),
                            ("words", &self.accepts(Some(operator), lang)),
                        ],
                    );
                    let offered = channel_kinds(operator);
                    suggest::with_suggestion(
                        message,
                        word,
                        offered.iter().map(|kind| kind.word()),
                        lang,
                    )
                }),
            Form::Services => service_ids(&halfwidth(input))
                .map(Value::Uses)
                .ok_or_else(|| Ui::UsesInvalid.get(lang).to_owned()),
            Form::Text { parse, .. } => {
                parse(&halfwidth(input)).map_err(|invalid| invalid.message(lang))
            }
        }
    }
}

impl fmt::Display for Question {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Value {
    /// The question this answers.
    #[must_use]
    pub fn question(&self) -> Question {
        match self {
            Value::Intent(_) => Question::Intent,
            Value::Payer(_) => Question::Payer,
            Value::Acting(_) => Question::Acting,
            Value::Leaving(_) => Question::Leaving,
            Value::Owner(_) => Question::Owner,
            Value::Plan(_) => Question::Plan,
            Value::Sim(_) => Question::Sim,
            Value::Uses(_) => Question::Uses,
            Value::Channel(_) => Question::Channel,
            Value::Phone(_) => Question::Phone,
            Value::Name(_) => Question::Name,
            Value::Address(_) => Question::Address,
            Value::CustomerNumber(_) => Question::CustomerNumber,
            Value::Balance(_) => Question::Balance,
            Value::Account(_) => Question::Account,
            Value::Sent(_) => Question::Sent,
            Value::Reference(_) => Question::Reference,
            Value::Calendar(_) => Question::Calendar,
        }
    }

    /// The answer as an answers file spells it: `cancel`, `91234567`, `true`.
    #[must_use]
    pub fn word(&self) -> Cow<'static, str> {
        match self {
            Value::Intent(v) => v.word().into(),
            Value::Payer(v) => v.word().into(),
            Value::Acting(v) => v.word().into(),
            Value::Plan(v) => v.word().into(),
            Value::Sim(v) => v.word().into(),
            Value::Uses(ids) => ids.join(",").into(),
            Value::Balance(v) => v.word().into(),
            Value::Channel(v) => v.word().into(),
            Value::Sent(true) | Value::Calendar(true) | Value::Leaving(true) => "true".into(),
            Value::Sent(false) | Value::Calendar(false) | Value::Leaving(false) => "false".into(),
            Value::Phone(number) => number.digits().to_owned().into(),
            Value::Owner(name) | Value::Name(name) => name.clone().into(),
            Value::Address(address) => address.to_string().into(),
            Value::CustomerNumber(number) => number.to_string().into(),
            Value::Account(account) => account.to_string().into(),
            Value::Reference(reference) => reference.to_string().into(),
        }
    }

    /// The answer as the user typed or would read it: `+47 912 34 567`, `letter`.
    #[must_use]
    pub fn shown(&self) -> Cow<'static, str> {
        match self {
            Value::Phone(number) => number.to_string().into(),
            Value::Uses(ids) => ids.join(", ").into(),
            other => other.word(),
        }
    }

    /// The words of this answer's option, where it is one of a fixed list.
    #[must_use]
    pub fn label(&self) -> Option<Ui> {
        match self.question().row().form {
            Form::Choice(options) => options
                .iter()
                .find(|(value, _)| value == self)
                .map(|(_, label)| *label),
            Form::Channel | Form::Text { .. } | Form::Services => None,
        }
    }
}

/// Service ids from `input`, between commas: at most 30, each a word of at most 30 letters,
/// digits and hyphens, taken in lowercase (`Vipps` is `vipps`), each once; none at all is an
/// answer too.
fn service_ids(input: &str) -> Option<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    let input = input.to_ascii_lowercase();
    for id in input.split(',').map(str::trim).filter(|id| !id.is_empty()) {
        let word = id.len() <= 30
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !word {
            return None;
        }
        if !ids.iter().any(|known| known == id) {
            ids.push(id.to_owned());
        }
    }
    (ids.len() <= 30).then_some(ids)
}

/// The kinds of channel an operator offers, each once, in file order.
#[must_use]
pub fn channel_kinds(operator: &Operator) -> Vec<ChannelKind> {
    let mut kinds: Vec<ChannelKind> = Vec::new();
    for channel in operator.channels.iter() {
        if !kinds.contains(&channel.kind) {
            kinds.push(channel.kind);
        }
    }
    kinds
}

fn words(words: impl Iterator<Item = Cow<'static, str>>) -> String {
    words.collect::<Vec<_>>().join(", ")
}

/// A value from a file or the terminal as an error shows it: as data, on one line, and cut
/// short if long (a 10,000-character value is not worth repeating).
#[must_use]
pub fn shown_word(word: &str) -> String {
    const SHOWN: usize = 40;
    let shown = printable(word);
    if shown.chars().count() > SHOWN {
        let cut: String = shown.chars().take(SHOWN).collect();
        format!("{cut}…")
    } else {
        shown.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_in_its_place_and_every_key_is_distinct() {
        for question in Question::ALL {
            assert_eq!(Question::from_key(question.key()), Some(question));
        }
        for row in &TABLE {
            if let Form::Choice(options) = row.form {
                for (value, _) in options {
                    assert_eq!(
                        value.question().key(),
                        row.key,
                        "{value:?} in `{}`",
                        row.key
                    );
                }
            }
        }
    }

    /// What a Chinese input method types: a full-width comma, full-width digits.
    #[test]
    fn typed_text_in_full_width_forms_is_taken_as_meant() {
        let telenor = crate::operator::Catalog::default()
            .operator("telenor")
            .unwrap();
        let address = Question::Address
            .parse("Storgata 1，0150 Oslo", &telenor, Lang::Zh)
            .unwrap();
        assert_eq!(address.shown(), "Storgata 1, 0150 Oslo");
        let phone = Question::Phone
            .parse("９１２ ３４ ５６７", &telenor, Lang::Zh)
            .unwrap();
        assert_eq!(phone.shown(), "+47 912 34 567");
        assert_eq!(
            Question::Uses.parse("ＢａｎｋＩＤ，vipps", &telenor, Lang::Zh),
            Ok(Value::Uses(vec!["bankid".into(), "vipps".into()]))
        );
    }

    #[test]
    fn every_choice_reads_back_its_own_words() {
        let telenor = crate::operator::Catalog::default()
            .operator("telenor")
            .unwrap();
        for question in Question::ALL {
            for value in question.options(&telenor).unwrap_or_default() {
                assert_eq!(
                    question.parse(&value.word(), &telenor, Lang::En),
                    Ok(value.clone())
                );
            }
        }
        assert_eq!(
            Question::Channel.parse("email", &telenor, Lang::En),
            Err(
                "`email` is not a channel Telenor offers; expected one of: phone, chat, app, store, letter"
                    .into()
            )
        );
        assert_eq!(
            Question::Intent.parse("cancle", &telenor, Lang::En),
            Err("`cancle` is not one of: cancel, port, keep; did you mean `cancel`?".into())
        );
        assert_eq!(
            Question::Channel.parse("leter", &telenor, Lang::Nb),
            Err("`leter` er ikke en kanal Telenor tilbyr; forventet en av: phone, chat, app, store, letter; mente du `letter`?".into())
        );
        assert!(Question::Sent.is_flag());
        assert!(!Question::Intent.is_flag());
    }
}
