//! The answers-file loader over arbitrary UTF-8: `Answers::parse` must accept or refuse with
//! one line that starts with the file's name and is safe to print, and what it accepts must
//! be safe to put in the message and the case book.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nocard::answers::Answers;
use nocard::questions::Question;
use nocard::operator::{Catalog, Operator, Services};
use nocard::text::{Lang, is_unsafe_char};

fn telenor() -> &'static Operator {
    static OPERATOR: OnceLock<Operator> = OnceLock::new();
    OPERATOR.get_or_init(|| Catalog::default().operator("telenor").expect("built in"))
}

fn services() -> &'static Services {
    static SERVICES: OnceLock<Services> = OnceLock::new();
    SERVICES.get_or_init(|| Catalog::default().services().expect("built in"))
}

fuzz_target!(|text: &str| {
    match Answers::parse("fuzz.toml", text, telenor(), services(), Lang::En) {
        Ok(answers) => {
            for question in Question::ALL {
                if let Some(shown) = answers.get(question).map(|value| value.shown()) {
                    assert!(!shown.chars().any(is_unsafe_char), "{question}: {shown:?}");
                }
            }
        }
        Err(message) => {
            assert!(message.starts_with("fuzz.toml:"), "{message:?}");
            assert!(!message.chars().any(is_unsafe_char), "{message:?}");
        }
    }
});
