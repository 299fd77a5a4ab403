//! The case book in a real terminal: a request is recorded once the person says it went out, a
//! second walk for the same number stops at the open case and says what to do instead, and an
//! interrupted walk resumes where it stopped, saying which walk, from when and where.
//!
//! The runs after the first are started with `again`, so they share the data folder and the
//! folder nocard runs in, as one person's runs would.

use crate::harness::{Terminal, key};
use crate::{Person, flat, flat_screen, screen};
use nocard::i18n::Ui;

const NUMBER: &str = "912 34 567";

#[test]
fn a_second_walk_for_a_number_with_an_open_case_can_stop_there() {
    let mut first = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor", "--out", "m1.txt"],
    );
    first.up_to_the_number(Ui::ChannelChat);
    first.type_in(&first.t(Ui::QPhone), NUMBER);
    first.type_in(&first.t(Ui::QName), "Ola Nordmann");
    first.choose(&first.t(Ui::ReviewQuestion), &first.t(Ui::ReviewWrite));
    first.choose(&first.t(Ui::QSent), &first.t(Ui::OptSentYes));
    first.type_in(&first.t(Ui::QReference), "AB-42");
    first.choose(&first.t(Ui::QCalendar), &first.t(Ui::OptCalendarNo));
    let (code, shown) = first.wizard.finish();
    assert_eq!(code, 0, "{shown}");
    assert!(
        flat_screen(&first.wizard.screen_rows())
            .contains(&flat(&first.tf(Ui::Recorded, &[("id", &1)]))),
        "{}",
        screen(&first.wizard.screen_rows())
    );

    let mut second = first.again(&["deregister", "--operator", "telenor", "--out", "m2.txt"]);
    second.up_to_the_number(Ui::ChannelChat);
    second.type_in(&second.t(Ui::QPhone), NUMBER);
    second.wait_for(&second.t(Ui::DuplicateQuestion));
    let rows = second.wizard.screen_rows();
    assert!(
        flat_screen(&rows).contains(&flat("Case 1: Telenor +47 *** ** 567")),
        "the open case is shown, its number masked:\n{}",
        screen(&rows)
    );
    second.choose(
        &second.t(Ui::DuplicateQuestion),
        &second.t(Ui::DuplicateStop),
    );
    let (code, _) = second.wizard.finish();
    assert_eq!(code, 0);
    let rows = second.wizard.screen_rows();
    assert!(
        flat_screen(&rows).contains(&flat(&second.tf(Ui::StoppedAtCase, &[("id", &1)]))),
        "stopping says what to do instead:\n{}",
        screen(&rows)
    );
    assert!(!second.wizard.file("m2.txt").exists(), "no second message");
}

#[test]
fn an_interrupted_walk_resumes_where_it_stopped_and_says_so() {
    let mut first = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor"],
    );
    first.up_to_the_number(Ui::ChannelChat);
    first.type_in(&first.t(Ui::QPhone), NUMBER);
    first.wait_for(&first.t(Ui::QName));
    first.wizard.send(key::CTRL_C);
    let (code, after) = first.wizard.finish();
    assert_eq!(code, 130, "{after:?}");
    assert!(after.contains("nocard deregister --resume"), "{after:?}");

    let mut resumed = first.again(&["deregister", "--resume", "--out", "m.txt"]);
    resumed.wait_for(&resumed.t(Ui::QName));
    let rows = resumed.wizard.screen_rows();
    let said = resumed.tf(
        Ui::ResumedToday,
        &[
            ("operator", &"Telenor"),
            ("phase", &"3/5 Required information"),
        ],
    );
    assert!(
        flat_screen(&rows).contains(&flat(&said)),
        "--resume says which walk it resumes, from when and where:\n{}",
        screen(&rows)
    );
    for asked in [Ui::QIntent, Ui::QPayer, Ui::QPlan, Ui::QSim] {
        assert!(
            !resumed.wizard.shown().contains(&resumed.t(asked)),
            "{asked:?} is not asked again"
        );
    }
    resumed.wizard.type_line("Ola Nordmann");
    resumed.choose(&resumed.t(Ui::ReviewQuestion), &resumed.t(Ui::ReviewWrite));
    resumed.choose(&resumed.t(Ui::QSent), &resumed.t(Ui::OptSentNo));
    let (code, _) = resumed.wizard.finish();
    assert_eq!(code, 0);
    let message = std::fs::read_to_string(resumed.wizard.file("m.txt")).expect("m.txt");
    assert!(message.contains("+47 912 34 567") && message.contains("Ola Nordmann"));

    let mut again = resumed.again(&["deregister", "--resume"]);
    let (code, shown) = again.wizard.finish();
    assert_eq!(code, 1, "nothing to resume exits 1:\n{shown}");
    assert!(
        shown.contains("there is no interrupted walk to resume"),
        "{shown}"
    );
}
