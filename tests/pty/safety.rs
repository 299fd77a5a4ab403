//! Prompts with consequences are safe: keys typed ahead (a paste running on) are thrown away
//! before the review, the question about an existing file and "did you send it"; no default
//! records a case; declining to replace a file offers another name; control keys never enter
//! a field; `--no-input` in a terminal says what it lacks, before anything is shown.

use crate::harness::{Terminal, key};
use crate::{Person, flat, flat_screen, screen};
use nocard::i18n::Ui;

#[test]
fn a_paste_running_on_past_the_name_does_not_answer_the_review_or_record_a_case() {
    let mut person = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor", "--out", "m.txt"],
    );
    person.up_to_the_number(Ui::ChannelChat);
    person.type_in(&person.t(Ui::QPhone), "912 34 567");
    person.wait_for(&person.t(Ui::QName));
    // A pasted name with Enters after it, as a person would paste it from a note.
    person.wizard.send("Ola Nordmann\r \r\r\r");
    person.wait_for(&person.t(Ui::ReviewQuestion));
    person.wizard.settle();
    assert!(
        !person.wizard.file("m.txt").exists(),
        "the review waits for a key pressed after it appeared:\n{}",
        screen(&person.wizard.screen_rows())
    );
    person.wizard.send(key::ENTER);
    person.wait_for(&person.t(Ui::QSent));
    person.wizard.send("\r");
    let (code, _) = person.wizard.finish();
    assert_eq!(code, 0);
    let home = std::fs::read_dir(person.wizard.dir())
        .expect("the folder")
        .count();
    assert_eq!(
        home, 3,
        "the message, its translation and its checklist, nothing else"
    );
    let status = person.again(&["status", "--format", "json"]);
    let mut status = status;
    let (code, shown) = status.wizard.finish();
    assert_eq!(code, 0);
    assert!(
        shown.contains("\"state\": \"written\"") && shown.contains("\"sent\": null"),
        "Enter alone records the message as written, never as sent: {shown}"
    );
}

#[test]
fn declining_to_replace_a_file_offers_one_that_is_free() {
    let mut person = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor", "--out", "m.txt"],
    );
    std::fs::write(person.wizard.file("m.txt"), "mine").expect("a file in the way");
    person.up_to_the_number(Ui::ChannelChat);
    person.type_in(&person.t(Ui::QPhone), "912 34 567");
    person.type_in(&person.t(Ui::QName), "Ola Nordmann");
    person.choose(&person.t(Ui::ReviewQuestion), &person.t(Ui::ReviewWrite));
    let question = person.tf(Ui::OverwriteQuestion, &[("path", &"m.txt")]);
    person.wait_for(&question);
    assert!(
        flat(&person.selected()).contains("m-2.txt"),
        "a free name is offered first:\n{}",
        screen(&person.wizard.screen_rows())
    );
    person.wizard.send(key::ENTER);
    person.choose(&person.t(Ui::QSent), &person.t(Ui::OptSentNo));
    let (code, _) = person.wizard.finish();
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(person.wizard.file("m.txt")).expect("m.txt"),
        "mine",
        "the file in the way is kept"
    );
    assert!(person.wizard.file("m-2.txt").exists());
}

#[test]
fn control_keys_never_enter_a_field() {
    let mut person = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor", "--out", "m.txt"],
    );
    person.up_to_the_number(Ui::ChannelChat);
    person.type_in(&person.t(Ui::QPhone), "912 34 567");
    person.wait_for(&person.t(Ui::QName));
    // Ctrl-L clears the screen in a line editor; it is not a character of the name.
    person.wizard.send("Ola\x0c Nordmann\r");
    person.choose(&person.t(Ui::ReviewQuestion), &person.t(Ui::ReviewWrite));
    person.choose(&person.t(Ui::QSent), &person.t(Ui::OptSentNo));
    let (code, _) = person.wizard.finish();
    assert_eq!(code, 0);
    let message = std::fs::read_to_string(person.wizard.file("m.txt")).expect("m.txt");
    assert!(message.contains("Ola Nordmann"), "{message:?}");
    assert!(!message.contains('\x0c'), "{message:?}");
}

/// `deregister --no-input` in `terminal`, with `answers` as its answers file.
fn without_input(terminal: Terminal, answers: &str) -> Person {
    let mut person = Person::start(terminal, &["--version"]);
    person.wizard.finish();
    std::fs::write(person.wizard.file("a.toml"), answers).expect("answers");
    person.again(&[
        "deregister",
        "--operator",
        "telenor",
        "--no-input",
        "--answers",
        "a.toml",
    ])
}

#[test]
fn no_input_in_a_terminal_names_the_flag_and_what_is_missing_before_any_phase() {
    let mut run = without_input(Terminal::default(), "intent = \"cancel\"\n");
    let (code, shown) = run.wizard.finish();
    assert_eq!(code, 1, "{shown}");
    let rows = run.wizard.screen_rows();
    let text = flat_screen(&rows);
    assert!(
        text.contains(&flat("--no-input asks nothing")),
        "{}",
        screen(&rows)
    );
    assert!(
        text.contains(&flat("payer, plan, sim, channel, phone, name")),
        "{}",
        screen(&rows)
    );
    assert!(
        !text.contains("1/5"),
        "no phase is shown first:\n{}",
        screen(&rows)
    );
}

/// An error in a narrow window is wrapped between words, each row within the window, so that
/// no word (an id, a command to run) is cut at the edge.
#[test]
fn an_error_in_a_narrow_window_wraps_between_words() {
    let narrow = Terminal {
        columns: 40,
        rows: 24,
        lang: "C.UTF-8",
    };
    let mut run = without_input(narrow, "uses = [\"vips\"]\n");
    let (code, shown) = run.wizard.finish();
    assert_eq!(code, 1, "{shown}");
    let rows = run.wizard.screen_rows();
    let lines: Vec<&str> = rows
        .iter()
        .map(|row| row.text.as_str())
        .filter(|text| !text.is_empty())
        .collect();
    assert!(
        lines.len() > 2,
        "wrapped onto several rows:\n{}",
        screen(&rows)
    );
    for line in &lines {
        assert!(
            console::measure_text_width(line) < 40,
            "a row that reaches the edge is cut there:\n{}",
            screen(&rows)
        );
    }
    assert!(
        lines.iter().any(|line| line.contains("`vipps`?")),
        "the id meant, whole on its row:\n{}",
        screen(&rows)
    );
}
