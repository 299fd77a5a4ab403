//! A phase fits the window: between one question and the next, nocard shows no more than a
//! 24-row terminal holds, so the answer just given is still on the screen when the next
//! question comes; and the walk's end fits too. Judged at 80 × 24 and 40 × 24, in English and
//! Chinese, through cancelling (postpaid and prepaid), porting, keeping the number and a
//! company-paid subscription.

use crate::harness::Terminal;
use crate::{Person, flat, head, lang_of, screen, windows};
use nocard::i18n::Ui;
use nocard::text::Lang;

/// One answer in a walk: a list's option by its words, or typed text.
#[derive(Clone)]
enum Answer {
    Pick(Ui, String),
    Type(Ui, &'static str),
    /// Services marked in a list of many, by their ids.
    Mark(Ui, &'static [&'static str]),
}

/// The question an answer answers, as the terminal's language words it.
fn prompt(person: &Person, ui: Ui) -> String {
    match ui {
        Ui::QChannel | Ui::QSentPhone => person.tf(ui, &[("operator", &"Telenor")]),
        _ => person.t(ui),
    }
}

/// Walks `answers` in `terminal`; at each question after the first, the answer to the one
/// before must still be on the screen, and so must the last once the walk has ended.
fn fits(terminal: Terminal, answers: &[Answer]) {
    let mut person = Person::start(
        terminal,
        &["deregister", "--operator", "telenor", "--out", "m.txt"],
    );
    let mut previous: Option<(String, String)> = None;
    for answer in answers {
        let (ui, text) = match answer {
            Answer::Pick(ui, option) => (*ui, option.clone()),
            Answer::Type(ui, text) => (*ui, (*text).to_owned()),
            Answer::Mark(ui, []) => (*ui, person.t(Ui::NoneGiven)),
            Answer::Mark(ui, ids) => (*ui, person.services(ids).join(&person.t(Ui::ListComma))),
        };
        let asked = prompt(&person, ui);
        person.wait_for(&asked);
        if let Some((previous, answer)) = &previous {
            assert_fits(&mut person, terminal, previous, answer, &asked);
        }
        match answer {
            Answer::Pick(..) => person.choose(&asked, &text),
            Answer::Type(..) => person.type_in(&asked, &text),
            Answer::Mark(_, ids) => {
                let names = person.services(ids);
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                person.mark(&asked, &names);
            }
        }
        previous = Some((asked, text));
    }
    let (code, _) = person.wizard.finish();
    assert_eq!(code, 0, "{terminal:?}");
    if let Some((previous, answer)) = &previous {
        assert_fits(
            &mut person,
            terminal,
            previous,
            answer,
            "the end of the walk",
        );
    }
}

/// Everything shown after the answer to `previous` (which held `answer`), up to and with the
/// question `next` and its list, fits in the window: the first row of it is still on the
/// screen, though the answer's own line may have scrolled up.
fn assert_fits(person: &mut Person, terminal: Terminal, previous: &str, answer: &str, next: &str) {
    let history = person.wizard.history();
    let start = flat(&format!("✔ {previous}"));
    // The answered line may wrap: its rows, joined, start with the question.
    let begins = |at: usize| {
        let mut joined = String::new();
        for row in &history[at..] {
            joined.push_str(&flat(&row.text));
            if joined.len() >= start.len() {
                break;
            }
        }
        history[at].text.starts_with('✔') && joined.starts_with(&start)
    };
    let Some(at) = (0..history.len()).rev().find(|&at| begins(at)) else {
        panic!(
            "{terminal:?}: no answered line for {previous:?}:\n{}",
            screen(&history)
        );
    };
    // The answered line ends where the answer's words do.
    let answer = flat(answer);
    let mut end = at;
    let mut joined = flat(&history[at].text);
    while !joined.contains(&answer) && end + 1 < history.len() {
        end += 1;
        joined.push_str(&flat(&history[end].text));
    }
    let last = history
        .iter()
        .rposition(|row| !row.text.is_empty())
        .unwrap_or(end);
    let after = last - end;
    assert!(
        after < usize::from(terminal.rows),
        "{terminal:?}: between the answer to {previous:?} and {next:?}, {after} rows are shown, \
         more than the window holds:\n{}",
        screen(&history[at..])
    );
}

