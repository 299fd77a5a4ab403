//! Everything answered so far, typed, and the answers file that gives answers without a
//! terminal. A draft keeps answers in the answers file's shape and is read back by the same code.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result};
use nocard_model::limits::{self, MAX_FILE_BYTES, Unreadable};
use toml::Spanned;

use crate::causes::{self, Expected};
use crate::error::Failure;
use crate::i18n::Ui;
use crate::operator::{ChannelKind, Operator, Position, Services};
use crate::questions::{Question, Value, shown_word};
use crate::situation::{Acting, Balance, Intent, Leaving, Payer, Plan, Sim, Situation, Stage};
use crate::text::{Lang, printable};
use crate::values::{BankAccount, CustomerNumber, MobileNumber, PostalAddress, Reference};

/// The answers given so far; a question without one is not (yet) answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    values: [Option<Value>; Question::ALL.len()],
}

impl Answers {
    #[must_use]
    pub fn get(&self, question: Question) -> Option<&Value> {
        self.values[question as usize].as_ref()
    }

    /// How many questions are answered.
    #[must_use]
    pub fn count(&self) -> usize {
        self.values.iter().filter(|value| value.is_some()).count()
    }

    #[must_use]
    pub fn is_answered(&self, question: Question) -> bool {
        self.get(question).is_some()
    }

    /// Keeps `value` as the answer to its question.
    pub fn set(&mut self, value: Value) {
        let question = value.question();
        self.values[question as usize] = Some(value);
    }

    pub fn forget(&mut self, question: Question) {
        self.values[question as usize] = None;
    }

    /// Checks `input` as the answer to `question` and keeps it, or says why it is wrong.
    pub fn answer(
        &mut self,
        question: Question,
        input: &str,
        operator: &Operator,
        lang: Lang,
    ) -> Result<(), String> {
        self.set(question.parse(input, operator, lang)?);
        Ok(())
    }

    #[must_use]
    pub fn intent(&self) -> Option<Intent> {
        match self.get(Question::Intent)? {
            Value::Intent(intent) => Some(*intent),
            _ => None,
        }
    }

    #[must_use]
    pub fn payer(&self) -> Option<Payer> {
        match self.get(Question::Payer)? {
            Value::Payer(payer) => Some(*payer),
            _ => None,
        }
    }

    #[must_use]
    pub fn acting(&self) -> Option<Acting> {
        match self.get(Question::Acting)? {
            Value::Acting(acting) => Some(*acting),
            _ => None,
        }
    }

    /// Whether the user is leaving Norway, where it was asked.
    #[must_use]
    pub fn leaving(&self) -> Option<bool> {
        match self.get(Question::Leaving)? {
            Value::Leaving(leaving) => Some(*leaving),
            _ => None,
        }
    }

    /// The owner's name, where the user acts for someone else.
    #[must_use]
    pub fn owner(&self) -> Option<&str> {
        match self.get(Question::Owner)? {
            Value::Owner(name) => Some(name),
            _ => None,
        }
    }

    /// The ids of the services the user has that use the number.
    #[must_use]
    pub fn uses(&self) -> &[String] {
        match self.get(Question::Uses) {
            Some(Value::Uses(ids)) => ids,
            _ => &[],
        }
    }

    #[must_use]
    pub fn plan(&self) -> Option<Plan> {
        match self.get(Question::Plan)? {
            Value::Plan(plan) => Some(*plan),
            _ => None,
        }
    }

    #[must_use]
    pub fn sim(&self) -> Option<Sim> {
        match self.get(Question::Sim)? {
            Value::Sim(sim) => Some(*sim),
            _ => None,
        }
    }

    #[must_use]
    pub fn channel(&self) -> Option<ChannelKind> {
        match self.get(Question::Channel)? {
            Value::Channel(kind) => Some(*kind),
            _ => None,
        }
    }

    #[must_use]
    pub fn phone(&self) -> Option<&MobileNumber> {
        match self.get(Question::Phone)? {
            Value::Phone(number) => Some(number),
            _ => None,
        }
    }

    #[must_use]
    pub fn name(&self) -> Option<&str> {
        match self.get(Question::Name)? {
            Value::Name(name) => Some(name),
            _ => None,
        }
    }

    /// The sender's postal address, for a letter.
    #[must_use]
    pub fn address(&self) -> Option<&PostalAddress> {
        match self.get(Question::Address)? {
            Value::Address(address) => Some(address),
            _ => None,
        }
    }

