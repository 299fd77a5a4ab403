//! `nocard deregister` in a real pseudo-terminal: the prompts as a person meets them, keys as a
//! terminal sends them.
//!
//! The tests in this file match stable words of the prompts and options, never the screen
//! layout, so a change of theme or wrapping does not break them. `chinese` judges the layout
//! itself, in a narrow window, through a terminal emulator; `cases` follows the case book
//! (issue 5) over several runs that share a data folder, judging the rows that matter there.

#![cfg(unix)]

mod cases;
mod chinese;
mod harness;

use harness::{Wizard, key, rows_of};
use unicode_width::UnicodeWidthStr as _;

const INTENT: &str = "What do you want to happen to the number?";
const PAYER: &str = "Who pays for the subscription?";
const PLAN: &str = "How do you pay?";
const SIM: &str = "What kind of SIM is it?";
const CHANNEL: &str = "Which one channel will you use to reach Telenor?";
const PHONE: &str = "The mobile number to cancel";
const NAME: &str = "The subscription owner's full name";
const REVIEW: &str = "Is this right?";
const SENT: &str = "Did you send the request now?";

/// nocard's lists mark the selected option with `> `, as dialoguer's plain theme does (under
/// `NO_COLOR`).
const SELECTED: &str = "> ";

/// The input row under a free-text question too long to share a row with its answer, which
/// stands on a row of its own above it: `›: `, then what is typed.
const INPUT: &str = "›: ";

/// Waits until the input row reads `INPUT` and `typed` with the cursor right after it, the
/// rows right above it read `above` (the question, and the reason an answer was refused), and
/// nothing is below it.
fn wait_for_input(wizard: &mut Wizard, above: &[&str], typed: &str) {
    let input = format!("{INPUT}{typed}").trim_end().to_owned();
    let column = INPUT.width() + typed.width();
    let what = format!("{above:?} above {input:?}, the cursor after it");
    wizard.wait_for_screen(&what, |screen| {
        let rows = rows_of(screen);
        let (row, cursor) = screen.cursor_position();
        let row = usize::from(row);
        row >= above.len()
            && rows[row - above.len()..row]
                .iter()
                .zip(above)
                .all(|(shown, wanted)| shown.text == *wanted && !shown.wrapped)
            && rows[row].text == input
            && !rows[row].wrapped
            && usize::from(cursor) == column
            && rows[row + 1..].iter().all(|below| below.text.is_empty())
    });
}

/// Waits for a list `prompt` with `option` selected, and takes it with Enter.
fn choose_first(wizard: &mut Wizard, prompt: &str, option: &str) {
    wizard.expect(prompt);
    wizard.expect(&format!("{SELECTED}{option}"));
    wizard.send(key::ENTER);
}

