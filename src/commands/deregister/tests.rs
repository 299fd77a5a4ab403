//! The walk driven end to end, as a person at a terminal would go through it, against a
//! case book and a folder kept in memory: no terminal, no files.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::path::PathBuf;

use super::*;
use crate::casebook::State;
use crate::operator::{Catalog, Common};
use crate::text::Lang;

/// One scripted reply: pick the option whose label contains the text, type text, take what
/// is offered to begin with (the chosen option, the text filled in), ask for the details, or
/// go back.
#[derive(Debug, Clone, Copy)]
enum Say {
    Pick(&'static str),
    Type(&'static str),
    Enter,
    Details,
    Back,
}

use Say::{Back, Details, Enter, Pick, Type};

/// A person who answers from a script, remembering what was asked and shown.
#[derive(Default)]
struct Scripted {
    replies: VecDeque<Say>,
    /// The key of every question asked, in order (a re-ask after a refusal counts once).
    asked: Vec<String>,
    /// The keys of the questions asked with keys typed ahead thrown away.
    careful: Vec<String>,
    /// Every refusal of typed input.
    refused: Vec<String>,
    shown: String,
    /// What a person saw and did, in order: shown text, questions, options, answers.
    transcript: String,
}

impl Scripted {
    fn new(replies: &[Say]) -> Self {
        Scripted {
            replies: replies.iter().copied().collect(),
            ..Scripted::default()
        }
    }

    fn next(&mut self, ask: &Ask) -> Say {
        if ask.careful {
            self.careful.push(ask.key.to_owned());
        }
        self.replies.pop_front().unwrap_or_else(|| {
            panic!(
                "the script ran out at `{}`; asked so far: {:?}",
                ask.key, self.asked
            )
        })
    }
}

impl Prompter for Scripted {
    fn can_ask(&self) -> bool {
        true
    }

    fn show(&mut self, text: &str) -> Result<()> {
        self.shown.push_str(text);
        self.transcript.push_str(text);
        Ok(())
    }

    fn select(&mut self, ask: Ask, options: &[String], default: usize) -> Result<Reply<usize>> {
        self.asked.push(ask.key.to_owned());
        let _ = writeln!(self.transcript, "? {}", ask.prompt);
        for (index, option) in options.iter().enumerate() {
            let mark = if index == default { '❯' } else { ' ' };
            let _ = writeln!(self.transcript, "  {mark} {option}");
        }
        if ask.details {
            let _ = writeln!(self.transcript, "    (details)");
        }
        let index = match self.next(&ask) {
            Pick(text) => options
                .iter()
                .position(|option| option.contains(text))
                .unwrap_or_else(|| panic!("no option with {text:?} at `{}`: {options:?}", ask.key)),
            Enter => default,
            Back => {
                self.transcript.push_str("‹ back\n");
                return Ok(Reply::Back);
            }
            Details => {
                assert!(ask.details, "no details at `{}`", ask.key);
                self.transcript.push_str("› (details)\n");
                return Ok(Reply::Details);
            }
            Type(text) => panic!("typed {text:?} at the list `{}`", ask.key),
        };
        let _ = writeln!(self.transcript, "› {}", options[index]);
        Ok(Reply::Answer(index))
    }

    /// `Type("BankID, Vipps")` marks the options that hold each part; Enter keeps what is
    /// marked.
    fn many(&mut self, ask: Ask, options: &[String], marked: &[bool]) -> Result<Reply<Vec<usize>>> {
        self.asked.push(ask.key.to_owned());
        let _ = writeln!(self.transcript, "? {}", ask.prompt);
        for (index, option) in options.iter().enumerate() {
            let mark = if marked.get(index) == Some(&true) {
                'x'
            } else {
                ' '
            };
            let _ = writeln!(self.transcript, "  [{mark}] {option}");
        }
        let chosen: Vec<usize> = match self.next(&ask) {
            Type(text) => text
                .split(',')
                .map(|part| {
                    options
                        .iter()
                        .position(|option| option.contains(part.trim()))
                        .unwrap_or_else(|| panic!("no option with {part:?} at `{}`", ask.key))
                })
                .collect(),
            Enter => (0..options.len())
                .filter(|&i| marked.get(i) == Some(&true))
                .collect(),
            Back => {
                self.transcript.push_str("‹ back\n");
                return Ok(Reply::Back);
            }
            Details => {
                self.transcript.push_str("› (details)\n");
                return Ok(Reply::Details);
            }
            Pick(text) => panic!("picked {text:?} at the list of many `{}`", ask.key),
        };
        let names: Vec<&str> = chosen.iter().map(|&i| options[i].as_str()).collect();
        let names = if names.is_empty() {
            "(none)".to_owned()
        } else {
            names.join(", ")
        };
        let _ = writeln!(self.transcript, "› {names}");
        Ok(Reply::Answer(chosen))
    }

    fn input(
        &mut self,
        ask: Ask,
        initial: &str,
        check: &dyn Fn(&str) -> Result<String, String>,
    ) -> Result<Reply<String>> {
        self.asked.push(ask.key.to_owned());
        let mut typed = initial.to_owned();
        loop {
            let offered = if typed.is_empty() {
                String::new()
            } else {
                format!(" [{typed}]")
            };
            match self.next(&ask) {
                Type(text) => typed = text.to_owned(),
                Enter => {}
                Back => {
                    let _ = writeln!(self.transcript, "? {}{offered} › <", ask.prompt);
                    return Ok(Reply::Back);
                }
                Details => {
                    assert!(ask.details, "no details at `{}`", ask.key);
                    let _ = writeln!(self.transcript, "? {}{offered} › ?", ask.prompt);
                    return Ok(Reply::Details);
                }
                Pick(text) => panic!("picked {text:?} at the text field `{}`", ask.key),
            }
            let _ = writeln!(self.transcript, "? {}{offered} › {typed}", ask.prompt);
            match check(&typed) {
                Ok(_) => return Ok(Reply::Answer(typed)),
                Err(reason) => {
                    let _ = writeln!(self.transcript, "  ✘ {reason}");
                    self.refused.push(reason);
                }
            }
        }
    }
}

struct Fixture {
    operator: Operator,
    common: Common,
    services: crate::operator::Services,
}

/// The message file's name in every walk here; shown in transcripts as a folder would be.
const OUT: &str = "$DIR/message.txt";

fn out() -> PathBuf {
    PathBuf::from(OUT)
}

impl Fixture {
    fn new(id: &str) -> Self {
        let catalog = Catalog::default();
        Fixture {
            operator: catalog.operator(id).unwrap(),
            common: catalog.common().unwrap(),
            services: catalog.services().unwrap(),
        }
    }

    fn walk(&self) -> Walk<'_> {
        Walk {
            operator: &self.operator,
            common: &self.common,
            services: &self.services,
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::En,
            interactive: true,
            replace: false,
            again: false,
            out: Some(out()),
        }
    }

    /// Walks with `replies`, against a case book and folder of its own.
    fn run(&self, replies: &[Say]) -> (Outcome, Scripted, Memory) {
        let mut memory = Memory::default();
        let (outcome, person) = self.run_with(replies, &mut memory);
        (outcome, person, memory)
    }

    /// Walks with `replies` against `memory`; every reply must be used.
    fn run_with(&self, replies: &[Say], memory: &mut Memory) -> (Outcome, Scripted) {
        let mut person = Scripted::new(replies);
        let outcome = self
            .drive(Progress::default(), &mut person, memory)
            .unwrap();
        assert!(
            person.replies.is_empty(),
            "unused replies: {:?}",
            person.replies
        );
        (outcome, person)
    }

    fn drive(
        &self,
        progress: Progress,
        person: &mut Scripted,
        memory: &mut Memory,
    ) -> Result<Outcome> {
        drive(&self.walk(), progress, person, memory, &Layout::plain())
    }

    /// The same walk with nobody to ask: the answers come from `answers`; `again` as
    /// `--again` gives it.
    fn unattended(&self, answers: &str, again: bool, memory: &mut Memory) -> Result<Outcome> {
        let answers = Answers::parse(
            "answers.toml",
            answers,
            &self.operator,
            &self.services,
            Lang::En,
        )
        .unwrap();
        let walk = Walk {
            interactive: false,
            again,
            ..self.walk()
        };
        let mut nobody = Scripted::new(&[]);
        drive(
            &walk,
            Progress::new(answers),
            &mut nobody,
            memory,
            &Layout::plain(),
        )
    }
}

/// A letter: the address heads it, and there is no customer number at hand.
const COMMON_CASE: [Say; 14] = [
    Pick("Cancel for good"),
    Pick("myself"),
    Pick("Mine"),
    Pick("No, I stay"),
    Pick("Postpaid"),
    Pick("physical"),
    Enter,
    Pick("letter"),
    Type("912 34 567"),
    Type("Ola Nordmann"),
    Type("Storgata 1, 0150 Oslo"),
    Enter,
    Pick("Write the message"),
    Pick("Not yet"),
];

/// Where `COMMON_CASE` answers the review.
const REVIEW: usize = 12;

#[test]
fn the_common_case_reaches_the_message_in_eleven_questions() {
    let telenor = Fixture::new("telenor");
    let mut chat = COMMON_CASE.to_vec();
    chat[7] = Pick("chat");
    chat.drain(10..12);
    let (outcome, person, _) = telenor.run(&chat);
    assert_eq!(outcome, Outcome::Message(out()));
    assert_eq!(
        person.asked[..11],
        [
            "intent", "payer", "acting", "leaving", "plan", "sim", "uses", "channel", "phone",
            "name", "review"
        ],
        "the message is written after eleven questions"
    );
    assert_eq!(person.asked[11..], ["sent"], "then: was it sent?");

    // A letter also asks where the confirmation should go, and for a customer number.
    let (_, person, memory) = telenor.run(&COMMON_CASE);
    assert_eq!(
        person.asked[9..=REVIEW],
        ["name", "address", "customer_number", "review"]
    );
    let message = memory.message();
    assert!(
        memory
            .message_file()
            .contains("\nTelenor Norge AS\nSnarøyveien 30\n1360 Fornebu\n")
    );
    assert!(message.contains("Oslo, 25. november 2026"));
    assert!(message.contains("mobilabonnementet mitt med mobilnummer +47 912 34 567"));
    assert!(!message.contains("saldo"), "no refund was asked for");
    // The phases are shown in order, each with its number.
    let headers: Vec<usize> = [
        "1/5 Preparation",
        "2/5 Contact",
        "3/5 Required information",
        "4/5 Balance handling",
        "5/5 Confirmation",
    ]
    .iter()
    .map(|h| person.shown.find(h).unwrap_or_else(|| panic!("no {h}")))
    .collect();
    assert!(headers.windows(2).all(|w| w[0] < w[1]));
    assert!(
        person
            .shown
            .contains("the subscription ends on 31 December 2026")
    );
    assert!(
        person.shown.contains("Move every login that sends codes"),
        "ends with the checklist"
    );
}

#[test]
fn a_wrong_phone_number_is_asked_again_with_the_reason() {
    let telenor = Fixture::new("telenor");
    let mut replies = COMMON_CASE.to_vec();
    replies.insert(8, Type("812 34 567"));
    replies.insert(8, Type("9123"));
    let (_, person, memory) = telenor.run(&replies);
    assert_eq!(person.refused.len(), 2);
    assert!(person.refused[0].contains("8 digits"));
    assert!(person.refused[1].contains("starts with 4 or 9"));
    assert!(memory.message().contains("+47 912 34 567"));
}

#[test]
fn porting_ends_with_advice_and_sends_nothing() {
    let telenor = Fixture::new("telenor");
    let (outcome, person, memory) = telenor.run(&[
        Pick("another operator"),
        Pick("myself"),
        Pick("No, I stay"),
        Pick("Prepaid"),
        Pick("eSIM"),
    ]);
    assert_eq!(outcome, Outcome::Advice);
    assert!(
        person
            .shown
            .contains("Order from the new operator; tell Telenor nothing"),
        "the operator's own step on porting, with what it says: {}",
        person.shown
    );
    assert!(person.shown.contains("the Telenor subscription ends by"));
    assert!(!person.shown.contains("2/5 Contact"));
    assert!(memory.files.is_empty(), "nothing written");
}

#[test]
fn keeping_the_number_shows_what_the_operator_offers() {
    let ice = Fixture::new("ice");
    let (outcome, person, _) = ice.run(&[Pick("alive"), Pick("No, I stay"), Pick("Postpaid")]);
    assert_eq!(outcome, Outcome::Advice);
    assert_eq!(
        person.asked,
        ["intent", "leaving", "plan"],
        "neither who pays nor the kind of SIM matters for keeping"
    );
    assert!(
        person.shown.contains("182 days"),
        "ice's paid freeze: {}",
        person.shown
    );

    let telenor = Fixture::new("telenor");
    let (_, person, _) = telenor.run(&[Pick("alive"), Pick("No, I stay"), Pick("Prepaid")]);
    assert!(person.shown.contains("15 months after the last top-up"));
}

#[test]
fn a_company_paid_subscription_stops_with_the_employer() {
    let telia = Fixture::new("telia");
    let (outcome, person, memory) = telia.run(&[Pick("Cancel for good"), Pick("employer")]);
    assert_eq!(outcome, Outcome::Advice);
    assert_eq!(person.asked, ["intent", "payer"]);
    assert!(
        person
            .shown
            .contains("Your employer cancels this subscription")
    );
    assert!(memory.files.is_empty(), "nothing written");
}

#[test]
fn a_prepaid_refund_asks_for_an_account_until_it_is_valid() {
    let telenor = Fixture::new("telenor");
    let (_, person, memory) = telenor.run(&[
        Pick("Cancel for good"),
        Pick("myself"),
        Pick("Mine"),
        Pick("No, I stay"),
        Pick("Prepaid"),
        Pick("eSIM"),
        Enter,
        Pick("phone"),
        Type("+47 412 34 567"),
        Type("Kari Nordmann"),
        Pick("paid out"),
        Type("1234.56.78904"),
        Type("1234.56.78903"),
        Pick("Write the message"),
        Pick("Not yet"),
    ]);
    assert_eq!(person.refused.len(), 1);
    assert!(person.refused[0].contains("check digit"));
    assert!(
        person.shown.contains("Ask for the payout when you cancel"),
        "a line for the step: {}",
        person.shown
    );
    let message = memory.message();
    assert!(message.contains("«Hei, jeg heter Kari Nordmann. Jeg vil si opp kontantkortet mitt med mobilnummer 412 34 567.»"));
    assert!(message.contains("gjenværende saldo til konto 1234.56.78903"));
}

#[test]
fn the_details_of_a_phase_are_shown_on_request_and_the_question_asked_again() {
    let telenor = Fixture::new("telenor");
    let mut replies = COMMON_CASE[..REVIEW].to_vec();
    replies.extend([Details, Pick("Write the message"), Pick("Not yet")]);
    replies.splice(8..8, [Details]);
    let (_, person, _) = telenor.run(&replies);
    assert!(
        person
            .shown
            .contains("Details and sources: 3/5 Required information"),
        "{}",
        person.shown
    );
    assert!(
        person
            .shown
            .contains("national identity number or date of birth")
    );
    assert_eq!(
        person.asked.iter().filter(|key| *key == "phone").count(),
        2,
        "asked again after the details"
    );
}

#[test]
fn an_esim_gets_the_esim_precautions_and_not_the_sim_card_ones() {
    let telenor = Fixture::new("telenor");
    let mut replies = COMMON_CASE.to_vec();
    replies[5] = Pick("eSIM");
    let (_, _, memory) = telenor.run(&replies);
    let saved = &memory.files[&PathBuf::from("$DIR/message-checklist.txt")];
    assert!(saved.contains("Deleting the eSIM or blocking it does not end the contract"));
    assert!(
        saved.contains("A blocked (sperret) subscription is still billed"),
        "in full"
    );
    assert!(!saved.contains("Back up contacts and messages stored on the SIM card"));
    assert!(!saved.contains("Blocking the SIM card"));
    // Words, whatever the lines they were wrapped to.
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words(saved).contains("Keep the eSIM profile until the cancellation or port"));
    assert!(!words(saved).contains("cut the card through the chip"));

