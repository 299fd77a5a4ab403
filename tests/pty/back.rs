//! Going back is safe: a list comes back with the earlier answer chosen, a text field with the
//! earlier text, and the stale answered line is gone; a question reached from the review goes
//! back to the review, answers unchanged; no key but Ctrl-C leaves the walk.

use crate::harness::{Terminal, key};
use crate::{Person, flat, flat_screen, head, screen, windows};
use nocard::i18n::Ui;

#[test]
fn back_in_a_list_comes_back_with_the_earlier_answer_chosen_and_no_stale_line() {
    for terminal in windows() {
        let mut person = Person::start(terminal, &["deregister", "--operator", "telenor"]);
        let intent = person.t(Ui::QIntent);
        let port = head(&person.t(Ui::OptIntentPort));
        person.choose(&intent, &port);
        person.wait_for(&person.t(Ui::QPayer));
        person.wizard.send(key::ESC);
        person.wait_for(&intent);
        assert!(
            flat(&person.selected()).contains(&flat(&port)),
            "{terminal:?}: back at the intent, porting (the earlier answer) is chosen, not \
             the first option:\n{}",
            screen(&person.wizard.screen_rows())
        );
        assert!(
            !person.shows_answered(&intent),
            "{terminal:?}: no stale answered line is left above the list:\n{}",
            screen(&person.wizard.screen_rows())
        );
        person.wizard.kill();
    }
}

#[test]
fn less_than_in_a_text_field_goes_back_and_the_field_comes_back_filled_in() {
    let mut person = Person::start(
        Terminal::default(),
        &["deregister", "--operator", "telenor"],
    );
    person.up_to_the_number(Ui::ChannelPhone);
    let phone = person.t(Ui::QPhone);
    person.type_in(&phone, "912 34 567");
    person.wait_for(&person.t(Ui::QName));
    person.wizard.type_line("<");
    person.wait_for(&phone);
    person.wizard.settle();
    let rows = person.wizard.screen_rows();
    let input = rows
        .iter()
        .rev()
        .find(|row| row.text.starts_with('›'))
        .map(|row| row.text.clone())
        .unwrap_or_default();
    assert!(
        flat(&input).contains("+4791234567"),
        "the number comes back to be changed, not an empty field: {input:?}\n{}",
        screen(&rows)
    );
    person.wizard.kill();
}

#[test]
fn a_question_reached_from_the_review_goes_back_to_it_with_the_answer_unchanged() {
    for terminal in windows() {
        let mut person = Person::start(
            terminal,
            &["deregister", "--operator", "telenor", "--out", "m.txt"],
        );
        person.up_to_the_number(Ui::ChannelChat);
        person.type_in(&person.t(Ui::QPhone), "912 34 567");
        person.type_in(&person.t(Ui::QName), "Ola Nordmann");
        let review = person.t(Ui::ReviewQuestion);
        let plan = person.t(Ui::KeyPlan);
        let change_plan = person.tf(Ui::ReviewChange, &[("question", &plan), ("answer", &"")]);
        let change_plan = head(&change_plan);
        person.choose(&review, &change_plan);
        person.wait_for(&person.t(Ui::QPlan));
        person.wizard.send(key::ESC);
        person.wait_for(&review);

        // The number, changed from the review, is filled in; Esc there goes back too.
        let number = person.t(Ui::KeyPhone);
        person.choose(
            &review,
            &head(&person.tf(Ui::ReviewChange, &[("question", &number), ("answer", &"")])),
        );
        person.wait_for(&person.t(Ui::QPhone));
        person.wizard.send(key::ESC);
        person.wait_for(&review);
        let rows = person.wizard.screen_rows();
        assert!(
            flat_screen(&rows).contains(&flat(&head(&person.t(Ui::OptPlanPostpaid)))),
            "{terminal:?}: the plan is still postpaid at the review:\n{}",
            screen(&rows)
        );
        person.choose(&review, &person.t(Ui::ReviewWrite));
        person.choose(&person.t(Ui::QSent), &person.t(Ui::OptSentNo));
        let (code, _) = person.wizard.finish();
        assert_eq!(
            code, 0,
            "{terminal:?}: the walk ends with the message written"
        );
        let message = std::fs::read_to_string(person.wizard.file("m.txt")).expect("m.txt");
        assert!(message.contains("mobilabonnementet"), "still postpaid");
        assert!(message.contains("+47 912 34 567"), "the number unchanged");
    }
}

#[test]
fn an_answered_line_is_shown_whole_at_40_columns() {
    for terminal in windows().into_iter().filter(|t| t.columns == 40) {
        let mut person = Person::start(terminal, &["deregister", "--operator", "telenor"]);
        person.up_to_the_number(Ui::ChannelLetter);
        person.wait_for(&person.t(Ui::QPhone));
        let channel = person.tf(Ui::QChannel, &[("operator", &"Telenor")]);
        let rows = person.wizard.screen_rows();
        let shown = flat_screen(&rows);
        assert!(
            shown.contains(&flat(&format!("✔ {channel}")))
                && shown.contains("Snarøyveien30,1360Fornebu"),
            "{terminal:?}: the channel question and its whole answer stay on the screen:\n{}",
            screen(&rows)
        );
        assert!(
            !rows.iter().any(|row| row.text.contains('…')),
            "{terminal:?}: nothing is cut short:\n{}",
            screen(&rows)
        );
        person.wizard.kill();
    }
}

/// The keys the walk's first lines name work in a list as in a text field: `<` goes back,
/// `?` shows the details; and at the first question, with nothing to go back to, going back
/// leaves the screen as it was.
#[test]
fn less_than_and_question_mark_work_in_a_list_and_the_first_question_stays_put() {
    for terminal in windows() {
        let mut person = Person::start(terminal, &["deregister", "--operator", "telenor"]);
        let intent = person.t(Ui::QIntent);
        person.wait_for(&intent);
        let before = flat_screen(&person.wizard.screen_rows());
        person.wizard.send(key::ESC);
        person.wizard.send("<");
        person.wizard.settle();
        assert_eq!(
            flat_screen(&person.wizard.screen_rows()),
            before,
            "{terminal:?}: Esc and < at the first question change nothing"
        );

        person.choose(&intent, &head(&person.t(Ui::OptIntentCancel)));
        let payer = person.t(Ui::QPayer);
        person.wait_for(&payer);
        person.wizard.send("?");
        let details = person.tf(Ui::DetailsOf, &[("phase", &"1/5")]);
        let details = details.split("1/5").next().unwrap_or_default().to_owned();
        person.wait_for(&payer);
        assert!(
            flat(&person.wizard.shown()).contains(&flat(&details)),
            "{terminal:?}: ? shows the details:\n{}",
            screen(&person.wizard.screen_rows())
        );
        person.wizard.send("<");
        person.wait_for(&intent);
        assert!(
            !person.shows_answered(&intent),
            "{terminal:?}: < went back to the intent:\n{}",
            screen(&person.wizard.screen_rows())
        );
        person.wizard.kill();
    }
}
