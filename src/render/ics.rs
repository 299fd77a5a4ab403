//! The cases' dates as an iCalendar (RFC 5545): an all-day event on each day something is
//! due, since many calendars drop alarms but none drops the day itself. Each event's UID is
//! stable, so that importing the file again updates the events rather than doubling them.

use chrono::NaiveDate;
use icalendar::{Calendar, Component as _, Event, EventLike as _};
use jiff::civil::Date;

use crate::casebook::{Case, Milestone};
use crate::i18n::Ui;
use crate::operator::Operator;
use crate::text::Lang;

/// A calendar of every date to come for `cases`; `operators` name them where known.
#[must_use]
pub fn calendar(cases: &[Case], operators: &[Operator], today: Date, lang: Lang) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property((
            "PRODID",
            concat!("-//nocard//nocard ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name("nocard");
    // The moment the calendar was made, as the clock gives it: midnight (UTC) of today.
    let stamp = naive(today)
        .and_hms_opt(0, 0, 0)
        .map(|stamp| stamp.and_utc())
        .unwrap_or_default();
    for case in cases {
        let operator = operators
            .iter()
            .find(|op| op.id == case.operator)
            .map_or(case.operator.as_str(), |op| &*op.name);
        for (milestone, date) in case.dates(today) {
            let (summary, detail) = match milestone {
                Milestone::FollowUp => (Ui::IcsFollowUp, Ui::IcsFollowUpDetail),
                Milestone::Complain => (Ui::IcsComplain, Ui::IcsComplainDetail),
                Milestone::End => (Ui::IcsEnd, Ui::IcsEndDetail),
            };
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("operator", &operator), ("id", &case.id)];
            let day = naive(date);
            calendar.push(
                Event::new()
                    .uid(&format!(
                        "nocard-case-{}-{}@nocard.invalid",
                        case.id,
                        milestone.word()
                    ))
                    .timestamp(stamp)
                    .summary(&summary.fill(lang, &args))
                    .description(&detail.fill(lang, &args))
                    .starts(day)
                    // An all-day event ends the day after: DTEND is not part of it.
                    .ends(day.succ_opt().unwrap_or(day))
                    .done(),
            );
        }
    }
    calendar.done().to_string()
}

fn naive(date: Date) -> NaiveDate {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::from(date.month().unsigned_abs()),
        u32::from(date.day().unsigned_abs()),
    )
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr as _;

    use super::*;
    use crate::casebook::tests::case;
    use icalendar::{CalendarComponent, DatePerhapsTime};
    use jiff::civil::date;

    #[test]
    fn each_date_is_an_all_day_event_that_parses_back_with_its_day() {
        let mut written = case(2, "41234567");
        written.state = crate::casebook::State::Written;
        written.sent = None;
        let text = calendar(
            &[case(1, "91234567"), written],
            &[],
            date(2026, 11, 25),
            Lang::En,
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(
            !text.contains("912"),
            "no phone number in a calendar:\n{text}"
        );
        let parsed = Calendar::from_str(&text).unwrap();
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|component| match component {
                CalendarComponent::Event(event) => Some(event),
                _ => None,
            })
            .collect();
        // The written case has no dates yet.
        assert_eq!(events.len(), 2);
        let start = |event: &Event| event.get_start();
        assert_eq!(
            start(events[0]),
            Some(DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
            ))
        );
        assert_eq!(
            events[0].get_end(),
            Some(DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
            ))
        );
        assert_eq!(
            events[0].get_uid(),
            Some("nocard-case-1-follow-up@nocard.invalid")
        );
        assert_eq!(
            events[0].get_summary(),
            Some("telenor: follow up on cancellation case 1 if no confirmation has come")
        );
        assert_eq!(
            start(events[1]),
            Some(DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
            ))
        );
    }
}
