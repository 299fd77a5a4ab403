//! `nocard deregister` in a real pseudo-terminal: the prompts as a person meets them, keys as a
//! terminal sends them, and the screen judged through a terminal emulator of the same size.
//!
//! The words looked for come from nocard's own interface strings (`Ui`), in the language of
//! the terminal, so a change of wording does not break a test; what is judged is what a person
//! sees: whether an answer stays on the screen, whether a phase fits the window, what is
//! selected when a list comes back.

#![cfg(unix)]

mod acting;
mod back;
mod cases;
mod chinese;
mod fits;
mod harness;
mod safety;
mod services;

use harness::{Row, Terminal, Wizard, key};
use nocard::i18n::Ui;
use nocard::text::Lang;

/// `text` without any white space: what a phrase is compared as, wherever the window wrapped
/// it (Chinese wraps between any two characters, and a wrapped row is indented).
fn flat(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The screen's rows as one text, for `flat` comparison.
fn flat_screen(rows: &[Row]) -> String {
    rows.iter().map(|row| flat(&row.text)).collect()
}

/// The language of a terminal, as nocard takes it from `LANG`.
fn lang_of(terminal: Terminal) -> Lang {
    if terminal.lang.starts_with("zh") {
        Lang::Zh
    } else if terminal.lang.starts_with("nb") {
        Lang::Nb
    } else {
        Lang::En
    }
}

/// The four windows every screen is judged in: 80 × 24 and 40 × 24, in English and Chinese.
fn windows() -> [Terminal; 4] {
    let terminal = |columns, lang| Terminal {
        columns,
        rows: 24,
        lang,
    };
    [
        terminal(80, "C.UTF-8"),
        terminal(40, "C.UTF-8"),
        terminal(80, "zh_CN.UTF-8"),
        terminal(40, "zh_CN.UTF-8"),
    ]
}

/// A person at the walk: finds questions and options by their words, and answers them.
struct Person {
    wizard: Wizard,
    lang: Lang,
}

impl Person {
    fn start(terminal: Terminal, args: &[&str]) -> Self {
        Person {
            wizard: Wizard::start_in(terminal, args),
            lang: lang_of(terminal),
        }
    }

    fn again(&self, args: &[&str]) -> Self {
        Person {
            wizard: self.wizard.start_again(args),
            lang: self.lang,
        }
    }

    fn t(&self, ui: Ui) -> String {
        ui.get(self.lang).to_owned()
    }

    fn tf(&self, ui: Ui, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        ui.fill(self.lang, args)
    }

    /// Waits until the question `prompt` is on the screen, drawn and waiting for a key.
    fn wait_for(&mut self, prompt: &str) {
        let wanted = flat(&format!("? {prompt}"));
        self.wizard
            .wait_for_screen(&format!("the question {prompt:?}"), |screen| {
                flat_screen(&harness::rows_of(screen)).contains(&wanted)
            });
        self.wizard.settle();
    }

    /// The option the open list has selected, whole: the row marked `❯` and the rows it
    /// wrapped onto.
    fn selected(&self) -> String {
        let rows = self.wizard.screen_rows();
        let Some(at) = rows.iter().position(|row| row.text.starts_with("❯ ")) else {
            return String::new();
        };
        let mut option = rows[at].text.clone();
        for row in &rows[at + 1..] {
            if row.text.starts_with("    ") {
                option.push_str(&row.text);
            } else {
                break;
            }
        }
        option
    }

    /// Answers the list `prompt` with the option that holds `option`, moving down to it.
    fn choose(&mut self, prompt: &str, option: &str) {
        self.wait_for(prompt);
        for _ in 0..12 {
            if flat(&self.selected()).contains(&flat(option)) {
                self.wizard.send(key::ENTER);
                return;
            }
            self.wizard.send(key::DOWN);
            self.wizard.settle();
        }
        panic!(
            "no option {option:?} at {prompt:?}; the screen:\n{}",
            screen(&self.wizard.screen_rows())
        );
    }

    /// Answers the list of many `prompt` by marking, with Space, each option that holds one of
    /// `options` (given in the list's order), then Enter; none given marks none.
    fn mark(&mut self, prompt: &str, options: &[&str]) {
        self.wait_for(prompt);
        for option in options {
            let mut found = false;
            for _ in 0..20 {
                if flat(&self.selected()).contains(&flat(option)) {
                    found = true;
                    break;
                }
                self.wizard.send(key::DOWN);
                self.wizard.settle();
            }
            assert!(
                found,
                "no option {option:?} at {prompt:?}; the screen:\n{}",
                screen(&self.wizard.screen_rows())
            );
            self.wizard.send(" ");
            self.wizard.settle();
        }
        self.wizard.send(key::ENTER);
    }

    /// The names of the services `ids`, in this person's language, as the walk lists them.
    fn services(&self, ids: &[&str]) -> Vec<String> {
        let services = nocard::operator::Catalog::default()
            .services()
            .expect("services");
        ids.iter()
            .map(|id| {
                let entry = services
                    .get(id)
                    .unwrap_or_else(|| panic!("no service {id}"));
                nocard::render::service_name(entry, self.lang).to_owned()
            })
            .collect()
    }

    /// Answers the text question `prompt` with `text`.
    fn type_in(&mut self, prompt: &str, text: &str) {
        self.wait_for(prompt);
        self.wizard.type_line(text);
    }

    /// Whether the screen shows `prompt` answered: `✔ prompt · …`.
    fn shows_answered(&self, prompt: &str) -> bool {
        flat_screen(&self.wizard.screen_rows()).contains(&flat(&format!("✔ {prompt}")))
    }

    /// Answers the walk up to the number: cancel, I pay, postpaid, a physical SIM, no service
    /// that depends on the number, by the kind of channel `channel` names.
    fn up_to_the_number(&mut self, channel: Ui) {
        let channel = self.t(channel);
        self.choose(&self.t(Ui::QIntent), &head(&self.t(Ui::OptIntentCancel)));
        self.choose(&self.t(Ui::QPayer), &self.t(Ui::OptPayerPrivate));
        self.choose(&self.t(Ui::QActing), &self.t(Ui::OptActingSelf));
        self.choose(&self.t(Ui::QLeaving), &self.t(Ui::OptLeavingNo));
        self.choose(&self.t(Ui::QPlan), &head(&self.t(Ui::OptPlanPostpaid)));
        self.choose(&self.t(Ui::QSim), &self.t(Ui::OptSimPhysical));
        self.mark(&self.t(Ui::QUses), &[]);
        let channel_prompt = self.tf(Ui::QChannel, &[("operator", &"Telenor")]);
        self.choose(&channel_prompt, &channel);
    }
}

/// The words of an option before its explanation: "Cancel for good" of "Cancel for good: end
/// the subscription…".
fn head(label: &str) -> String {
    label.split([':', '：']).next().unwrap_or(label).to_owned()
}

/// The rows, numbered, as a failure shows them.
fn screen(rows: &[Row]) -> String {
    use std::fmt::Write as _;
    let mut shown = String::new();
    for (index, row) in rows.iter().enumerate() {
        let _ = writeln!(shown, "{index:>4}|{}", row.text);
    }
    shown
}

#[test]
fn a_whole_walk_writes_the_letter_and_its_checklist() {
    let mut person = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor", "--out", "msg.txt"],
    );
    person.up_to_the_number(Ui::ChannelLetter);
    let phone = person.t(Ui::QPhone);
    // A number that is not a Norwegian mobile number is refused with the reason, asked again
    // with what was typed filled in, to be mended.
    person.type_in(&phone, "12345678");
    person.wizard.expect("starts with 4 or 9");
    person.wizard.send(&key::BACKSPACE.repeat(8));
    person.wizard.type_line("912 34 567");
    person.type_in(&person.t(Ui::QName), "Ola Nordmann");
    // An address without its town is refused with the reason, and comes back to be mended.
    person.type_in(&person.t(Ui::QAddress), "Storgata 1");
    person.wizard.expect("a comma between them");
    person.wizard.type_line(", 0150 Oslo");
    person.type_in(&person.t(Ui::QCustomerNumber), "");
    person.choose(&person.t(Ui::ReviewQuestion), &person.t(Ui::ReviewWrite));
    person.wait_for(&person.t(Ui::QSent));
    assert!(
        flat(&person.selected()).contains(&flat(&person.t(Ui::OptSentNo))),
        "\"not yet\" is chosen to begin with: Enter alone records nothing as sent"
    );
    person.wizard.send(key::ENTER);
    let (code, rest) = person.wizard.finish();
    assert_eq!(code, 0, "nocard exits 0 after writing the message:\n{rest}");
    let message = std::fs::read_to_string(person.wizard.file("msg.txt")).expect("msg.txt");
    assert!(message.contains("+47 912 34 567"), "{message}");
    assert!(
        message.starts_with("Ola Nordmann\nStorgata 1\n0150 Oslo\n"),
        "the sender heads the letter: {message}"
    );
    assert!(
        !message.contains("12345678"),
        "the refused number is not used"
    );
    let checklist =
        std::fs::read_to_string(person.wizard.file("msg-checklist.txt")).expect("a checklist");
    assert!(
        checklist.contains("Source:"),
        "the checklist is in full:\n{checklist}"
    );
    let mut files: Vec<_> = std::fs::read_dir(person.wizard.dir())
        .expect("the folder")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["msg-checklist.txt", "msg-en.txt", "msg.txt"],
        "the letter, its translation and the checklist; nothing else is left behind"
    );
}

