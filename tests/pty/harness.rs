//! Running `nocard` in a real pseudo-terminal, as a person at a keyboard would.
//!
//! Every wait is bounded: a prompt that never comes, or a process that never ends, fails the
//! test with what the terminal showed so far instead of hanging it.
//!
//! Everything nocard writes is also fed to a terminal emulator of the same size, so a test can
//! judge what a person sees (`screen_rows`, `history`) rather than the bytes that drew it.

use std::fmt::Write as _;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::thread;
use std::time::{Duration, Instant};

pub use expectrl::process::unix::Signal;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Needle, Regex, Session};
use tempfile::TempDir;

/// How long any one expectation, or the end of the process, may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Keys as a terminal sends them.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const DOWN: &str = "\x1b[B";
    pub const BACKSPACE: &str = "\x7f";
    pub const ESC: &str = "\x1b";
    pub const CTRL_C: &str = "\x03";
}

/// How long the output must stay quiet before the screen counts as drawn (`settle`).
const QUIET: Duration = Duration::from_millis(250);

/// Rows the emulator keeps once they scroll off the top, for `history`.
const SCROLLBACK: usize = 10_000;

/// The terminal nocard runs in: its window and its locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    pub columns: u16,
    pub rows: u16,
    /// `LANG`, from which nocard takes its language.
    pub lang: &'static str,
}

impl Default for Terminal {
    /// 80 × 24, English.
    fn default() -> Self {
        Terminal {
            columns: 80,
            rows: 24,
            lang: "C.UTF-8",
        }
    }
}

/// One row of what the terminal showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's text, without trailing blanks.
    pub text: String,
    /// Whether the terminal itself carried the text on to the next row, because it was wider
    /// than the window: a line break the program wrote never is.
    pub wrapped: bool,
}

/// The rows of `screen`, top to bottom.
pub fn rows_of(screen: &vt100::Screen) -> Vec<Row> {
    let columns = screen.size().1.get();
    screen
        .rows(0, columns)
        .zip(0..)
        .map(|(text, row)| Row {
            text: text.trim_end().to_owned(),
            wrapped: screen.row_wrapped(row),
        })
        .collect()
}

/// Runs the command given as its arguments once the terminal has the size in `$1 $2` (rows,
/// columns): a pseudo-terminal opens at 80 × 24 and is resized only after the child starts, so
/// without the wait nocard could measure the window before it has its size.
const AWAIT_SIZE: &str = r#"size="$1 $2"; shift 2; n=0
while [ "$(stty size)" != "$size" ]; do
    n=$((n + 1))
    if [ "$n" -gt 1000 ]; then echo "the terminal never became $size" >&2; exit 125; fi
    sleep 0.01
done
exec "$@""#;

/// The folders one person's runs of nocard share: where it runs, and its data folder.
struct Folders {
    /// The folder nocard runs in.
    dir: TempDir,
    /// nocard's own data folder (`NOCARD_HOME`, its case book and interrupted walk), so no
    /// test reads or writes the user's.
    home: TempDir,
}

/// `nocard` running in a pseudo-terminal (80 × 24 unless the test asks otherwise), in a
/// temporary folder of its own, with a data folder of its own.
pub struct Wizard {
    // Declared first so the process ends before its folders are removed.
    session: OsSession,
    /// Everything the terminal showed that the test has read so far.
    transcript: Vec<u8>,
    /// The transcript as a terminal of the same size shows it.
    emulator: vt100::Parser,
    terminal: Terminal,
    /// Shared with the runs `start_again` starts; removed when the last of them is dropped.
    folders: Rc<Folders>,
}

impl Wizard {
    /// Starts `nocard ARGS` in `terminal`, with a clean, colourless UTF-8 environment and a
    /// data folder of its own.
    pub fn start_in(terminal: Terminal, args: &[&str]) -> Self {
        let folders = Folders {
            dir: tempfile::tempdir().expect("a temporary folder"),
            home: tempfile::tempdir().expect("a temporary folder"),
        };
        Self::spawn(terminal, Rc::new(folders), args)
    }

    /// Starts `nocard ARGS` again as the same person would: in a new terminal of the same size
    /// and language, in the same folder, with the same data folder, so it finds the cases and
    /// the interrupted walk the runs before it kept.
    pub fn start_again(&self, args: &[&str]) -> Self {
        Self::spawn(self.terminal, Rc::clone(&self.folders), args)
    }