    let (_, _, memory) = telenor.run(&COMMON_CASE);
    let saved = &memory.files[&PathBuf::from("$DIR/message-checklist.txt")];
    assert!(saved.contains("Blocking the SIM card or throwing it away"));
    assert!(!saved.contains("Deleting the eSIM"));
    assert!(words(saved).contains("cut the card through the chip"));
    assert!(!words(saved).contains("eSIM profile"));
}

#[test]
fn a_prepaid_walk_is_told_of_its_balance_never_of_notice_periods_or_final_invoices() {
    let telenor = Fixture::new("telenor");
    let (_, person, memory) = telenor.run(&[
        Pick("Cancel for good"),
        Pick("myself"),
        Pick("Mine"),
        Pick("No, I stay"),
        Pick("Prepaid"),
        Pick("physical"),
        Enter,
        Pick("letter"),
        Type("412 34 567"),
        Type("Kari Nordmann"),
        Type("Storgata 1, 0150 Oslo"),
        Enter,
        Pick("Use it up"),
        Pick("Write the message"),
        Pick("Yes, I sent it"),
        Enter,
        Pick("No"),
    ]);
    for shown in [
        &person.shown,
        &memory.files[&PathBuf::from("$DIR/message-checklist.txt")],
    ] {
        // Titles of sources are theirs: a page on subscriptions names binding. Words are
        // joined whatever the lines they were wrapped to, or "final\ninvoice" slips through.
        let lower: String = shown
            .lines()
            .filter(|line| !line.trim_start().starts_with("Source:"))
            .flat_map(str::split_whitespace)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        for word in ["notice period", "final invoice", "binding", "forskudd"] {
            assert!(!lower.contains(word), "{word:?} in {shown}");
        }
    }
    assert!(
        memory
            .message()
            .contains("med datoen abonnementet avsluttes"),
        "the message asks for the end date"
    );
    assert_eq!(memory.cases[0].expected_end, None);
    assert_eq!(memory.cases[0].plan, Some(crate::situation::Plan::Prepaid));
}

