//! What comes next for a case, on a given day: from sending it, through waiting for the
//! confirmation, a written follow-up, and a complaint to Brukerklagenemnda (BKN), to the
//! final bill. Nkom: complain to the provider in writing first; the board takes the case
//! if the provider turns it down or has not answered within three weeks (common.toml,
//! source `nkom-complaints`).

use jiff::civil::Date;

use super::{Case, State};
use crate::situation::Plan;
use crate::values::Reference;

/// How long to wait for a written confirmation before following up. nocard's own
/// measure, not a rule: a week is long enough for a letter to arrive and be answered.
pub const FOLLOW_UP_AFTER_DAYS: i32 = 7;

/// How long the operator has to answer a written follow-up before the complaints board
/// takes the case: three weeks (Nkom).
pub const ANSWER_WITHIN_DAYS: i32 = 21;

/// The next thing to do about a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextAction {
    /// Written, not sent: send it, then say so (`nocard status sent`).
    Send,
    /// Wait for the confirmation; follow up in writing if none has come by then.
    AwaitConfirmation { follow_up_by: Date },
    /// No confirmation came in time: write a follow-up that cites the first request.
    FollowUp { since: Date },
    /// Followed up: wait for the answer until the day the complaints board may be asked.
    AwaitAnswer { complain_from: Date },
    /// No answer three weeks after the follow-up, or a refusal: complain to BKN.
    Complain { since: Date },
    /// The complaint was written: the board takes it from here.
    AwaitBoard { since: Date },
    /// Confirmed: keep the SIM until the end date, pay the final invoice, then close.
    SettleFinalBill { end: Option<Date> },
    /// A prepaid card, confirmed: keep the SIM until the number has ended, then close.
    AwaitEnd,
    /// Nothing more to do.
    Done,
}

/// `days` after `date`; past the last day there is, the last day there is.
fn plus_days(date: Date, days: i32) -> Date {
    date.checked_add(jiff::Span::new().days(days))
        .unwrap_or(Date::MAX)
}

impl Case {
    /// The day it was written: books from before the written state have only the day it
    /// was sent, which was the same.
    #[must_use]
    pub fn written_on(&self) -> Date {
        self.written.or(self.sent).unwrap_or(Date::MIN)
    }

    /// The day the case's clock runs from: sent, or written while it is not.
    #[must_use]
    pub fn since(&self) -> Date {
        self.sent.unwrap_or_else(|| self.written_on())
    }

    /// The next action for this case on `today`.
    #[must_use]
    pub fn next_action(&self, today: Date) -> NextAction {
        match self.state {
            State::Written => NextAction::Send,
            State::Sent => self.while_waiting(today),
            State::Confirmed if self.plan == Some(Plan::Prepaid) => NextAction::AwaitEnd,
            State::Confirmed => NextAction::SettleFinalBill {
                end: self.expected_end,
            },
            State::Closed => NextAction::Done,
        }
    }

    /// A sent request not yet confirmed climbs the ladder as the days pass.
    fn while_waiting(&self, today: Date) -> NextAction {
        if let Some(since) = self.complained {
            return NextAction::AwaitBoard { since };
        }
        if let Some(since) = self.refused {
            return NextAction::Complain { since };
        }
        if let Some(&last) = self.followed_up.last() {
            let complain_from = plus_days(last, ANSWER_WITHIN_DAYS);
            return if today >= complain_from {
                NextAction::Complain {
                    since: complain_from,
                }
            } else {
                NextAction::AwaitAnswer { complain_from }
            };
        }
        let follow_up_by = plus_days(self.since(), FOLLOW_UP_AFTER_DAYS);
        if today > follow_up_by {
            NextAction::FollowUp {
                since: follow_up_by,
            }
        } else {
            NextAction::AwaitConfirmation { follow_up_by }
        }
    }

