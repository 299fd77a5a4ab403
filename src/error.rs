//! How failures reach the user: one line of cause, one line of hint, and an exit code.

use std::fmt;
use std::io::Write as _;
use std::process::ExitCode;

use crate::i18n::Ui;
use crate::text::{Lang, printable};

/// Exit codes nocard uses, beside 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Something went wrong.
    Failure = 1,
    /// The command line was wrong.
    Usage = 2,
    /// The user pressed Ctrl-C.
    Interrupted = 130,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// An error the user can act on: what went wrong, and what to do about it.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub hint: Option<String>,
    pub exit: Exit,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            hint: None,
            exit: Exit::Failure,
        }
    }

    /// A mistake on the command line: exits 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Usage,
            ..Failure::new(message)
        }
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Prints `err` to stderr as `error: cause: cause` (each system error in `lang`) and a `hint:`
/// line, and picks the exit code.
pub fn report(err: &anyhow::Error, lang: Lang) -> ExitCode {
    let failure = err
        .chain()
        .find_map(|cause| cause.downcast_ref::<Failure>());
    let exit = failure.map_or(Exit::Failure, |failure| failure.exit);
    let mut stderr = std::io::stderr().lock();
    // A closed stderr leaves nowhere to complain; the exit code still tells. Whatever a
    // cause repeats from outside (a file name in an io error's context) is shown as data,
    // even where the place that named it forgot to.
    let message = printable(&one_line(&crate::causes::chain(err, lang))).into_owned();
    // In a terminal, wrapped to the window, so that no word is cut at its edge.
    let line = Ui::ErrorLine.fill(lang, &[("message", &message)]);
    let _ = writeln!(stderr, "{}", crate::output::to_stderr_width(&line));
    if let Some(hint) = failure.and_then(|failure| failure.hint.as_deref()) {
        let hint = printable(&one_line(hint)).into_owned();
        let line = Ui::HintLine.fill(lang, &[("message", &hint)]);
        let _ = writeln!(stderr, "{}", crate::output::to_stderr_width(&line));
    }
    exit.into()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