#[test]
fn a_company_paid_subscription_is_not_given_the_owners_precautions() {
    let telia = Fixture::new("telia");
    let (_, person, _) = telia.run(&[Pick("Cancel for good"), Pick("employer")]);
    let checklist = &person.shown[person.shown.rfind("Checklist").unwrap()..];
    assert!(checklist.contains("cancelled by the employer"));
    assert!(checklist.contains("Move every login"));
    for owners in ["final invoice", "in writing", "angrerett", "one channel"] {
        assert!(!checklist.contains(owners), "{owners:?} in {checklist}");
    }
}

#[test]
fn once_sent_the_checklist_says_what_comes_after_and_no_longer_what_to_do_before() {
    let telenor = Fixture::new("telenor");
    let (_, person, _) = telenor.run(&sent_now());
    let checklist = &person.shown[person.shown.rfind("Checklist").unwrap()..];
    assert!(
        checklist.contains("confirmed in writing"),
        "what comes after, first: {checklist}"
    );
    assert!(!checklist.contains("Port it instead"), "{checklist}");
    assert!(!checklist.contains("before you cancel"), "{checklist}");
    let (_, person, _) = telenor.run(&COMMON_CASE);
    let checklist = &person.shown[person.shown.rfind("Checklist").unwrap()..];
    assert!(
        checklist.contains("Port it instead"),
        "not sent yet: {checklist}"
    );
}

