//! Serde types that mirror an operator file key for key. They keep the position of every value
//! that a later check may need to point at; `convert` turns them into the model.
//!
//! No struct here uses `#[serde(flatten)]`: it would silently switch off `deny_unknown_fields`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// An operator file: `operators/<id>.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "OperatorFile")]
pub struct RawOperator {
    /// Equal to the file name without `.toml`.
    #[schemars(with = "String")]
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
    #[schemars(with = "Option<RawNetwork>")]
    pub network: Option<Spanned<RawNetwork>>,
    /// The operator's main page, where users are sent to check what is not confirmed.
    #[schemars(with = "String")]
    pub home: Spanned<String>,
    /// When the facts were last compared with their sources.
    #[schemars(with = "Option<LocalDate>")]
    pub checked: Option<Spanned<toml::value::Datetime>>,
    /// What the facts below were compared with.
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Network")]
pub struct RawNetwork {
    /// The network's name, as people know it.
    pub name: String,
    /// Ids of entries in `sources` that say so.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Spanned<String>>,
    /// True only where an official or authority source says so.
    #[schemars(with = "bool")]
    pub confirmed: Option<Spanned<bool>>,
}

/// The precautions common to all operators: `operators/common.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CommonFile")]
pub struct RawCommon {
    /// Always `common`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// When the precautions were last compared with their sources.
    #[schemars(with = "Option<LocalDate>")]
    pub checked: Option<Spanned<toml::value::Datetime>>,
    /// What the precautions were compared with.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// The precautions, in the order they are shown.
    pub precautions: Vec<RawEntry>,
}

/// The services that send codes to, or recover accounts through, a Norwegian mobile number:
/// `operators/services.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ServicesFile")]
pub struct RawServices {
    /// Always `services`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// When the facts were last compared with their sources.
    #[schemars(with = "Option<LocalDate>")]
    pub checked: Option<Spanned<toml::value::Datetime>>,
    /// What the facts were compared with.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// The services, in the order they are shown; each `id` is the word an answers file names
    /// the service by (`bankid`, `vipps`).
    pub services: Vec<RawEntry>,
}

/// A page a fact was taken from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource {
    /// Short name that facts refer to.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What the page is, in a few words.
    #[schemars(with = "RawText")]
    pub title: Spanned<RawText>,
    /// The page's address; required for `official` and `authority` sources, which are linked.
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// `official` (the operator's own site), `authority`, `third-party` or `code`.
    #[schemars(with = "SourceKindWord")]
    pub kind: Spanned<String>,
    /// The date the page itself shows, as a TOML date: `dated = 2015-03-20`.
    #[schemars(with = "Option<LocalDate>")]
    pub dated: Option<Spanned<toml::Value>>,
    /// What that date is, where the page says: `valid-from` (terms that apply from it),
    /// `updated` or `reviewed` (a third party's "last reviewed"). Absent: the date the page shows.
    #[schemars(with = "Option<DateKindWord>")]
    pub dated_as: Option<Spanned<String>>,
    /// `true` for a page that shows no date; every source has `dated` or this.
    #[schemars(with = "Option<bool>")]
    pub undated: Option<Spanned<bool>>,
}

/// The notice period: how the end date follows from the day the request is received.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Notice")]
pub struct RawNotice {
    /// `next-day`, `end-of-month`, `end-of-next-month` or `unknown`.
    #[schemars(with = "NoticeRuleWord")]
    pub rule: Spanned<String>,
    /// The rule in words.
    #[schemars(with = "RawText")]
    pub detail: Spanned<RawText>,
    /// Ids of entries in `sources` that state this fact.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Spanned<String>>,
    /// True only where an official or authority source among `sources` states the fact; false
    /// sends the user to `check_on`. Required.
    #[schemars(with = "bool")]
    pub confirmed: Option<Spanned<bool>>,
    /// The page on which to check an unconfirmed fact; the operator's `home` if absent.
    #[schemars(with = "Option<String>")]
    pub check_on: Option<Spanned<String>>,
}

/// One way to reach the operator.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Channel")]
pub struct RawChannel {
    /// Short name, unique in the file.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// `phone`, `chat`, `web`, `app`, `store`, `email` or `letter`.
    #[schemars(with = "ChannelKindWord")]
    pub kind: Spanned<String>,
    /// What the channel is called, e.g. "Customer service by phone".
    #[schemars(with = "RawText")]
    pub label: Spanned<RawText>,
    /// For `phone`: the number as the operator writes it.
    #[schemars(with = "Option<String>")]
    pub number: Option<Spanned<String>>,
    /// For `web`, `chat`, `app`, `store`: the page to open.
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// For `email`: the address.
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// For `letter`: the postal address, one line.
    #[schemars(with = "Option<String>")]
    pub address: Option<Spanned<String>>,
    /// What the user needs to use the channel (e.g. `BankID`).
    #[schemars(with = "Option<RawText>")]
    pub needs: Option<Spanned<RawText>>,
    /// Anything else worth knowing.
    #[schemars(with = "Option<RawText>")]
    pub note: Option<Spanned<RawText>>,
    /// Ids of entries in `sources` that state this fact.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Spanned<String>>,
    /// True only where an official or authority source among `sources` states the fact; false
    /// sends the user to `check_on`. Required.
    #[schemars(with = "bool")]
    pub confirmed: Option<Spanned<bool>>,
    /// The page on which to check an unconfirmed fact; the operator's `home` if absent.
    #[schemars(with = "Option<String>")]
    pub check_on: Option<Spanned<String>>,
}