/// The answers of a walk of `kind`, in `lang`'s words.
fn walk(lang: Lang, kind: &str) -> Vec<Answer> {
    use Answer::{Pick, Type};
    let pick = |ui: Ui, option: Ui| Pick(ui, head(option.get(lang)));
    let start = |intent: Ui| vec![pick(Ui::QIntent, intent)];
    let channel = |kind: Ui| Pick(Ui::QChannel, kind.get(lang).to_owned());
    let mut answers = match kind {
        "keep" => {
            let mut answers = start(Ui::OptIntentKeep);
            answers.extend([
                pick(Ui::QLeaving, Ui::OptLeavingYes),
                pick(Ui::QPlan, Ui::OptPlanPrepaid),
            ]);
            return answers;
        }
        "port" => start(Ui::OptIntentPort),
        _ => start(Ui::OptIntentCancel),
    };
    if kind == "company" {
        answers.push(pick(Ui::QPayer, Ui::OptPayerCompany));
        return answers;
    }
    answers.push(pick(Ui::QPayer, Ui::OptPayerPrivate));
    let prepaid = kind == "prepaid";
    // A cancellation for oneself, leaving Norway; a prepaid card for someone else, who
    // authorised it; porting, leaving: the longest screens each has.
    match kind {
        "port" => answers.push(pick(Ui::QLeaving, Ui::OptLeavingYes)),
        _ if prepaid => answers.extend([
            pick(Ui::QActing, Ui::OptActingProxy),
            pick(Ui::QLeaving, Ui::OptLeavingNo),
        ]),
        _ => answers.extend([
            pick(Ui::QActing, Ui::OptActingSelf),
            pick(Ui::QLeaving, Ui::OptLeavingYes),
        ]),
    }
    let plan = if prepaid {
        Ui::OptPlanPrepaid
    } else {
        Ui::OptPlanPostpaid
    };
    answers.extend([pick(Ui::QPlan, plan), pick(Ui::QSim, Ui::OptSimEsim)]);
    if kind == "port" {
        return answers;
    }
    // Leaving Norway with the most that depends on the number: the longest list shown.
    answers.push(Answer::Mark(
        Ui::QUses,
        if prepaid {
            &[]
        } else {
            &[
                "bankid",
                "bank-sms",
                "vipps",
                "minid",
                "id-porten",
                "wechat",
            ]
        },
    ));
    answers.extend([
        channel(if prepaid {
            Ui::ChannelChat
        } else {
            Ui::ChannelLetter
        }),
        Type(Ui::QPhone, "912 34 567"),
    ]);
    if prepaid {
        answers.push(Type(Ui::QOwner, "Kari Nordmann"));
    }
    answers.push(Type(
        if prepaid { Ui::QNameSender } else { Ui::QName },
        "Ola Nordmann",
    ));
    if !prepaid {
        answers.extend([
            Type(Ui::QAddress, "Storgata 1, 0150 Oslo"),
            Type(Ui::QCustomerNumber, ""),
        ]);
    }
    if prepaid {
        answers.extend([
            pick(Ui::QBalance, Ui::OptBalanceRefund),
            Type(Ui::QAccount, "1234.56.78903"),
        ]);
    }
    answers.extend([
        Pick(Ui::ReviewQuestion, Ui::ReviewWrite.get(lang).to_owned()),
        pick(Ui::QSent, Ui::OptSentNo),
    ]);
    answers
}

/// A call: the script to read, with what each line means, shown whole between the review and
/// the question whether the call was made.
fn phone_walk(lang: Lang) -> Vec<Answer> {
    use Answer::{Mark, Pick, Type};
    let pick = |ui: Ui, option: Ui| Pick(ui, head(option.get(lang)));
    vec![
        pick(Ui::QIntent, Ui::OptIntentCancel),
        pick(Ui::QPayer, Ui::OptPayerPrivate),
        pick(Ui::QActing, Ui::OptActingSelf),
        pick(Ui::QLeaving, Ui::OptLeavingNo),
        pick(Ui::QPlan, Ui::OptPlanPostpaid),
        pick(Ui::QSim, Ui::OptSimPhysical),
        Mark(Ui::QUses, &[]),
        Pick(Ui::QChannel, Ui::ChannelPhone.get(lang).to_owned()),
        Type(Ui::QPhone, "912 34 567"),
        Type(Ui::QName, "Ola Nordmann"),
        Pick(Ui::ReviewQuestion, Ui::ReviewWrite.get(lang).to_owned()),
        pick(Ui::QSentPhone, Ui::OptDoneNo),
    ]
}

#[test]
fn a_call_s_script_fits_the_window() {
    for terminal in windows() {
        fits(terminal, &phone_walk(lang_of(terminal)));
    }
}

fn every_window(kind: &str) {
    for terminal in windows() {
        fits(terminal, &walk(lang_of(terminal), kind));
    }
}

#[test]
fn a_cancelling_walk_fits_the_window_phase_by_phase() {
    every_window("cancel");
}

#[test]
fn a_prepaid_walk_with_a_refund_fits_the_window() {
    every_window("prepaid");
}

#[test]
fn porting_keeping_and_a_company_subscription_fit_the_window() {
    for kind in ["port", "keep", "company"] {
        every_window(kind);
    }
}
