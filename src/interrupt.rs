//! Ctrl-C, and the signals that end a program as it does (SIGTERM from `kill`, SIGHUP from a
//! closed terminal, SIGQUIT from Ctrl-\ or `kill -QUIT`): the terminal restored, what was
//! answered kept, exit 128 + the signal's number (130 for Ctrl-C).

use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use console::Term;

use crate::i18n::Ui;
use crate::text::Lang;

/// SIGINT's number, the same on every system nocard runs on: Ctrl-C seen by a prompt itself.
const SIGINT: i32 = 2;

/// Handles the signals from here on: show the cursor again, put the terminal back as it was
/// found (a text field or a list has it in raw mode), say so, exit.
pub fn install(lang: Lang) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
        save_terminal();
        // The handler notes which signal came, before the read it interrupts returns: a
        // prompt that sees its read fail can tell SIGTERM from Ctrl-C.
        for (signal, flag) in [SIGTERM, SIGHUP, SIGQUIT].into_iter().zip(came()) {
            let _ = signal_hook::flag::register(signal, std::sync::Arc::clone(flag));
        }
        // A thread of its own acts on each signal, so that the handler itself does nothing
        // but note it, as a signal handler must.
        if let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])
        {
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    stop(lang, signalled().unwrap_or(signal));
                }
            });
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrlc::set_handler(move || stop(lang, SIGINT));
    }
}

/// Set once the walk's answers are kept on disk, so Ctrl-C can say how to resume.
static DRAFT_KEPT: AtomicBool = AtomicBool::new(false);

/// Tells the Ctrl-C handler that the answers so far are kept.
pub fn note_draft_kept() {
    DRAFT_KEPT.store(true, Ordering::SeqCst);
}

/// Held while the case book is written: a signal waits for the write to end, so that the
/// answer just given is kept and no temporary file is left beside the book.
static WRITING: Mutex<()> = Mutex::new(());

/// Holds off the signals until the guard is dropped.
pub fn writing() -> MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether SIGTERM, SIGHUP and SIGQUIT came, in that order.
#[cfg(unix)]
fn came() -> &'static [std::sync::Arc<AtomicBool>; 3] {
    static CAME: std::sync::OnceLock<[std::sync::Arc<AtomicBool>; 3]> = std::sync::OnceLock::new();
    CAME.get_or_init(Default::default)
}

/// The termination signal that came, if one did. Ctrl-C is not among them: a list that sees
/// its read cut short by SIGTERM raises SIGINT itself (console does), and the signal that
/// ends nocard must still be the one that came first.
fn signalled() -> Option<i32> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
        [SIGTERM, SIGHUP, SIGQUIT]
            .into_iter()
            .zip(came())
            .find(|(_, flag)| flag.load(Ordering::SeqCst))
            .map(|(signal, _)| signal)
    }
    #[cfg(not(unix))]
    None
}

/// Ctrl-C seen by a prompt (in raw mode the key is not a signal), or a read a signal cut
/// short: as the signal that came, or Ctrl-C, would.
pub fn interrupted(lang: Lang) -> ! {
    stop(lang, signalled().unwrap_or(SIGINT))
}

/// Where a prompt's read failed: if a signal cut it short, as that signal would.
pub fn if_signalled(lang: Lang) {
    if let Some(signal) = signalled() {
        stop(lang, signal);
    }
}

/// Shows the cursor again (a list hides it while it is open), restores the terminal, says so
/// once, and exits 128 + `signal`. Called from the signal thread and from a prompt that saw
/// the key itself; whichever comes second waits for the first to end the process.
fn stop(lang: Lang, signal: i32) -> ! {
    static ONCE: AtomicBool = AtomicBool::new(false);
    if ONCE.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    let _writing = writing();
    restore_terminal();
    let _ = Term::stderr().show_cursor();
    // After SIGHUP the terminal may be gone: a failed write must not stop the exit.
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "\n{}", Ui::Interrupted.get(lang));
    if DRAFT_KEPT.load(Ordering::SeqCst) {
        let _ = writeln!(
            stderr,
            "{}",
            Ui::HintLine.fill(lang, &[("message", &Ui::AnswersKept.get(lang))])
        );
    }
    std::process::exit(128 + signal);
}

/// The terminal's settings as nocard found them.
#[cfg(unix)]
static FOUND: std::sync::OnceLock<rustix::termios::Termios> = std::sync::OnceLock::new();

#[cfg(unix)]
fn save_terminal() {
    if let Ok(settings) = rustix::termios::tcgetattr(std::io::stdin()) {
        let _ = FOUND.set(settings);
    }
}

/// Puts the terminal back as nocard found it: a signal can come while a prompt has it in raw
/// mode, where nothing typed would show and Enter would not end a line.
fn restore_terminal() {
    #[cfg(unix)]
    if let Some(settings) = FOUND.get() {
        let _ = rustix::termios::tcsetattr(
            std::io::stdin(),
            rustix::termios::OptionalActions::Now,
            settings,
        );
    }
}