/// A step, a precaution or a service: a piece of advice that may hold only in some situations.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Entry")]
pub struct RawEntry {
    /// Short name, unique among the file's steps (or precautions, or services).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// For steps only: `preparation`, `contact`, `information`, `balance` or `confirmation`.
    #[schemars(with = "Option<PhaseWord>")]
    pub phase: Option<Spanned<String>>,
    /// The situations it applies to; absent: all.
    #[schemars(with = "Option<ConditionSchema>")]
    pub when: Option<RawCondition>,
    /// One line.
    #[schemars(with = "RawText")]
    pub title: Spanned<RawText>,
    /// The advice itself.
    #[schemars(with = "RawText")]
    pub detail: Spanned<RawText>,
    /// Ids of entries in `sources` that state this fact.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Spanned<String>>,
    /// True only where an official or authority source among `sources` states the fact; false
    /// sends the user to `check_on`. Required.
    #[schemars(with = "bool")]
    pub confirmed: Option<Spanned<bool>>,
    /// The page on which to check an unconfirmed fact; the operator's `home` if absent.
    #[schemars(with = "Option<String>")]
    pub check_on: Option<Spanned<String>>,
}

/// `when = { plan = ["prepaid"], sim = ["esim"] }`: each key, a situation question, lists the
/// answers it admits. Keys are checked in `convert`, so an unknown one gets its own rule.
pub type RawCondition = BTreeMap<Spanned<String>, Vec<Spanned<String>>>;

/// A text in up to three languages: `title = { en = "…", nb = "…", zh = "…" }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Text")]
pub struct RawText {
    pub en: String,
    pub nb: Option<String>,
    pub zh: Option<String>,
}

/// The shapes the schema gives to values the raw types keep as spanned strings, so that TOML
/// editors can complete and check them. Only the schema uses these: nothing builds them.
#[allow(dead_code)]
mod schema {
    use schemars::JsonSchema;

    /// A date such as 2026-11-25 (a TOML local date).
    #[derive(JsonSchema)]
    #[schemars(transparent)]
    pub struct LocalDate(#[schemars(with = "String", extend("format" = "date"))] ());

    /// One of the five phases.
    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum PhaseWord {
        Preparation,
        Contact,
        Information,
        Balance,
        Confirmation,
    }

    /// Where a source stands: `official` (the operator's own site), `authority`, `third-party`
    /// or `code`.
    #[derive(JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum SourceKindWord {
        Official,
        Authority,
        ThirdParty,
        Code,
    }

    /// A kind of channel.
    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum ChannelKindWord {
        Phone,
        Chat,
        Web,
        App,
        Store,
        Email,
        Letter,
    }

    /// What a source's date is: terms that apply from it, a page updated on it, or a third
    /// party's "last reviewed".
    #[derive(JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum DateKindWord {
        ValidFrom,
        Updated,
        Reviewed,
    }

    /// How the end date follows from the day the request is received.
    #[derive(JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum NoticeRuleWord {
        NextDay,
        EndOfMonth,
        EndOfNextMonth,
        Unknown,
    }

    /// The situations a step or precaution applies to; each key lists the answers it admits.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct ConditionSchema {
        intent: Option<Vec<Intent>>,
        /// `self`, for a deceased owner's `estate`, or as the owner's `proxy`.
        acting: Option<Vec<Acting>>,
        /// `yes` where the user is leaving Norway, `no` where not.
        leaving: Option<Vec<Leaving>>,
        plan: Option<Vec<Plan>>,
        sim: Option<Vec<Sim>>,
        payer: Option<Vec<Payer>>,
        balance: Option<Vec<Balance>>,
        /// The channel the request goes through, for a step worded for one.
        channel: Option<Vec<ChannelKindWord>>,
        /// `before` the request is sent, or `after`.
        stage: Option<Vec<Stage>>,
    }

    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Acting {
        #[serde(rename = "self")]
        Owner,
        Estate,
        Proxy,
    }

    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Leaving {
        Yes,
        No,
    }

    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Stage {
        Before,
        After,
    }

    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Intent {
        Cancel,
        Port,
        Keep,
    }

    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Plan {
        Postpaid,
        Prepaid,
    }

    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Sim {
        Physical,
        Esim,
    }

    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Payer {
        Private,
        Company,
    }

    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Balance {
        Refund,
        Use,
        Leave,
    }
}

use schema::{
    ChannelKindWord, ConditionSchema, DateKindWord, LocalDate, NoticeRuleWord, PhaseWord,
    SourceKindWord,
};

/// The JSON Schema (draft-07) of operator files, for TOML editors: `#:schema ./schema.json`.
#[must_use]
pub fn operator_schema() -> String {
    schema_of::<RawOperator>()
}

/// The JSON Schema of the common precautions file, `common.toml`.
#[must_use]
pub fn common_schema() -> String {
    schema_of::<RawCommon>()
}

/// The JSON Schema of the file of services tied to the number, `services.toml`.
#[must_use]
pub fn services_schema() -> String {
    schema_of::<RawServices>()
}

fn schema_of<T: JsonSchema>() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
