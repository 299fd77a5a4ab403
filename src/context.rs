//! What every command runs with, resolved once: the language, how output looks, and the clock.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

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
    if let Some(date) = std::env::var("NOCARD_TODAY")
        .ok()
        .and_then(|date| date.parse().ok())
    {
        return date;
    }
    local_zone()
        .to_datetime(timestamp_of(SystemTime::now()))
        .date()
}

/// `time` as a timestamp, held to the years jiff counts (-9999 to 9999): a clock set past
/// them reads as their first or last moment rather than stopping nocard. Every timestamp
/// jiff has is a date in any time zone.
fn timestamp_of(time: SystemTime) -> Timestamp {
    Timestamp::try_from(time).unwrap_or(if time > SystemTime::UNIX_EPOCH {
        Timestamp::MAX
    } else {
        Timestamp::MIN
    })
}

/// Time zone files are a few kilobytes; the largest in the database is under 10.
const MAX_ZONE_BYTES: u64 = 256 * 1024;

/// The local time zone: `TZ` where it is set, as the C library reads it (`:` then a file
/// or a name in the zone database, or a POSIX rule such as `CET-1CEST,M3.5.0,M10.5.0/3`),
/// else `/etc/localtime`; UTC where neither can be read. Files are read only if they are
/// regular and small: `TZ=/dev/zero` or a named pipe must neither hang nocard nor fill its
/// memory.
fn local_zone() -> TimeZone {
    match std::env::var_os("TZ") {
        Some(tz) => zone_from_tz(&tz).unwrap_or(TimeZone::UTC),
        // Windows names its zone in the registry, which jiff asks.
        None if cfg!(not(unix)) => TimeZone::try_system().unwrap_or(TimeZone::UTC),
        None => zone_file(Path::new("/etc/localtime")).unwrap_or(TimeZone::UTC),
    }
}

fn zone_from_tz(tz: &OsStr) -> Option<TimeZone> {
    let tz = tz.to_str()?;
    let name = tz.strip_prefix(':').unwrap_or(tz);
    if name.is_empty() {
        return Some(TimeZone::UTC);
    }
    if name.starts_with('/') {
        return zone_file(Path::new(name));
    }
    if is_zone_name(name) {
        let dir = std::env::var_os("TZDIR")
            .filter(|dir| !dir.is_empty())
            .map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from);
        if let Some(zone) = zone_file(&dir.join(name)) {
            return Some(zone);
        }
    }
    TimeZone::posix(name).ok()
}

/// A name in the zone database, such as `Europe/Oslo`: it stays inside the database's folder.
fn is_zone_name(name: &str) -> bool {
    name.split('/').all(|part| {
        !part.is_empty()
            && part != "."
            && part != ".."
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '.'))
    })
}

fn zone_file(path: &Path) -> Option<TimeZone> {
    let data = crate::disk::read_bytes(path, MAX_ZONE_BYTES).ok()?;
    TimeZone::tzif("localtime", &data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn any_system_time_gives_a_date() {
        let far = Duration::from_secs(400_000_000_000);
        let ahead = SystemTime::UNIX_EPOCH.checked_add(far).unwrap();
        assert_eq!(timestamp_of(ahead), Timestamp::MAX);
        let zone = TimeZone::posix("XXX-14").unwrap();
        assert_eq!(zone.to_datetime(timestamp_of(ahead)).date().year(), 9999);
        let west = TimeZone::posix("XXX+12").unwrap();
        if let Some(before) = SystemTime::UNIX_EPOCH.checked_sub(far) {
            assert_eq!(west.to_datetime(timestamp_of(before)).date().year(), -9999);
        }
    }

    #[test]
    fn tz_is_read_as_the_c_library_reads_it_without_leaving_the_database() {
        assert_eq!(zone_from_tz(OsStr::new("")), Some(TimeZone::UTC));
        let rule = zone_from_tz(OsStr::new("CET-1CEST,M3.5.0,M10.5.0/3")).unwrap();
        let summer: Timestamp = "2026-07-01T12:00:00Z".parse().unwrap();
        assert_eq!(rule.to_datetime(summer).hour(), 14);
        assert!(is_zone_name("Europe/Oslo"));
        assert!(is_zone_name("Etc/GMT+1"));
        for bad in ["../../etc/passwd", "Europe/../../x", "a//b", "a b"] {
            assert!(!is_zone_name(bad), "{bad}");
        }
        if Path::new("/usr/share/zoneinfo/Europe/Oslo").is_file() {
            let oslo = zone_from_tz(OsStr::new(":Europe/Oslo")).unwrap();
            assert_eq!(oslo.to_datetime(summer).hour(), 14);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_zone_file_that_is_not_a_small_regular_file_is_not_read() {
        assert_eq!(zone_file(Path::new("/dev/zero")), None);
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![0u8; 300 * 1024]).unwrap();
        assert_eq!(zone_file(&big), None);
    }

    /// What the system says, by jiff's long way, and the short way agree.
    #[test]
    fn the_local_zone_is_the_systems() {
        // With TZ set, jiff's system zone is TZ's, read here as the C library reads it.
        if std::env::var_os("TZ").is_some() {
            return;
        }
        let now = Timestamp::now();
        let system = TimeZone::try_system().unwrap_or(TimeZone::UTC);
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
