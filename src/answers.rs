//! The user's answers: what the walk asks, how each answer is checked, and the answers file
//! that gives them all without a terminal.

use std::fmt;
use std::path::Path;

use anyhow::{Context as _, Result};
use nocard_model::limits::{self, MAX_FILE_BYTES};
use serde::Deserialize;
use toml::Spanned;

use crate::error::Failure;
use crate::i18n::Ui;
use crate::operator::{ChannelKind, Operator, Position, Problem};
use crate::situation::{Balance, Choice, Intent, Payer, Plan, Sim, Situation};
use crate::text::{Lang, is_unsafe_char, printable};
use crate::validate::{BankAccount, Invalid, MobileNumber, owner_name};

/// The questions of the walk, named by their answers-file keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Question {
    Intent,
    Payer,
    Plan,
    Sim,
    Channel,
    Phone,
    Name,
    Balance,
    Account,
    /// Whether the request was sent now; asked after the message is written.
    Sent,
    /// The operator's reference number, if it gave one.
    Reference,
}

impl Question {
    pub const ALL: [Question; 11] = [
        Question::Intent,
        Question::Payer,
        Question::Plan,
        Question::Sim,
        Question::Channel,
        Question::Phone,
        Question::Name,
        Question::Balance,
        Question::Account,
        Question::Sent,
        Question::Reference,
    ];

    /// The key in answers files.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Question::Intent => "intent",
            Question::Payer => "payer",
            Question::Plan => "plan",
            Question::Sim => "sim",
            Question::Channel => "channel",
            Question::Phone => "phone",
            Question::Name => "name",
            Question::Balance => "balance",
            Question::Account => "account",
            Question::Sent => "sent",
            Question::Reference => "reference",
        }
    }

    /// What the answers file may hold for this key, for help and `operators show`.
    #[must_use]
    pub fn accepts(self, operator: Option<&Operator>, lang: Lang) -> String {
        match self {
            Question::Intent => Intent::words(),
            Question::Payer => Payer::words(),
            Question::Plan => Plan::words(),
            Question::Sim => Sim::words(),
            Question::Balance => Balance::words(),
            Question::Channel => match operator {
                Some(operator) => channel_kinds(operator)
                    .iter()
                    .map(|kind| kind.word())
                    .collect::<Vec<_>>()
                    .join(", "),
                None => ChannelKind::WORDS.to_owned(),
            },
            Question::Phone => Ui::AcceptsPhone.get(lang).to_owned(),
            Question::Name => Ui::AcceptsName.get(lang).to_owned(),
            Question::Account => Ui::AcceptsAccount.get(lang).to_owned(),
            Question::Sent => "true, false".to_owned(),
            Question::Reference => Ui::AcceptsReference.get(lang).to_owned(),
        }
    }
}

impl fmt::Display for Question {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The kinds of channel an operator offers, each once, in file order.
#[must_use]
pub fn channel_kinds(operator: &Operator) -> Vec<ChannelKind> {
    let mut kinds: Vec<ChannelKind> = Vec::new();
    for channel in &operator.channels {
        if !kinds.contains(&channel.kind) {
            kinds.push(channel.kind);
        }
    }
    kinds
}

/// Everything answered so far; `None` is not (yet) answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub intent: Option<Intent>,
    pub payer: Option<Payer>,
    pub plan: Option<Plan>,
    pub sim: Option<Sim>,
    pub channel: Option<ChannelKind>,
    pub phone: Option<MobileNumber>,
    pub name: Option<String>,
    pub balance: Option<Balance>,
    pub account: Option<BankAccount>,
    pub sent: Option<bool>,
    /// `Some("")`: asked, and there was none.
    pub reference: Option<String>,
}

impl Answers {
    /// The answers that steps and precautions depend on.
    #[must_use]
    pub fn situation(&self) -> Situation {
        Situation {
            intent: self.intent,
            plan: self.plan,
            sim: self.sim,
            payer: self.payer,
            balance: self.balance,
        }
    }

    #[must_use]
    pub fn is_answered(&self, question: Question) -> bool {
        match question {
            Question::Intent => self.intent.is_some(),
            Question::Payer => self.payer.is_some(),
            Question::Plan => self.plan.is_some(),
            Question::Sim => self.sim.is_some(),
            Question::Channel => self.channel.is_some(),
            Question::Phone => self.phone.is_some(),
            Question::Name => self.name.is_some(),
            Question::Balance => self.balance.is_some(),
            Question::Account => self.account.is_some(),
            Question::Sent => self.sent.is_some(),
            Question::Reference => self.reference.is_some(),
        }
    }

