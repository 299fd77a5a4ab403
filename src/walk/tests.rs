//! The step function alone: what each step shows, asks and does, with no terminal, no file
//! and no case book.

use std::path::Path;

use super::*;
use crate::operator::{Catalog, ChannelKind, Phase};
use crate::situation::{Acting, Intent, Payer, Plan, Sim};
use crate::text::Lang;
use crate::values::MobileNumber;

fn procedure(id: &str) -> (Operator, Common) {
    let catalog = Catalog::default();
    (catalog.operator(id).unwrap(), catalog.common().unwrap())
}

/// The shipped services, for every walk here.
fn services() -> &'static crate::operator::Services {
    static SERVICES: std::sync::OnceLock<crate::operator::Services> = std::sync::OnceLock::new();
    SERVICES.get_or_init(|| Catalog::default().services().unwrap())
}

fn walk<'a>(operator: &'a Operator, common: &'a Common) -> Walk<'a> {
    Walk {
        operator,
        common,
        services: services(),
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::En,
        interactive: true,
        replace: false,
        again: false,
        out: None,
    }
}

/// Steps until the walk needs something, answering each question it asks from `answers` in
/// turn; returns the last step's `next` and the questions asked.
fn answer_all(walk: &Walk, progress: &mut Progress, answers: &[Value]) -> (Next, Vec<Question>) {
    let mut asked = Vec::new();
    let mut answers = answers.iter();
    loop {
        let step = walk.step(progress);
        match step.next {
            Next::Ask(Prompt::Question { question, .. } | Prompt::Many { question, .. }) => {
                match answers.next() {
                    Some(value) => {
                        asked.push(question);
                        walk.take(progress, Event::Answer(value.clone()));
                    }
                    None => return (step.next, asked),
                }
            }
            next => return (next, asked),
        }
    }
}

#[test]
fn the_first_step_shows_when_the_facts_were_checked_and_asks_the_intent() {
    let (telenor, common) = procedure("telenor");
    let walk = walk(&telenor, &common);
    let step = walk.step(&mut Progress::default());
    assert!(matches!(
        step.show[..],
        [Show::Checked, Show::Header(Phase::Preparation)]
    ));
    assert_eq!(
        step.next,
        Next::Ask(Prompt::Question {
            question: Question::Intent,
            options: Some(vec![
                Value::Intent(Intent::Cancel),
                Value::Intent(Intent::Port),
                Value::Intent(Intent::Keep),
            ]),
            earlier: None,
            details: true,
        })
    );
    assert!(step.effects.is_empty(), "nothing to keep yet");
}

#[test]
fn porting_ends_with_advice_and_asks_the_command_for_nothing() {
    let (telenor, common) = procedure("telenor");
    let walk = walk(&telenor, &common);
    let mut progress = Progress::default();
    let (next, asked) = answer_all(
        &walk,
        &mut progress,
        &[
            Value::Intent(Intent::Port),
            Value::Payer(Payer::Private),
            Value::Leaving(false),
            Value::Plan(Plan::Postpaid),
            Value::Sim(Sim::Esim),
        ],
    );
    assert_eq!(next, Next::Done(Outcome::Advice));
    assert_eq!(
        asked,
        [
            Question::Intent,
            Question::Payer,
            Question::Leaving,
            Question::Plan,
            Question::Sim
        ],
        "who acts is asked only for a cancellation"
    );
}

#[test]
fn every_answer_asks_for_the_draft_to_be_kept_without_the_bank_account() {
    let (telenor, common) = procedure("telenor");
    let walk = walk(&telenor, &common);
    let mut progress = Progress::default();
    walk.step(&mut progress);
    walk.take(&mut progress, Event::Answer(Value::Intent(Intent::Cancel)));
    let step = walk.step(&mut progress);
    let [Effect::KeepDraft(draft)] = &step.effects[..] else {
        panic!("{:?}", step.effects);
    };
    assert_eq!(draft.operator, "telenor");
    assert_eq!(draft.answers["intent"].as_str(), Some("cancel"));
    let account = crate::values::BankAccount::parse("12345678903").unwrap();
    let mut answers = Answers::default();
    answers.set(Value::Account(account));
    let progress = Progress::new(answers);
    assert!(walk.draft(&progress).answers.is_empty(), "never on disk");
}

#[test]
fn the_number_is_looked_up_before_the_name_is_asked_and_again_when_it_changes() {
    let (telenor, common) = procedure("telenor");
    let walk = walk(&telenor, &common);
    let mut progress = Progress::default();
    let number = MobileNumber::parse("912 34 567").unwrap();
    let (next, _) = answer_all(
        &walk,
        &mut progress,
        &[
            Value::Intent(Intent::Cancel),
            Value::Payer(Payer::Private),
            Value::Acting(Acting::Owner),
            Value::Leaving(false),
            Value::Plan(Plan::Postpaid),
            Value::Sim(Sim::Physical),
            Value::Uses(Vec::new()),
            Value::Channel(ChannelKind::Letter),
            Value::Phone(number.clone()),
        ],
    );
    assert_eq!(next, Next::Do(Action::LookUpOpenCase(number)));
    walk.take(&mut progress, Event::Found(None));
    let step = walk.step(&mut progress);
    assert!(matches!(
        step.next,
        Next::Ask(Prompt::Question {
            question: Question::Name,
            ..
        })
    ));
    walk.take(&mut progress, Event::Back);
    let other = MobileNumber::parse("412 34 567").unwrap();
    walk.step(&mut progress);
    walk.take(&mut progress, Event::Answer(Value::Phone(other.clone())));
    assert_eq!(
        walk.step(&mut progress).next,
        Next::Do(Action::LookUpOpenCase(other))
    );
}