#[test]
fn going_back_asks_the_previous_question_again() {
    let telenor = Fixture::new("telenor");
    let mut replies = vec![Pick("another operator"), Back];
    replies.extend(COMMON_CASE);
    let (outcome, person, _) = telenor.run(&replies);
    assert_eq!(&person.asked[..3], ["intent", "payer", "intent"]);
    assert_eq!(outcome, Outcome::Message(out()));
}

#[test]
fn an_answer_can_be_changed_at_the_review() {
    let telenor = Fixture::new("telenor");
    let mut replies = COMMON_CASE[..REVIEW].to_vec();
    replies.extend([
        Pick("Change channel"),
        Pick("phone"),
        Pick("Write the message"),
        Pick("Not yet"),
    ]);
    let (_, person, memory) = telenor.run(&replies);
    assert_eq!(
        person.asked[REVIEW..],
        ["review", "channel", "review", "sent"]
    );
    assert!(
        memory.message().contains("Call 915 09 000"),
        "a phone script, not a letter"
    );
    assert!(
        !memory.message().contains("Storgata"),
        "the address went with the letter"
    );
}

/// Changing one's mind at the review about what should happen, or who pays, ends the walk
/// as a walk begun that way does: with the advice, and nothing written.
#[test]
fn changing_the_intent_or_the_payer_at_the_review_ends_with_its_advice() {
    let telenor = Fixture::new("telenor");
    let mut replies = COMMON_CASE[..REVIEW].to_vec();
    replies.extend([Pick("Change intent"), Pick("another operator")]);
    let (outcome, person, memory) = telenor.run(&replies);
    assert_eq!(outcome, Outcome::Advice);
    let after = &person.shown[person.shown.rfind("Your answers").unwrap_or(0)..];
    assert!(
        after.contains("Order from the new operator; tell Telenor nothing"),
        "the porting advice: {after}"
    );
    assert!(after.contains("Checklist"), "and the checklist: {after}");
    assert!(memory.files.is_empty(), "nothing written");

    let mut replies = COMMON_CASE[..REVIEW].to_vec();
    replies.extend([Pick("Change payer"), Pick("employer")]);
    let (outcome, person, memory) = telenor.run(&replies);
    assert_eq!(outcome, Outcome::Advice);
    let after = &person.shown[person.shown.rfind("Your answers").unwrap_or(0)..];
    assert!(
        after.contains("Your employer cancels this subscription"),
        "{after}"
    );
    assert!(memory.files.is_empty(), "nothing written");
}

