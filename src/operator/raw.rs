//! Serde types that mirror an operator file key for key. They keep the position of every value
//! that a later check may need to point at; `convert` turns them into the model.
//!
//! No struct here uses `#[serde(flatten)]`: it would silently switch off `deny_unknown_fields`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// An operator file: `operators/<id>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOperator {
    /// Equal to the file name without `.toml`.
    pub id: Spanned<String>,
    /// The name people know, e.g. `Telenor`.
    pub name: String,
    /// The company that holds the contract, e.g. `Telenor Norge AS`.
    pub legal_name: String,
    /// Organisation number in Brønnøysundregistrene, where a source gives it.
    pub org_number: Option<String>,
    /// Brand names the file covers.
    pub brands: Vec<String>,
    /// The operator's own web domains; links outside them need an authority's domain.
    pub domains: Vec<String>,
    /// The mobile network the brand runs on, where a source says so.
    pub network: Option<RawNetwork>,
    /// The operator's main page, where users are sent to check what is not confirmed.
    pub home: Spanned<String>,
    /// When the file was last checked against its sources.
    pub checked: Option<Spanned<toml::value::Datetime>>,
    /// What the facts below were checked against.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// How long the subscription runs after the request.
    pub notice: Option<RawNotice>,
    /// Ways to reach the operator.
    #[serde(default)]
    pub channels: Vec<RawChannel>,
    /// The procedure, in phase order.
    #[serde(default)]
    pub steps: Vec<RawEntry>,
    /// Precautions that hold for this operator only.
    #[serde(default)]
    pub precautions: Vec<RawEntry>,
}

/// `network = { name = "Telenor", sources = ["terms"] }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNetwork {
    /// The network's name, as people know it.
    pub name: String,
    /// Ids of entries in `sources` that say so.
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    /// False where no official source says so.
    pub confirmed: Option<bool>,
}

/// The precautions common to all operators: `operators/common.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommon {
    /// Always `common`.
    pub id: Spanned<String>,
    /// When the file was last checked against its sources.
    pub checked: Option<Spanned<toml::value::Datetime>>,
    /// What the precautions were checked against.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// The precautions, in the order they are shown.
    pub precautions: Vec<RawEntry>,
}

/// A page a fact was taken from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Short name that facts refer to.
    pub id: Spanned<String>,
    /// What the page is, in a few words.
    pub title: Spanned<RawText>,
    /// The page's address; required for `official` and `authority` sources, which are linked.
    pub url: Option<Spanned<String>>,
    /// `official` (the operator's own site), `authority`, `third-party` or `code`.
    pub kind: Spanned<String>,
    /// The date the page itself shows, as written there, if any.
    pub dated: Option<String>,
}

/// The notice period: how the end date follows from the day the request is received.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotice {
    /// `next-day`, `end-of-month`, `end-of-next-month` or `unknown`.
    pub rule: Spanned<String>,
    /// The rule in words.
    pub detail: Spanned<RawText>,
    /// Ids of entries in `sources` that state this fact.
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    /// False where no official source confirms the fact: the user is sent to `check_on`.
    pub confirmed: Option<bool>,
    /// The page on which to check an unconfirmed fact; the operator's `home` if absent.
    pub check_on: Option<Spanned<String>>,
}

/// One way to reach the operator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChannel {
    /// Short name, unique in the file.
    pub id: Spanned<String>,
    /// `phone`, `chat`, `web`, `app`, `store`, `email` or `letter`.
    pub kind: Spanned<String>,
    /// What the channel is called, e.g. "Customer service by phone".
    pub label: Spanned<RawText>,
    /// For `phone`: the number as the operator writes it.
    pub number: Option<Spanned<String>>,
    /// For `web`, `chat`, `app`, `store`: the page to open.
    pub url: Option<Spanned<String>>,
    /// For `email`: the address.
    pub email: Option<Spanned<String>>,
    /// For `letter`: the postal address, one line.
    pub address: Option<Spanned<String>>,
    /// What the user needs to use the channel (e.g. `BankID`).
    pub needs: Option<Spanned<RawText>>,
    /// Anything else worth knowing.
    pub note: Option<Spanned<RawText>>,
    /// Ids of entries in `sources` that state this fact.
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    /// False where no official source confirms the fact: the user is sent to `check_on`.
    pub confirmed: Option<bool>,
    /// The page on which to check an unconfirmed fact; the operator's `home` if absent.
    pub check_on: Option<Spanned<String>>,
}

/// A step or a precaution: a piece of advice that may hold only in some situations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    /// Short name, unique among the file's steps (or precautions).
    pub id: Spanned<String>,
    /// For steps only: `preparation`, `contact`, `information`, `balance` or `confirmation`.
    pub phase: Option<Spanned<String>>,
    /// The situations it applies to; absent: all.
    pub when: Option<RawCondition>,
    /// One line.
    pub title: Spanned<RawText>,
    /// The advice itself.
    pub detail: Spanned<RawText>,
    /// Ids of entries in `sources` that state this fact.
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    /// False where no official source confirms the fact: the user is sent to `check_on`.
    pub confirmed: Option<bool>,
    /// The page on which to check an unconfirmed fact; the operator's `home` if absent.
    pub check_on: Option<Spanned<String>>,
}

/// `when = { plan = ["prepaid"], sim = ["esim"] }`: each key, a situation question, lists the
/// answers it admits. Keys are checked in `convert`, so an unknown one gets its own rule.
pub type RawCondition = BTreeMap<Spanned<String>, Vec<Spanned<String>>>;

/// A text in up to three languages: `title = { en = "…", nb = "…", zh = "…" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub en: String,
    pub nb: Option<String>,
    pub zh: Option<String>,
}
