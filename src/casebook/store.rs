//! The case book on disk: one TOML file in the user's data folder. It must never lose a case,
//! so it is written whole to a temporary file beside it and renamed, owner-only, under a lock;
//! a file it cannot read is left alone.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nocard_model::limits;
use nocard_model::operator::Position;
use nocard_model::text::{Lang, is_unsafe_char, printable};

use crate::i18n::Ui;

use super::{Book, FORMAT_VERSION};

/// How long a second nocard waits for the first to finish writing.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Why the case book cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is there but is not a case book; it is left exactly as it is.
    #[error("{path} cannot be read: {cause}")]
    Corrupt { path: PathBuf, cause: Corruption },
    /// Written by a newer nocard; it is left as it is.
    #[error(
        "{path} was written by a newer nocard (format {version}; this one reads {FORMAT_VERSION})"
    )]
    Newer { path: PathBuf, version: u64 },
    /// Another nocard kept the lock for longer than we wait.
    #[error("another nocard{} is writing {path}", holder.map(|pid| format!(" (process {pid})")).unwrap_or_default())]
    Locked { path: PathBuf, holder: Option<u32> },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

impl StoreError {
    /// The error in `lang`; `Display` gives it in English.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Corrupt { path, cause } => Ui::StoreCorrupt.fill(
                lang,
                &[("path", &path.display()), ("cause", &cause.message(lang))],
            ),
            StoreError::Newer { path, version } => Ui::StoreNewer.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("version", version),
                    ("supported", &FORMAT_VERSION),
                ],
            ),
            StoreError::Locked { path, holder } => match holder {
                Some(pid) => {
                    Ui::StoreLockedBy.fill(lang, &[("path", &path.display()), ("pid", pid)])
                }
                None => Ui::StoreLocked.fill(lang, &[("path", &path.display())]),
            },
            StoreError::Io { path, source } => {
                let path = path.display().to_string();
                crate::causes::because(&path, &crate::causes::io(source, lang), lang)
            }
        }
    }
}

/// Why a file is not a case book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Corruption {
    /// Over 1 MiB, or not UTF-8.
    Unreadable(limits::Unreadable),
    /// Nested deeper than any case book, at this line and column.
    TooDeep(Position),
    /// Not TOML, where the parser says, in its words.
    Syntax(Option<Position>, String),
    /// TOML, but not what nocard writes (a missing field, a wrong type), in serde's words.
    Shape(Option<Position>, String),
    NoVersion,
    NegativeVersion,
    /// Text nocard never writes, in a case's message path or in the draft.
    UnsafeText(Place),
}

/// Where in the book a field is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A case's `message`.
    CaseMessage(u32),
    /// A key of the draft's answers, shown as data.
    Draft(String),
}

impl Corruption {
    /// The cause in `lang`. Outside English the parser's and serde's words are not repeated:
    /// the place and what is wrong there in nocard's words.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        let at = |position: &Option<Position>, what: String| match position {
            Some(Position { line, column }) => {
                Ui::CorruptionAt.fill(lang, &[("line", line), ("column", column), ("what", &what)])
            }
            None => what,
        };
        match self {
            Corruption::Unreadable(why) => crate::causes::unreadable(*why, lang),
            Corruption::TooDeep(position) => at(&Some(*position), crate::causes::too_deep(lang)),
            Corruption::Syntax(position, message) => {
                at(position, crate::causes::toml_syntax(message, lang))
            }
            Corruption::Shape(position, message) if lang == Lang::En => {
                at(position, message.clone())
            }
            Corruption::Shape(position, _) => {
                at(position, Ui::CorruptionShape.get(lang).to_owned())
            }
            Corruption::NoVersion => Ui::CorruptionNoVersion.get(lang).to_owned(),
            Corruption::NegativeVersion => Ui::CorruptionNegativeVersion.get(lang).to_owned(),
            Corruption::UnsafeText(place) => {
                let place = match place {
                    Place::CaseMessage(id) => Ui::PlaceCaseMessage.fill(lang, &[("id", id)]),
                    Place::Draft(key) => Ui::PlaceDraft.fill(lang, &[("key", key)]),
                };
                Ui::CorruptionUnsafe.fill(lang, &[("place", &place)])
            }
        }
    }
}