    /// The customer number, where one was given.
    #[must_use]
    pub fn customer_number(&self) -> Option<&CustomerNumber> {
        match self.get(Question::CustomerNumber)? {
            Value::CustomerNumber(number) => Some(number).filter(|n| !n.is_empty()),
            _ => None,
        }
    }

    #[must_use]
    pub fn balance(&self) -> Option<Balance> {
        match self.get(Question::Balance)? {
            Value::Balance(balance) => Some(*balance),
            _ => None,
        }
    }

    #[must_use]
    pub fn account(&self) -> Option<&BankAccount> {
        match self.get(Question::Account)? {
            Value::Account(account) => Some(account),
            _ => None,
        }
    }

    #[must_use]
    pub fn sent(&self) -> Option<bool> {
        match self.get(Question::Sent)? {
            Value::Sent(sent) => Some(*sent),
            _ => None,
        }
    }

    /// Whether to save the case's dates for a calendar.
    #[must_use]
    pub fn calendar(&self) -> Option<bool> {
        match self.get(Question::Calendar)? {
            Value::Calendar(save) => Some(*save),
            _ => None,
        }
    }

    /// The operator's reference, where one was given.
    #[must_use]
    pub fn reference(&self) -> Option<&Reference> {
        match self.get(Question::Reference)? {
            Value::Reference(reference) => Some(reference).filter(|r| !r.is_empty()),
            _ => None,
        }
    }

    /// The answers that steps and precautions depend on.
    #[must_use]
    pub fn situation(&self) -> Situation {
        Situation {
            intent: self.intent(),
            // Not asked where it changes nothing: keeping or porting a number, and a
            // company-paid subscription, which the employer ends.
            acting: self.acting().or_else(|| {
                let moot = self.intent().is_some_and(|intent| intent != Intent::Cancel)
                    || self.payer() == Some(Payer::Company);
                moot.then_some(Acting::Owner)
            }),
            leaving: match self.leaving() {
                Some(true) => Some(Leaving::Yes),
                Some(false) => Some(Leaving::No),
                None if self.payer() == Some(Payer::Company) => Some(Leaving::No),
                None => None,
            },
            plan: self.plan(),
            sim: self.sim(),
            payer: self.payer(),
            balance: self.balance(),
            channel: self.channel(),
            // Sent: what comes after; not yet: what is still to do first; unasked: either.
            stage: self
                .sent()
                .map(|sent| if sent { Stage::After } else { Stage::Before }),
        }
    }

    /// Whether a refund of a prepaid balance was asked for, to the account the walk then asks.
    #[must_use]
    pub fn wants_refund(&self) -> bool {
        self.plan() == Some(Plan::Prepaid) && self.balance() == Some(Balance::Refund)
    }

    /// The account to pay a prepaid balance to, where a refund was asked for.
    #[must_use]
    pub fn refund_to(&self) -> Option<&BankAccount> {
        self.account().filter(|_| self.wants_refund())
    }

    /// The answers a draft keeps, as an answers file holds them. The bank account is left out:
    /// it is asked again rather than kept on disk.
    #[must_use]
    pub fn to_table(&self) -> toml::Table {
        Question::ALL
            .into_iter()
            .filter(|question| question.row().kept)
            .filter_map(|question| {
                let value = self.get(question)?;
                let value = match value {
                    Value::Sent(flag) | Value::Calendar(flag) | Value::Leaving(flag) => {
                        toml::Value::Boolean(*flag)
                    }
                    Value::Uses(ids) => toml::Value::Array(
                        ids.iter()
                            .map(|id| toml::Value::String(id.clone()))
                            .collect(),
                    ),
                    other => toml::Value::String(other.word().into_owned()),
                };
                Some((question.key().to_owned(), value))
            })
            .collect()
    }

    /// The answers a draft kept, each through its check; any that no longer passes (the
    /// operator stopped offering a channel) is left to be asked again.
    #[must_use]
    pub fn from_table(
        table: &toml::Table,
        operator: &Operator,
        services: &Services,
        lang: Lang,
    ) -> Self {
        let mut answers = Answers::default();
        for question in Question::ALL {
            if let Some(value) = table.get(question.key())
                && let Ok(input) = typed(question, value, lang)
            {
                let _ = answers.answer(question, &input, operator, lang);
            }
        }
        // A service the services file no longer has is left out.
        if let Some(Value::Uses(ids)) = answers.get(Question::Uses) {
            let known = ids
                .iter()
                .filter(|id| services.get(id).is_some())
                .cloned()
                .collect();
            answers.set(Value::Uses(known));
        }
        answers
    }

