//! What a recorded case means for the user today: how long ago it was sent, and what to do
//! next, by when.

use jiff::civil::Date;

use crate::store::{Case, State};

/// How long to wait for a written confirmation before following up.
pub const FOLLOW_UP_AFTER_DAYS: i32 = 7;

/// The next thing to do about a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextAction {
    /// Wait for the confirmation; follow up on the same channel if none has come by then.
    AwaitConfirmation { follow_up_by: Date },
    /// No confirmation came in time: follow up now, on the same channel.
    FollowUpNow { since: Date },
    /// Confirmed: keep the SIM until the end date, pay the final invoice, then close.
    SettleFinalBill { end: Option<Date> },
    /// Nothing more to do.
    Done,
}

impl NextAction {
    /// The next action for `case` on `today`.
    #[must_use]
    pub fn for_case(case: &Case, today: Date) -> Self {
        match case.state {
            State::Sent => {
                let follow_up_by = case
                    .sent
                    .checked_add(jiff::Span::new().days(FOLLOW_UP_AFTER_DAYS))
                    .unwrap_or(case.sent);
                if today > follow_up_by {
                    NextAction::FollowUpNow {
                        since: follow_up_by,
                    }
                } else {
                    NextAction::AwaitConfirmation { follow_up_by }
                }
            }
            State::Confirmed => NextAction::SettleFinalBill {
                end: case.expected_end,
            },
            State::Closed => NextAction::Done,
        }
    }
}

/// Whole days from the day a case was sent to `today`.
#[must_use]
pub fn days_since(sent: Date, today: Date) -> i64 {
    // A span between two civil dates is in days unless asked otherwise.
    sent.until(today)
        .map_or(0, |span| i64::from(span.get_days()))
}

/// `+47 *** ** 567`, `+47 ** ** ** ** *6 78`: the number in its usual grouping with all but
/// the last three digits hidden, enough to tell numbers apart and not enough to give one away.
#[must_use]
pub fn masked(number: &str) -> String {
    let Ok(parsed) = crate::validate::MobileNumber::parse(number) else {
        // Not a number nocard would have stored; still show no more than three digits.
        let visible: String = number
            .chars()
            .skip(number.chars().count().saturating_sub(3))
            .collect();
        return format!("+47 *** ** {visible}");
    };
    let shown = parsed.national();
    let hidden = parsed.digits().len().saturating_sub(3);
    let mut digits = 0;
    let masked: String = shown
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                digits += 1;
                if digits <= hidden { '*' } else { c }
            } else {
                c
            }
        })
        .collect();
    format!("+47 {masked}")
}

/// `+47 912 34 567`.
#[must_use]
pub fn shown(number: &str) -> String {
    crate::validate::MobileNumber::parse(number)
        .map_or_else(|_| number.to_owned(), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use std::path::PathBuf;

    fn case(state: State) -> Case {
        Case {
            id: 1,
            operator: "telenor".into(),
            number: "91234567".into(),
            intent: "cancel".into(),
            channel: "phone".into(),
            sent: date(2026, 11, 25),
            reference: None,
            expected_end: Some(date(2026, 12, 31)),
            message: Some(PathBuf::from("m.txt")),
            state,
            confirmed: None,
            closed: None,
        }
    }

    #[test]
    fn a_sent_case_asks_for_a_follow_up_after_a_week() {
        let sent = case(State::Sent);
        assert_eq!(
            NextAction::for_case(&sent, date(2026, 11, 30)),
            NextAction::AwaitConfirmation {
                follow_up_by: date(2026, 12, 2)
            }
        );
        assert_eq!(
            NextAction::for_case(&sent, date(2026, 12, 3)),
            NextAction::FollowUpNow {
                since: date(2026, 12, 2)
            }
        );
        assert_eq!(
            NextAction::for_case(&case(State::Confirmed), date(2026, 12, 3)),
            NextAction::SettleFinalBill {
                end: Some(date(2026, 12, 31))
            }
        );
        assert_eq!(
            NextAction::for_case(&case(State::Closed), date(2026, 12, 3)),
            NextAction::Done
        );
    }

    #[test]
    fn numbers_are_masked_but_for_the_last_three_digits() {
        assert_eq!(masked("91234567"), "+47 *** ** 567");
        assert_eq!(shown("91234567"), "+47 912 34 567");
        assert_eq!(masked("580012345678"), "+47 ** ** ** ** *6 78");
        assert_eq!(shown("580012345678"), "+47 58 00 12 34 56 78");
        // A case book edited by hand may hold anything: never more than three digits shown.
        assert_eq!(masked("12345"), "+47 *** ** 345");
    }

    #[test]
    fn days_are_counted_whole() {
        assert_eq!(days_since(date(2026, 11, 25), date(2026, 12, 2)), 7);
        assert_eq!(days_since(date(2026, 11, 25), date(2026, 11, 25)), 0);
    }
}