/// Opens the first list and presses Ctrl-C there; returns nocard's exit code and what it showed
/// after the key.
fn interrupt_at_the_first_list() -> (i32, String) {
    let mut person = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor"],
    );
    person.wait_for(&person.t(Ui::QIntent));
    assert!(
        person.wizard.shown().contains("\x1b[?25l"),
        "the list hides the cursor, else the cursor check proves nothing"
    );
    person.wizard.send(key::CTRL_C);
    let (code, after) = person.wizard.finish();
    assert!(
        !person
            .wizard
            .dir()
            .read_dir()
            .expect("a folder")
            .any(|_| true),
        "nothing is written when the walk is interrupted"
    );
    (code, after)
}

#[test]
fn ctrl_c_at_a_list_exits_130() {
    let (code, after) = interrupt_at_the_first_list();
    assert_eq!(
        code, 130,
        "Ctrl-C exits 130; after it nocard showed: {after:?}"
    );
    assert!(
        after.contains("interrupted"),
        "Ctrl-C is reported: {after:?}"
    );
}

/// Repeated, because the signal handler and the prompt race to the exit after Ctrl-C.
#[test]
fn ctrl_c_at_a_list_shows_the_cursor_again() {
    for run in 1..=20 {
        let (code, after) = interrupt_at_the_first_list();
        assert_eq!(code, 130, "run {run}: Ctrl-C exits 130: {after:?}");
        assert!(
            after.contains("\x1b[?25h"),
            "run {run}: the cursor is shown again after Ctrl-C: {after:?}"
        );
    }
}

