//! Where nocard's output goes: stdout, for what a command prints; stderr, for warnings.

use std::io::Write as _;

use anyhow::{Context as _, Result};

use crate::i18n::Ui;
use crate::text::Lang;

/// Writes to stdout; a reader that went away (`nocard checklist | head -1`) is not an error.
pub fn write_stdout(text: &str, lang: Lang) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(err).context(Ui::CouldNotWriteStdout.get(lang))
        }
        _ => Ok(()),
    }
}

/// A warning on stderr, in `lang`'s words: `warning: …`.
pub fn warn(message: &str, lang: Lang) {
    eprintln!("{}", Ui::WarningLine.fill(lang, &[("message", &message)]));
}

/// A hint on stderr: `hint: …`.
pub fn hint(message: &str, lang: Lang) {
    eprintln!("{}", Ui::HintLine.fill(lang, &[("message", &message)]));
}
