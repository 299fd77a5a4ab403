//! The case book: the cancellation requests the user sent, and the walk in progress. Records
//! hold the domain's own types (operator id, mobile number, channel kind, state, dates), each
//! checked by the same code when the book is read as when it is written. `store` keeps it in
//! one file in the user's data folder.

mod ladder;
mod store;

use std::path::PathBuf;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use ladder::{ANSWER_WITHIN_DAYS, Change, FOLLOW_UP_AFTER_DAYS, Milestone, NextAction, NotNow};
pub use store::{Store, StoreError, parse};

use crate::operator::{ChannelKind, OperatorId};
use crate::situation::{Acting, Intent, Plan};
use crate::values::{MobileNumber, PostalAddress, Reference};

/// The format this nocard writes. A file from a newer one is refused, never rewritten.
pub const FORMAT_VERSION: u32 = 1;

/// How long an interrupted walk is kept.
const DRAFT_DAYS: i32 = 7;

/// Everything in the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Book {
    /// The file format.
    pub version: u32,
    /// The highest id ever given, so that a forgotten case's id is never given again. Kept
    /// in the file only while it is higher than every case's (the newest case was
    /// forgotten), so that books without a forgotten newest case read as before.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub last_id: u32,
    /// Requests sent, oldest first.
    #[serde(default, rename = "case", skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<Case>,
    /// The walk in progress, if one was interrupted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
}

/// A cancellation request the user wrote, and what became of it. It holds no bank account
/// and no identity number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Small and stable: what the user types in `nocard status confirm 3`.
    pub id: u32,
    pub operator: OperatorId,
    pub number: MobileNumber,
    pub intent: Intent,
    /// Postpaid or prepaid, where it was asked: what comes after depends on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// The kind of channel it goes through.
    pub channel: ChannelKind,
    /// The operator's postal or e-mail address it goes to, where the channel has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// The day the message was written. Books written before there was a written state
    /// have only `sent`, which is that day too.
    #[serde(
        default,
        with = "toml_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub written: Option<Date>,
    /// The day it was sent; none while it is only written.
    #[serde(
        default,
        with = "toml_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub sent: Option<Date>,
    /// The operator's reference number, if it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Reference>,
    /// When the subscription should end, where the operator's notice period is known.
    #[serde(
        default,
        with = "toml_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expected_end: Option<Date>,
    /// Where the message was saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<PathBuf>,
    /// The SHA-256 of the message file as it was written, in hex: it shows that a file is
    /// the one that was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<Sha256>,
    /// Who wrote it, for the follow-up and the complaint that cite it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// For whom, where it is not the writer's own: a deceased owner's estate, or the owner
    /// who gave written authorisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acting: Option<Acting>,
    /// The owner's name, where the writer acts for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The sender's postal address, kept only for a letter: a follow-up letter needs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<PostalAddress>,
    /// Whether the request asked for a prepaid card's remaining balance to be paid out, so
    /// that the follow-up asks again. The account it named is never kept.
    #[serde(default, skip_serializing_if = "is_false")]
    pub refund: bool,
    pub state: State,
    #[serde(
        default,
        with = "toml_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub confirmed: Option<Date>,
    #[serde(
        default,
        with = "toml_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub closed: Option<Date>,
    /// The days a written follow-up was made, first to last.
    #[serde(
        default,
        with = "toml_date::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub followed_up: Vec<Date>,
    /// The day the operator turned the request down, where it did.
    #[serde(
        default,
        with = "toml_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub refused: Option<Date>,
    /// The day a complaint to Brukerklagenemnda was written.
    #[serde(
        default,
        with = "toml_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub complained: Option<Date>,
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Written; not sent yet.
    Written,
    /// Sent; no confirmation yet.
    Sent,
    /// The operator confirmed in writing.
    Confirmed,
    /// Done: the final bill is settled.
    Closed,
}

impl State {
    /// The word in the file and in JSON.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            State::Written => "written",
            State::Sent => "sent",
            State::Confirmed => "confirmed",
            State::Closed => "closed",
        }
    }
}

/// A SHA-256 digest, as 64 lowercase hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sha256(String);

impl Sha256 {
    /// The digest of `bytes`.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        use sha2::Digest as _;
        use std::fmt::Write as _;
        let digest = sha2::Sha256::digest(bytes);
        Sha256(digest.iter().fold(String::new(), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        }))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sha256 {
    type Error = &'static str;
    fn try_from(hex: String) -> Result<Self, Self::Error> {
        if hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(Sha256(hex))
        } else {
            Err("expected a SHA-256 digest: 64 lowercase hexadecimal digits")
        }
    }
}

impl From<Sha256> for String {
    fn from(digest: Sha256) -> Self {
        digest.0
    }
}

impl std::fmt::Display for Sha256 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An interrupted walk: the operator and the answers given so far, as an answers file holds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub operator: OperatorId,
    #[serde(with = "toml_date")]
    pub started: Date,
    /// Answers-file keys and values; never a bank account.
    pub answers: toml::Table,
    /// The message, once it was written: a walk resumed after it goes on from there
    /// instead of writing it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<PathBuf>,
}

