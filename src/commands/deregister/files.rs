//! What the walk acts on at a real terminal: the message files in the folder, and the case
//! book in the data folder.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::World;
use crate::casebook::{Book, Case, Draft, Store, StoreError};
use crate::commands::store_failure;
use crate::disk::{self, Existing};
use crate::error::Failure;
use crate::i18n::Ui;
use crate::interrupt;
use crate::output;
use crate::text::{Lang, is_unsafe_char, printable};
use crate::values::MobileNumber;

/// The case book as the walk's world. Where it cannot be used, the walk goes on and says
/// once that nothing will be recorded.
pub(super) struct CaseBook {
    store: Option<Store>,
    /// The data folder, even where the book in it cannot be used: a message is never
    /// written over nocard's own files.
    home: Option<Store>,
    lang: Lang,
    /// Whether the draft in the book is this walk's: one it kept, or the one it resumed.
    /// Only that one is forgotten when the walk ends or records its case; another, from an
    /// interrupted walk, stays for `--resume`.
    ours: bool,
}

impl CaseBook {
    pub(super) fn open(lang: Lang, today: jiff::civil::Date) -> Self {
        let home = Store::locate();
        let store = match home
            .as_ref()
            .map(|store| store.purge(today).and(store.load()))
        {
            Some(Ok(_)) => home.clone(),
            Some(Err(err)) => {
                output::warn(&store_failure(&err, lang).to_string(), lang);
                None
            }
            None => None,
        };
        CaseBook {
            store,
            home,
            lang,
            ours: false,
        }
    }

    /// The walk goes on from the draft in the book: it is this walk's.
    pub(super) fn resuming(&mut self) {
        self.ours = true;
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
        let _writing = interrupt::writing();
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

    fn keep_draft(&mut self, mut draft: Draft) {
        // Found again from anywhere, as a case's message is.
        draft.message = draft.message.and_then(kept_path);
        self.update(|book| book.draft = Some(draft));
        if self.store.is_some() {
            self.ours = true;
            interrupt::note_draft_kept();
        }
    }

    fn forget_draft(&mut self) {
        if self.ours && self.book().is_some_and(|book| book.draft.is_some()) {
            self.update(|book| book.draft = None);
        }
    }

    fn write(&mut self, files: &[(&Path, &str)], replace: bool) -> Result<bool> {
        let shown = |path: &Path| printable(&path.display().to_string()).into_owned();
        for (path, _) in files {
            // Checked before anything is written, whatever `--force` says: the case book,
            // its lock and the data folder are nocard's, and only a regular file is replaced.
            let refusal = if self.home.as_ref().is_some_and(|home| home.holds(path)) {
                Some(OWN_FILE)
            } else if disk::existing(path).is_ok_and(|there| there == Existing::Other) {
                Some(disk::NOT_REGULAR)
            } else {
                None
            };
            if let Some(why) = refusal {
                let cause = Ui::CouldNotWriteMessage.fill(self.lang, &[("path", &shown(path))]);
                return Err(Failure::new(format!("{cause}: {why}")).into());
            }
        }
        crate::commands::files::write(files, replace, self.lang)
    }

    fn free_name(&self, path: &Path) -> PathBuf {
        crate::commands::files::free_beside(path)
    }

    fn record(&mut self, mut case: Case) -> Result<Option<u32>> {
        let Some(store) = &self.store else {
            return Ok(None);
        };
        // The message is found again from anywhere, whatever folder `status` runs in; where
        // the folder's name could not be kept (not UTF-8, or with a control character), the
        // name as given is, or none: the case is recorded all the same.
        case.message = case.message.and_then(kept_path);
        let ours = self.ours;
        let path = store.path();
        let _writing = interrupt::writing();
        let id = store
            .update(|book| {
                // A case written and never sent is replaced by the one that takes its place.
                let old = book
                    .cases
                    .iter_mut()
                    .find(|old| case.id != 0 && old.id == case.id);
                let id = match old {
                    Some(old) => {
                        *old = case;
                        old.id
                    }
                    None => book.add(case)?,
                };
                if ours {
                    book.draft = None;
                }
                Some(id)
            })
            .map_err(|err| store_failure(&err, self.lang))?;
        let id = id.ok_or_else(|| store_failure(&StoreError::NoIdLeft { path }, self.lang))?;
        Ok(Some(id))
    }
}

/// `path` as the case book keeps it: absolute, so that it is found again from anywhere,
/// whatever folder `status` runs in; where the folder's name could not be kept (not UTF-8,
/// or with a control character), the name as given, or none: the case or draft is kept all
/// the same.
fn kept_path(path: PathBuf) -> Option<PathBuf> {
    let absolute = std::path::absolute(&path).ok();
    absolute.into_iter().chain([path]).find(|path| {
        path.to_str()
            .is_some_and(|text| !text.chars().any(is_unsafe_char))
    })
}

/// Why a message is never written to a file in the data folder.
const OWN_FILE: &str =
    "it is in nocard's data folder, beside the case book; nocard keeps its own files there";

#[cfg(test)]
mod tests {
    use super::*;

    /// What the case book keeps of a message's path: nothing it would refuse to read back.
    #[test]
    fn a_path_the_book_could_not_hold_is_kept_as_given_or_not_at_all() {
        let kept = kept_path(PathBuf::from("m.txt")).unwrap();
        assert!(kept.is_absolute() && kept.ends_with("m.txt"), "{kept:?}");
        assert_eq!(kept_path(PathBuf::from("/a/\u{1b}[2J/m.txt")), None);
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            let not_utf8 = std::ffi::OsStr::from_bytes(b"/a/\xff/m.txt");
            assert_eq!(kept_path(PathBuf::from(not_utf8)), None);
        }
    }
}