#[test]
fn an_existing_file_is_never_replaced_without_asking_and_a_free_name_is_offered() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    memory.files.insert(out(), "keep me".into());
    let mut replies = COMMON_CASE[..=REVIEW].to_vec();
    replies.extend([Enter, Pick("Not yet")]);
    let (outcome, person) = telenor.run_with(&replies, &mut memory);
    assert_eq!(memory.message(), "keep me", "the default keeps the file");
    let free = PathBuf::from("$DIR/message-2.txt");
    assert_eq!(outcome, Outcome::Message(free.clone()));
    assert!(memory.files[&free].contains("Telenor Norge AS"));
    assert!(person.careful.contains(&"overwrite".to_owned()));

    let mut replies = COMMON_CASE[..=REVIEW].to_vec();
    replies.extend([Pick("a name I type"), Type("mine.txt"), Pick("Not yet")]);
    let (outcome, _) = telenor.run_with(&replies, &mut memory);
    assert_eq!(outcome, Outcome::Message(PathBuf::from("mine.txt")));

    let mut replies = COMMON_CASE[..=REVIEW].to_vec();
    replies.extend([Pick("Replace"), Pick("Not yet")]);
    telenor.run_with(&replies, &mut memory);
    assert!(memory.message().contains("Telenor Norge AS"), "replaced");

    let mut replies = COMMON_CASE[..=REVIEW].to_vec();
    replies.extend([
        Back,
        Pick("Write the message"),
        Pick("Replace"),
        Pick("Not yet"),
    ]);
    let (_, person) = telenor.run_with(&replies, &mut memory);
    assert_eq!(
        person.asked[REVIEW..],
        ["review", "overwrite", "review", "overwrite", "sent"],
        "back from the question goes to the review"
    );
}

#[test]
fn answers_given_up_front_are_not_asked() {
    let ice = Fixture::new("ice");
    let mut memory = Memory::default();
    let outcome = ice
        .unattended(
            "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"phone\"\nphone = \"99 88 77 66\"\nname = \"Ola\"\n",
            false,
            &mut memory,
        )
        .unwrap();
    assert_eq!(outcome, Outcome::Message(out()));
    assert!(memory.message().contains("mobilnummer 998 87 766"));
    assert_eq!(memory.cases[0].state, State::Written, "not sent: written");
}