impl Draft {
    /// Interrupted walks are kept for a week.
    #[must_use]
    pub fn expired(&self, today: Date) -> bool {
        self.started
            .checked_add(jiff::Span::new().days(DRAFT_DAYS))
            .is_ok_and(|limit| today > limit)
    }
}

impl Book {
    /// An empty book in this nocard's format.
    #[must_use]
    pub fn new() -> Self {
        Book {
            version: FORMAT_VERSION,
            ..Book::default()
        }
    }

    /// The open case (written, sent or confirmed) for a number, if there is one.
    #[must_use]
    pub fn open_case(&self, number: &MobileNumber) -> Option<&Case> {
        self.cases
            .iter()
            .rev()
            .find(|case| case.number == *number && case.state != State::Closed)
    }

    /// The highest id given so far: of a case in the book, or of one forgotten since.
    pub(crate) fn highest_id(&self) -> u32 {
        self.cases
            .iter()
            .map(|case| case.id)
            .max()
            .unwrap_or(0)
            .max(self.last_id)
    }

    /// The id the next case gets: one never given before, or `None` once every id has been.
    #[must_use]
    pub fn next_id(&self) -> Option<u32> {
        self.highest_id().checked_add(1)
    }

    /// Adds `case` with the next id, and returns it; `None`, and nothing added, once every
    /// id has been given.
    pub fn add(&mut self, mut case: Case) -> Option<u32> {
        let id = self.next_id()?;
        case.id = id;
        self.cases.push(case);
        self.last_id = id;
        Some(id)
    }

    /// Keeps `last_id` only where the cases alone would not tell it.
    pub fn settle_ids(&mut self) {
        let highest = self.highest_id();
        let in_cases = self.cases.iter().map(|case| case.id).max().unwrap_or(0);
        self.last_id = if highest > in_cases { highest } else { 0 };
    }

