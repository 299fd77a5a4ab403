//! The `status` commands over an arbitrary case book, day and command: showing the book (text
//! and JSON, numbers masked or not) never panics and shows nothing unsafe; `confirm`, `close`
//! and `forget` of any id leave a book nocard reads again, whose next id was never given.
//!
//! Input: 4 bytes of days from 2026-11-25 (any date jiff has), a byte choosing the command, 4
//! bytes of a case id (or, with the command byte's high bit clear, the index of a case in the
//! book), then the book's text.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use jiff::civil::{Date, date};
use libfuzzer_sys::fuzz_target;
use nocard::casebook::{Change, parse};
use nocard::operator::{Catalog, Operator};
use nocard::render::{Layout, ListFormat};
use nocard::text::is_unsafe_char;
use nocard::values::Reference;
use nocard_model::limits::MAX_FILE_BYTES;

fn operators() -> &'static [Operator] {
    static OPERATORS: OnceLock<Vec<Operator>> = OnceLock::new();
    OPERATORS.get_or_init(|| Catalog::default().operators().expect("built in"))
}

fuzz_target!(|input: &[u8]| {
    if input.len() < 9 {
        return;
    }
    let days = i32::from_le_bytes([input[0], input[1], input[2], input[3]]);
    let command = input[4];
    let raw_id = u32::from_le_bytes([input[5], input[6], input[7], input[8]]);
    let Ok(text) = std::str::from_utf8(&input[9..]) else {
        return;
    };
    let path = Path::new("cases.toml");
    let Ok(mut book) = parse(path, text) else {
        return;
    };
    let today = date(2026, 11, 25)
        .checked_add(jiff::Span::new().days(i64::from(days) % 7_304_484))
        .unwrap_or(if days > 0 { Date::MAX } else { Date::MIN });
    for format in [ListFormat::Text, ListFormat::Json] {
        for show_numbers in [false, true] {
            let shown = nocard::render::status::status(
                &book.cases,
                operators(),
                today,
                show_numbers,
                format,
                &Layout::plain(),
            );
            let raw = shown.chars().find(|&c| c != '\n' && is_unsafe_char(c));
            assert_eq!(raw, None, "{shown:?}");
        }
    }
    let change = match command & 0x7 {
        0 => Change::Confirm(None),
        1 => Change::Confirm(Reference::parse("AB-42").ok()),
        2 => Change::Close,
        3 => Change::Sent {
            on: today,
            reference: None,
            end: today.checked_add(jiff::Span::new().days(31)).ok(),
        },
        4 => Change::FollowedUp,
        5 => Change::Refused(today),
        6 => Change::Complained,
        _ => Change::Forget,
    };
    let id = if command & 0x80 == 0 && !book.cases.is_empty() {
        book.cases[raw_id as usize % book.cases.len()].id
    } else {
        raw_id
    };
    let given = book.cases.iter().map(|case| case.id).max();
    // Refused changes leave the book as it was; made ones must leave one nocard reads.
    let _ = book.change(id, &change, today);
    if let (Some(given), Some(next)) = (given, book.next_id()) {
        assert!(next > given, "id {next} was given before");
    }
    book.settle_ids();
    let written = toml::to_string(&book).expect("a book nocard changed, it can write");
    if written.len() <= MAX_FILE_BYTES {
        let again = parse(path, &written)
            .unwrap_or_else(|err| panic!("nocard refused what it wrote: {err}\n{written}"));
        assert_eq!(again.cases, book.cases);
    }
});
