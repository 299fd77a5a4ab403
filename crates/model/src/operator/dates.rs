//! How current the facts are: the date each source shows, and the rule that weighs those
//! dates against today.
//!
//! A file's `checked` date says when its facts were last compared with their sources, not how
//! current the sources are: a page compared yesterday may date from 2015. So nocard weighs
//! both. The rule, kept simple on purpose:
//!
//! - A source is **recent** if the date it shows is at most [`OLD_AFTER_YEARS`] years before
//!   today, **old** if it is earlier, and **undated** if it shows none.
//! - A fact is current if at least one of its sources is recent. A confirmed fact none of whose
//!   sources is recent carries a caveat: "the newest source is from 2015", or "undated" when
//!   none of its sources shows a date. (A fact that is not confirmed already says where to
//!   check it.)
//! - A file is stale if its `checked` date is more than 12 months before today; and the notice
//!   shown with its facts also counts its confirmed facts that carry a caveat.

use jiff::civil::Date;

use super::{Operator, Provenance, Source};

/// A source dated more than this many years before today is old.
pub const OLD_AFTER_YEARS: i16 = 3;

/// A file's facts compared with their sources more than this many months ago are stale.
pub const STALE_AFTER_MONTHS: i8 = 12;

/// The date a source shows, or that it shows none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Dated {
    /// The page shows `date`, as a date of the kind `kind`.
    On { date: Date, kind: DateKind },
    /// The page shows no date.
    Undated,
}

impl Dated {
    /// The date, where the page shows one.
    #[must_use]
    pub fn date(self) -> Option<Date> {
        match self {
            Dated::On { date, .. } => Some(date),
            Dated::Undated => None,
        }
    }
}

/// What a source's date is, where the page says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateKind {
    /// The page shows the date without saying more (a news item, a dated page of terms).
    Shown,
    /// Terms that apply from this date.
    ValidFrom,
    /// The page says it was updated or revised on this date.
    Updated,
    /// A third party says it last reviewed its page on this date.
    Reviewed,
}

impl DateKind {
    /// The words `dated_as` takes; a date without `dated_as` is [`DateKind::Shown`].
    pub const WORDS: &'static str = "valid-from, updated, reviewed";

    pub(crate) fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "valid-from" => DateKind::ValidFrom,
            "updated" => DateKind::Updated,
            "reviewed" => DateKind::Reviewed,
            _ => return None,
        })
    }

    /// The word in files and JSON output; `shown` for a date without `dated_as`.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            DateKind::Shown => "shown",
            DateKind::ValidFrom => "valid-from",
            DateKind::Updated => "updated",
            DateKind::Reviewed => "reviewed",
        }
    }
}

/// How current a source, or the newest of a fact's sources, is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// Dated at most [`OLD_AFTER_YEARS`] years ago.
    Recent,
    /// Dated earlier; the year of the date (for a fact, of its newest source).
    Old { year: i16 },
    /// No date shown.
    Undated,
}

/// The earliest date a source may show and still be recent.
fn recent_since(today: Date) -> Date {
    today
        .checked_sub(jiff::Span::new().years(OLD_AFTER_YEARS))
        .unwrap_or(Date::MIN)
}

/// Whether facts compared with their sources on `checked` are stale on `today`.
#[must_use]
pub fn is_stale(checked: Date, today: Date) -> bool {
    today
        .checked_sub(jiff::Span::new().months(STALE_AFTER_MONTHS))
        .is_ok_and(|year_ago| checked < year_ago)
}

impl Source {
    /// How current the source is on `today`.
    #[must_use]
    pub fn age(&self, today: Date) -> Age {
        match self.dated.date() {
            None => Age::Undated,
            Some(date) if date >= recent_since(today) => Age::Recent,
            Some(date) => Age::Old { year: date.year() },
        }
    }
}

impl Provenance {
    /// How current the newest of the fact's sources is on `today`: recent if any is recent,
    /// old (with the newest year) if any is dated, undated otherwise.
    #[must_use]
    pub fn age(&self, today: Date) -> Age {
        let mut newest: Option<i16> = None;
        for source in self.sources.iter() {
            match source.age(today) {
                Age::Recent => return Age::Recent,
                Age::Old { year } => newest = newest.max(Some(year)),
                Age::Undated => {}
            }
        }
        newest.map_or(Age::Undated, |year| Age::Old { year })
    }

    /// The caveat shown beside the fact: the age of its newest source, for a confirmed fact
    /// none of whose sources is recent. `None` for a fact not confirmed (it says where to check
    /// it instead) and for one with a recent source.
    #[must_use]
    pub fn caveat(&self, today: Date) -> Option<Age> {
        if !self.confirmed {
            return None;
        }
        match self.age(today) {
            Age::Recent => None,
            age => Some(age),
        }
    }
}

/// What the notice shown with an operator's facts says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    /// The `checked` date, where it is more than 12 months before today.
    pub stale_since: Option<Date>,
    /// How many confirmed facts rest only on old or undated sources.
    pub dated_facts: usize,
    /// How many facts are confirmed.
    pub confirmed_facts: usize,
}

impl Freshness {
    /// Whether there is anything to warn about.
    #[must_use]
    pub fn needs_notice(&self) -> bool {
        self.stale_since.is_some() || self.dated_facts > 0
    }
}

impl Operator {
    /// Every fact of the file: the notice period, the network, the channels, the steps and the
    /// precautions.
    pub fn facts(&self) -> impl Iterator<Item = &Provenance> {
        self.notice
            .iter()
            .map(|notice| &notice.provenance)
            .chain(self.network.iter().map(|network| &network.provenance))
            .chain(self.channels.iter().map(|channel| &channel.provenance))
            .chain(self.steps.iter().map(|step| &step.entry.provenance))
            .chain(self.precautions.iter().map(|entry| &entry.provenance))
    }