#[test]
fn without_a_person_a_missing_answer_is_refused_and_a_request_is_taken_as_not_sent() {
    let (ice, common) = procedure("ice");
    let unattended = Walk {
        interactive: false,
        out: Some(PathBuf::from("m.txt")),
        ..walk(&ice, &common)
    };
    let text = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"phone\"\nphone = \"99 88 77 66\"\n";
    let answers = Answers::parse("a.toml", text, &ice, services(), Lang::En).unwrap();
    let mut progress = Progress::new(answers);
    let (next, _) = answer_all(&unattended, &mut progress, &[]);
    assert_eq!(
        next,
        Next::Do(Action::LookUpOpenCase(
            MobileNumber::parse("99887766").unwrap()
        ))
    );
    unattended.take(&mut progress, Event::Found(None));
    let (next, _) = answer_all(&unattended, &mut progress, &[]);
    assert_eq!(next, Next::Fail(Refusal::Missing(Question::Name)));

    progress.answers.set(Value::Name("Ola".into()));
    let (next, _) = answer_all(&unattended, &mut progress, &[]);
    let Next::Do(Action::Write { files, replace, .. }) = next else {
        panic!("{next:?}");
    };
    let path = files[0].0.clone();
    assert_eq!((path.as_path(), replace), (Path::new("m.txt"), false));
    unattended.take(&mut progress, Event::Written(path.clone()));
    let (next, _) = answer_all(&unattended, &mut progress, &[]);
    let Next::Do(Action::Record(case)) = next else {
        panic!("{next:?}");
    };
    assert_eq!(
        case.state,
        crate::casebook::State::Written,
        "written, not sent"
    );
    assert_eq!(case.sent, None);
    unattended.take(&mut progress, Event::Recorded(Some(1)));
    let (next, _) = answer_all(&unattended, &mut progress, &[]);
    assert_eq!(next, Next::Done(Outcome::Message(path)));
    assert_eq!(progress.answers.sent(), Some(false));
}

#[test]
fn an_operator_without_channels_is_refused_rather_than_asked_for_ever() {
    let (mut telenor, common) = procedure("telenor");
    telenor.channels = Vec::new().into();
    let walk = walk(&telenor, &common);
    let mut progress = Progress::default();
    let (next, _) = answer_all(
        &walk,
        &mut progress,
        &[
            Value::Intent(Intent::Cancel),
            Value::Payer(Payer::Private),
            Value::Acting(Acting::Owner),
            Value::Leaving(false),
            Value::Plan(Plan::Postpaid),
            Value::Sim(Sim::Physical),
            Value::Uses(Vec::new()),
        ],
    );
    assert_eq!(next, Next::Fail(Refusal::NoOptions(Question::Channel)));
}

#[test]
fn the_services_the_user_has_are_shown_before_the_contact_phase_in_the_order_chosen() {
    let (telenor, common) = procedure("telenor");
    let walk = walk(&telenor, &common);
    let mut progress = Progress::default();
    let (next, asked) = answer_all(
        &walk,
        &mut progress,
        &[
            Value::Intent(Intent::Cancel),
            Value::Payer(Payer::Private),
            Value::Acting(Acting::Owner),
            Value::Leaving(true),
            Value::Plan(Plan::Postpaid),
            Value::Sim(Sim::Esim),
        ],
    );
    assert_eq!(asked.last(), Some(&Question::Sim));
    let Next::Ask(Prompt::Many {
        question,
        options,
        earlier,
        ..
    }) = next
    else {
        panic!("{next:?}");
    };
    assert_eq!(question, Question::Uses);
    assert_eq!(
        options.len(),
        services().services.len(),
        "every service is offered"
    );
    assert!(earlier.is_empty());

    walk.take(
        &mut progress,
        Event::Answer(Value::Uses(vec!["vipps".into(), "bankid".into()])),
    );
    let step = walk.step(&mut progress);
    let shown: Vec<&str> = step
        .show
        .iter()
        .find_map(|show| match show {
            Show::Services(entries) => Some(entries.iter().map(|e| &*e.id).collect()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no services shown: {:?}", step.show));
    assert_eq!(shown, ["vipps", "bankid"]);
    let services_at = step
        .show
        .iter()
        .position(|show| matches!(show, Show::Services(_)));
    let contact_at = step
        .show
        .iter()
        .position(|show| matches!(show, Show::Header(Phase::Contact)));
    assert!(
        services_at < contact_at,
        "then the contact phase: {:?}",
        step.show
    );

    // Going back offers the list again with what was chosen marked.
    walk.take(&mut progress, Event::Back);
    let step = walk.step(&mut progress);
    let Next::Ask(Prompt::Many { earlier, .. }) = step.next else {
        panic!("{:?}", step.next);
    };
    assert_eq!(earlier, ["vipps", "bankid"]);
}

#[test]
fn no_service_is_asked_about_when_the_number_is_kept_or_ported() {
    let (telenor, common) = procedure("telenor");
    let walk = walk(&telenor, &common);
    let port = [
        Value::Intent(Intent::Port),
        Value::Payer(Payer::Private),
        Value::Leaving(false),
        Value::Plan(Plan::Postpaid),
        Value::Sim(Sim::Esim),
    ];
    // Keeping the number asks neither who pays nor the kind of SIM: neither changes the advice.
    let keep = [
        Value::Intent(Intent::Keep),
        Value::Leaving(false),
        Value::Plan(Plan::Postpaid),
    ];
    for answers in [&port[..], &keep[..]] {
        let mut progress = Progress::default();
        let (next, asked) = answer_all(&walk, &mut progress, answers);
        let questions: Vec<Question> = answers.iter().map(Value::question).collect();
        assert_eq!(asked, questions);
        assert!(
            !matches!(next, Next::Ask(_)),
            "nothing more is asked: {next:?}"
        );
    }
}