    /// Reads an answers file. Wrong keys, wrong types and wrong values are errors that name
    /// the file, the position and the key. A file over 1 MiB, or not UTF-8, is refused unread.
    pub fn from_file(
        path: &Path,
        operator: &Operator,
        services: &Services,
        lang: Lang,
    ) -> Result<Self> {
        // A regular file only: a named pipe would wait for ever, /dev/zero fill the memory.
        let text = crate::disk::read_text(path, crate::disk::Links::Follow).with_context(|| {
            Ui::CouldNotReadAnswers.fill(lang, &[("path", &printable(&path.display().to_string()))])
        })?;
        let path = path.display().to_string();
        Self::parse_at(&path, &text, operator, services, lang).map_err(|(message, key)| {
            // A wrong value is told what its key takes; anything else, which keys there are.
            let hint = match key {
                Some(question) => Ui::AnswersKeyTakes.fill(
                    lang,
                    &[
                        ("key", &question.key()),
                        ("accepts", &question.accepts(Some(operator), lang)),
                    ],
                ),
                None => {
                    Ui::AnswersHint.fill(lang, &[("keys", &Question::keys()), ("id", &operator.id)])
                }
            };
            Failure::new(message).with_hint(hint).into()
        })
    }

    /// Parses the text of an answers file shown as `path`. Every error starts with
    /// `path:line:column:` and, where one key is at fault, names it; values from the file are
    /// shown as data, never as terminal control.
    pub fn parse(
        path: &str,
        text: &str,
        operator: &Operator,
        services: &Services,
        lang: Lang,
    ) -> Result<Self, String> {
        Self::parse_at(path, text, operator, services, lang).map_err(|(message, _)| message)
    }

    /// As `parse`, with the question whose value is at fault, where one is; the first fault
    /// in the file's order is the one told.
    fn parse_at(
        path: &str,
        text: &str,
        operator: &Operator,
        services: &Services,
        lang: Lang,
    ) -> Result<Self, (String, Option<Question>)> {
        let path = printable(path);
        let at = |offset: usize| {
            let Position { line, column } = Position::of(text, offset);
            format!("{path}:{line}:{column}")
        };
        if text.len() > MAX_FILE_BYTES {
            let too_large = Unreadable::too_large(u64::try_from(text.len()).ok());
            return Err((
                format!("{}: {}", at(0), causes::unreadable(too_large, lang)),
                None,
            ));
        }
        if let Some(offset) = limits::too_deep(text) {
            return Err((format!("{}: {}", at(offset), causes::too_deep(lang)), None));
        }
        let raw: BTreeMap<Spanned<String>, Spanned<toml::Value>> =
            toml::from_str(text).map_err(|err| {
                let message = err.message().trim_end().replace('\n', "; ");
                // A problem the parser cannot place (e.g. a dotted key too long) is at the start.
                let offset = err.span().map_or(0, |span| span.start);
                let message = causes::toml_syntax(&message, lang);
                (format!("{}: {}", at(offset), printable(&message)), None)
            })?;
        // The first key nocard does not know, in file order, with the key it is a slip for;
        // the hint lists them all.
        if let Some(unknown) = raw
            .keys()
            .filter(|key| Question::from_key(key.get_ref()).is_none())
            .min_by_key(|key| key.span().start)
        {
            let key = shown_word(unknown.get_ref());
            let message = Ui::AnswersUnknownKey.fill(lang, &[("key", &key)]);
            let message = crate::suggest::with_suggestion(
                message,
                unknown.get_ref(),
                Question::ALL.map(Question::key),
                lang,
            );
            return Err((format!("{}: {message}", at(unknown.span().start)), None));
        }
        let mut answers = Answers::default();
        // In the file's order, so that of several faults the first is told.
        let mut given: Vec<(Question, &Spanned<toml::Value>)> = raw
            .iter()
            .filter_map(|(key, value)| Some((Question::from_key(key.get_ref())?, value)))
            .collect();
        given.sort_by_key(|(_, value)| value.span().start);
        for (question, value) in given {
            let place = at(value.span().start);
            let input = typed(question, value.get_ref(), lang)
                .map_err(|reason| (format!("{place}: {reason}"), Some(question)))?;
            answers
                .answer(question, &input, operator, lang)
                .map_err(|reason| (format!("{place}: `{question}`: {reason}"), Some(question)))?;
            if let Some(Value::Uses(ids)) = answers.get(question)
                && let Some(unknown) = ids.iter().find(|id| services.get(id).is_none())
            {
                let known: Vec<&str> = services.services.iter().map(|s| &*s.id).collect();
                let message = Ui::UsesUnknown.fill(
                    lang,
                    &[("id", &printable(unknown)), ("ids", &known.join(", "))],
                );
                let message = crate::suggest::with_suggestion(message, unknown, known, lang);
                return Err((format!("{place}: `{question}`: {message}"), Some(question)));
            }
        }
        Ok(answers)
    }
}