    pub fn forget(&mut self, question: Question) {
        match question {
            Question::Intent => self.intent = None,
            Question::Payer => self.payer = None,
            Question::Plan => self.plan = None,
            Question::Sim => self.sim = None,
            Question::Channel => self.channel = None,
            Question::Phone => self.phone = None,
            Question::Name => self.name = None,
            Question::Balance => self.balance = None,
            Question::Account => self.account = None,
            Question::Sent => self.sent = None,
            Question::Reference => self.reference = None,
        }
    }

    /// Checks `input` as the answer to `question` and keeps it, or says why it is wrong.
    /// Terminal and answers file go through this one check.
    pub fn set(
        &mut self,
        question: Question,
        input: &str,
        operator: &Operator,
        lang: Lang,
    ) -> Result<(), String> {
        let word = input.trim();
        let shown = shown_word(word);
        let invalid = |invalid: Invalid| invalid.message(lang);
        match question {
            Question::Intent => self.intent = Some(choice(word, lang)?),
            Question::Payer => self.payer = Some(choice(word, lang)?),
            Question::Plan => self.plan = Some(choice(word, lang)?),
            Question::Sim => self.sim = Some(choice(word, lang)?),
            Question::Balance => self.balance = Some(choice(word, lang)?),
            Question::Channel => {
                let offered = channel_kinds(operator);
                let kind = ChannelKind::from_word(word)
                    .filter(|kind| offered.contains(kind))
                    .ok_or_else(|| {
                        Ui::ChannelNotOffered.fill(
                            lang,
                            &[
                                ("word", &shown),
                                ("operator", &operator.name),
                                ("words", &Question::Channel.accepts(Some(operator), lang)),
                            ],
                        )
                    })?;
                self.channel = Some(kind);
            }
            Question::Phone => self.phone = Some(MobileNumber::parse(input).map_err(invalid)?),
            Question::Name => self.name = Some(owner_name(input).map_err(invalid)?),
            Question::Account => {
                self.account = Some(BankAccount::parse(input).map_err(invalid)?);
            }
            Question::Sent => {
                self.sent = Some(match word {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(
                            Ui::NotOneOf.fill(lang, &[("word", &shown), ("words", &"true, false")])
                        );
                    }
                });
            }
            Question::Reference => {
                if word.chars().count() > 60 || word.chars().any(is_unsafe_char) {
                    return Err(Ui::ReferenceInvalid.get(lang).to_owned());
                }
                self.reference = Some(word.to_owned());
            }
        }
        Ok(())
    }

    /// The answer to `question` as the user would read it.
    #[must_use]
    pub fn shown(&self, question: Question) -> Option<String> {
        match question {
            Question::Intent => self.intent.map(|v| v.word().to_owned()),
            Question::Payer => self.payer.map(|v| v.word().to_owned()),
            Question::Plan => self.plan.map(|v| v.word().to_owned()),
            Question::Sim => self.sim.map(|v| v.word().to_owned()),
            Question::Balance => self.balance.map(|v| v.word().to_owned()),
            Question::Channel => self.channel.map(|v| v.word().to_owned()),
            Question::Phone => self.phone.as_ref().map(ToString::to_string),
            Question::Name => self.name.clone(),
            Question::Account => self.account.as_ref().map(ToString::to_string),
            Question::Sent => self.sent.map(|sent| sent.to_string()),
            Question::Reference => self.reference.clone(),
        }
    }

    /// The answers as an answers file would give them, for keeping an interrupted walk. The
    /// bank account is left out: it is asked again rather than kept on disk.
    #[must_use]
    pub fn to_pairs(&self) -> Vec<(Question, String)> {
        Question::ALL
            .into_iter()
            .filter(|&question| question != Question::Account)
            .filter_map(|question| {
                let value = match question {
                    Question::Phone => self.phone.as_ref().map(|phone| phone.digits().to_owned()),
                    _ => self.shown(question),
                };
                value.map(|value| (question, value))
            })
            .collect()
    }

    /// Reads an answers file. Wrong keys, wrong types and wrong values are errors that name
    /// the file, the position and the key. A file over 1 MiB, or not UTF-8, is refused unread.
    pub fn from_file(path: &Path, operator: &Operator, lang: Lang) -> Result<Self> {
        let text = std::fs::File::open(path)
            .and_then(limits::read_file)
            .with_context(|| {
                Ui::CouldNotReadAnswers
                    .fill(lang, &[("path", &printable(&path.display().to_string()))])
            })?;
        Self::parse(&path.display().to_string(), &text, operator, lang).map_err(|message| {
            let keys = Question::ALL.map(Question::key).join(", ");
            Failure::new(message)
                .with_hint(Ui::AnswersHint.fill(lang, &[("keys", &keys), ("id", &operator.id)]))
                .into()
        })
    }

    /// Parses the text of an answers file shown as `path`. Every error starts with
    /// `path:line:column:` and, where one key is at fault, names it; values from the file are
    /// shown as data, never as terminal control.
    pub fn parse(path: &str, text: &str, operator: &Operator, lang: Lang) -> Result<Self, String> {
        let path = printable(path);
        let at = |offset: usize| {
            let Position { line, column } = Position::of(text, offset);
            format!("{path}:{line}:{column}")
        };
        if text.len() > MAX_FILE_BYTES {
            return Err(format!(
                "{}: {}",
                at(0),
                limits::too_large_cause(u64::try_from(text.len()).ok())
            ));
        }
        if let Some(offset) = limits::too_deep(text) {
            return Err(format!("{}: {}", at(offset), Problem::TooDeep));
        }
        let raw: RawAnswers = toml::from_str(text).map_err(|err| {
            let message = err.message().trim_end().replace('\n', "; ");
            // A problem the parser cannot place (e.g. a dotted key too long) is at the start.
            let offset = err.span().map_or(0, |span| span.start);
            format!("{}: {}", at(offset), printable(&message))
        })?;
        let mut answers = Answers::default();
        for (question, value) in raw.values() {
            let Some(value) = value else { continue };
            let fail = |reason: &str| format!("{}: `{question}`: {reason}", at(value.span().start));
            // serde's words first, as for every other file error, then the key they are about.
            let typed = typed(question, value.get_ref()).map_err(|reason| {
                format!("{}: {reason} for `{question}`", at(value.span().start))
            })?;
            answers
                .set(question, &typed, operator, lang)
                .map_err(|reason| fail(&reason))?;
        }
        Ok(answers)
    }
}

