//! Turning the text of an operator file into the model, checking every rule on the way.
//! Pure: no file is read here, so every rule is tested on strings.

use std::collections::HashSet;

mod facts;
mod procedure;

use jiff::civil::Date;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::links::on_domains;
use super::raw::{
    RawChannel, RawCommon, RawCondition, RawEntry, RawOperator, RawServices, RawSource, RawText,
};
use super::{
    Address, Channel, ChannelKind, Common, DateKind, Dated, Entry, FileError, Network, Notice,
    NoticeRule, Operator, OperatorId, Phase, Position, Problem, Provenance, Services, Source,
    SourceKind, Step, is_operator_id, is_stale,
};
use crate::limits::{MAX_FILE_BYTES, too_deep};
use crate::situation::{Choice, Condition, Key};
use crate::text::{Text, is_unsafe_char};

/// Parses the operator file `text`, shown to users as `path`, which must be named `<stem>.toml`.
/// `today` dates the freshness rules. On success, the findings that do not stop the file
/// from being used come along; otherwise all findings, in file order.
pub fn parse_operator(
    path: &str,
    stem: &str,
    text: &str,
    today: Date,
) -> Result<Parsed<Operator>, Vec<FileError>> {
    let mut check = Checker::new(path, text, today);
    let raw: RawOperator = check.deserialize()?;
    check.file_id(&raw.id, stem);
    let domains = raw.domains;
    let ctx = Context {
        sources: &[],
        home: "",
        domains: &domains,
        common: false,
    };
    let sources = check.sources(&ctx, raw.sources);
    let home = check.link(&ctx, raw.home);
    let checked = check.checked(raw.checked.as_ref());
    let ctx = Context {
        sources: &sources,
        home: &home,
        ..ctx
    };
    let notice = raw.notice.map(|notice| {
        let rule = check.notice_rule(&notice.rule);
        let fact = Fact {
            what: "the notice period".to_owned(),
            at: notice.rule.span(),
            sources: &notice.sources,
            confirmed: notice.confirmed,
            check_on: notice.check_on,
        };
        Notice {
            rule,
            provenance: check.provenance(&ctx, fact),
            detail: check.prose(notice.detail),
        }
    });
    let network = raw.network.map(|network| {
        let at = network.span();
        let network = network.into_inner();
        let fact = Fact {
            what: "the network".to_owned(),
            at,
            sources: &network.sources,
            confirmed: network.confirmed,
            check_on: None,
        };
        Network {
            provenance: check.provenance(&ctx, fact),
            name: network.name.into(),
        }
    });
    let channels = check.channels(&ctx, raw.channels);
    if channels.is_empty() && !check.reported_a_channel() {
        check.note(None, Problem::NoChannel);
    }
    let steps = check.steps(&ctx, raw.steps);
    let precautions = check.precautions(&ctx, raw.precautions);
    check.finish(Operator {
        id: OperatorId::of_file(raw.id.into_inner()),
        name: raw.name.into(),
        legal_name: raw.legal_name.into(),
        org_number: raw.org_number.map(Into::into),
        brands: raw.brands.into_iter().map(Into::into).collect(),
        domains: domains.into_iter().map(Into::into).collect(),
        network,
        home: home.into(),
        checked,
        sources: sources.into(),
        notice,
        channels: channels.into(),
        steps: steps.into(),
        precautions: precautions.into(),
    })
}

/// Parses the file of precautions common to all operators, `common.toml`.
pub fn parse_common(path: &str, text: &str, today: Date) -> Result<Parsed<Common>, Vec<FileError>> {
    let mut check = Checker::new(path, text, today);
    let raw: RawCommon = check.deserialize()?;
    check.file_id(&raw.id, "common");
    // Common precautions cite several operators' pages; each must still cite its source.
    let ctx = Context {
        sources: &[],
        home: "",
        domains: &[],
        common: true,
    };
    let sources = check.sources(&ctx, raw.sources);
    let checked = check.checked(raw.checked.as_ref());
    let ctx = Context {
        sources: &sources,
        ..ctx
    };
    let precautions = check.precautions(&ctx, raw.precautions);
    check.finish(Common {
        checked,
        sources: sources.into(),
        precautions: precautions.into(),
    })
}

/// Parses the file of services tied to the number, `services.toml`, by the rules of the common
/// file. It speaks for no operator, so nothing in it is an operator's own page: its links, as
/// in an operator file, may go only to public authorities, and only an authority's page can
/// confirm a fact. A service's own help page (bankid.no, support.google.com) is `third-party`.
pub fn parse_services(
    path: &str,
    text: &str,
    today: Date,
) -> Result<Parsed<Services>, Vec<FileError>> {
    let mut check = Checker::new(path, text, today);
    let raw: RawServices = check.deserialize()?;
    check.file_id(&raw.id, "services");
    let ctx = Context {
        sources: &[],
        home: "",
        domains: &[],
        common: false,
    };
    let sources = check.sources(&ctx, raw.sources);
    let checked = check.checked(raw.checked.as_ref());
    let ctx = Context {
        sources: &sources,
        ..ctx
    };
    let services = check.services(&ctx, raw.services);
    check.finish(Services {
        checked,
        sources: sources.into(),
        services: services.into(),
    })
}

