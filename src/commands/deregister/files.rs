//! What the walk acts on at a real terminal: the message files in the folder, and the case
//! book in the data folder.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::World;
use crate::casebook::{Book, Case, Draft, Store};
use crate::commands::store_failure;
use crate::i18n::Ui;
use crate::interrupt;
use crate::output;
use crate::text::{Lang, is_unsafe_char, printable};
use crate::values::MobileNumber;

/// The case book as the walk's world. Where it cannot be used, the walk goes on and says
/// once that nothing will be recorded.
pub(super) struct CaseBook {
    store: Option<Store>,
    lang: Lang,
}

impl CaseBook {
    pub(super) fn open(lang: Lang) -> Self {
        let store = Store::locate();
        let store = match store.as_ref().map(Store::load) {
            Some(Ok(_)) => store,
            Some(Err(err)) => {
                output::warn(&store_failure(&err, lang).to_string(), lang);
                None
            }
            None => None,
        };
        CaseBook { store, lang }
    }

    fn book(&self) -> Option<Book> {
        self.store.as_ref()?.load().ok()
    }

    /// The interrupted walk, if one was kept in the last week.
    pub(super) fn draft(&self, today: jiff::civil::Date) -> Option<Draft> {
        self.book()?.draft(today).cloned()
    }

    fn update(&mut self, change: impl FnOnce(&mut Book)) {
        let Some(store) = &self.store else {
            return;
        };
        if let Err(err) = store.update(change) {
            output::warn(&store_failure(&err, self.lang).to_string(), self.lang);
            // Said once; the walk goes on without records.
            self.store = None;
        }
    }
}

impl World for CaseBook {
    fn open_case(&self, number: &MobileNumber) -> Option<Case> {
        self.book()?.open_case(number).cloned()
    }

    fn keep_draft(&mut self, draft: Draft) {
        self.update(|book| book.draft = Some(draft));
        if self.store.is_some() {
            interrupt::note_draft_kept();
        }
    }

    fn forget_draft(&mut self) {
        if self.book().is_some_and(|book| book.draft.is_some()) {
            self.update(|book| book.draft = None);
        }
    }

    fn write(&mut self, files: &[(&Path, &str)], replace: bool) -> Result<bool> {
        if !replace && files.iter().any(|(path, _)| path.exists()) {
            return Ok(false);
        }
        // Every file is written beside its place first; only when all are whole do they take
        // their names, so that a full disk half-way leaves the old files as they were.
        let mut staged = Vec::with_capacity(files.len());
        for (path, text) in files {
            let failed = |err: std::io::Error| {
                let shown = printable(&path.display().to_string()).into_owned();
                anyhow::Error::new(err)
                    .context(Ui::CouldNotWriteMessage.fill(self.lang, &[("path", &shown)]))
            };
            staged.push((*path, stage(path, text).map_err(failed)?));
        }
        for (path, file) in staged {
            match persist(file, path, replace) {
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
                result => result.with_context(|| {
                    let shown = printable(&path.display().to_string()).into_owned();
                    Ui::CouldNotWriteMessage.fill(self.lang, &[("path", &shown)])
                })?,
            }
        }
        Ok(true)
    }

    fn free_name(&self, path: &Path) -> PathBuf {
        free_name(path, |candidate| {
            candidate.exists()
                || crate::message::companions(candidate)
                    .iter()
                    .any(|companion| companion.exists())
        })
    }

    fn record(&mut self, mut case: Case) -> Result<Option<u32>> {
        let Some(store) = &self.store else {
            return Ok(None);
        };
        // The message is found again from anywhere, whatever folder `status` runs in.
        case.message = case
            .message
            .map(|path| std::path::absolute(&path).unwrap_or(path));
        let id = store
            .update(|book| {
                // A case written and never sent is replaced by the one that takes its place.
                if let Some(old) = book
                    .cases
                    .iter_mut()
                    .find(|old| case.id != 0 && old.id == case.id)
                {
                    *old = case.clone();
                } else {
                    case.id = book.next_id();
                    book.cases.push(case.clone());
                }
                book.draft = None;
                case.id
            })
            .map_err(|err| store_failure(&err, self.lang))?;
        Ok(Some(id))
    }
}

/// The first of `stem-2.ext`, `stem-3.ext`, … beside `path` that `taken` says is free.
pub fn free_name(path: &Path, taken: impl Fn(&Path) -> bool) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let extension = path
        .extension()
        .map(|ext| format!(".{}", ext.to_string_lossy()))
        .unwrap_or_default();
    (2..=u32::MAX)
        .map(|n| path.with_file_name(format!("{stem}-{n}{extension}")))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| path.to_owned())
}

/// Writes `text` to a temporary file beside `path`, synced, so a failure half-way (a
/// read-only folder, a full disk) leaves no half-written message and never harms an existing
/// file: the temporary file is removed when dropped, and the error is the system's reason
/// alone, without the temporary file's name. A name with a control character is refused: it
/// is a mistake, and it would reach the terminal and the case book.
fn stage(path: &Path, text: &str) -> std::io::Result<tempfile::NamedTempFile> {
    use std::io::{Error, ErrorKind, Write as _};
    if path.to_string_lossy().chars().any(is_unsafe_char) {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "the file name holds a control character or invisible formatting",
        ));
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(plain)?;
    file.as_file_mut().write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// Gives the staged `file` its name. Without `replace`, an existing file is an
/// `AlreadyExists` error.
fn persist(file: tempfile::NamedTempFile, path: &Path, replace: bool) -> std::io::Result<()> {
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    persisted.map(drop).map_err(|err| plain(err.error))
}

/// tempfile adds " at path \"…\"" to its errors: a file the user never named.
fn plain(err: std::io::Error) -> std::io::Error {
    match err.to_string().rsplit_once(" at path \"") {
        Some((reason, _)) => std::io::Error::new(err.kind(), reason.to_owned()),
        None => err,
    }
}