/// The value of `question`'s key as the walk takes it, or why it is of the wrong type in
/// serde's words: `sent` is a boolean, every other key a string.
fn typed(question: Question, value: &toml::Value) -> Result<String, String> {
    let wrong = |err: toml::de::Error| printable(err.message().trim_end()).into_owned();
    match (question, value) {
        // serde would take a date for a string, and as a string; an answer is never a date.
        (_, toml::Value::Datetime(date)) => {
            let expected = if question == Question::Sent {
                "a boolean"
            } else {
                "a string"
            };
            Err(format!(
                "invalid type: datetime `{date}`, expected {expected}"
            ))
        }
        (Question::Sent, toml::Value::Boolean(sent)) => Ok(sent.to_string()),
        (Question::Sent, other) => other
            .clone()
            .try_into::<bool>()
            .map(|sent| sent.to_string())
            .map_err(wrong),
        (_, toml::Value::String(text)) => Ok(text.clone()),
        (_, other) => other.clone().try_into::<String>().map_err(wrong),
    }
}

/// A value from a file or the terminal as an error shows it: as data, on one line, and cut
/// short if long (a 10,000-character value is not worth repeating).
fn shown_word(word: &str) -> String {
    const SHOWN: usize = 40;
    let shown = printable(word);
    if shown.chars().count() > SHOWN {
        let cut: String = shown.chars().take(SHOWN).collect();
        format!("{cut}…")
    } else {
        shown.into_owned()
    }
}

fn choice<C: Choice>(word: &str, lang: Lang) -> Result<C, String> {
    C::from_word(word).ok_or_else(|| {
        Ui::NotOneOf.fill(lang, &[("word", &shown_word(word)), ("words", &C::words())])
    })
}

/// An answers file, key for key. Values are taken whatever their type, so that a wrong type
/// is reported with the key it is under.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswers {
    intent: Option<Spanned<toml::Value>>,
    payer: Option<Spanned<toml::Value>>,
    plan: Option<Spanned<toml::Value>>,
    sim: Option<Spanned<toml::Value>>,
    channel: Option<Spanned<toml::Value>>,
    phone: Option<Spanned<toml::Value>>,
    name: Option<Spanned<toml::Value>>,
    balance: Option<Spanned<toml::Value>>,
    account: Option<Spanned<toml::Value>>,
    sent: Option<Spanned<toml::Value>>,
    reference: Option<Spanned<toml::Value>>,
}

impl RawAnswers {
    fn values(self) -> [(Question, Option<Spanned<toml::Value>>); 11] {
        [
            (Question::Intent, self.intent),
            (Question::Payer, self.payer),
            (Question::Plan, self.plan),
            (Question::Sim, self.sim),
            (Question::Channel, self.channel),
            (Question::Phone, self.phone),
            (Question::Name, self.name),
            (Question::Balance, self.balance),
            (Question::Account, self.account),
            (Question::Sent, self.sent),
            (Question::Reference, self.reference),
        ]
    }
}
