//! The case book reader over arbitrary UTF-8: `casebook::parse` must accept or refuse with
//! a message safe to print, and what it accepts, written back as nocard writes it, must read
//! back the same: nothing nocard writes is ever refused when it reads it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use nocard::casebook::parse;
use nocard::text::is_unsafe_char;
use nocard_model::limits::MAX_FILE_BYTES;

fuzz_target!(|text: &str| {
    let path = Path::new("cases.toml");
    match parse(path, text) {
        Ok(mut book) => {
            let next = book.next_id();
            book.settle_ids();
            let written = toml::to_string(&book).expect("a book nocard read, it can write");
            if written.len() <= MAX_FILE_BYTES {
                let again = parse(path, &written)
                    .unwrap_or_else(|err| panic!("nocard refused what it wrote: {err}\n{written}"));
                assert_eq!(again.cases, book.cases);
                assert_eq!(again.draft, book.draft);
                assert_eq!(again.next_id(), next, "no id given twice");
            }
        }
        Err(err) => {
            let shown = err.to_string();
            assert!(!shown.chars().any(is_unsafe_char), "{shown:?}");
        }
    }
});