/// What references and links in a file are checked against.
struct Context<'a> {
    sources: &'a [Source],
    home: &'a str,
    /// The operator's own domains.
    domains: &'a [String],
    /// The common file, whose official sources are many operators' pages. (The services file
    /// is not: it has no official sources but an authority's.)
    common: bool,
}

/// A fact as the file states it: what it is called in messages, where it is, and what the file
/// says about its sources and confirmation.
struct Fact<'r> {
    /// For example "step `call`" or "the notice period".
    what: String,
    /// Where problems with the fact as a whole are shown: its id, or its first key.
    at: std::ops::Range<usize>,
    sources: &'r [Spanned<String>],
    confirmed: Option<Spanned<bool>>,
    check_on: Option<Spanned<String>>,
}

/// Collects findings while converting, so one pass reports them all.
struct Checker<'a> {
    path: &'a str,
    text: &'a str,
    today: Date,
    /// Each problem with the byte offset it is at; turned into lines and columns at the end,
    /// in one pass over the text however many there are.
    findings: Vec<(Option<usize>, Problem)>,
}

/// A file turned into the model, with what is worth fixing but does not stop it.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: T,
    /// Findings under rules that do not block loading (missing translations, staleness, …).
    pub findings: Vec<FileError>,
}

impl<'a> Checker<'a> {
    fn new(path: &'a str, text: &'a str, today: Date) -> Self {
        Checker {
            path,
            text,
            today,
            findings: Vec::new(),
        }
    }

    /// Parses the TOML (a syntax error is one rule), looks at every string in it (control
    /// characters are another), then maps it onto the raw types (unknown keys, wrong types).
    /// A file too large or too deeply nested for any real operator file is refused first,
    /// under the syntax rule.
    fn deserialize<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, Vec<FileError>> {
        if self.text.len() > MAX_FILE_BYTES {
            self.note(None, Problem::TooLarge(self.text.len()));
            return Err(self.located());
        }
        if let Some(at) = too_deep(self.text) {
            self.note(Some(at..at + 1), Problem::TooDeep);
            return Err(self.located());
        }
        let table = DeTable::parse(self.text).map_err(|err| self.fatal(&err, Problem::Syntax))?;
        self.control_characters(table.get_ref());
        let value = T::deserialize(toml::de::Deserializer::from(table))
            .map_err(|err| self.fatal(&err, Problem::Shape))?;
        Ok(value)
    }

    /// A problem that leaves nothing to check further.
    fn fatal(&mut self, err: &toml::de::Error, problem: fn(String) -> Problem) -> Vec<FileError> {
        let message = err.message().trim_end().replace('\n', "; ");
        self.note(err.span(), problem(message));
        self.located()
    }

    fn note(&mut self, span: Option<std::ops::Range<usize>>, problem: Problem) {
        self.findings.push((span.map(|span| span.start), problem));
    }

    /// The findings so far, in the order they were found, each at its line and column.
    fn located(&mut self) -> Vec<FileError> {
        let pending = std::mem::take(&mut self.findings);
        let offsets: Vec<usize> = pending.iter().filter_map(|(offset, _)| *offset).collect();
        let mut positions = Position::of_all(self.text, &offsets).into_iter();
        pending
            .into_iter()
            .map(|(offset, problem)| FileError {
                path: self.path.to_owned(),
                position: offset.and_then(|_| positions.next()),
                problem,
            })
            .collect()
    }

    fn control_characters(&mut self, table: &DeTable) {
        for (key, value) in table {
            self.control_in(key.get_ref(), key.span());
            self.control_value(value);
        }
    }

    fn control_value(&mut self, value: &Spanned<DeValue>) {
        match value.get_ref() {
            DeValue::String(text) => self.control_in(text, value.span()),
            DeValue::Array(items) => items.iter().for_each(|item| self.control_value(item)),
            DeValue::Table(table) => self.control_characters(table),
            _ => {}
        }
    }

    fn control_in(&mut self, text: &str, span: std::ops::Range<usize>) {
        // A newline or tab is layout; anything else (ESC above all) could drive the terminal,
        // and invisible formatting (a right-to-left override) could make a text read as
        // something it is not.
        if let Some(c) = text
            .chars()
            .find(|&c| is_unsafe_char(c) && !matches!(c, '\n' | '\t'))
        {
            let shown = format!("U+{:04X}", u32::from(c));
            self.note(Some(span), Problem::ControlCharacter(shown));
        }
    }

    fn report<T>(&mut self, at: &Spanned<T>, problem: Problem) {
        self.note(Some(at.span()), problem);
    }

    /// The text, noting each language it lacks: shown in English instead, and reported.
    fn prose(&mut self, raw: Spanned<RawText>) -> Text {
        let span = raw.span();
        let raw = raw.into_inner();
        let text = Text {
            en: raw.en.into(),
            nb: raw.nb.map(Into::into),
            zh: raw.zh.map(Into::into),
        };
        for lang in text.missing() {
            self.note(Some(span.clone()), Problem::MissingTranslation(lang));
        }
        text
    }