    fn spawn(terminal: Terminal, folders: Rc<Folders>, args: &[&str]) -> Self {
        let (rows, columns) = (terminal.rows.to_string(), terminal.columns.to_string());
        let mut command = Command::new("/bin/sh");
        command
            .args(["-c", AWAIT_SIZE, "sh", &rows, &columns])
            .arg(env!("CARGO_BIN_EXE_nocard"))
            .args(args)
            .current_dir(folders.dir.path());
        for var in [
            "NOCARD_OPERATORS_DIR",
            "NOCARD_LANG",
            "COLUMNS",
            "LINES",
            "LC_ALL",
            "LC_MESSAGES",
            "LANGUAGE",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "FORCE_COLOR",
        ] {
            command.env_remove(var);
        }
        command
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("LANG", terminal.lang)
            .env("NOCARD_HOME", folders.home.path());
        let mut session = Session::spawn(command).expect("nocard starts in a pseudo-terminal");
        session
            .get_process_mut()
            .set_window_size(terminal.columns, terminal.rows)
            .expect("the window size can be set");
        session.set_expect_timeout(Some(TIMEOUT));
        let size = |n: u16| NonZeroU16::new(n).expect("a terminal is at least 1 × 1");
        Wizard {
            session,
            transcript: Vec::new(),
            emulator: vt100::Parser::new(size(terminal.rows), size(terminal.columns), SCROLLBACK),
            terminal,
            folders,
        }
    }

    /// The folder nocard runs in.
    pub fn dir(&self) -> &Path {
        self.folders.dir.path()
    }

    /// A file in the folder nocard runs in.
    pub fn file(&self, name: &str) -> PathBuf {
        self.folders.dir.path().join(name)
    }

    /// Everything the terminal showed that the test has read so far.
    pub fn shown(&self) -> String {
        String::from_utf8_lossy(&self.transcript).into_owned()
    }

    /// Waits for `text` to appear, and returns everything shown up to and including it.
    pub fn expect(&mut self, text: &str) -> String {
        self.expect_needle(text, &format!("{text:?}"))
    }

    fn expect_needle<N: Needle>(&mut self, needle: N, context: &str) -> String {
        match self.session.expect(needle) {
            Ok(found) => {
                self.record(found.as_bytes());
                String::from_utf8_lossy(found.as_bytes()).into_owned()
            }
            Err(err) => self.fail(&format!("waiting for {context}: {err}")),
        }
    }

    /// Adds what the terminal showed to the transcript and to the emulated screen.
    fn record(&mut self, bytes: &[u8]) {
        self.transcript.extend_from_slice(bytes);
        self.emulator.process(bytes);
    }

    /// Reads whatever has arrived, without waiting; returns whether anything had, or `None`
    /// once the process has closed the terminal and everything is read.
    fn read_arrived(&mut self) -> Option<bool> {
        // Any bytes at all, valid UTF-8 or not: a character may arrive in two reads.
        match self.session.check(Regex("(?s-u).+")) {
            Ok(found) => {
                self.record(found.as_bytes());
                Some(!found.is_empty())
            }
            Err(expectrl::Error::Eof) => None,
            Err(err) => self.fail(&format!("reading the terminal: {err}")),
        }
    }

    /// The rows of the screen as a person sees it now, from everything read so far.
    pub fn screen_rows(&self) -> Vec<Row> {
        rows_of(self.emulator.screen())
    }

    /// Every row the terminal showed since it started that is still there: those that scrolled
    /// off the top, then the screen. A row redrawn in place counts only as it stands now.
    pub fn history(&mut self) -> Vec<Row> {
        let screen = self.emulator.screen_mut();
        screen.set_scrollback(usize::MAX);
        let back = screen.scrollback();
        let mut rows = Vec::new();
        // Scrolled back by `offset` rows, the top row of the screen is the `offset`-th row
        // above the screen.
        for offset in (1..=back).rev() {
            screen.set_scrollback(offset);
            let text = screen
                .rows(0, self.terminal.columns)
                .next()
                .unwrap_or_default();
            rows.push(Row {
                text: text.trim_end().to_owned(),
                wrapped: screen.row_wrapped(0),
            });
        }
        screen.set_scrollback(0);
        rows.extend(self.screen_rows());
        rows
    }