impl std::fmt::Display for Corruption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The case book on disk.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store in `dir`, which is created when first written.
    #[must_use]
    pub fn new(dir: PathBuf) -> Self {
        Store { dir }
    }

    /// `NOCARD_HOME` if set, else nocard's folder in the XDG data folder
    /// (`~/.local/share/nocard` unless `XDG_DATA_HOME` says otherwise).
    pub fn locate() -> Option<Self> {
        if let Some(home) = std::env::var_os("NOCARD_HOME").filter(|home| !home.is_empty()) {
            return Some(Store::new(PathBuf::from(home)));
        }
        let strategy = etcetera::choose_base_strategy().ok()?;
        Some(Store::new(
            etcetera::BaseStrategy::data_dir(&strategy).join("nocard"),
        ))
    }

    /// The case book's file.
    #[must_use]
    pub fn path(&self) -> PathBuf {
        self.dir.join("cases.toml")
    }

    fn lock_path(&self) -> PathBuf {
        self.dir.join("cases.lock")
    }

    /// Reads the book; a missing file is an empty book. A file over 1 MiB, or not UTF-8, is
    /// refused as it is, before it is parsed.
    pub fn load(&self) -> Result<Book, StoreError> {
        let path = self.path();
        let text = match File::open(&path).and_then(limits::read_file) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Book::new()),
            Err(err)
                if matches!(
                    err.kind(),
                    io::ErrorKind::InvalidData | io::ErrorKind::FileTooLarge
                ) =>
            {
                let cause = match limits::Unreadable::of(&err) {
                    Some(why) => Corruption::Unreadable(why),
                    None => return Err(StoreError::Io { path, source: err }),
                };
                return Err(StoreError::Corrupt { path, cause });
            }
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        parse(&path, &text)
    }

    /// Reads the book, lets `change` edit it, and writes it back, holding the lock throughout
    /// so that two nocards never lose each other's cases.
    pub fn update<T>(&self, change: impl FnOnce(&mut Book) -> T) -> Result<T, StoreError> {
        let io_error = |path: &Path| {
            let path = path.to_owned();
            move |source| StoreError::Io { path, source }
        };
        create_private_dir(&self.dir).map_err(io_error(&self.dir))?;
        let _lock = self.lock()?;
        let mut book = self.load()?;
        let result = change(&mut book);
        book.version = FORMAT_VERSION;
        let text = toml::to_string(&book).map_err(|err| StoreError::Io {
            path: self.path(),
            source: io::Error::other(err),
        })?;
        // What is written must read back: the same checks, before the old file is replaced.
        parse(&self.path(), &text)?;
        write_atomically(&self.path(), &text).map_err(io_error(&self.path()))?;
        Ok(result)
    }

    /// Takes the sidecar lock, waiting a little for another nocard to finish.
    fn lock(&self) -> Result<Lock, StoreError> {
        let path = self.lock_path();
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|source| StoreError::Io {
                path: path.clone(),
                source,
            })?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    return Err(StoreError::Locked {
                        path: self.path(),
                        holder: holder.trim().parse().ok(),
                    });
                }
                Err(fs::TryLockError::Error(source)) => {
                    return Err(StoreError::Io { path, source });
                }
            }
        }
        // Who holds it, for the message a waiting nocard gives up with.
        let _ = file
            .set_len(0)
            .and_then(|()| write!(file, "{}", std::process::id()));
        Ok(Lock(file))
    }
}

/// Holds the lock until dropped; the operating system releases it even if nocard dies.
struct Lock(File);

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.set_len(0);
        let _ = self.0.unlock();
    }
}

/// Parses the text of a case book, refusing a newer format before anything else, and a book
/// with text nocard never writes (a terminal escape in a reference) after.
fn parse(path: &Path, text: &str) -> Result<Book, StoreError> {
    let corrupt = |cause: Corruption| StoreError::Corrupt {
        path: path.to_owned(),
        cause,
    };
    if let Some(offset) = limits::too_deep(text) {
        return Err(corrupt(Corruption::TooDeep(Position::of(text, offset))));
    }
    let table: toml::Table = toml::from_str(text).map_err(|err| {
        let (at, message) = one_line(text, &err);
        corrupt(Corruption::Syntax(at, message))
    })?;
    let version = table
        .get("version")
        .and_then(toml::Value::as_integer)
        .ok_or_else(|| corrupt(Corruption::NoVersion))?;
    let version = u64::try_from(version).map_err(|_| corrupt(Corruption::NegativeVersion))?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(StoreError::Newer {
            path: path.to_owned(),
            version,
        });
    }
    let book: Book = toml::from_str(text).map_err(|err| {
        let (at, message) = one_line(text, &err);
        corrupt(Corruption::Shape(at, message))
    })?;
    unsafe_text(&book).map_or(Ok(book), |place| {
        Err(corrupt(Corruption::UnsafeText(place)))
    })
}

/// The parser's complaint on one line, and its line and column; without the quoted line of
/// the file, which could be long and could hold anything.
fn one_line(text: &str, err: &toml::de::Error) -> (Option<Position>, String) {
    let message = err
        .message()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let message = printable(&message).into_owned();
    let at = err.span().map(|span| Position::of(text, span.start));
    (at, message)
}