#[test]
fn a_missing_answer_without_a_terminal_names_its_key() {
    let ice = Fixture::new("ice");
    let err = ice
        .unattended("intent = \"cancel\"\n", false, &mut Memory::default())
        .unwrap_err();
    assert!(err.to_string().contains("no answer for `payer`"), "{err}");
}

/// The case book and the folder, in memory.
#[derive(Default)]
struct Memory {
    files: BTreeMap<PathBuf, String>,
    cases: Vec<Case>,
    draft: Option<Draft>,
    drafts_saved: usize,
}

impl Memory {
    /// The message file, its lines joined as a reader reads them: a letter's lines are cut
    /// to the page's width.
    fn message(&self) -> String {
        self.files
            .get(&PathBuf::from(OUT))
            .map(|text| {
                text.split(' ')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace(" \n", "\n")
            })
            .unwrap_or_default()
            .lines()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The message file as written.
    fn message_file(&self) -> &str {
        self.files
            .get(&PathBuf::from(OUT))
            .map_or("", String::as_str)
    }
}

impl World for Memory {
    fn open_case(&self, number: &MobileNumber) -> Option<Case> {
        self.cases
            .iter()
            .find(|case| case.number == *number && case.state != State::Closed)
            .cloned()
    }
    fn keep_draft(&mut self, draft: Draft) {
        self.draft = Some(draft);
        self.drafts_saved += 1;
    }
    fn forget_draft(&mut self) {
        self.draft = None;
    }
    fn write(&mut self, files: &[(&Path, &str)], replace: bool) -> Result<bool> {
        if !replace && files.iter().any(|(path, _)| self.files.contains_key(*path)) {
            return Ok(false);
        }
        for (path, text) in files {
            self.files.insert((*path).to_owned(), (*text).to_owned());
        }
        Ok(true)
    }
    fn free_name(&self, path: &Path) -> PathBuf {
        free_name(path, |candidate| {
            self.files.contains_key(candidate)
                || crate::message::companions(candidate)
                    .iter()
                    .any(|companion| self.files.contains_key(companion))
        })
    }
    fn record(&mut self, mut case: Case) -> Result<Option<u32>> {
        self.draft = None;
        if let Some(old) = self
            .cases
            .iter_mut()
            .find(|old| case.id != 0 && old.id == case.id)
        {
            *old = case.clone();
            return Ok(Some(case.id));
        }
        case.id = u32::try_from(self.cases.len()).unwrap() + 1;
        self.cases.push(case);
        Ok(Some(u32::try_from(self.cases.len()).unwrap()))
    }
}

fn sent_now() -> Vec<Say> {
    let mut replies = COMMON_CASE[..=REVIEW].to_vec();
    replies.extend([Pick("Yes, I sent it"), Type("REF-123"), Pick("No")]);
    replies
}

#[test]
fn a_sent_request_is_recorded_without_account_or_identity() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    let (_, person) = telenor.run_with(&sent_now(), &mut memory);
    assert_eq!(memory.cases.len(), 1);
    let case = &memory.cases[0];
    assert_eq!(case.number.digits(), "91234567");
    assert_eq!(case.channel, crate::operator::ChannelKind::Letter);
    assert_eq!(
        case.reference
            .as_ref()
            .map(crate::values::Reference::as_str),
        Some("REF-123")
    );
    assert_eq!(case.sent, Some(jiff::civil::date(2026, 11, 25)));
    assert_eq!(case.expected_end, Some(jiff::civil::date(2026, 12, 31)));
    assert!(case.message.as_ref().unwrap().ends_with("message.txt"));
    assert!(person.shown.contains("Recorded as case 1"));
    assert!(memory.draft.is_none(), "a finished walk leaves no draft");
}

#[test]
fn a_request_not_sent_yet_is_recorded_as_written_and_a_second_walk_takes_its_place() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    let (_, person) = telenor.run_with(&COMMON_CASE, &mut memory);
    let case = &memory.cases[0];
    assert_eq!(case.state, State::Written);
    assert_eq!(
        (case.written, case.sent),
        (Some(jiff::civil::date(2026, 11, 25)), None)
    );
    assert_eq!(case.expected_end, None, "counted from the day it is sent");
    assert_eq!(
        case.address
            .as_ref()
            .map(crate::values::PostalAddress::as_str),
        Some("Storgata 1, 0150 Oslo")
    );
    assert_eq!(
        case.sha256,
        Some(crate::casebook::Sha256::of(
            memory.message_file().as_bytes()
        )),
        "the digest of the file written"
    );
    assert!(
        person
            .shown
            .contains("Recorded as case 1, written and not sent")
    );

    // Written again, with a customer number this time: no second case, no guard.
    let mut replies = COMMON_CASE.to_vec();
    replies[11] = Type("C-1");
    replies.insert(REVIEW + 1, Pick("Replace"));
    let (_, person) = telenor.run_with(&replies, &mut memory);
    assert!(!person.asked.contains(&"guard".to_owned()));
    assert!(
        person
            .shown
            .contains("Case 1 for this number was written today and never sent"),
        "{}",
        person.shown
    );
    assert!(!person.shown.contains("on today"), "{}", person.shown);
    assert_eq!(memory.cases.len(), 1);
    assert!(memory.message().contains("kundenummer C-1"));
}

