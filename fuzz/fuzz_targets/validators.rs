//! The checks of typed values: `MobileNumber::parse`, `BankAccount::parse` and `owner_name`
//! must never panic, and what they accept must read back as itself and be safe to show.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nocard::text::is_unsafe_char;
use nocard::values::{BankAccount, MobileNumber, owner_name};

fuzz_target!(|input: &str| {
    if let Ok(number) = MobileNumber::parse(input) {
        assert_eq!(number.digits().len(), 8);
        assert_eq!(MobileNumber::parse(&number.to_string()), Ok(number.clone()));
        assert_eq!(MobileNumber::parse(&number.national()), Ok(number));
    }
    if let Ok(account) = BankAccount::parse(input) {
        let shown = account.to_string();
        assert!(shown.is_ascii(), "{shown:?}");
        assert_eq!(BankAccount::parse(&shown), Ok(account));
    }
    if let Ok(name) = owner_name(input) {
        assert!(!name.chars().any(is_unsafe_char), "{name:?}");
        assert!(name.chars().count() <= 100);
        assert_eq!(owner_name(&name), Ok(name.clone()));
    }
});