/// The value of `question`'s key as the walk takes it, or why it is of the wrong type: a flag
/// is a boolean, every other key a string (never a date, which serde would take as one).
fn typed(question: Question, value: &toml::Value, lang: Lang) -> Result<String, String> {
    let expected = if question.is_list() {
        Expected::List
    } else if question.is_flag() {
        Expected::Boolean
    } else {
        Expected::String
    };
    match (expected, value) {
        (Expected::Boolean, toml::Value::Boolean(sent)) => return Ok(sent.to_string()),
        (Expected::String, toml::Value::String(text)) => return Ok(text.clone()),
        // A list of words, as `uses = ["bankid", "vipps"]`; given to the check between commas.
        (Expected::List, toml::Value::Array(items)) => {
            for item in items {
                if !item.is_str() {
                    return Err(causes::wrong_type(
                        question.key(),
                        item,
                        Expected::String,
                        lang,
                    ));
                }
            }
            let words: Vec<&str> = items.iter().filter_map(toml::Value::as_str).collect();
            return Ok(words.join(","));
        }
        _ => {}
    }
    Err(causes::wrong_type(question.key(), value, expected, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operator::Catalog;

    fn services() -> Services {
        Catalog::default().services().unwrap()
    }

    #[test]
    fn uses_is_a_list_of_known_services_and_an_unknown_one_is_named_with_the_one_meant() {
        let telenor = Catalog::default().operator("telenor").unwrap();
        let answers = Answers::parse(
            "a.toml",
            "uses = [\"bankid\", \"vipps\", \"bankid\"]\n",
            &telenor,
            &services(),
            Lang::En,
        )
        .unwrap();
        assert_eq!(answers.uses(), ["bankid", "vipps"]);
        assert_eq!(answers.to_table()["uses"].as_array().unwrap().len(), 2);
        let err = Answers::parse(
            "a.toml",
            "uses = [\"vips\"]\n",
            &telenor,
            &services(),
            Lang::En,
        )
        .unwrap_err();
        assert!(
            err.starts_with("a.toml:1:8: `uses`: unknown service `vips`"),
            "{err}"
        );
        assert!(err.contains("did you mean `vipps`?"), "{err}");
        let err = Answers::parse(
            "a.toml",
            "uses = \"bankid\"\n",
            &telenor,
            &services(),
            Lang::En,
        )
        .unwrap_err();
        assert_eq!(
            err,
            "a.toml:1:8: invalid type: string \"bankid\", expected a list of strings for `uses`"
        );
        let err = Answers::parse(
            "a.toml",
            "uses = [\"bankid\", 2]\n",
            &telenor,
            &services(),
            Lang::En,
        )
        .unwrap_err();
        assert!(
            err.ends_with("invalid type: integer `2`, expected a string for `uses`"),
            "{err}"
        );
    }

    #[test]
    fn a_draft_keeps_the_answers_file_shape_and_reads_back_the_same() {
        let telenor = Catalog::default().operator("telenor").unwrap();
        let text = "intent = \"cancel\"\nplan = \"prepaid\"\nchannel = \"phone\"\nphone = \"912 34 567\"\nbalance = \"refund\"\naccount = \"1234.56.78903\"\nuses = [\"wechat\", \"bankid\"]\nsent = true\nreference = \"AB-1\"\n";
        let answers = Answers::parse("a.toml", text, &telenor, &services(), Lang::En).unwrap();
        let table = answers.to_table();
        assert_eq!(table["phone"].as_str(), Some("91234567"));
        assert_eq!(table["sent"].as_bool(), Some(true));
        assert!(
            !table.contains_key("account"),
            "a bank account is never kept"
        );
        let mut expected = answers.clone();
        expected.forget(Question::Account);
        assert_eq!(
            Answers::from_table(&table, &telenor, &services(), Lang::En),
            expected
        );
    }

    #[test]
    fn an_unknown_key_is_named_at_its_place() {
        let telenor = Catalog::default().operator("telenor").unwrap();
        let err = Answers::parse(
            "a.toml",
            "intent = \"cancel\"\nphoen = \"1\"\n",
            &telenor,
            &services(),
            Lang::En,
        )
        .unwrap_err();
        assert!(
            err == "a.toml:2:1: unknown key `phoen`; did you mean `phone`?",
            "{err}"
        );
    }
}