#[test]
fn a_sent_request_can_save_its_dates_for_a_calendar() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    let mut replies = sent_now();
    replies.pop();
    replies.push(Pick("Yes"));
    let (_, person) = telenor.run_with(&replies, &mut memory);
    let calendar = &memory.files[&PathBuf::from("$DIR/message.ics")];
    assert!(
        calendar.contains("DTSTART;VALUE=DATE:20261202"),
        "{calendar}"
    );
    assert!(
        calendar.contains("DTSTART;VALUE=DATE:20261231"),
        "{calendar}"
    );
    assert!(
        person
            .shown
            .contains("The dates are saved to $DIR/message.ics")
    );
}

#[test]
fn an_open_case_for_the_number_stops_the_walk_unless_the_user_goes_on() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    telenor.run_with(&sent_now(), &mut memory);
    memory.files.clear();

    let mut replies = COMMON_CASE[..9].to_vec();
    replies.push(Pick("Stop here"));
    let (outcome, person) = telenor.run_with(&replies, &mut memory);
    assert_eq!(outcome, Outcome::Stopped);
    assert!(
        person
            .shown
            .contains("You already have an open request for this number")
    );
    assert!(
        person
            .shown
            .contains("Case 1: Telenor +47 *** ** 567 (sent)"),
        "{}",
        person.shown
    );
    assert!(memory.files.is_empty(), "nothing written");

    let mut replies = COMMON_CASE[..9].to_vec();
    replies.push(Pick("Continue anyway"));
    replies.extend(COMMON_CASE[9..].iter().copied());
    let (outcome, _) = telenor.run_with(&replies, &mut memory);
    assert_eq!(outcome, Outcome::Message(out()));
}

#[test]
fn an_open_case_without_a_terminal_is_refused_unless_again() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    telenor.run_with(&sent_now(), &mut memory);
    memory.files.clear();
    let answers = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"letter\"\nphone = \"912 34 567\"\nname = \"Ola\"\naddress = \"Storgata 1, 0150 Oslo\"\ncustomer_number = \"\"\n";
    let err = telenor.unattended(answers, false, &mut memory).unwrap_err();
    assert!(
        err.to_string()
            .contains("case 1 for this number is still open"),
        "{err}"
    );
    assert!(memory.files.is_empty(), "nothing written");

    let outcome = telenor.unattended(answers, true, &mut memory).unwrap();
    assert_eq!(outcome, Outcome::Message(out()));
}

#[test]
fn every_answer_is_kept_at_once_and_an_interrupted_walk_resumes_where_it_stopped() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    // The person stops answering after the phone number: the script runs out.
    let mut person = Scripted::new(&COMMON_CASE[..9]);
    let interrupted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        telenor.drive(Progress::default(), &mut person, &mut memory)
    }));
    assert!(interrupted.is_err(), "the walk stopped at the name");
    assert_eq!(memory.drafts_saved, 9, "saved after each answer");
    let kept = memory.draft.clone().unwrap();
    assert_eq!(kept.answers["phone"].as_str(), Some("91234567"));

    let answers = Answers::from_table(
        &kept.answers,
        &telenor.operator,
        &telenor.services,
        Lang::En,
    );
    let progress = Progress::resumed(&telenor.walk(), answers, kept.started, None);
    let mut person = Scripted::new(&COMMON_CASE[9..]);
    let outcome = telenor.drive(progress, &mut person, &mut memory).unwrap();
    assert_eq!(
        person.asked,
        ["name", "address", "customer_number", "review", "sent"],
        "it continues at the first unanswered question"
    );
    assert!(
        person.shown.starts_with(
            "Going on with the walk for Telenor you began today, at 3/5 Required information.\n\n── 3/5 Required information ──"
        ),
        "{}",
        person.shown
    );
    assert_eq!(outcome, Outcome::Message(out()));
    assert!(memory.draft.is_none());
}

