//! Where nocard's output goes: stdout, for what a command prints; stderr, for warnings.

use std::io::Write as _;

use anyhow::{Context as _, Result};

use crate::i18n::Ui;
use crate::text::{Lang, printable};

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
    eprintln!(
        "{}",
        to_stderr_width(&Ui::WarningLine.fill(lang, &[("message", &printable(message))]))
    );
}

/// A hint on stderr: `hint: …`.
pub fn hint(message: &str, lang: Lang) {
    eprintln!(
        "{}",
        to_stderr_width(&Ui::HintLine.fill(lang, &[("message", &printable(message))]))
    );
}

/// `text` wrapped to the window where stderr is a terminal, as one paragraph; as it is
/// where stderr goes to a file or a pipe, so that a log keeps a message on one line.
pub fn to_stderr_width(text: &str) -> String {
    let term = console::Term::stderr();
    if !term.is_term() {
        return text.to_owned();
    }
    let width = usize::from(term.size().1).max(20);
    let options = textwrap::Options::new(width.saturating_sub(1))
        .word_separator(textwrap::WordSeparator::Custom(crate::render::words))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .subsequent_indent("  ");
    textwrap::fill(text, options)
}
