//! The procedure model: operators, their channels and steps, the common precautions, and the
//! services tied to the number.
//! Files become this model in `convert`; the rest of nocard sees only these types.

mod convert;
mod dates;
mod links;
mod problem;
mod raw;

use std::fmt;

use jiff::civil::Date;

pub use convert::{parse_common, parse_operator, parse_services};
pub use dates::{Age, DateKind, Dated, Freshness, OLD_AFTER_YEARS, STALE_AFTER_MONTHS, is_stale};
pub use links::AUTHORITY_DOMAINS;
pub use problem::{FileError, Position, Problem, Rule, Severity};
pub use raw::{common_schema, operator_schema, services_schema};

use crate::situation::Condition;
use crate::text::Text;
pub use crate::text::{List, Str};

/// An operator's id as records keep it: `[a-z0-9-]+`, checked when read.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct OperatorId(Str);

impl OperatorId {
    /// The id of a file being converted: one of the wrong form is reported there (`IdForm`),
    /// which stops the file from loading, so no model ever holds it.
    pub(crate) fn of_file(id: String) -> Self {
        OperatorId(Str::Owned(id))
    }

    /// The id of a shipped file, checked when nocard was built.
    #[doc(hidden)]
    #[must_use]
    pub const fn built_in(id: &'static str) -> Self {
        OperatorId(Str::Borrowed(id))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OperatorId {
    type Error = String;
    fn try_from(id: String) -> Result<Self, String> {
        if is_operator_id(&id) {
            Ok(OperatorId(Str::Owned(id)))
        } else {
            Err(format!(
                "`{}` is not an operator id (lowercase letters, digits and '-')",
                crate::text::printable(&id)
            ))
        }
    }
}

impl PartialEq<str> for OperatorId {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for OperatorId {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl From<OperatorId> for String {
    fn from(id: OperatorId) -> Self {
        id.0.into_owned()
    }
}

impl fmt::Display for OperatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `id` has the form of an operator id: `[a-z0-9-]+`.
#[must_use]
pub fn is_operator_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An operator's procedure, as checked and validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub id: OperatorId,
    pub name: Str,
    pub legal_name: Str,
    pub org_number: Option<Str>,
    pub brands: List<Str>,
    pub domains: List<Str>,
    /// The mobile network it runs on, where a source says so.
    pub network: Option<Network>,
    /// The operator's main page: where to check what is not confirmed.
    pub home: Str,
    pub checked: Date,
    pub sources: List<Source>,
    pub notice: Option<Notice>,
    pub channels: List<Channel>,
    /// In phase order.
    pub steps: List<Step>,
    pub precautions: List<Entry>,
}

impl Operator {
    /// The steps of `phase`, in file order.
    pub fn steps_in(&self, phase: Phase) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(move |step| step.phase == phase)
    }
}

/// The network a brand runs on, and where that comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub name: Str,
    pub provenance: Provenance,
}

/// The precautions that hold whatever the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    pub checked: Date,
    pub sources: List<Source>,
    pub precautions: List<Entry>,
}

/// The services that send codes to, or recover accounts through, a Norwegian mobile number
/// (the bank, public services, e-mail and chat apps): what to do about each before the number
/// goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Services {
    pub checked: Date,
    pub sources: List<Source>,
    /// In file order. Each entry's `id` is the word answers files name the service by.
    pub services: List<Entry>,
}

impl Services {
    /// The service whose id is `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.services.iter().find(|entry| entry.id == id)
    }
}

/// A page facts were taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: Str,
    pub title: Text,
    /// Where it was found; absent for code whose repository is not known.
    pub url: Option<Str>,
    pub kind: SourceKind,
    /// The date the page itself shows, or that it shows none.
    pub dated: Dated,
}

impl Source {
    /// The address users may be sent to: only operators' and authorities' own pages.
    #[must_use]
    pub fn link(&self) -> Option<&str> {
        self.url.as_deref().filter(|_| self.kind.is_linkable())
    }
}

/// How much a source can be trusted, and whether it may be shown as a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SourceKind {
    /// The operator's own site.
    Official,
    /// A public authority's site.
    Authority,
    /// Someone else's summary: may be wrong, and is never shown as a link.
    ThirdParty,
    /// A string in public code: weak evidence, never shown as a link.
    Code,
}

impl SourceKind {
    pub const WORDS: &'static str = "official, authority, third-party, code";

    fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "official" => SourceKind::Official,
            "authority" => SourceKind::Authority,
            "third-party" => SourceKind::ThirdParty,
            "code" => SourceKind::Code,
            _ => return None,
        })
    }

    /// Whether users may be sent to this source: nocard links only to operators and authorities.
    #[must_use]
    pub fn is_linkable(self) -> bool {
        matches!(self, SourceKind::Official | SourceKind::Authority)
    }

    /// Whether the source can make a fact confirmed: only the operator's own page or a public
    /// authority's. A third party's summary or a string in code never can.
    #[must_use]
    pub fn can_confirm(self) -> bool {
        matches!(self, SourceKind::Official | SourceKind::Authority)
    }

    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            SourceKind::Official => "official",
            SourceKind::Authority => "authority",
            SourceKind::ThirdParty => "third-party",
            SourceKind::Code => "code",
        }
    }
}

