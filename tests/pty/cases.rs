//! The case book in a real terminal (issue 5): a request is recorded once the person says it
//! was sent, a second walk for the same number stops at the open case, and an interrupted walk
//! resumes where it stopped.
//!
//! Each test keeps its own data folder (`NOCARD_HOME`); the runs after the first are started
//! with `Wizard::start_again`, so they share it, and the folder nocard runs in, as one person's
//! runs would.

use std::fmt::Write as _;

use crate::harness::{Row, Wizard, key, rows_of};
use crate::{
    CHANNEL, INTENT, NAME, PAYER, PHONE, PLAN, REVIEW, SELECTED, SENT, SIM, choose_channel,
    choose_first, wait_for_input,
};

/// The number both walks cancel, as typed.
const NUMBER: &str = "912 34 567";

/// The question after a request is sent; at 80 columns too long to share a row with its
/// answer, so it stands on a row of its own above the input row.
const REFERENCE: &str = "Reference number from the operator, if you got one (Enter to skip)";

/// The guard a second walk for the same number meets.
const DUPLICATE: &str = "You already have an open request for this number";
const GUARD: &str = "A second request while the first is pending causes confusion. What now?";
const STOP: &str = "Stop here, and follow up the first request on the same channel";
const CONTINUE: &str = "Continue anyway";

/// The first case as the guard and `nocard status` show it, its number masked.
const CASE_ONE: &str = "Case 1: Telenor +47 *** ** 567 (sent)";

/// The header of the phase the name is asked in.
const INFORMATION: &str = "── 3/5 Required information ──";

/// Answers the walk up to the phone question: cancel, I pay, postpaid, a physical SIM, the
/// channel of kind `channel`; then types the number.
fn answer_up_to_the_number(wizard: &mut Wizard, channel: &str) {
    choose_first(wizard, INTENT, "Cancel for good");
    choose_first(wizard, PAYER, "I pay for it myself");
    choose_first(wizard, PLAN, "Postpaid");
    choose_first(wizard, SIM, "A physical SIM card");
    choose_channel(wizard, channel);
    wizard.expect(PHONE);
    wizard.type_line(NUMBER);
}

/// Waits for the name question, which shares its row with the answer at 80 columns, with the
/// cursor after it.
fn wait_for_the_name_question(wizard: &mut Wizard) {
    let prompt = format!("{NAME}: ");
    wizard.wait_for_screen(&format!("{prompt:?}, the cursor after it"), |screen| {
        let rows = rows_of(screen);
        let (row, column) = screen.cursor_position();
        let row = usize::from(row);
        rows[row].text == prompt.trim_end()
            && usize::from(column) == prompt.len()
            && rows[row + 1..].iter().all(|below| below.text.is_empty())
    });
}

/// The rows, numbered, as a failure shows them.
fn show(rows: &[Row]) -> String {
    let mut shown = String::new();
    for (index, row) in rows.iter().enumerate() {
        let _ = writeln!(shown, "{index:>4}|{}", row.text);
    }
    shown
}

/// The files in the folder nocard ran in.
fn files(wizard: &Wizard) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(wizard.dir())
        .expect("the folder is readable")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_second_walk_for_a_number_with_an_open_case_can_stop_there() {
    // The first walk: the request sent at once, with the operator's reference.
    let mut first = Wizard::start(&["deregister", "--operator", "telenor", "--out", "m1.txt"]);
    answer_up_to_the_number(&mut first, "phone");
    first.expect(NAME);
    first.type_line("Ola Nordmann");
    choose_first(&mut first, REVIEW, "Write the message");
    first.expect("m1.txt");
    choose_first(&mut first, SENT, "Yes, I sent it");
    wait_for_input(&mut first, &[REFERENCE], "");
    first.send("AB-42");
    wait_for_input(&mut first, &[REFERENCE], "AB-42");
    first.send(key::ENTER);
    first.expect("Recorded as case 1");
    let (code, rest) = first.finish();
    assert_eq!(code, 0, "the first walk exits 0; it showed:\n{rest}");
    assert_eq!(
        files(&first),
        ["m1.txt"],
        "the first walk writes its message"
    );

    // The second walk, for the same number: stopped at the open case before the name.
    let mut second = first.start_again(&["deregister", "--operator", "telenor", "--out", "m2.txt"]);
    answer_up_to_the_number(&mut second, "phone");
    let stop = format!("{SELECTED}{STOP}");
    let go_on = format!("  {CONTINUE}");
    second.wait_for_screen("the guard, Stop selected", |screen| {
        let rows = rows_of(screen);
        let texts: Vec<&str> = rows.iter().map(|row| row.text.as_str()).collect();
        let drawn = texts
            .iter()
            .rposition(|text| !text.is_empty())
            .map_or(0, |at| at + 1);
        texts[..drawn].ends_with(&[&format!("{GUARD}:"), &stop, &go_on])
    });
    second.settle();
    let history = second.history();
    let at = |text: &str| {
        history
            .iter()
            .position(|row| row.text == text)
            .unwrap_or_else(|| panic!("no row reads {text:?}:\n{}", show(&history)))
    };
    let (title, case, reference, guard) = (
        at(DUPLICATE),
        at(CASE_ONE),
        at("    Reference: AB-42"),
        at(&format!("{GUARD}:")),
    );
    assert!(
        title < case && case < reference && reference < guard,
        "the open case, with its reference, stands under the title and above the guard:\n{}",
        show(&history)
    );
    assert_eq!(
        history.iter().filter(|row| row.text == CASE_ONE).count(),
        1,
        "the open case is shown once:\n{}",
        show(&history)
    );
    second.send(key::ENTER);
    let (code, rest) = second.finish();
    assert_eq!(code, 0, "Stop ends the walk with 0; it showed:\n{rest}");
    let history = second.history();
    assert!(
        history[guard..]
            .iter()
            .any(|row| row.text.starts_with(&format!("{GUARD}: Stop")) && !row.wrapped),
        "the guard gives way to its answer, on one row:\n{}",
        show(&history)
    );
    let shown = second.shown();
    assert!(
        !shown.contains(NAME) && !shown.contains("Your message"),
        "the walk stops at the guard: no name is asked, no message written:\n{shown}"
    );
    assert_eq!(files(&second), ["m1.txt"], "no second message is written");

    // The case book still holds the one case.
    let mut status = second.start_again(&["status"]);
    let (code, shown) = status.finish();
    assert_eq!(code, 0, "nocard status exits 0:\n{shown}");
    assert!(shown.contains(CASE_ONE), "the first case is kept:\n{shown}");
    assert!(
        !shown.contains("Case 2"),
        "nothing more is recorded:\n{shown}"
    );
}