    fn finish<T>(mut self, value: T) -> Result<Parsed<T>, Vec<FileError>> {
        let mut findings = self.located();
        findings.sort_by_key(FileError::place);
        if findings.iter().any(|f| f.problem.blocks_loading()) {
            Err(findings)
        } else {
            Ok(Parsed { value, findings })
        }
    }

    /// Whether a channel was found and refused (an unknown kind): then "no channel" would be
    /// a second finding for the same mistake.
    fn reported_a_channel(&self) -> bool {
        self.findings
            .iter()
            .any(|(_, problem)| matches!(problem, Problem::UnknownChannelKind(_)))
    }
}

/// A TOML local date (`2026-11-25`, no time, no offset) as a date; `None` for anything else.
fn local_date(datetime: &toml::value::Datetime) -> Option<Date> {
    match (datetime.date, datetime.time, datetime.offset) {
        (Some(date), None, None) => Date::new(
            i16::try_from(date.year).ok()?,
            i8::try_from(date.month).ok()?,
            i8::try_from(date.day).ok()?,
        )
        .ok(),
        _ => None,
    }
}

/// Operators publish ordinary 8-digit numbers (`915 09 000`, `21 00 00 00`) and short numbers
/// that work only inside Norway (`06160`, `3332`).
fn is_norwegian_service_number(number: &str) -> bool {
    let digits = number.chars().filter(char::is_ascii_digit).count();
    number.chars().all(|c| c.is_ascii_digit() || c == ' ') && matches!(digits, 4 | 5 | 8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operator::Position;

    const TODAY: Date = jiff::civil::date(2026, 11, 25);

    const MINIMAL: &str = r#"
id = "acme"
name = "Acme"
legal_name = "Acme Mobil AS"
brands = ["Acme"]
domains = ["acme.no"]
home = "https://www.acme.no/"
checked = 2026-11-25

[[sources]]
id = "terms"
title.en = "Acme terms"
url = "https://www.acme.no/vilkar"
kind = "official"
dated = 2026-01-01

[[channels]]
id = "phone"
kind = "phone"
label.en = "Customer service"
number = "900 00 000"
sources = ["terms"]
confirmed = true

[[steps]]
id = "decide"
phase = "preparation"
title.en = "Decide"
detail.en = "Decide what you want."
sources = ["terms"]
confirmed = false

[[steps]]
id = "call"
phase = "contact"
when = { plan = ["prepaid"] }
title.en = "Call"
detail.en = "Call them."
confirmed = true
sources = ["terms"]
"#;

    fn problems(text: &str) -> Vec<(Problem, Position)> {
        parse_operator("acme.toml", "acme", text, TODAY)
            .expect_err("the file should be refused")
            .into_iter()
            .filter(|err| err.problem.rule().severity() == super::super::Severity::Error)
            .map(|err| (err.problem, err.position.expect("a position")))
            .collect()
    }

    /// Every error, whether or not it stops the file from being used.
    fn errors(text: &str) -> Vec<(Problem, Position)> {
        let findings = parse_operator("acme.toml", "acme", text, TODAY)
            .map_or_else(|findings| findings, |parsed| parsed.findings);
        findings
            .into_iter()
            .filter(|err| err.problem.rule().severity() == super::super::Severity::Error)
            .map(|err| {
                (
                    err.problem,
                    err.position.unwrap_or(Position { line: 1, column: 1 }),
                )
            })
            .collect()
    }

    fn position_of(text: &str, needle: &str) -> Position {
        Position::of(text, text.find(needle).expect("needle in fixture"))
    }

    #[test]
    fn a_good_file_becomes_the_model() {
        let parsed = parse_operator("acme.toml", "acme", MINIMAL, TODAY).unwrap();
        let operator = parsed.value;
        assert_eq!(operator.id, "acme");
        assert_eq!(operator.checked, jiff::civil::date(2026, 11, 25));
        assert_eq!(
            operator.channels[0].address.abroad().unwrap(),
            "+47 900 00 000"
        );
        assert_eq!(operator.steps[1].phase, Phase::Contact);
        assert_eq!(operator.steps[1].entry.provenance.sources[0].id, "terms");
        // An unconfirmed fact with no page of its own is checked on the operator's home page.
        assert_eq!(
            operator.steps[0].entry.provenance.check_on,
            "https://www.acme.no/"
        );
    }

    #[test]
    fn the_minimal_file_breaks_no_rule() {
        assert_eq!(errors(MINIMAL), vec![]);
        let operator = parse_operator("acme.toml", "acme", MINIMAL, TODAY)
            .unwrap()
            .value;
        assert_eq!(
            operator.sources[0].dated,
            Dated::On {
                date: jiff::civil::date(2026, 1, 1),
                kind: DateKind::Shown
            }
        );
        assert!(operator.steps[1].entry.provenance.confirmed);
        assert!(!operator.steps[0].entry.provenance.confirmed);
    }

    #[test]
    fn a_fact_without_confirmed_is_an_error_and_is_not_confirmed() {
        let text = MINIMAL.replace("confirmed = true\nsources", "sources");
        assert_eq!(
            errors(&text),
            vec![(
                Problem::ConfirmedMissing("step `call`".into()),
                position_of(&text, "\"call\"")
            )]
        );
        // Read the cautious way: still usable, but never shown as confirmed.
        let operator = parse_operator("acme.toml", "acme", &text, TODAY)
            .expect("a missing `confirmed` does not stop the file")
            .value;
        assert!(!operator.steps[1].entry.provenance.confirmed);
        assert_eq!(
            Problem::ConfirmedMissing(String::new()).rule().code(),
            "NC024"
        );
    }

    #[test]
    fn confirmed_needs_an_official_or_authority_source() {
        let text = MINIMAL.replace("kind = \"official\"", "kind = \"third-party\"");
        let found = errors(&text);
        let confirmed_at = |nth: usize| {
            let offset = text.match_indices("confirmed = true").nth(nth).unwrap().0;
            Position::of(&text, offset + "confirmed = ".len())
        };
        assert_eq!(
            found,
            vec![
                (
                    Problem::ConfirmedWithoutOfficialSource("channel `phone`".into()),
                    confirmed_at(0)
                ),
                (
                    Problem::ConfirmedWithoutOfficialSource("step `call`".into()),
                    confirmed_at(1)
                ),
            ]
        );
        assert_eq!(found[0].0.rule().code(), "NC025");
        let operator = parse_operator("acme.toml", "acme", &text, TODAY)
            .unwrap()
            .value;
        assert!(!operator.channels[0].provenance.confirmed);

        // An authority's page earns it as well as the operator's own.
        let text = MINIMAL
            .replace("kind = \"official\"", "kind = \"authority\"")
            .replace("https://www.acme.no/vilkar", "https://nkom.no/x");
        assert_eq!(errors(&text), vec![]);
    }

    #[test]
    fn every_step_cites_a_source() {
        let text = MINIMAL.replace(
            "detail.en = \"Decide what you want.\"\nsources = [\"terms\"]\n",
            "detail.en = \"Decide what you want.\"\n",
        );
        assert_eq!(
            errors(&text),
            vec![(
                Problem::UnsourcedFact("step `decide`".into()),
                position_of(&text, "\"decide\"")
            )]
        );
    }

    #[test]
    fn a_file_without_channels_is_refused() {
        let start = MINIMAL.find("[[channels]]").unwrap();
        let end = MINIMAL.find("[[steps]]").unwrap();
        let text = format!("{}{}", &MINIMAL[..start], &MINIMAL[end..]);
        let found = parse_operator("acme.toml", "acme", &text, TODAY).unwrap_err();
        let blocking: Vec<_> = found
            .iter()
            .filter(|f| f.problem.blocks_loading())
            .collect();
        assert_eq!(blocking.len(), 1, "{found:?}");
        assert_eq!(blocking[0].problem, Problem::NoChannel);
        assert_eq!(blocking[0].problem.rule().code(), "NC023");
        assert_eq!(
            errors(&text),
            vec![(Problem::NoChannel, Position { line: 1, column: 1 })]
        );
        // A channel of an unknown kind is reported as such, not also as a missing channel.
        let text = MINIMAL.replace("kind = \"phone\"", "kind = \"fax\"");
        let found = errors(&text);
        assert!(matches!(&found[0].0, Problem::UnknownChannelKind(kind) if kind == "fax"));
        assert!(
            !found.iter().any(|(p, _)| *p == Problem::NoChannel),
            "{found:?}"
        );
    }

    #[test]
    fn every_source_is_dated_or_says_it_is_undated() {
        let undated = MINIMAL.replace("dated = 2026-01-01\n", "");
        assert_eq!(
            errors(&undated),
            vec![(
                Problem::SourceUndated("terms".into()),
                position_of(&undated, "\"terms\"")
            )]
        );
        assert_eq!(errors(&undated)[0].0.rule().code(), "NC026");

        let said = MINIMAL.replace("dated = 2026-01-01", "undated = true");
        assert_eq!(errors(&said), vec![]);
        let operator = parse_operator("acme.toml", "acme", &said, TODAY)
            .unwrap()
            .value;
        assert_eq!(operator.sources[0].dated, Dated::Undated);

        let text = MINIMAL.replace("dated = 2026-01-01", "dated = \"20 Mar 2015\"");
        assert_eq!(
            errors(&text),
            vec![(Problem::DatedNotADate, position_of(&text, "\"20 Mar"))]
        );
        let text = MINIMAL.replace("dated = 2026-01-01", "dated = 2026-01-01T10:00:00");
        assert!(matches!(errors(&text)[0].0, Problem::DatedNotADate));

        let both = MINIMAL.replace("dated = 2026-01-01", "dated = 2026-01-01\nundated = true");
        assert_eq!(
            errors(&both),
            vec![(
                Problem::DatedAndUndated("terms".into()),
                position_of(&both, "true\n\n[[channels]]")
            )]
        );
        let kind_alone = MINIMAL.replace("dated = 2026-01-01", "dated_as = \"updated\"");
        assert!(matches!(
            &errors(&kind_alone)[0].0,
            Problem::DateKindWithoutDate(id) if id == "terms"
        ));
    }

    #[test]
    fn a_date_can_say_what_it_is() {
        let text = MINIMAL.replace(
            "dated = 2026-01-01",
            "dated = 2024-02-20\ndated_as = \"valid-from\"",
        );
        let operator = parse_operator("acme.toml", "acme", &text, TODAY)
            .unwrap()
            .value;
        assert_eq!(
            operator.sources[0].dated,
            Dated::On {
                date: jiff::civil::date(2024, 2, 20),
                kind: DateKind::ValidFrom
            }
        );
        let text = MINIMAL.replace(
            "dated = 2026-01-01",
            "dated = 2024-02-20\ndated_as = \"published\"",
        );
        let found = errors(&text);
        assert!(matches!(&found[0].0, Problem::UnknownDateKind(word) if word == "published"));
        assert_eq!(found[0].0.rule().code(), "NC020");
    }

    #[test]
    fn an_unconfirmed_common_fact_is_checked_on_its_own_authority_source() {
        let common = r#"
id = "common"
checked = 2026-11-25

[[sources]]
id = "summary"
title.en = "A summary"
url = "https://example.com/summary"
kind = "third-party"
undated = true

[[sources]]
id = "nkom"
title.en = "Nkom"
url = "https://nkom.no/x"
kind = "authority"
undated = true

[[precautions]]
id = "port"
title.en = "Port"
detail.en = "Port instead."
sources = ["summary", "nkom"]
confirmed = false

[[precautions]]
id = "advice"
title.en = "Advice"
detail.en = "Keep the SIM."
sources = ["summary"]
confirmed = false
"#;
        let parsed = parse_common("common.toml", common, TODAY).unwrap();
        let errors: Vec<_> = parsed
            .findings
            .iter()
            .filter(|f| f.problem.rule().severity() == super::super::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        let [port, advice] = &parsed.value.precautions[..] else {
            panic!("two precautions");
        };
        assert_eq!(port.provenance.check_on, "https://nkom.no/x");
        assert_eq!(
            advice.provenance.check_on, "",
            "a third party is never linked"
        );

        let checked = common.replacen(
            "confirmed = false",
            "confirmed = false\ncheck_on = \"https://www.forbrukerradet.no/y\"",
            1,
        );
        let parsed = parse_common("common.toml", &checked, TODAY).unwrap();
        assert_eq!(
            parsed.value.precautions[0].provenance.check_on,
            "https://www.forbrukerradet.no/y"
        );
    }

    const SERVICES: &str = r#"
id = "services"
checked = 2026-11-25

[[sources]]
id = "norge-contact"
title.en = "norge.no: Update your contact information"
title.nb = "norge.no: Oppdater kontaktinformasjonen din"
title.zh = "norge.no：更新您的联系信息"
url = "https://www.norge.no/en/update-your-contact-information"
kind = "authority"
undated = true

[[sources]]
id = "help"
title.en = "A service's own help page"
title.nb = "En tjenestes egen hjelpeside"
title.zh = "某服务自己的帮助页面"
url = "https://support.example.com/change-number"
kind = "third-party"
undated = true

[[services]]
id = "minid"
title.en = "MinID"
title.nb = "MinID"
title.zh = "MinID"
detail.en = "Update the contact register."
detail.nb = "Oppdater kontaktregisteret."
detail.zh = "更新联系信息登记册。"
sources = ["norge-contact"]
confirmed = true

[[services]]
id = "example-app"
when = { intent = ["cancel", "port"] }
title.en = "Example app"
title.nb = "Eksempel-appen"
title.zh = "示例 App"
detail.en = "Change the number in the app's settings."
detail.nb = "Bytt nummer i appens innstillinger."
detail.zh = "在 App 的设置中更换号码。"
sources = ["help"]
confirmed = false
"#;

    /// Every finding for a services file, whether or not it stops the file from being used.
    fn service_findings(text: &str) -> Vec<FileError> {
        parse_services("services.toml", text, TODAY)
            .map_or_else(|findings| findings, |parsed| parsed.findings)
    }

    #[test]
    fn a_services_file_becomes_the_model_with_each_service_by_its_id() {
        let parsed = parse_services("services.toml", SERVICES, TODAY).unwrap();
        assert_eq!(parsed.findings, vec![]);
        let services = parsed.value;
        assert_eq!(services.checked, jiff::civil::date(2026, 11, 25));
        let ids: Vec<&str> = services.services.iter().map(|s| &*s.id).collect();
        assert_eq!(ids, ["minid", "example-app"]);
        let minid = services.get("minid").unwrap();
        assert!(minid.provenance.confirmed);
        let app = services.get("example-app").unwrap();
        assert!(!app.provenance.confirmed);
        assert_eq!(app.when.intent.len(), 2);
        // A service's own page is cited, never linked, and gives no page to check on.
        assert_eq!(app.provenance.sources[0].link(), None);
        assert_eq!(app.provenance.check_on, "");
        assert!(services.get("google").is_none());
    }

    #[test]
    fn a_broken_services_file_names_file_line_and_column() {
        let text = SERVICES.replace("title.en = \"MinID\"", "title.en = \"MinID");
        let found = parse_services("operators/services.toml", &text, TODAY).unwrap_err();
        assert!(matches!(found[0].problem, Problem::Syntax(_)));
        assert_eq!(found[0].problem.rule().code(), "NC001");
        let line = position_of(&text, "title.en = \"MinID").line;
        assert!(
            found[0]
                .to_string()
                .starts_with(&format!("operators/services.toml:{line}:")),
            "{}",
            found[0]
        );
    }

    #[test]
    fn an_unknown_key_in_a_services_file_is_a_shape_problem_at_the_key() {
        let text = SERVICES.replace("confirmed = true", "confimred = true");
        let found = parse_services("services.toml", &text, TODAY).unwrap_err();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            matches!(&found[0].problem, Problem::Shape(m) if m.contains("confimred")),
            "{found:?}"
        );
        assert_eq!(found[0].problem.rule().code(), "NC002");
        assert_eq!(found[0].position, Some(position_of(&text, "confimred")));
        let text = SERVICES.replace("[[services]]", "[[service]]");
        let found = parse_services("services.toml", &text, TODAY).unwrap_err();
        assert!(matches!(&found[0].problem, Problem::Shape(_)), "{found:?}");
    }

    #[test]
    fn a_missing_language_in_a_services_file_falls_back_to_english_with_a_warning() {
        let text = SERVICES.replace("detail.zh = \"更新联系信息登记册。\"\n", "");
        let parsed = parse_services("services.toml", &text, TODAY).unwrap();
        let [warning] = &parsed.findings[..] else {
            panic!("one warning: {:?}", parsed.findings);
        };
        assert_eq!(
            warning.problem,
            Problem::MissingTranslation(crate::text::Lang::Zh)
        );
        assert_eq!(warning.problem.rule().code(), "NC018");
        assert_eq!(
            warning.position,
            Some(position_of(&text, "detail.en = \"Update"))
        );
        let minid = parsed.value.get("minid").unwrap();
        assert_eq!(
            minid.detail.get(crate::text::Lang::Zh),
            "Update the contact register."
        );
        assert_eq!(
            minid.detail.get(crate::text::Lang::Nb),
            "Oppdater kontaktregisteret."
        );
    }

    #[test]
    fn a_services_file_is_held_to_the_rules_of_the_common_file() {
        let code = |text: &str| -> Vec<String> {
            service_findings(text)
                .iter()
                .map(|f| f.problem.rule().code())
                .collect()
        };
        // The file's own id.
        assert_eq!(
            code(&SERVICES.replacen("\"services\"", "\"common\"", 1)),
            ["NC003"]
        );
        // Ids users type in answers files.
        let text = SERVICES.replace("id = \"example-app\"", "id = \"Example App\"");
        assert_eq!(code(&text), ["NC004"]);
        let found = service_findings(&text);
        assert_eq!(
            found[0].position,
            Some(position_of(&text, "\"Example App\""))
        );
        assert_eq!(
            found[0].problem.to_string(),
            "service id `Example App` is not lowercase letters, digits and '-'"
        );
        assert_eq!(
            code(&SERVICES.replace("id = \"example-app\"", "id = \"minid\"")),
            ["NC005"]
        );
        // No phases: a service is not a step.
        let text = SERVICES.replace(
            "id = \"minid\"\n",
            "id = \"minid\"\nphase = \"preparation\"\n",
        );
        assert_eq!(code(&text), ["NC008"]);
        // A service's own page cannot confirm, nor be linked as the operator's.
        let text = SERVICES.replacen("confirmed = false", "confirmed = true", 1);
        assert_eq!(code(&text), ["NC025"]);
        assert!(
            !parse_services("services.toml", &text, TODAY)
                .unwrap()
                .value
                .get("example-app")
                .unwrap()
                .provenance
                .confirmed
        );
        let text = SERVICES.replace("kind = \"third-party\"", "kind = \"official\"");
        assert_eq!(code(&text), ["NC016"]);
        // Every fact cites a source and says whether it is confirmed.
        assert_eq!(
            code(&SERVICES.replace("sources = [\"help\"]\n", "")),
            ["NC012"]
        );
        assert_eq!(code(&SERVICES.replace("confirmed = true\n", "")), ["NC024"]);
        assert_eq!(
            code(&SERVICES.replace("checked = 2026-11-25\n", "")),
            ["NC013"]
        );
    }

    #[test]
    fn a_missing_translation_is_a_warning_at_its_text() {
        let parsed = parse_operator("acme.toml", "acme", MINIMAL, TODAY).unwrap();
        // MINIMAL is English only: every text lacks nb and zh.
        let zh: Vec<_> = parsed
            .findings
            .iter()
            .filter(|w| w.problem == Problem::MissingTranslation(crate::text::Lang::Zh))
            .collect();
        assert_eq!(zh.len(), 6, "{zh:?}");
        assert_eq!(
            zh[0].position,
            Some(position_of(MINIMAL, "title.en = \"Acme terms\""))
        );
        assert_eq!(
            zh[0].to_string(),
            "acme.toml:12:1: no zh text; English is shown instead"
        );

        let translated = MINIMAL.replace(
            "label.en = \"Customer service\"",
            "label = { en = \"Customer service\", nb = \"Kundeservice\", zh = \"客户服务\" }",
        );
        let parsed = parse_operator("acme.toml", "acme", &translated, TODAY).unwrap();
        assert_eq!(
            parsed.findings.len(),
            10,
            "one text fewer, in two languages"
        );
    }

    #[test]
    fn it_points_at_a_misspelled_key_as_a_shape_problem() {
        let text = MINIMAL.replace("detail.en = \"Call them.\"", "detial.en = \"Call them.\"");
        let found = problems(&text);
        assert_eq!(found.len(), 1);
        assert!(matches!(&found[0].0, Problem::Shape(m) if m.contains("detial")));
        assert_eq!(found[0].1, position_of(&text, "detial"));
    }

    #[test]
    fn it_points_at_broken_syntax() {
        let text = MINIMAL.replace("name = \"Acme\"", "name = \"Acme");
        let found = problems(&text);
        assert!(matches!(found[0].0, Problem::Syntax(_)));
        assert_eq!(found[0].1.line, 3);
    }

    #[test]
    fn it_points_at_an_id_that_does_not_match_the_file_name() {
        let text = MINIMAL.replace("id = \"acme\"", "id = \"acne\"");
        let found = problems(&text);
        assert!(matches!(&found[0].0, Problem::IdMismatch { id, .. } if id == "acne"));
        assert_eq!(found[0].1, position_of(&text, "\"acne\""));
    }

    #[test]
    fn it_points_at_a_duplicate_step_id() {
        let text = MINIMAL.replace("id = \"call\"", "id = \"decide\"");
        let found = problems(&text);
        assert!(matches!(&found[0].0, Problem::Duplicate { what: "step", id } if id == "decide"));
        assert_eq!(
            found[0].1.line,
            position_of(&text, "phase = \"contact\"").line - 1
        );
    }

    #[test]
    fn it_points_at_an_unknown_phase() {
        let text = MINIMAL.replace("phase = \"contact\"", "phase = \"contcat\"");
        let found = problems(&text);
        assert!(matches!(&found[0].0, Problem::UnknownPhase(p) if p == "contcat"));
        assert_eq!(found[0].1, position_of(&text, "\"contcat\""));
    }

    #[test]
    fn it_points_at_phases_out_of_order() {
        let text = MINIMAL.replace("phase = \"preparation\"", "phase = \"confirmation\"");
        let found = problems(&text);
        assert!(matches!(&found[0].0, Problem::PhaseOutOfOrder { step, .. } if step == "call"));
        assert_eq!(found[0].1, position_of(&text, "\"contact\""));
    }

    #[test]
    fn it_points_at_an_unknown_situation_value() {
        let text = MINIMAL.replace("plan = [\"prepaid\"]", "plan = [\"prepaid\", \"kontant\"]");
        let found = problems(&text);
        assert!(matches!(
            &found[0].0,
            Problem::UnknownSituationValue { key: "plan", value, .. } if value == "kontant"
        ));
        assert_eq!(found[0].1, position_of(&text, "\"kontant\""));
    }

    #[test]
    fn it_refuses_a_condition_on_an_unknown_situation() {
        let text = MINIMAL.replace("plan = [\"prepaid\"]", "country = [\"no\"]");
        let found = problems(&text);
        assert!(matches!(&found[0].0, Problem::UnknownSituation(key) if key == "country"));
        assert_eq!(found[0].1, position_of(&text, "country"));
    }

    #[test]
    fn it_points_at_a_reference_to_a_missing_source() {
        let text = MINIMAL.replace("sources = [\"terms\"]\n\"#", "sources = [\"term\"]\n\"#");
        let text = text.replace(
            "sources = [\"terms\"]\nconfirmed",
            "sources = [\"trems\"]\nconfirmed",
        );
        let found = problems(&text);
        assert!(matches!(&found[0].0, Problem::UnknownSource(id) if id == "trems"));
        assert_eq!(found[0].1, position_of(&text, "\"trems\""));
    }

    #[test]
    fn it_checks_channel_addresses_by_kind() {
        let text = MINIMAL.replace("number = \"900 00 000\"", "url = \"https://www.acme.no/\"");
        let found = problems(&text);
        // In file order: `kind` (where the number is missing) comes before `url`.
        assert!(matches!(
            &found[1].0,
            Problem::StrayAddress { field: "url", .. }
        ));
        assert!(matches!(
            &found[0].0,
            Problem::MissingAddress {
                field: "number",
                ..
            }
        ));

        let text = MINIMAL.replace("\"900 00 000\"", "\"+47 900 00 000\"");
        assert!(matches!(&problems(&text)[0].0, Problem::BadPhoneNumber(_)));
    }

    #[test]
    fn it_reports_every_problem_in_one_pass() {
        let text = MINIMAL
            .replace("phase = \"contact\"", "phase = \"contcat\"")
            .replace("home = \"https://", "home = \"http://");
        let found = problems(&text);
        assert_eq!(found.len(), 2);
        assert!(found[0].1 < found[1].1 || found[0].1.line != found[1].1.line);
    }

    /// Links whose host a browser reads as another site than the text seems to name.
    #[test]
    fn a_link_a_browser_reads_as_another_site_is_foreign() {
        for link in [
            "https://evil.com\\\\.acme.no/",
            "https://x@www.acme.no/",
            "https://www.acme.no.evil.com/",
            "https://www.acme.no:8443/",
        ] {
            let text = MINIMAL.replace(
                "home = \"https://www.acme.no/\"",
                &format!("home = \"{link}\""),
            );
            assert!(
                matches!(&problems(&text)[0].0, Problem::ForeignLink(found) if found.starts_with("https://")),
                "{link}: {:?}",
                problems(&text)
            );
        }
    }

    #[test]
    fn an_official_source_needs_its_address() {
        let text = MINIMAL.replace("url = \"https://www.acme.no/vilkar\"\n", "");
        let found = problems(&text);
        assert!(matches!(&found[0].0, Problem::MissingUrl(id) if id == "terms"));
        // Code evidence whose repository is unknown may go without one.
        let text = text.replace("kind = \"official\"", "kind = \"code\"");
        assert!(parse_operator("acme.toml", "acme", &text, TODAY).is_ok());
    }

    #[test]
    fn a_date_with_a_time_is_refused() {
        let text = MINIMAL.replace("checked = 2026-11-25", "checked = 2026-11-25T10:00:00");
        assert!(matches!(problems(&text)[0].0, Problem::NotADate));
    }

    #[test]
    fn a_file_over_1_mib_is_refused_before_parsing() {
        let text = format!(
            "{MINIMAL}\n#{}\n",
            "x".repeat(crate::limits::MAX_FILE_BYTES)
        );
        let found = parse_operator("acme.toml", "acme", &text, TODAY).unwrap_err();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].problem, Problem::TooLarge(text.len()));
        assert_eq!(found[0].problem.rule(), super::super::Rule::Syntax);
        assert!(
            found[0]
                .to_string()
                .starts_with("acme.toml:1:1: the file is "),
            "{}",
            found[0]
        );
        let common = parse_common("common.toml", &text, TODAY).unwrap_err();
        assert_eq!(common[0].problem, Problem::TooLarge(text.len()));
    }

    #[test]
    fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
        let deep = [
            format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            format!("a = {}1{}\n", "{b = ".repeat(100_000), "}".repeat(100_000)),
            format!("{} = 1\n", vec!["a"; 100_000].join(".")),
            format!("[{}]\n", vec!["a"; 100_000].join(".")),
            // Each kind within the parser's own limits, multiplied: thousands of levels.
            format!(
                "a = {}1{}\n",
                format!("{{{} = ", vec!["k"; 79].join(".")).repeat(79),
                "}".repeat(79)
            ),
        ];
        for text in deep {
            let text = format!("{MINIMAL}\n{text}");
            for found in [
                parse_operator("acme.toml", "acme", &text, TODAY).unwrap_err(),
                parse_common("common.toml", &text, TODAY).unwrap_err(),
            ] {
                assert_eq!(found.len(), 1, "{found:?}");
                assert_eq!(found[0].problem, Problem::TooDeep);
                assert_eq!(found[0].problem.rule().code(), "NC001");
                assert_eq!(found[0].place().line, MINIMAL.matches('\n').count() + 2);
            }
        }
    }

    #[test]
    fn invisible_formatting_is_refused_like_control_characters() {
        let text = MINIMAL.replace("title.en = \"Call\"", "title.en = \"Call \u{202e}llaC\"");
        let found = problems(&text);
        assert_eq!(found[0].0, Problem::ControlCharacter("U+202E".into()));
        assert_eq!(found[0].1, position_of(&text, "\"Call "));
    }

    #[test]
    fn escapes_in_keys_and_values_never_reach_the_message_raw() {
        let text = MINIMAL.replace("phase = \"contact\"", "phase = \"\\u001b[2J\"");
        let found = parse_operator("acme.toml", "acme", &text, TODAY).unwrap_err();
        assert!(found.iter().any(|f| f.problem.rule().code() == "NC019"));
        for finding in found {
            assert!(!finding.to_string().contains('\u{1b}'), "{finding}");
        }
        let text = format!("{MINIMAL}\n\"\\u001b]0;owned\\u0007\" = 1\n");
        for finding in parse_operator("acme.toml", "acme", &text, TODAY).unwrap_err() {
            let shown = finding.to_string();
            assert!(!shown.contains(['\u{1b}', '\u{7}']), "{shown}");
        }
    }

    #[test]
    fn a_hundred_thousand_findings_take_one_pass() {
        // Every string holds a control character: one finding each, all on one line.
        let items = vec!["\"\\u0001\""; 100_000].join(", ");
        let text = format!("{MINIMAL}\nextra = [{items}]\n");
        let start = std::time::Instant::now();
        let found = parse_operator("acme.toml", "acme", &text, TODAY).unwrap_err();
        assert_eq!(found.len(), 100_001);
        assert_eq!(
            found[99_999].place().line,
            MINIMAL.matches('\n').count() + 2
        );
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }
}