    /// Whole days from the day it was sent (or written) to `today`.
    #[must_use]
    pub fn days_since(&self, today: Date) -> i64 {
        // A span between two civil dates is in days unless asked otherwise.
        self.since()
            .until(today)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// The days a calendar should hold for this case: the follow-up date while a
    /// confirmation is awaited, the day a complaint may be made, and the expected end.
    #[must_use]
    pub fn dates(&self, today: Date) -> Vec<(Milestone, Date)> {
        let mut dates = Vec::new();
        match self.next_action(today) {
            NextAction::AwaitConfirmation { follow_up_by }
            | NextAction::FollowUp {
                since: follow_up_by,
            } => {
                dates.push((Milestone::FollowUp, follow_up_by));
            }
            NextAction::AwaitAnswer { complain_from }
            | NextAction::Complain {
                since: complain_from,
            } => {
                dates.push((Milestone::Complain, complain_from));
            }
            _ => {}
        }
        if self.sent.is_some()
            && self.state != State::Closed
            && let Some(end) = self.expected_end
        {
            dates.push((Milestone::End, end));
        }
        dates
    }
}

impl Case {
    /// Whether `change` can be made to this case on `today`.
    pub fn allows(&self, change: &Change, today: Date) -> Result<(), NotNow> {
        let done = matches!(self.state, State::Confirmed | State::Closed);
        match change {
            Change::Sent { on, .. } => {
                if done {
                    return Err(NotNow::Done(self.state));
                }
                if *on > today {
                    return Err(NotNow::Future(*on));
                }
                if *on < self.written_on() {
                    return Err(NotNow::TooEarly(self.written_on()));
                }
            }
            Change::FollowedUp | Change::Refused(_) | Change::Complained if done => {
                return Err(NotNow::Done(self.state));
            }
            Change::FollowedUp | Change::Refused(_) | Change::Complained
                if self.state == State::Written =>
            {
                return Err(NotNow::NotSent);
            }
            Change::Confirm(_) if self.state == State::Written => {
                return Err(NotNow::ConfirmNotSent);
            }
            Change::Confirm(_) if self.state == State::Closed => {
                return Err(NotNow::Done(State::Closed));
            }
            Change::FollowedUp if self.refused.is_some() => {
                return Err(NotNow::WasRefused(self.refused.unwrap_or(today)));
            }
            Change::FollowedUp => match self.next_action(today) {
                NextAction::AwaitConfirmation { follow_up_by } => {
                    return Err(NotNow::NotYetToFollowUp {
                        by: follow_up_by,
                        from: plus_days(follow_up_by, 1),
                    });
                }
                NextAction::AwaitAnswer { complain_from } => {
                    return Err(NotNow::AwaitingAnswer {
                        followed_up: self.followed_up.last().copied().unwrap_or(today),
                        until: complain_from,
                    });
                }
                _ => {}
            },
            Change::Refused(on) if *on > today => return Err(NotNow::Future(*on)),
            Change::Refused(on) if *on < self.since() => {
                return Err(NotNow::TooEarly(self.since()));
            }
            Change::Complained => match self.next_action(today) {
                NextAction::Complain { .. } | NextAction::AwaitBoard { .. } => {}
                NextAction::AwaitAnswer { complain_from } => {
                    return Err(NotNow::NotYetForTheBoard(Some(complain_from)));
                }
                _ => return Err(NotNow::NotYetForTheBoard(None)),
            },
            _ => {}
        }
        Ok(())
    }
}

/// A day in a case's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    /// Follow up, in writing, if no confirmation has come.
    FollowUp,
    /// Complain to Brukerklagenemnda, if the follow-up has had no answer.
    Complain,
    /// The subscription should end.
    End,
}

impl Milestone {
    /// Its word in a calendar event's id.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Milestone::FollowUp => "follow-up",
            Milestone::Complain => "complain",
            Milestone::End => "end",
        }
    }
}

/// What a `nocard status` command does to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// It went out on `on`: the ladder counts from then, and it should end on `end`.
    Sent {
        on: Date,
        reference: Option<Reference>,
        end: Option<Date>,
    },
    /// A written follow-up was made today.
    FollowedUp,
    /// The operator turned the request down on this day.
    Refused(Date),
    /// A complaint to Brukerklagenemnda was written today.
    Complained,
    /// The operator confirmed in writing, with its reference if it gave one.
    Confirm(Option<Reference>),
    /// The final bill is settled.
    Close,
    /// Removed from the records; its id is not given again.
    Forget,
}

