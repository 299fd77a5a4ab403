//! The case book on disk: one TOML file in the user's data folder. It must never lose a case,
//! so it is written whole to a temporary file beside it and renamed, owner-only, under a lock;
//! a file it cannot read is left alone.

use std::fs::{self, File};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nocard_model::limits;
use nocard_model::operator::Position;
use nocard_model::text::{Lang, is_unsafe_char, printable};

use crate::i18n::Ui;

use super::{Book, FORMAT_VERSION};
use crate::disk::{self, Links, Replace};

/// How long a second nocard waits for the first to finish writing.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Why the case book cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is there but is not a case book; it is left exactly as it is.
    #[error("{} cannot be read: {cause}", printable(&path.display().to_string()))]
    Corrupt { path: PathBuf, cause: Corruption },
    /// Written by a newer nocard; it is left as it is.
    #[error(
        "{} was written by a newer nocard (format {version}; this one reads {FORMAT_VERSION})",
        printable(&path.display().to_string())
    )]
    Newer { path: PathBuf, version: u64 },
    /// Another nocard kept the lock for longer than we wait.
    #[error("another nocard{} is writing {}", holder.map(|pid| format!(" (process {pid})")).unwrap_or_default(), printable(&path.display().to_string()))]
    Locked { path: PathBuf, holder: Option<u32> },
    /// The data folder is not the user's alone; nothing in it is read or written.
    #[error("{} cannot hold your records: {cause}", printable(&path.display().to_string()))]
    Untrusted { path: PathBuf, cause: String },
    /// The change would make the book larger than nocard reads; it was not written.
    #[error(
        "{} would grow to {bytes} bytes, past the {MAX} bytes nocard reads; the change was not made",
        printable(&path.display().to_string()),
        MAX = limits::MAX_FILE_BYTES
    )]
    TooLarge { path: PathBuf, bytes: usize },
    /// Every id a case can have has been given.
    #[error("{} has given every case id up to {}", printable(&path.display().to_string()), u32::MAX)]
    NoIdLeft { path: PathBuf },
    #[error("{}: {source}", printable(&path.display().to_string()))]
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
            StoreError::Untrusted { path, cause } => {
                Ui::StoreUntrusted.fill(lang, &[("path", &path.display()), ("cause", cause)])
            }
            StoreError::TooLarge { path, bytes } => Ui::StoreTooLarge.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("bytes", bytes),
                    ("max", &limits::MAX_FILE_BYTES),
                ],
            ),
            StoreError::NoIdLeft { path } => {
                Ui::StoreNoIdLeft.fill(lang, &[("path", &path.display()), ("max", &u32::MAX)])
            }
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
    /// A link, a named pipe, a device or a folder where the book should be.
    NotRegular,
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
            Corruption::NotRegular => Ui::CorruptionNotRegular.get(lang).to_owned(),
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

    /// Reads the book; a missing file is an empty book. A file over 1 MiB, or not UTF-8, or
    /// anything but a regular file (a link, a named pipe) is refused as it is, before it is
    /// parsed; so is a data folder that is not the user's alone.
    pub fn load(&self) -> Result<Book, StoreError> {
        match self.trusted() {
            Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Ok(Book::new());
            }
            result => result?,
        }
        let path = self.path();
        let text = match disk::read_text(&path, Links::Refuse) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Book::new()),
            Err(err)
                if matches!(
                    err.kind(),
                    io::ErrorKind::InvalidData
                        | io::ErrorKind::FileTooLarge
                        | io::ErrorKind::InvalidInput
                ) =>
            {
                let cause = match limits::Unreadable::of(&err) {
                    Some(why) => Corruption::Unreadable(why),
                    None if err.kind() == io::ErrorKind::InvalidInput => Corruption::NotRegular,
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
        self.trusted()?;
        let _lock = self.lock()?;
        let mut book = self.load()?;
        let result = change(&mut book);
        book.version = FORMAT_VERSION;
        book.settle_ids();
        let text = toml::to_string(&book).map_err(|err| StoreError::Io {
            path: self.path(),
            source: io::Error::other(err),
        })?;
        // What is written must read back: the same checks and the same size limit, before
        // the old file is replaced.
        if text.len() > limits::MAX_FILE_BYTES {
            return Err(StoreError::TooLarge {
                path: self.path(),
                bytes: text.len(),
            });
        }
        parse(&self.path(), &text)?;
        disk::replace(&self.path(), &text, ".cases.", Replace::Regular)
            .map_err(io_error(&self.path()))?;
        Ok(result)
    }

    /// The data folder, if it is the user's alone: another user, or anyone who may write in
    /// it, could replace the book or plant a link where nocard writes.
    fn trusted(&self) -> Result<(), StoreError> {
        match disk::untrusted_folder(&self.dir) {
            Ok(None) => Ok(()),
            Ok(Some(cause)) => Err(StoreError::Untrusted {
                path: self.dir.clone(),
                cause,
            }),
            Err(source) => Err(StoreError::Io {
                path: self.dir.clone(),
                source,
            }),
        }
    }

    /// Removes an interrupted walk older than a week: it holds a name and a number, and is
    /// kept no longer than it can be resumed. Nothing is written where there is none.
    pub fn purge(&self, today: jiff::civil::Date) -> Result<(), StoreError> {
        let expired = |book: &Book| book.draft.as_ref().is_some_and(|d| d.expired(today));
        if expired(&self.load()?) {
            self.update(|book| {
                if expired(book) {
                    book.draft = None;
                }
            })?;
        }
        Ok(())
    }

    /// Whether `path` names a file in the data folder, where nocard keeps its own files.
    #[must_use]
    pub fn holds(&self, path: &Path) -> bool {
        disk::is_in_folder(path, &self.dir)
    }

    /// Takes the sidecar lock, waiting a little for another nocard to finish.
    fn lock(&self) -> Result<Lock, StoreError> {
        let path = self.lock_path();
        let mut file = disk::open_lock(&path).map_err(|source| StoreError::Io {
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

/// Parses the text of a case book, shown as `path`, refusing a file over the size limit and
/// a newer format before anything else, and a book with text nocard never writes (a terminal
/// escape in a reference) after. What `update` writes passes here first.
pub fn parse(path: &Path, text: &str) -> Result<Book, StoreError> {
    let corrupt = |cause: Corruption| StoreError::Corrupt {
        path: path.to_owned(),
        cause,
    };
    if let Some(offset) = limits::too_deep(text) {
        return Err(corrupt(Corruption::TooDeep(Position::of(text, offset))));
    }
    // One limit for reading and writing: what nocard writes it can read again.
    if text.len() > limits::MAX_FILE_BYTES {
        return Err(corrupt(Corruption::Unreadable(
            limits::Unreadable::too_large(u64::try_from(text.len()).ok()),
        )));
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
    let mut book: Book = toml::from_str(text).map_err(|err| {
        let (at, message) = one_line(text, &err);
        corrupt(Corruption::Shape(at, message))
    })?;
    // In memory, `last_id` is always the highest id given, so that forgetting the newest
    // case can be told from never having had it.
    book.last_id = book.highest_id();
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
    if draft
        .message
        .as_ref()
        .is_some_and(|path| bad(&path.to_string_lossy()))
    {
        return Some(Place::Draft("message".to_owned()));
    }
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
        store.update(|book| book.add(case(0, "41234567"))).unwrap();
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
                        .update(|book| book.add(case(0, &format!("9123456{n}"))))
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

    /// A book the size of the limit and one case more: refused before it is written, so
    /// that nothing nocard writes is refused when it reads it next.
    #[test]
    fn a_book_that_would_outgrow_the_read_limit_is_refused_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_owned());
        // Two cases whose message paths take most of the limit: the book is near it, and a
        // third would take it past (a long string is quick to write and read, as thousands
        // of cases are not).
        let long = |n: usize| {
            let mut case = case(0, "91234567");
            case.message = Some(PathBuf::from(format!("/{}", "a".repeat(n))));
            case
        };
        let mut book = Book::new();
        book.add(long(limits::MAX_FILE_BYTES / 2 - 1000));
        book.add(long(limits::MAX_FILE_BYTES / 2 - 1000));
        fs::write(store.path(), toml::to_string(&book).unwrap()).unwrap();
        let before = fs::read(store.path()).unwrap();
        assert_eq!(store.load().unwrap().cases.len(), book.cases.len());
        let err = store.update(|book| book.add(long(2000))).unwrap_err();
        assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("the change was not made"), "{err}");
        assert_eq!(fs::read(store.path()).unwrap(), before);
        // The same limit read as written: a file past it cannot have come from nocard.
        let over = "#".repeat(limits::MAX_FILE_BYTES + 1);
        assert!(matches!(
            parse(&store.path(), &over),
            Err(StoreError::Corrupt { .. })
        ));
    }

    #[test]
    fn a_forgotten_newest_case_keeps_its_id_from_being_given_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_owned());
        store.update(|book| book.add(case(0, "91234567"))).unwrap();
        store.update(|book| book.add(case(0, "41234567"))).unwrap();
        let plain = fs::read_to_string(store.path()).unwrap();
        assert!(!plain.contains("last_id"), "{plain}");
        store
            .update(|book| book.cases.retain(|c| c.id != 2))
            .unwrap();
        let text = fs::read_to_string(store.path()).unwrap();
        assert!(text.starts_with("version = 1\nlast_id = 2\n"), "{text}");
        let id = store.update(|book| book.add(case(0, "41234567"))).unwrap();
        assert_eq!(id, Some(3));
        // A book from before `last_id` reads as it did.
        fs::write(store.path(), plain).unwrap();
        assert_eq!(store.load().unwrap().next_id(), Some(3));
    }

    #[cfg(unix)]
    #[test]
    fn links_planted_in_the_data_folder_are_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("nocard"));
        store.update(|book| book.add(case(0, "91234567"))).unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        // A link as the lock: nocard would empty what it points to.
        fs::remove_file(store.lock_path()).unwrap();
        std::os::unix::fs::symlink(&victim, store.lock_path()).unwrap();
        let err = store
            .update(|book| book.add(case(0, "41234567")))
            .unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        fs::remove_file(store.lock_path()).unwrap();
        // A link as the book: not read, and not replaced.
        let book = fs::read_to_string(store.path()).unwrap();
        fs::write(&victim, &book).unwrap();
        fs::remove_file(store.path()).unwrap();
        std::os::unix::fs::symlink(&victim, store.path()).unwrap();
        assert!(matches!(store.load(), Err(StoreError::Corrupt { .. })));
        assert!(store.update(|book| book.add(case(0, "41234567"))).is_err());
        assert!(
            fs::symlink_metadata(store.path())
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&victim).unwrap(), book);
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_as_the_book_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_owned());
        rustix::fs::mknodat(
            rustix::fs::CWD,
            store.path(),
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        let err = store.load().unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_data_folder_others_may_write_in_is_not_used() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_owned());
        store.update(|book| book.add(case(0, "91234567"))).unwrap();
        let before = fs::read(store.path()).unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
        assert!(matches!(store.load(), Err(StoreError::Untrusted { .. })));
        let err = store
            .update(|book| book.add(case(0, "41234567")))
            .unwrap_err();
        assert!(matches!(err, StoreError::Untrusted { .. }), "{err}");
        assert_eq!(fs::read(store.path()).unwrap(), before);
    }
}
