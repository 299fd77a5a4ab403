//! Running `nocard` in a real pseudo-terminal, as a person at a keyboard would.
//!
//! Every wait is bounded: a prompt that never comes, or a process that never ends, fails the
//! test with what the terminal showed so far instead of hanging it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Needle, Regex, Session};
use tempfile::TempDir;

/// How long any one expectation, or the end of the process, may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Keys as a terminal sends them.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const DOWN: &str = "\x1b[B";
    pub const ESC: &str = "\x1b";
    pub const CTRL_C: &str = "\x03";
}

/// `nocard` running in a pseudo-terminal of 80 × 24, in a temporary folder of its own.
pub struct Wizard {
    // Declared first so the process ends before its folder is removed.
    session: OsSession,
    /// Everything the terminal showed that the test has read so far.
    transcript: Vec<u8>,
    dir: TempDir,
}

impl Wizard {
    /// Starts `nocard ARGS` with a clean, colourless, English UTF-8 environment.
    pub fn start(args: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut command = Command::new(env!("CARGO_BIN_EXE_nocard"));
        command.args(args).current_dir(dir.path());
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
            .env("LANG", "C.UTF-8");
        let mut session = Session::spawn(command).expect("nocard starts in a pseudo-terminal");
        // expectrl opens the terminal at 80 × 24; say so, in case that default ever changes.
        session
            .get_process_mut()
            .set_window_size(80, 24)
            .expect("the window size can be set");
        session.set_expect_timeout(Some(TIMEOUT));
        Wizard {
            session,
            transcript: Vec::new(),
            dir,
        }
    }

    /// The folder nocard runs in.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A file in the folder nocard runs in.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Everything the terminal showed that the test has read so far.
    pub fn shown(&self) -> String {
        String::from_utf8_lossy(&self.transcript).into_owned()
    }

    /// Waits for `text` to appear, and returns everything shown up to and including it.
    pub fn expect(&mut self, text: &str) -> String {
        self.expect_needle(text, &format!("{text:?}"))
    }

    /// Waits for `pattern` (a byte regex) and returns its first capture group.
    pub fn expect_regex(&mut self, pattern: &str) -> String {
        let context = format!("/{pattern}/");
        let found = match self.session.expect(Regex(pattern)) {
            Ok(found) => found,
            Err(err) => self.fail(&format!("waiting for {context}: {err}")),
        };
        self.transcript.extend_from_slice(found.as_bytes());
        let group = found.get(1).or_else(|| found.get(0)).unwrap_or_default();
        String::from_utf8_lossy(group).into_owned()
    }

    fn expect_needle<N: Needle>(&mut self, needle: N, context: &str) -> String {
        match self.session.expect(needle) {
            Ok(found) => {
                self.transcript.extend_from_slice(found.as_bytes());
                String::from_utf8_lossy(found.as_bytes()).into_owned()
            }
            Err(err) => self.fail(&format!("waiting for {context}: {err}")),
        }
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
        if let Ok(rest) = self.session.check(Regex("(?s).+")) {
            self.transcript.extend_from_slice(rest.as_bytes());
        }
        self.kill();
        let shown = String::from_utf8_lossy(&self.transcript);
        let tail: String = {
            let chars: Vec<char> = shown.chars().collect();
            chars[chars.len().saturating_sub(3000)..].iter().collect()
        };
        let mut message = format!("{what}\n--- the terminal showed (last 3000 characters) ---\n");
        let _ = write!(message, "{tail:?}");
        panic!("{message}");
    }
}

impl Drop for Wizard {
    fn drop(&mut self) {
        self.kill();
    }
}