#[test]
fn ctrl_c_in_a_text_field_exits_130_and_keeps_the_answers() {
    let mut person = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor"],
    );
    person.up_to_the_number(Ui::ChannelPhone);
    person.wait_for(&person.t(Ui::QPhone));
    person.wizard.send("912");
    person.wizard.send(key::CTRL_C);
    let (code, after) = person.wizard.finish();
    assert_eq!(code, 130, "{after:?}");
    assert!(after.contains("nocard deregister --resume"), "{after:?}");
}

/// SIGTERM, SIGHUP and SIGQUIT end nocard as Ctrl-C does, in a list (cursor hidden) and in a
/// text field (raw mode): the cursor shown, the terminal echoing again, the answers kept,
/// exit 128 + the signal's number.
#[test]
fn termination_signals_restore_the_terminal_and_keep_the_answers() {
    use harness::Signal;
    for (signal, code) in [
        (Signal::SIGTERM, 143),
        (Signal::SIGHUP, 129),
        (Signal::SIGQUIT, 131),
    ] {
        let mut person = Person::start(
            Terminal::default(),
            &["deregister", "--operator", "telenor"],
        );
        person.wait_for(&person.t(Ui::QIntent));
        person.wizard.signal(signal);
        let (exit, after) = person.wizard.finish();
        assert_eq!(exit, code, "{signal} at a list: {after:?}");
        assert!(
            after.contains("\x1b[?25h"),
            "{signal}: the cursor is shown: {after:?}"
        );
        assert!(
            person.wizard.reads_lines(),
            "{signal}: the terminal is out of raw mode"
        );

        let mut person = Person::start(
            Terminal::default(),
            &["deregister", "--operator", "telenor"],
        );
        person.up_to_the_number(Ui::ChannelPhone);
        person.wait_for(&person.t(Ui::QPhone));
        person.wizard.send("912");
        person.wizard.settle();
        assert!(
            !person.wizard.reads_lines(),
            "a text field has the terminal in raw mode"
        );
        person.wizard.signal(signal);
        let (exit, after) = person.wizard.finish();
        assert_eq!(exit, code, "{signal} in a text field: {after:?}");
        assert!(after.contains("nocard deregister --resume"), "{after:?}");
        assert!(
            person.wizard.reads_lines(),
            "{signal}: the terminal is out of raw mode"
        );
        let mut again = person.again(&["deregister", "--resume"]);
        again.wait_for(&again.t(Ui::QPhone));
        again.wizard.kill();
    }
}