/// Interrupted after the message was written, at "did you send it": resumed, the walk goes on
/// from there and records the case, without reviewing or writing the message again.
#[test]
fn a_walk_resumed_after_its_message_records_the_case_without_writing_it_again() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    let mut person = Scripted::new(&COMMON_CASE[..=REVIEW]);
    let interrupted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        telenor.drive(Progress::default(), &mut person, &mut memory)
    }));
    assert!(interrupted.is_err(), "the walk stopped at `sent`");
    let kept = memory.draft.clone().unwrap();
    assert_eq!(
        kept.message,
        Some(out()),
        "the draft knows the message is written"
    );
    let answers = Answers::from_table(
        &kept.answers,
        &telenor.operator,
        &telenor.services,
        Lang::En,
    );
    let progress = Progress::resumed(&telenor.walk(), answers, kept.started, kept.message);
    let mut person = Scripted::new(&[Pick("Yes, I sent it"), Type("REF-123"), Pick("No")]);
    let outcome = telenor.drive(progress, &mut person, &mut memory).unwrap();
    assert_eq!(person.asked, ["sent", "reference", "calendar"]);
    assert_eq!(outcome, Outcome::Message(out()));
    assert_eq!(memory.cases.len(), 1, "recorded");
    assert_eq!(memory.cases[0].message, Some(out()));
}

/// What a person sees and does through a walk, pinned whole in `tests/golden/`.
fn golden(name: &str, transcript: &str) {
    insta::with_settings!({
        snapshot_path => "../../../tests/golden",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, transcript);
    });
}

#[test]
fn transcripts_of_walks_through_the_prompts() {
    let telenor = Fixture::new("telenor");
    let (_, person, _) = telenor.run(&COMMON_CASE);
    golden("prompts-telenor-letter", &person.transcript);

    let mut replies = vec![Pick("another operator"), Back];
    replies.extend(COMMON_CASE[..8].iter().copied());
    replies.extend([Type("9123"), Type("812 34 567"), Type("912 34 567")]);
    replies.extend([
        Type("Ola Nordmann"),
        Type("Storgata 1"),
        Type("Storgata 1, 0150 Oslo"),
    ]);
    replies.extend([Enter, Pick("Change channel"), Pick("phone")]);
    replies.extend([
        Pick("Write the message"),
        Pick("Yes, it is done"),
        Type("REF-1"),
        Pick("Yes"),
    ]);
    let (_, person) = telenor.run_with(&replies, &mut Memory::default());
    golden(
        "prompts-telenor-back-refused-changed-sent",
        &person.transcript,
    );

    let (_, person, _) = telenor.run(&[
        Pick("Cancel for good"),
        Pick("myself"),
        Pick("Mine"),
        Pick("No, I stay"),
        Pick("Prepaid"),
        Pick("eSIM"),
        Type("BankID, Vipps"),
        Pick("chat"),
        Type("+47 412 34 567"),
        Type("Kari Nordmann"),
        Pick("paid out"),
        Type("1234.56.78904"),
        Type("1234.56.78903"),
        Pick("Write the message"),
        Pick("Not yet"),
    ]);
    golden("prompts-telenor-prepaid-refund-chat", &person.transcript);

    let ice = Fixture::new("ice");
    let (_, person, _) = ice.run(&[Pick("alive"), Pick("No, I stay"), Pick("Postpaid")]);
    golden("prompts-ice-keep", &person.transcript);

    let telia = Fixture::new("telia");
    let (_, person, _) = telia.run(&[Pick("Cancel for good"), Pick("employer")]);
    golden("prompts-telia-company", &person.transcript);
}

#[test]
fn a_transcript_of_the_duplicate_guard() {
    let telenor = Fixture::new("telenor");
    let mut memory = Memory::default();
    telenor.run_with(&sent_now(), &mut memory);
    memory.files.clear();
    let mut replies = COMMON_CASE[..9].to_vec();
    replies.push(Pick("Stop here"));
    let (_, person) = telenor.run_with(&replies, &mut memory);
    golden("prompts-telenor-duplicate-stop", &person.transcript);
}

#[test]
fn someone_acting_for_the_owner_is_asked_their_name_as_the_channel_has_it() {
    let telenor = Fixture::new("telenor");
    for (channel, asked) in [
        (
            "letter",
            "Your own full name: you write and sign the message",
        ),
        ("chat", "Your own full name: the message says you write it"),
        ("phone", "Your own full name: you give it when you call"),
        ("store", "Your own full name: you give it in the store"),
    ] {
        let mut replies = vec![
            Pick("Cancel for good"),
            Pick("myself"),
            Pick("Someone who has died"),
            Pick("No, I stay"),
            Pick("Postpaid"),
            Pick("physical"),
            Enter,
            Pick(channel),
            Type("912 34 567"),
            Type("Kari Nordmann"),
            Type("Per Nordmann"),
        ];
        if channel == "letter" {
            replies.extend([Type("Storgata 1, 0150 Oslo"), Enter]);
        }
        replies.extend([Pick("Write the message"), Pick("Not yet")]);
        let (_, person, _) = telenor.run(&replies);
        assert!(
            person
                .transcript
                .contains(&format!("? {asked} › Per Nordmann")),
            "{channel}: {}",
            person.transcript
        );
        // The papers that let them act, not proof that they own it.
        assert!(
            person
                .shown
                .contains("The operator will check that you may act for the estate"),
            "{}",
            person.shown
        );
        assert!(!person.shown.contains("check that you own the subscription"));
    }
}