    /// The interrupted walk, if one was kept in the last week.
    #[must_use]
    pub fn draft(&self, today: Date) -> Option<&Draft> {
        self.draft.as_ref().filter(|draft| !draft.expired(today))
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` hands over a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` hands over a reference
fn is_false(b: &bool) -> bool {
    !*b
}

impl Book {
    /// Makes `change` to case `id` on `today`, or says why it cannot be made; nothing is
    /// changed then.
    pub fn change(&mut self, id: u32, change: &Change, today: Date) -> Result<(), NotNow> {
        let index = self
            .cases
            .iter()
            .position(|case| case.id == id)
            .ok_or(NotNow::NoSuchCase)?;
        let case = &mut self.cases[index];
        case.allows(change, today)?;
        match change {
            Change::Sent { on, reference, end } => {
                case.state = State::Sent;
                case.sent = Some(*on);
                case.expected_end = *end;
                if reference.is_some() {
                    case.reference.clone_from(reference);
                }
            }
            Change::FollowedUp => case.followed_up.push(today),
            Change::Refused(on) => case.refused = Some(*on),
            Change::Complained => case.complained = Some(today),
            Change::Confirm(reference) => {
                case.state = State::Confirmed;
                case.confirmed = Some(today);
                if let Some(reference) = reference {
                    case.reference = Some(reference.clone());
                }
            }
            Change::Close => {
                case.state = State::Closed;
                case.closed = Some(today);
            }
            Change::Forget => {
                self.last_id = self.highest_id();
                self.cases.remove(index);
            }
        }
        Ok(())
    }
}

/// Dates as TOML dates (`sent = 2026-11-25`), not strings.
mod toml_date {
    use jiff::civil::Date;
    use serde::{Deserialize as _, Deserializer, Serialize as _, Serializer};
    use toml::value::Datetime;

    fn to_toml(date: Date) -> Datetime {
        Datetime {
            date: Some(toml::value::Date {
                year: u16::try_from(date.year()).unwrap_or_default(),
                month: u8::try_from(date.month()).unwrap_or_default(),
                day: u8::try_from(date.day()).unwrap_or_default(),
            }),
            time: None,
            offset: None,
        }
    }

    fn from_toml<E: serde::de::Error>(value: &Datetime) -> Result<Date, E> {
        let date = value
            .date
            .filter(|_| value.time.is_none())
            .ok_or_else(|| E::custom("expected a date such as 2026-11-25"))?;
        Date::new(
            i16::try_from(date.year).map_err(E::custom)?,
            i8::try_from(date.month).map_err(E::custom)?,
            i8::try_from(date.day).map_err(E::custom)?,
        )
        .map_err(E::custom)
    }

    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` hands over a reference
    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        to_toml(*date).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        from_toml(&Datetime::deserialize(deserializer)?)
    }

    pub mod list {
        use super::{Date, Datetime, Deserializer, Serializer, from_toml, to_toml};
        use serde::{Deserialize as _, Serialize as _};

        #[allow(clippy::ptr_arg)] // serde's `with` hands over a reference to the field
        pub fn serialize<S: Serializer>(
            dates: &Vec<Date>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            dates
                .iter()
                .copied()
                .map(to_toml)
                .collect::<Vec<_>>()
                .serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<Date>, D::Error> {
            Vec::<Datetime>::deserialize(deserializer)?
                .iter()
                .map(from_toml)
                .collect()
        }
    }

    pub mod option {
        use super::{Date, Datetime, Deserializer, Serializer, from_toml, to_toml};
        use serde::{Deserialize as _, Serialize as _};

        #[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde's `with` hands over a reference
        pub fn serialize<S: Serializer>(
            date: &Option<Date>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            date.map(to_toml).serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Date>, D::Error> {
            Option::<Datetime>::deserialize(deserializer)?
                .as_ref()
                .map(from_toml)
                .transpose()
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use jiff::civil::date;

    /// A sent case for `number`, as a walk records it.
    pub(crate) fn case(id: u32, number: &str) -> Case {
        Case {
            id,
            operator: OperatorId::try_from("telenor".to_owned()).unwrap(),
            number: MobileNumber::parse(number).unwrap(),
            intent: Intent::Cancel,
            plan: None,
            channel: ChannelKind::Letter,
            recipient: Some("Telenor Norge AS, Snarøyveien 30, 1360 Fornebu".to_owned()),
            written: Some(date(2026, 11, 25)),
            sent: Some(date(2026, 11, 25)),
            reference: None,
            expected_end: Some(date(2026, 12, 31)),
            message: Some(PathBuf::from("/home/ola/nocard-telenor-2026-11-25.txt")),
            sha256: None,
            name: Some("Ola Nordmann".to_owned()),
            acting: None,
            owner: None,
            address: None,
            refund: false,
            state: State::Sent,
            confirmed: None,
            closed: None,
            followed_up: Vec::new(),
            refused: None,
            complained: None,
        }
    }

    #[test]
    fn a_book_from_before_the_written_state_reads_with_its_sent_day_as_written() {
        let old = "version = 1\n\n[[case]]\nid = 1\noperator = \"telenor\"\nnumber = \"91234567\"\nintent = \"cancel\"\nchannel = \"letter\"\nsent = 2026-11-25\nstate = \"sent\"\n";
        let book: Book = toml::from_str(old).unwrap();
        assert_eq!(book.cases[0].written_on(), date(2026, 11, 25));
        assert_eq!(book.cases[0].sent, Some(date(2026, 11, 25)));
    }

    #[test]
    fn a_refund_asked_for_is_kept_as_a_yes_and_a_book_without_it_reads_as_none_asked() {
        let old = "version = 1\n\n[[case]]\nid = 1\noperator = \"telenor\"\nnumber = \"91234567\"\nintent = \"cancel\"\nplan = \"prepaid\"\nchannel = \"letter\"\nsent = 2026-11-25\nstate = \"sent\"\n";
        let mut book: Book = toml::from_str(old).unwrap();
        assert!(!book.cases[0].refund);
        book.cases[0].refund = true;
        let text = toml::to_string(&book).unwrap();
        assert!(text.contains("refund = true"), "{text}");
        let again: Book = toml::from_str(&text).unwrap();
        assert!(again.cases[0].refund);
        book.cases[0].refund = false;
        assert!(!toml::to_string(&book).unwrap().contains("refund"));
    }

    #[test]
    fn a_digest_is_64_hexadecimal_digits() {
        let digest = Sha256::of(b"abc");
        assert_eq!(
            digest.as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(Sha256::try_from("ABC".to_owned()).is_err());
    }

    #[test]
    fn the_last_week_of_time_still_waits_a_week() {
        let mut case = case(1, "91234567");
        case.sent = Some(date(9999, 12, 28));
        assert_eq!(
            case.next_action(date(9999, 12, 30)),
            NextAction::AwaitConfirmation {
                follow_up_by: Date::MAX
            }
        );
        assert!(case.days_since(Date::MIN) < -7_000_000);
    }

    #[test]
    fn ids_are_never_given_twice_nor_past_the_last() {
        let mut book = Book::new();
        assert_eq!(book.add(case(0, "91234567")), Some(1));
        assert_eq!(book.add(case(0, "41234567")), Some(2));
        // The newest case forgotten: its id is not given again.
        book.cases.pop();
        book.settle_ids();
        assert_eq!(book.last_id, 2);
        assert_eq!(book.add(case(0, "41234567")), Some(3));
        book.settle_ids();
        assert_eq!(book.last_id, 0, "the cases tell it; not written");
        // A book whose highest id is the last there is: refused, not wrapped around to 0.
        book.cases.push(case(u32::MAX, "91234568"));
        assert_eq!(book.next_id(), None);
        assert_eq!(book.add(case(0, "91234569")), None);
        assert_eq!(book.cases.len(), 3, "nothing added");
    }

    #[test]
    fn drafts_expire_after_a_week() {
        let draft = Draft {
            operator: OperatorId::try_from("ice".to_owned()).unwrap(),
            started: date(2026, 11, 1),
            answers: toml::Table::from_iter([("intent".to_owned(), "cancel".into())]),
            message: None,
        };
        assert!(!draft.expired(date(2026, 11, 8)));
        assert!(draft.expired(date(2026, 11, 9)));
    }
}
