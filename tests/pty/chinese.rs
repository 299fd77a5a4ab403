//! Wide characters and long answers in a narrow window, as a person sees them: a Chinese list
//! redraws in place, Chinese typed and deleted leaves nothing behind, and an answer longer than
//! the row wraps, and is taken back by Backspace, correctly.

use crate::harness::{Terminal, key};
use crate::{Person, flat, screen};
use nocard::i18n::Ui;

fn narrow_chinese() -> Terminal {
    Terminal {
        columns: 40,
        rows: 24,
        lang: "zh_CN.UTF-8",
    }
}

#[test]
fn moving_in_a_chinese_list_redraws_it_in_place() {
    let mut person = Person::start(narrow_chinese(), &["deregister", "--operator", "telenor"]);
    let intent = person.t(Ui::QIntent);
    person.wait_for(&intent);
    let before = person.wizard.screen_rows();
    for _ in 0..5 {
        person.wizard.send(key::DOWN);
        person.wizard.settle();
    }
    let after = person.wizard.screen_rows();
    let count = |rows: &[crate::harness::Row], text: &str| {
        rows.iter()
            .filter(|row| flat(&row.text).contains(&flat(text)))
            .count()
    };
    for option in [Ui::OptIntentCancel, Ui::OptIntentPort, Ui::OptIntentKeep] {
        // The first words of the option, which stay on its first row.
        let head: String = crate::head(&person.t(option)).chars().take(6).collect();
        assert_eq!(
            count(&after, &head),
            1,
            "{option:?} is drawn once after moving:\n{}",
            screen(&after)
        );
    }
    assert_eq!(
        before.iter().filter(|row| !row.text.is_empty()).count(),
        after.iter().filter(|row| !row.text.is_empty()).count(),
        "the list takes the same rows:\nbefore\n{}after\n{}",
        screen(&before),
        screen(&after)
    );
    person.wizard.kill();
}

/// Walks to the name question in a narrow Chinese window.
fn at_the_name(person: &mut Person) {
    person.up_to_the_number(Ui::ChannelChat);
    person.type_in(&person.t(Ui::QPhone), "912 34 567");
    person.wait_for(&person.t(Ui::QName));
}

/// The input row, and any it wrapped onto: from the last row that starts with `›`.
fn typed(person: &Person) -> String {
    let rows = person.wizard.screen_rows();
    let Some(at) = rows.iter().rposition(|row| row.text.starts_with('›')) else {
        return String::new();
    };
    rows[at..].iter().map(|row| row.text.as_str()).collect()
}

#[test]
fn chinese_typed_and_deleted_in_a_field_leaves_nothing_behind() {
    let mut person = Person::start(narrow_chinese(), &["deregister", "--operator", "telenor"]);
    at_the_name(&mut person);
    person.wizard.send("王小明");
    person.wizard.settle();
    assert_eq!(typed(&person), "› 王小明");
    person.wizard.send(&key::BACKSPACE.repeat(2));
    person.wizard.settle();
    assert_eq!(
        typed(&person),
        "› 王",
        "{}",
        screen(&person.wizard.screen_rows())
    );
    // The operator's records hold the name in Latin letters: refused, with the reason, and
    // the field comes back with what was typed, to be mended.
    person.wizard.send("大卫\r");
    let reason = person.t(Ui::NameNotLatin);
    let start: String = reason.chars().take(10).collect();
    person.wizard.expect(&start);
    person.wizard.settle();
    assert_eq!(typed(&person), "› 王大卫");
    person.wizard.send(&key::BACKSPACE.repeat(3));
    person.wizard.send("Wang Dawei\r");
    person.wait_for(&person.t(Ui::ReviewQuestion));
    let answered = flat(&format!("✔ {} · Wang Dawei", person.t(Ui::QName)));
    let history = person.wizard.history();
    let shown: String = history.iter().map(|row| flat(&row.text)).collect();
    assert_eq!(
        shown.matches(&answered).count(),
        1,
        "the name stands answered, once, whole:\n{}",
        screen(&history)
    );
    assert!(
        !shown.contains("王大卫"),
        "nothing stale:\n{}",
        screen(&history)
    );
    person.wizard.kill();
}

#[test]
fn an_answer_longer_than_the_row_wraps_and_is_taken_back_by_backspace() {
    let mut person = Person::start(narrow_chinese(), &["deregister", "--operator", "telenor"]);
    at_the_name(&mut person);
    let name = "Kari Elisabeth Nordmann-Johannessen Hansen";
    person.wizard.send(name);
    person.wizard.settle();
    assert_eq!(flat(&typed(&person)), flat(&format!("› {name}")));
    person.wizard.send(&key::BACKSPACE.repeat(7));
    person.wizard.settle();
    assert_eq!(
        flat(&typed(&person)),
        flat("› Kari Elisabeth Nordmann-Johannessen"),
        "Backspace takes back across the row's edge, leaving nothing stale:\n{}",
        screen(&person.wizard.screen_rows())
    );
    person.wizard.send(key::ENTER);
    person.wait_for(&person.t(Ui::ReviewQuestion));
    let history = person.wizard.history();
    let shown: String = history.iter().map(|row| flat(&row.text)).collect();
    // Once answered, and once at the review where its list has not scrolled it out of view.
    let times = shown
        .matches(&flat("Kari Elisabeth Nordmann-Johannessen"))
        .count();
    assert!(
        (1..=2).contains(&times),
        "the name is shown once answered and at most once at the review, nothing stale:\n{}",
        screen(&history)
    );
    person.wizard.kill();
}