/// Where a fact comes from and whether it is confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub sources: List<Source>,
    /// True only where the file says so and an official or authority source is cited.
    pub confirmed: bool,
    /// Where to check the fact when it is not confirmed.
    pub check_on: Str,
}

/// How the end date follows from the day the operator receives the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub rule: NoticeRule,
    pub detail: Text,
    pub provenance: Provenance,
}

/// The shapes of notice period operators use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NoticeRule {
    /// Ends the day after the request is received.
    NextDay,
    /// Ends at the end of the month the request is received in.
    EndOfMonth,
    /// Ends at the end of the month after the one the request is received in.
    EndOfNextMonth,
    /// No source gives it.
    Unknown,
}

impl NoticeRule {
    /// The day the subscription ends under this rule for a request received on `received`;
    /// `None` where the rule is not known.
    #[must_use]
    pub fn end_date(self, received: Date) -> Option<Date> {
        match self {
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

    pub const WORDS: &'static str = "next-day, end-of-month, end-of-next-month, unknown";

    fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "next-day" => NoticeRule::NextDay,
            "end-of-month" => NoticeRule::EndOfMonth,
            "end-of-next-month" => NoticeRule::EndOfNextMonth,
            "unknown" => NoticeRule::Unknown,
            _ => return None,
        })
    }
}

/// A way to reach the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub id: Str,
    pub kind: ChannelKind,
    pub label: Text,
    pub address: Address,
    pub needs: Option<Text>,
    pub note: Option<Text>,
    pub provenance: Provenance,
}

/// The kinds of channel, as named in operator files and answers files.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")] // the words of files: `phone`, `letter`
pub enum ChannelKind {
    Phone,
    Chat,
    Web,
    App,
    Store,
    Email,
    Letter,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 7] = [
        ChannelKind::Phone,
        ChannelKind::Chat,
        ChannelKind::Web,
        ChannelKind::App,
        ChannelKind::Store,
        ChannelKind::Email,
        ChannelKind::Letter,
    ];
    pub const WORDS: &'static str = "phone, chat, web, app, store, email, letter";

    #[must_use]
    pub fn from_word(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.word() == word)
    }

    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            ChannelKind::Phone => "phone",
            ChannelKind::Chat => "chat",
            ChannelKind::Web => "web",
            ChannelKind::App => "app",
            ChannelKind::Store => "store",
            ChannelKind::Email => "email",
            ChannelKind::Letter => "letter",
        }
    }
}

impl crate::situation::Choice for ChannelKind {
    const KEY: crate::situation::Key = crate::situation::Key::Channel;
    const ALL: &'static [Self] = &ChannelKind::ALL;
    fn word(self) -> &'static str {
        ChannelKind::word(self)
    }
}

impl fmt::Display for ChannelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// Where a channel is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// A Norwegian number as the operator writes it: `915 09 000`, `06160`.
    Phone(Str),
    Url(Str),
    Email(Str),
    Postal(Str),
    /// A channel without an address of its own (e.g. "any Telenor store").
    None,
}

impl Address {
    /// The `+47` form for calling from abroad. Short numbers (`06160`, `3332`) cannot be
    /// dialled from abroad and have none.
    #[must_use]
    pub fn abroad(&self) -> Option<String> {
        match self {
            Address::Phone(number) if number.chars().filter(char::is_ascii_digit).count() == 8 => {
                Some(format!("+47 {number}"))
            }
            _ => None,
        }
    }
}

/// The five phases of the procedure, in order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Phase {
    Preparation,
    Contact,
    Information,
    Balance,
    Confirmation,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Preparation,
        Phase::Contact,
        Phase::Information,
        Phase::Balance,
        Phase::Confirmation,
    ];
    pub const WORDS: &'static str = "preparation, contact, information, balance, confirmation";

    fn from_word(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|phase| phase.word() == word)
    }

    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Phase::Preparation => "preparation",
            Phase::Contact => "contact",
            Phase::Information => "information",
            Phase::Balance => "balance",
            Phase::Confirmation => "confirmation",
        }
    }

    /// 1 to 5.
    #[must_use]
    pub fn number(self) -> usize {
        self as usize + 1
    }
}

/// A step of the procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub phase: Phase,
    pub entry: Entry,
}

/// A piece of advice: a step's content, a precaution, or what to do about a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: Str,
    pub when: Condition,
    pub title: Text,
    pub detail: Text,
    pub provenance: Provenance,
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn end_dates_follow_the_notice_rule() {
        let received = date(2026, 6, 14);
        assert_eq!(
            NoticeRule::NextDay.end_date(received),
            Some(date(2026, 6, 15))
        );
        assert_eq!(
            NoticeRule::EndOfMonth.end_date(received),
            Some(date(2026, 6, 30))
        );
        // Telenor's example: notice in June ends on 31 July.
        assert_eq!(
            NoticeRule::EndOfNextMonth.end_date(received),
            Some(date(2026, 7, 31))
        );
        assert_eq!(
            NoticeRule::EndOfNextMonth.end_date(date(2026, 12, 31)),
            Some(date(2027, 1, 31))
        );
        assert_eq!(NoticeRule::Unknown.end_date(received), None);
    }
}
