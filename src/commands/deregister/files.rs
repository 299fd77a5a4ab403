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
        for (path, text) in files {
            match write_atomically(path, text, replace) {
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
            candidate.exists() || crate::message::checklist_path(candidate).exists()
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
                case.id = book.next_id();
                let id = case.id;
                book.cases.push(case);
                book.draft = None;
                id
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

/// Writes `text` to `path` through a temporary file beside it, so a failure half-way (a
/// read-only folder, a full disk) leaves no half-written message and never harms an existing
/// file: the temporary file is removed, and the error is the system's reason alone, without
/// the temporary file's name. Without `replace`, an existing file is an `AlreadyExists`
/// error. A name with a control character is refused: it is a mistake, and it would reach
/// the terminal and the case book.
fn write_atomically(path: &Path, text: &str, replace: bool) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind, Write as _};
    if path.to_string_lossy().chars().any(is_unsafe_char) {
        return Err(crate::causes::Refusal::UnsafeName.into_io());
    }
    if !replace && path.exists() {
        return Err(Error::from(ErrorKind::AlreadyExists));
    }
    // tempfile adds " at path \"…\"" to its errors: a file the user never named.
    let plain = |err: Error| match err.to_string().rsplit_once(" at path \"") {
        Some((reason, _)) => Error::new(err.kind(), reason.to_owned()),
        None => err,
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(plain)?;
    file.as_file_mut().write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    persisted.map(drop).map_err(|err| plain(err.error))
}
