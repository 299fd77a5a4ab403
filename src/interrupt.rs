//! Ctrl-C: the terminal restored, what was answered kept, exit 130.

use std::sync::atomic::{AtomicBool, Ordering};

use console::Term;

use crate::error::Exit;
use crate::i18n::Ui;
use crate::text::Lang;

/// Ctrl-C outside a prompt: show the cursor again, say so, exit 130.
pub fn install(lang: Lang) {
    let _ = ctrlc::set_handler(move || interrupted(lang));
}

/// Set once the walk's answers are kept on disk, so Ctrl-C can say how to resume.
static DRAFT_KEPT: AtomicBool = AtomicBool::new(false);

/// Tells the Ctrl-C handler that the answers so far are kept.
pub fn note_draft_kept() {
    DRAFT_KEPT.store(true, Ordering::SeqCst);
}

/// Ctrl-C: shows the cursor again (a list hides it while it is open), says so once,
/// and exits 130. Called from the signal handler and from a prompt that saw the key itself;
/// whichever comes second waits for the first to end the process.
pub fn interrupted(lang: Lang) -> ! {
    static ONCE: AtomicBool = AtomicBool::new(false);
    if ONCE.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    let _ = Term::stderr().show_cursor();
    eprintln!("\n{}", Ui::Interrupted.get(lang));
    if DRAFT_KEPT.load(Ordering::SeqCst) {
        eprintln!(
            "{}",
            Ui::HintLine.fill(lang, &[("message", &Ui::AnswersKept.get(lang))])
        );
    }
    std::process::exit(Exit::Interrupted as i32);
}