/// The channel kinds Telenor offers, in the order the channel list shows them: the order of
/// their first `[[channels]]` entry in `operators/telenor.toml`.
fn telenor_channel_kinds() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/operators/telenor.toml");
    let text = std::fs::read_to_string(path).expect("operators/telenor.toml is readable");
    let table: toml::Table = text.parse().expect("operators/telenor.toml is TOML");
    let mut kinds: Vec<String> = Vec::new();
    for channel in table["channels"].as_array().expect("a channels array") {
        let kind = channel["kind"].as_str().expect("a channel kind").to_owned();
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// Moves down the open channel list until the `wanted` kind is selected, checking at each step
/// that the list follows the operator file's order; then takes it with Enter.
fn choose_channel(wizard: &mut Wizard, wanted: &str) {
    let kinds = telenor_channel_kinds();
    let downs = kinds
        .iter()
        .position(|kind| kind == wanted)
        .unwrap_or_else(|| panic!("Telenor offers no {wanted} channel: {kinds:?}"));
    wizard.expect(CHANNEL);
    // Each option reads `kind: label`; the selected one starts with `> `.
    let selected = r"> ([a-z]+): ";
    assert_eq!(
        wizard.expect_regex(selected),
        kinds[0],
        "the first channel is selected first"
    );
    for kind in &kinds[1..=downs] {
        wizard.send(key::DOWN);
        assert_eq!(
            &wizard.expect_regex(selected),
            kind,
            "one down selects the next channel"
        );
    }
    wizard.send(key::ENTER);
}

#[test]
fn a_whole_walk_writes_the_letter() {
    let mut wizard = Wizard::start(&["deregister", "--operator", "telenor", "--out", "msg.txt"]);

    choose_first(&mut wizard, INTENT, "Cancel for good");
    choose_first(&mut wizard, PAYER, "I pay for it myself");
    choose_first(&mut wizard, PLAN, "Postpaid");
    choose_first(&mut wizard, SIM, "A physical SIM card");
    choose_channel(&mut wizard, "letter");

    // A number that is not a Norwegian mobile number is refused with the reason, and asked again.
    wizard.expect(PHONE);
    wizard.type_line("12345678");
    wizard.expect("starts with 4 or 9");
    wizard.expect(PHONE);
    wizard.type_line("912 34 567");

    wizard.expect(NAME);
    wizard.type_line("Ola Nordmann");

    choose_first(&mut wizard, REVIEW, "Write the message");
    // The walk says where the message went.
    wizard.expect("msg.txt");

    // Not sent yet: nothing to record.
    wizard.expect(SENT);
    wizard.expect(&format!("{SELECTED}Yes, I sent it"));
    wizard.send(key::DOWN);
    wizard.expect(&format!("{SELECTED}Not yet"));
    wizard.send(key::ENTER);

    let (code, rest) = wizard.finish();
    assert_eq!(
        code, 0,
        "nocard exits 0 after writing the message; it showed:\n{rest}"
    );

    let message = std::fs::read_to_string(wizard.file("msg.txt")).expect("msg.txt was written");
    assert!(
        message.contains(
            "Jeg sier med dette opp mobilabonnementet mitt med mobilnummer +47 912 34 567"
        ),
        "the message cancels the number given:\n{message}"
    );
    assert!(
        message.contains("Ola Nordmann"),
        "the message is signed:\n{message}"
    );
    assert!(
        !message.contains("12345678"),
        "the refused number is not used:\n{message}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(wizard.dir())
        .expect("the folder is readable")
        .map(|entry| entry.expect("an entry").file_name())
        .filter(|name| name != "msg.txt")
        .collect();
    assert!(
        leftovers.is_empty(),
        "nothing but the message is left behind: {leftovers:?}"
    );
}

/// Opens the first list and presses Ctrl-C there; returns nocard's exit code and what it showed
/// after the key.
fn interrupt_at_the_first_list() -> (i32, String) {
    let mut wizard = Wizard::start(&["deregister", "--operator", "telenor"]);
    wizard.expect(INTENT);
    wizard.expect(&format!("{SELECTED}Cancel for good"));
    assert!(
        wizard.shown().contains("\x1b[?25l"),
        "the list hides the cursor, else the cursor check proves nothing"
    );
    wizard.send(key::CTRL_C);
    let (code, after) = wizard.finish();
    assert!(
        !wizard.dir().read_dir().expect("a folder").any(|_| true),
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
    for run in 1..=40 {
        let (code, after) = interrupt_at_the_first_list();
        assert_eq!(
            code, 130,
            "run {run}: Ctrl-C exits 130; after it nocard showed: {after:?}"
        );
        assert!(
            after.contains("interrupted"),
            "run {run}: Ctrl-C is reported: {after:?}"
        );
        assert!(
            after.contains("\x1b[?25h"),
            "run {run}: the cursor is shown again after Ctrl-C; nocard showed: {after:?}"
        );
    }
}

#[test]
fn esc_and_less_than_go_back_one_question() {
    let mut wizard = Wizard::start(&["deregister", "--operator", "telenor", "--out", "msg.txt"]);
    choose_first(&mut wizard, INTENT, "Cancel for good");

    // Esc in a list goes back to the question before it.
    wizard.expect(PAYER);
    wizard.expect(&format!("{SELECTED}I pay for it myself"));
    wizard.send(key::ESC);
    wizard.expect(INTENT);
    wizard.expect(&format!("{SELECTED}Cancel for good"));

    // The walk goes on from there as before.
    wizard.send(key::ENTER);
    choose_first(&mut wizard, PAYER, "I pay for it myself");
    choose_first(&mut wizard, PLAN, "Postpaid");

    // Esc again, one question further on, goes back to the plan.
    wizard.expect(SIM);
    wizard.expect(&format!("{SELECTED}A physical SIM card"));
    wizard.send(key::ESC);
    choose_first(&mut wizard, PLAN, "Postpaid");
    choose_first(&mut wizard, SIM, "A physical SIM card");
    choose_first(&mut wizard, CHANNEL, "phone");

    // `<` at a line prompt goes back too: to the channel list.
    wizard.expect(PHONE);
    wizard.type_line("<");
    wizard.expect(CHANNEL);
    wizard.expect(&format!("{SELECTED}phone"));

    wizard.kill();
    assert!(
        !wizard.file("msg.txt").exists(),
        "no message without the whole walk"
    );
}