    /// How current the operator's facts are on `today`.
    #[must_use]
    pub fn freshness(&self, today: Date) -> Freshness {
        let confirmed: Vec<&Provenance> = self.facts().filter(|fact| fact.confirmed).collect();
        Freshness {
            stale_since: is_stale(self.checked, today).then_some(self.checked),
            dated_facts: confirmed
                .iter()
                .filter(|fact| fact.caveat(today).is_some())
                .count(),
            confirmed_facts: confirmed.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operator::SourceKind;
    use crate::text::Text;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 12, 1);

    fn source(id: &str, dated: Dated) -> Source {
        Source {
            id: id.to_owned().into(),
            title: Text {
                en: id.to_owned().into(),
                nb: None,
                zh: None,
            },
            url: Some(format!("https://www.acme.no/{id}").into()),
            kind: SourceKind::Official,
            dated,
        }
    }

    fn on(date: Date) -> Dated {
        Dated::On {
            date,
            kind: DateKind::Shown,
        }
    }

    fn fact(confirmed: bool, dates: &[Dated]) -> Provenance {
        Provenance {
            sources: dates
                .iter()
                .enumerate()
                .map(|(index, dated)| source(&format!("s{index}"), *dated))
                .collect::<Vec<_>>()
                .into(),
            confirmed,
            check_on: "https://www.acme.no/".into(),
        }
    }

    #[test]
    fn a_source_is_old_when_dated_more_than_three_years_ago() {
        let at = |dated| source("s", dated).age(TODAY);
        assert_eq!(at(on(date(2024, 2, 20))), Age::Recent);
        assert_eq!(
            at(on(date(2023, 12, 1))),
            Age::Recent,
            "exactly three years"
        );
        assert_eq!(at(on(date(2023, 11, 30))), Age::Old { year: 2023 });
        assert_eq!(at(on(date(2015, 3, 20))), Age::Old { year: 2015 });
        assert_eq!(at(Dated::Undated), Age::Undated);
        // A date in the future (terms that will apply) is not old.
        assert_eq!(at(on(date(2027, 1, 1))), Age::Recent);
    }

    #[test]
    fn a_fact_is_as_current_as_its_newest_source() {
        let old = on(date(2015, 3, 20));
        let older = on(date(2013, 10, 15));
        let recent = on(date(2024, 2, 20));
        assert_eq!(fact(true, &[old, recent]).age(TODAY), Age::Recent);
        assert_eq!(
            fact(true, &[older, Dated::Undated, old]).age(TODAY),
            Age::Old { year: 2015 },
            "the newest dated source gives the year; an undated one does not make it newer"
        );
        assert_eq!(
            fact(true, &[Dated::Undated, Dated::Undated]).age(TODAY),
            Age::Undated
        );
        assert_eq!(fact(true, &[]).age(TODAY), Age::Undated);
    }

    #[test]
    fn only_confirmed_facts_without_a_recent_source_carry_a_caveat() {
        let old = on(date(2015, 3, 20));
        assert_eq!(
            fact(true, &[old]).caveat(TODAY),
            Some(Age::Old { year: 2015 })
        );
        assert_eq!(
            fact(true, &[Dated::Undated]).caveat(TODAY),
            Some(Age::Undated)
        );
        assert_eq!(
            fact(false, &[old]).caveat(TODAY),
            None,
            "says where to check"
        );
        assert_eq!(fact(true, &[on(date(2025, 1, 1))]).caveat(TODAY), None);
    }

    #[test]
    fn facts_are_stale_when_compared_more_than_twelve_months_ago() {
        assert!(!is_stale(date(2025, 12, 1), TODAY));
        assert!(is_stale(date(2025, 11, 30), TODAY));
        assert!(!is_stale(TODAY, TODAY));
    }

    #[test]
    fn an_operator_counts_its_confirmed_facts_on_old_or_undated_sources() {
        let text = |en: &str| Text {
            en: en.to_owned().into(),
            nb: None,
            zh: None,
        };
        let channel = |provenance| crate::operator::Channel {
            id: "phone".into(),
            kind: crate::operator::ChannelKind::Phone,
            label: text("Phone"),
            address: crate::operator::Address::Phone("900 00 000".into()),
            needs: None,
            note: None,
            provenance,
        };
        let operator = Operator {
            id: crate::operator::OperatorId::of_file("acme".to_owned()),
            name: "Acme".into(),
            legal_name: "Acme AS".into(),
            org_number: None,
            brands: vec![].into(),
            domains: vec![].into(),
            network: None,
            home: "https://www.acme.no/".into(),
            checked: date(2026, 11, 25),
            sources: vec![].into(),
            notice: None,
            channels: vec![
                channel(fact(true, &[Dated::Undated])),
                channel(fact(true, &[on(date(2024, 2, 20))])),
                channel(fact(true, &[on(date(2019, 2, 26))])),
                channel(fact(false, &[Dated::Undated])),
            ]
            .into(),
            steps: vec![].into(),
            precautions: vec![].into(),
        };
        let freshness = operator.freshness(TODAY);
        assert_eq!(
            freshness,
            Freshness {
                stale_since: None,
                dated_facts: 2,
                confirmed_facts: 3
            }
        );
        assert!(freshness.needs_notice());
        let later = date(2028, 1, 1);
        assert_eq!(
            operator.freshness(later).stale_since,
            Some(operator.checked)
        );
        assert_eq!(
            operator.freshness(later).dated_facts,
            3,
            "the 2024 page is old by 2028"
        );
    }
}