/// Why a change cannot be made to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotNow {
    NoSuchCase,
    /// Written and not sent: the ladder starts once it is.
    NotSent,
    /// Confirmed or closed already.
    Done(State),
    /// A day after today.
    Future(Date),
    /// A day before the case was written (or sent): that day.
    TooEarly(Date),
    /// The operator turned the request down on this day: a follow-up, which says no answer
    /// came, is not what comes next; the complaint is.
    WasRefused(Date),
    /// Written and not sent, so nothing can have confirmed it: say it was sent first.
    ConfirmNotSent,
    /// A follow-up says no confirmation came: not while the operator has until `by` (the
    /// follow-up date `status` shows) to confirm; from the day after, `from`.
    NotYetToFollowUp {
        by: Date,
        from: Date,
    },
    /// Followed up on the first day, and the operator has until the second to answer: a
    /// second follow-up before then would restart the three weeks the board counts.
    AwaitingAnswer {
        followed_up: Date,
        until: Date,
    },
    /// Brukerklagenemnda takes a case once the operator has turned it down, or has not
    /// answered a written follow-up within three weeks: from this day, where the follow-up
    /// was made.
    NotYetForTheBoard(Option<Date>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casebook::tests::case;
    use jiff::civil::date;

    #[test]
    fn the_ladder_climbs_from_sent_to_the_complaints_board_as_the_days_pass() {
        let mut case = case(1, "91234567");
        case.state = State::Written;
        case.sent = None;
        assert_eq!(case.next_action(date(2026, 12, 30)), NextAction::Send);
        case.state = State::Sent;
        case.sent = Some(date(2026, 11, 25));
        assert_eq!(
            case.next_action(date(2026, 12, 2)),
            NextAction::AwaitConfirmation {
                follow_up_by: date(2026, 12, 2)
            }
        );
        assert_eq!(
            case.next_action(date(2026, 12, 3)),
            NextAction::FollowUp {
                since: date(2026, 12, 2)
            }
        );
        case.followed_up.push(date(2026, 12, 3));
        assert_eq!(
            case.next_action(date(2026, 12, 23)),
            NextAction::AwaitAnswer {
                complain_from: date(2026, 12, 24)
            }
        );
        assert_eq!(
            case.next_action(date(2026, 12, 24)),
            NextAction::Complain {
                since: date(2026, 12, 24)
            }
        );
        case.complained = Some(date(2026, 12, 28));
        assert_eq!(
            case.next_action(date(2027, 1, 5)),
            NextAction::AwaitBoard {
                since: date(2026, 12, 28)
            }
        );
    }

    #[test]
    fn the_board_is_asked_only_once_the_operator_had_its_chance() {
        let mut case = case(1, "91234567");
        let today = date(2026, 12, 10);
        assert_eq!(
            case.allows(&Change::Complained, today),
            Err(NotNow::NotYetForTheBoard(None)),
            "no follow-up yet"
        );
        case.followed_up.push(date(2026, 12, 3));
        assert_eq!(
            case.allows(&Change::Complained, today),
            Err(NotNow::NotYetForTheBoard(Some(date(2026, 12, 24))))
        );
        assert_eq!(case.allows(&Change::Complained, date(2026, 12, 24)), Ok(()));
        case.state = State::Written;
        assert_eq!(
            case.allows(&Change::FollowedUp, today),
            Err(NotNow::NotSent)
        );
        let sent = |on| Change::Sent {
            on,
            reference: None,
            end: None,
        };
        assert_eq!(
            case.allows(&sent(date(2026, 12, 11)), today),
            Err(NotNow::Future(date(2026, 12, 11)))
        );
        assert_eq!(
            case.allows(&sent(date(2026, 11, 1)), today),
            Err(NotNow::TooEarly(date(2026, 11, 25)))
        );
        assert_eq!(case.allows(&sent(date(2026, 11, 26)), today), Ok(()));
    }

    #[test]
    fn a_follow_up_waits_for_the_date_status_shows_and_the_next_for_the_answer() {
        let mut case = case(1, "91234567");
        // Sent 25 November: status says to follow up if nothing has come by 2 December.
        let early = Err(NotNow::NotYetToFollowUp {
            by: date(2026, 12, 2),
            from: date(2026, 12, 3),
        });
        assert_eq!(case.allows(&Change::FollowedUp, date(2026, 11, 25)), early);
        assert_eq!(case.allows(&Change::FollowedUp, date(2026, 12, 2)), early);
        assert_eq!(case.allows(&Change::FollowedUp, date(2026, 12, 3)), Ok(()));
        // A second one, while the operator has its three weeks to answer the first.
        case.followed_up.push(date(2026, 12, 3));
        let waiting = Err(NotNow::AwaitingAnswer {
            followed_up: date(2026, 12, 3),
            until: date(2026, 12, 24),
        });
        assert_eq!(case.allows(&Change::FollowedUp, date(2026, 12, 3)), waiting);
        assert_eq!(
            case.allows(&Change::FollowedUp, date(2026, 12, 23)),
            waiting
        );
        assert_eq!(case.allows(&Change::FollowedUp, date(2026, 12, 24)), Ok(()));
    }

    #[test]
    fn only_a_sent_case_can_be_confirmed() {
        let mut case = case(1, "91234567");
        case.state = State::Written;
        case.sent = None;
        let today = date(2026, 11, 25);
        assert_eq!(
            case.allows(&Change::Confirm(None), today),
            Err(NotNow::ConfirmNotSent)
        );
        case.state = State::Sent;
        case.sent = Some(today);
        assert_eq!(case.allows(&Change::Confirm(None), today), Ok(()));
    }

    #[test]
    fn a_refusal_goes_straight_to_the_board() {
        let mut case = case(1, "91234567");
        case.refused = Some(date(2026, 11, 27));
        assert_eq!(
            case.next_action(date(2026, 11, 27)),
            NextAction::Complain {
                since: date(2026, 11, 27)
            }
        );
        // A follow-up would say no answer came, which is not so: the complaint comes next.
        assert_eq!(
            case.allows(&Change::FollowedUp, date(2026, 12, 20)),
            Err(NotNow::WasRefused(date(2026, 11, 27)))
        );
        assert_eq!(case.allows(&Change::Complained, date(2026, 11, 27)), Ok(()));
    }

    #[test]
    fn a_confirmed_case_waits_for_the_bill_and_a_closed_one_is_done() {
        let mut case = case(1, "91234567");
        case.state = State::Confirmed;
        assert_eq!(
            case.next_action(date(2026, 12, 3)),
            NextAction::SettleFinalBill {
                end: Some(date(2026, 12, 31))
            }
        );
        case.plan = Some(Plan::Prepaid);
        assert_eq!(case.next_action(date(2026, 12, 3)), NextAction::AwaitEnd);
        case.state = State::Closed;
        assert_eq!(case.next_action(date(2026, 12, 3)), NextAction::Done);
        // Closed is the end: confirming again would take it back.
        assert_eq!(
            case.allows(&Change::Confirm(None), date(2026, 12, 3)),
            Err(NotNow::Done(State::Closed))
        );
    }

    #[test]
    fn days_are_counted_whole_from_the_day_it_was_sent() {
        let mut case = case(1, "91234567");
        case.sent = Some(date(2026, 11, 26));
        assert_eq!(case.days_since(date(2026, 12, 3)), 7);
        assert_eq!(case.days_since(date(2026, 11, 26)), 0);
    }

    #[test]
    fn a_calendar_holds_the_next_date_on_the_ladder_and_the_end() {
        let mut case = case(1, "91234567");
        assert_eq!(
            case.dates(date(2026, 11, 25)),
            [
                (Milestone::FollowUp, date(2026, 12, 2)),
                (Milestone::End, date(2026, 12, 31))
            ]
        );
        case.followed_up.push(date(2026, 12, 3));
        assert_eq!(
            case.dates(date(2026, 12, 3))[0],
            (Milestone::Complain, date(2026, 12, 24))
        );
        case.state = State::Written;
        case.sent = None;
        assert!(case.dates(date(2026, 11, 25)).is_empty());
    }
}