#[test]
fn an_interrupted_walk_resumes_where_it_stopped() {
    // Ctrl-C at the name question, once the number is answered. By letter, whose message
    // gives the number in full.
    let mut first = Wizard::start(&["deregister", "--operator", "telenor"]);
    answer_up_to_the_number(&mut first, "letter");
    wait_for_the_name_question(&mut first);
    first.send(key::CTRL_C);
    let (code, after) = first.finish();
    assert_eq!(
        code, 130,
        "Ctrl-C exits 130; after it nocard showed: {after:?}"
    );
    let rows = first.screen_rows();
    assert!(
        rows.iter().any(|row| row.text == "interrupted"),
        "Ctrl-C is reported:\n{}",
        show(&rows)
    );
    assert!(
        rows.iter()
            .any(|row| row.text.starts_with("hint: ")
                && row.text.contains("nocard deregister --resume")),
        "a hint says how to resume:\n{}",
        show(&rows)
    );
    assert!(files(&first).is_empty(), "nothing is written yet");

    // `--resume` goes on at the name, in its phase, without asking anything before it again.
    let mut resumed = first.start_again(&["deregister", "--resume", "--out", "m.txt"]);
    wait_for_the_name_question(&mut resumed);
    resumed.settle();
    let history = resumed.history();
    assert_eq!(
        history.iter().find(|row| !row.text.is_empty()),
        Some(&Row {
            text: INFORMATION.to_owned(),
            wrapped: false
        }),
        "the walk resumes with the header of the name's phase:\n{}",
        show(&history)
    );
    let shown = resumed.shown();
    for asked in [INTENT, PAYER, PLAN, SIM, CHANNEL, PHONE] {
        assert!(
            !shown.contains(asked),
            "{asked:?} was answered before the interruption, and is not asked again:\n{}",
            show(&history)
        );
    }
    resumed.type_line("Ola Nordmann");
    choose_first(&mut resumed, REVIEW, "Write the message");
    resumed.expect("m.txt");
    resumed.expect(SENT);
    resumed.expect(&format!("{SELECTED}Yes, I sent it"));
    resumed.send(key::DOWN);
    resumed.expect(&format!("{SELECTED}Not yet"));
    resumed.send(key::ENTER);
    let (code, rest) = resumed.finish();
    assert_eq!(code, 0, "the resumed walk exits 0; it showed:\n{rest}");
    let message = std::fs::read_to_string(resumed.file("m.txt")).expect("m.txt was written");
    assert!(
        message.contains("+47 912 34 567"),
        "the message cancels the number given before the interruption:\n{message}"
    );
    assert!(
        message.contains("Ola Nordmann"),
        "the message is signed with the name given after it:\n{message}"
    );

    // The walk ended: there is nothing left to resume.
    let mut again = resumed.start_again(&["deregister", "--resume"]);
    let (code, shown) = again.finish();
    assert_eq!(code, 1, "nothing to resume exits 1:\n{shown}");
    assert!(
        shown.contains("there is no interrupted walk to resume"),
        "and says so:\n{shown}"
    );
}
