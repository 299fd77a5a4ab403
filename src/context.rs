//! What every command runs with, resolved once: the language, how output looks, and the clock.

use std::sync::OnceLock;

use jiff::civil::Date;

use crate::render::Layout;
use crate::text::Lang;

/// The language, the look of stdout and the clock, for one run of nocard.
#[derive(Debug)]
pub struct Context {
    pub lang: Lang,
    pub layout: Layout,
    pub clock: Clock,
}

impl Context {
    /// The context for output to stdout, in `lang`, with the system's clock.
    #[must_use]
    pub fn new(lang: Lang) -> Self {
        Context {
            lang,
            layout: Layout::for_stdout(lang),
            clock: Clock::system(),
        }
    }
}

/// Today's date, asked of the system only when a command needs it.
#[derive(Debug, Default)]
pub struct Clock {
    today: OnceLock<Date>,
}

impl Clock {
    /// The system's clock, in the local time zone; `NOCARD_TODAY=2026-11-25` fixes the date,
    /// for tests and for output that must not change from one day to the next.
    #[must_use]
    pub fn system() -> Self {
        Clock::default()
    }

    /// A clock that always says `date`.
    #[must_use]
    pub fn fixed(date: Date) -> Self {
        Clock {
            today: OnceLock::from(date),
        }
    }

    #[must_use]
    pub fn today(&self) -> Date {
        *self.today.get_or_init(system_today)
    }
}

/// Today's date where the user is: `NOCARD_TODAY` if set, else the time zone `TZ` names, else
/// the system's.
fn system_today() -> Date {
    use jiff::tz::TimeZone;
    if let Some(date) = std::env::var("NOCARD_TODAY")
        .ok()
        .and_then(|date| date.parse().ok())
    {
        return date;
    }
    let zone = if std::env::var_os("TZ").is_some() {
        TimeZone::try_system().unwrap_or(TimeZone::UTC)
    } else {
        local_zone()
    };
    zone.to_datetime(jiff::Timestamp::now()).date()
}

/// The system's time zone. Linux, macOS and the BSDs keep it in `/etc/localtime`, read here
/// directly: asking jiff for the system zone walks the whole time zone database, a few million
/// instructions that a command which starts in well under a million cannot afford. Where there
/// is no such file (Windows, which names its zone in the registry, or a system without one),
/// jiff asks the system.
fn local_zone() -> jiff::tz::TimeZone {
    use jiff::tz::TimeZone;
    #[cfg(unix)]
    if let Some(zone) = std::fs::read("/etc/localtime")
        .ok()
        .and_then(|data| TimeZone::tzif("localtime", &data).ok())
    {
        return zone;
    }
    TimeZone::try_system().unwrap_or(TimeZone::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the system says, by jiff's long way, and the short way agree.
    #[test]
    fn the_local_zone_is_the_systems() {
        // With TZ set, jiff's system zone is TZ's, which the short way does not read.
        if std::env::var_os("TZ").is_some() {
            return;
        }
        let now = jiff::Timestamp::now();
        let system = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
        assert_eq!(
            local_zone().to_offset(now),
            system.to_offset(now),
            "{:?} and {:?}",
            local_zone().iana_name(),
            system.iana_name()
        );
    }

    #[test]
    fn a_fixed_clock_says_its_date() {
        let date = jiff::civil::date(2026, 11, 25);
        assert_eq!(Clock::fixed(date).today(), date);
    }
}