/// Where the book holds text nocard never writes and would not show, beyond what its typed
/// fields check themselves: a control character or invisible formatting in a message path or
/// in the draft.
fn unsafe_text(book: &Book) -> Option<Place> {
    let bad = |text: &str| text.chars().any(is_unsafe_char);
    for case in &book.cases {
        if case
            .message
            .as_ref()
            .is_some_and(|path| bad(&path.to_string_lossy()))
        {
            return Some(Place::CaseMessage(case.id));
        }
    }
    let draft = book.draft.as_ref()?;
    draft
        .answers
        .iter()
        .find(|(key, value)| bad(key) || value.as_str().is_some_and(bad))
        .map(|(key, _)| Place::Draft(printable(key).into_owned()))
}

/// The data folder, owner-only. On Windows it is in the user's profile (`%APPDATA%`), which
/// only the user (and the system) may open, and what is created in it inherits that.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes the whole file beside the old one and renames it over, so a failure at any point
/// leaves the old file as it was. The temporary file is created owner-only.
fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    // tempfile adds " at path \"…\"" to its errors; the error already names the case book.
    let plain = |err: io::Error| match err.to_string().rsplit_once(" at path \"") {
        Some((reason, _)) => io::Error::new(err.kind(), reason.to_owned()),
        None => err,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".cases.")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(plain)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    file.as_file_mut().write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|err| plain(err.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casebook::tests::case;

    #[test]
    fn cases_survive_a_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("nocard"));
        assert_eq!(store.load().unwrap().cases, []);
        store
            .update(|book| book.cases.push(case(1, "91234567")))
            .unwrap();
        store
            .update(|book| {
                let id = book.next_id();
                book.cases.push(case(id, "41234567"));
            })
            .unwrap();
        let book = store.load().unwrap();
        assert_eq!(book.cases, [case(1, "91234567"), case(2, "41234567")]);
        let text = fs::read_to_string(store.path()).unwrap();
        assert!(text.starts_with("version = 1\n"), "{text}");
        assert!(
            text.contains("sent = 2026-11-25\n"),
            "dates are TOML dates: {text}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_file_and_its_folder_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("nocard"));
        store
            .update(|book| book.cases.push(case(1, "91234567")))
            .unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&store.path()), 0o600);
        assert_eq!(mode(&dir.path().join("nocard")), 0o700);
    }

    #[test]
    fn a_file_that_does_not_parse_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_owned());
        fs::write(store.path(), "version = 1\n[[case]\nid = 1\n").unwrap();
        let err = store
            .update(|book| book.cases.push(case(1, "91234567")))
            .unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert_eq!(
            fs::read_to_string(store.path()).unwrap(),
            "version = 1\n[[case]\nid = 1\n"
        );
    }

    #[test]
    fn a_file_from_a_newer_nocard_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_owned());
        let newer = "version = 2\nsomething_new = true\n";
        fs::write(store.path(), newer).unwrap();
        assert!(matches!(
            store.load().unwrap_err(),
            StoreError::Newer { version: 2, .. }
        ));
        assert!(store.update(|_| ()).is_err());
        assert_eq!(fs::read_to_string(store.path()).unwrap(), newer);
    }

    #[cfg(unix)]
    #[test]
    fn a_write_that_fails_leaves_the_old_file_intact() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("nocard"));
        store
            .update(|book| book.cases.push(case(1, "91234567")))
            .unwrap();
        let before = fs::read_to_string(store.path()).unwrap();
        fs::set_permissions(dir.path().join("nocard"), fs::Permissions::from_mode(0o500)).unwrap();
        let result = store.update(|book| book.cases.push(case(2, "41234567")));
        fs::set_permissions(dir.path().join("nocard"), fs::Permissions::from_mode(0o700)).unwrap();
        // Root may write anyway; then the case must be there, and nothing else lost.
        match result {
            Err(err) => {
                assert!(matches!(err, StoreError::Io { .. }), "{err}");
                assert_eq!(fs::read_to_string(store.path()).unwrap(), before);
            }
            Ok(()) => assert_eq!(store.load().unwrap().cases.len(), 2),
        }
    }

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_owned());
        let threads: Vec<_> = (0..8)
            .map(|n| {
                let store = store.clone();
                std::thread::spawn(move || {
                    store
                        .update(|book| {
                            let id = book.next_id();
                            book.cases.push(case(id, &format!("9123456{n}")));
                        })
                        .unwrap();
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let book = store.load().unwrap();
        assert_eq!(book.cases.len(), 8, "no case lost");
        let mut ids: Vec<u32> = book.cases.iter().map(|case| case.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, (1..=8).collect::<Vec<_>>());
    }
}
