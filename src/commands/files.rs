//! Files the commands write beside the user's: whole or not at all, never over another.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::disk::{self, Existing, Replace};
use crate::i18n::Ui;
use crate::text::{Lang, is_unsafe_char, printable};

/// Writes each file; `Ok(false)`, and nothing written, where one is there already and files
/// are not to be replaced. Every file is written whole beside its place first; only then do
/// they take their names, so that a full disk half-way leaves the old files as they were.
pub fn write(files: &[(&Path, &str)], replace: bool, lang: Lang) -> Result<bool> {
    let shown = |path: &Path| printable(&path.display().to_string()).into_owned();
    if !replace
        && files
            .iter()
            .any(|(path, _)| disk::existing(path).is_ok_and(|there| there != Existing::Nothing))
    {
        return Ok(false);
    }
    let mut staged = Vec::with_capacity(files.len());
    for (path, text) in files {
        staged.push((
            *path,
            stage(path, text)
                .with_context(|| Ui::CouldNotWriteMessage.fill(lang, &[("path", &shown(path))]))?,
        ));
    }
    let replace = if replace {
        Replace::Regular
    } else {
        Replace::Never
    };
    for (path, file) in staged {
        match file.persist(replace) {
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
            result => result
                .with_context(|| Ui::CouldNotWriteMessage.fill(lang, &[("path", &shown(path))]))?,
        }
    }
    Ok(true)
}

/// A name beside `path` that neither a file nor any file beside it (its checklist, its
/// translation, its calendar) has: `message-2.txt`. A link to nothing, or anything else
/// there, takes the name as a file does.
#[must_use]
pub fn free_beside(path: &Path) -> PathBuf {
    let clear = |candidate: &Path| {
        !taken(candidate)
            && !crate::message::companions(candidate)
                .iter()
                .any(|companion| taken(companion))
    };
    if clear(path) {
        return path.to_owned();
    }
    free_name(path, |candidate| !clear(candidate))
}

/// Whether anything, even a link to nothing, takes the name `path`.
#[must_use]
pub fn taken(path: &Path) -> bool {
    disk::existing(path).map_or(true, |there| there != Existing::Nothing)
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

/// Stages `text` for `path` (see `disk::Staged`), so a failure half-way (a read-only
/// folder, a full disk) leaves no half-written message and never harms an existing file. A
/// name with a control character is refused: it is a mistake, and it would reach the
/// terminal and the case book.
fn stage(path: &Path, text: &str) -> std::io::Result<disk::Staged> {
    use std::io::{Error, ErrorKind};
    if path.to_string_lossy().chars().any(is_unsafe_char) {
        return Err(crate::causes::Refusal::UnsafeName.into_io());
    }
    // The case book keeps the name as text: one it could not keep is refused here.
    if path.to_str().is_none() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "the file name is not UTF-8 text",
        ));
    }
    disk::stage(path, text, ".nocard-")
}