    /// Waits until the screen shows what `ready` looks for.
    pub fn wait_for_screen(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let arrived = self.read_arrived();
            if ready(self.emulator.screen()) {
                return;
            }
            match arrived {
                None => self.fail(&format!(
                    "waiting for the screen to show {what}: the terminal closed"
                )),
                Some(_) if Instant::now() >= deadline => self.fail(&format!(
                    "waiting for the screen to show {what}: timed out after {TIMEOUT:?}"
                )),
                Some(true) => {}
                Some(false) => thread::sleep(Duration::from_millis(10)),
            }
        }
    }

    /// Reads until nothing more arrives for a moment, so the screen is as drawn as it gets
    /// without another key.
    pub fn settle(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = Instant::now();
        while Instant::now() < deadline {
            match self.read_arrived() {
                None => return,
                Some(true) => last = Instant::now(),
                Some(false) if last.elapsed() >= QUIET => return,
                Some(false) => thread::sleep(Duration::from_millis(10)),
            }
        }
        self.fail(&format!(
            "the output did not stop for {QUIET:?} in {TIMEOUT:?}"
        ));
    }

    /// Sends keys or text, as typed.
    pub fn send(&mut self, keys: &str) {
        if let Err(err) = self.session.send(keys) {
            self.fail(&format!("sending {keys:?}: {err}"));
        }
    }

    /// Types a line and presses Enter.
    pub fn type_line(&mut self, text: &str) {
        self.send(text);
        self.send(key::ENTER);
    }

    /// Waits for the process to close the terminal and end; returns its exit code and everything
    /// it showed since the last expectation.
    pub fn finish(&mut self) -> (i32, String) {
        let rest = self.expect_needle(Eof, "the end of the output");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => return (code, rest),
                Ok(WaitStatus::Signaled(_, signal, _)) => {
                    self.fail(&format!("nocard was killed by {signal}"))
                }
                Ok(_) if Instant::now() < deadline => thread::sleep(Duration::from_millis(20)),
                Ok(status) => self.fail(&format!("nocard did not end: {status:?}")),
                Err(err) => self.fail(&format!("could not wait for nocard: {err}")),
            }
        }
    }

    /// Sends `signal` to nocard, as `kill` or a closed terminal would.
    pub fn signal(&mut self, signal: Signal) {
        if let Err(err) = self.session.get_process_mut().signal(signal) {
            self.fail(&format!("sending {signal}: {err}"));
        }
    }

    /// Whether the terminal reads whole lines, as it does when no prompt has it in raw mode
    /// (the harness's terminal does not echo, so that is not the sign).
    pub fn reads_lines(&self) -> bool {
        let Ok(master) = self.session.get_process().get_raw_handle() else {
            return false;
        };
        rustix::termios::tcgetattr(&master).is_ok_and(|modes| {
            modes
                .local_modes
                .contains(rustix::termios::LocalModes::ICANON)
        })
    }

    /// Ends the process, wherever it is.
    pub fn kill(&mut self) {
        let process = self.session.get_process_mut();
        if process.is_alive().unwrap_or(false) {
            let _ = process.kill(Signal::SIGKILL);
            let _ = process.wait();
        }
    }

    /// Fails the test, showing what the terminal showed.
    fn fail(&mut self, what: &str) -> ! {
        // Whatever arrived but matched nothing is part of the story too.
        if let Ok(rest) = self.session.check(Regex("(?s-u).+")) {
            self.record(rest.as_bytes());
        }
        self.kill();
        let shown = String::from_utf8_lossy(&self.transcript);
        let tail: String = {
            let chars: Vec<char> = shown.chars().collect();
            chars[chars.len().saturating_sub(3000)..].iter().collect()
        };
        let mut message = format!("{what}\n--- the terminal showed (last 3000 characters) ---\n");
        let _ = write!(message, "{tail:?}");
        let _ = write!(
            message,
            "\n--- the screen ({} × {}) ---\n",
            self.terminal.columns, self.terminal.rows
        );
        for row in self.screen_rows() {
            let _ = writeln!(message, "|{}", row.text);
        }
        panic!("{message}");
    }
}

impl Drop for Wizard {
    fn drop(&mut self) {
        self.kill();
    }
}
