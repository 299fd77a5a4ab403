//! The values a person types, as types: mobile numbers, bank accounts, names, references. Each
//! is made only by its check, which returns the value in the form nocard shows or the reason it
//! is wrong; files (the case book, drafts) go through the same checks when they are read.

use std::fmt;

use crate::i18n::Ui;
use crate::text::{Lang, is_unsafe_char};

mod account;
mod written;

pub use account::BankAccount;
#[cfg(test)]
use account::{mod11_ok, mod97};
pub use written::{CustomerNumber, PostalAddress, Reference, owner_name};

/// Whether `input` holds a character no typed value may: a line break (a pasted multi-line
/// value, or a multi-line string in an answers file), a terminal escape or another control
/// character, or invisible formatting. A tab is only space.
fn has_unsafe_char(input: &str) -> bool {
    input.chars().any(|c| c != '\t' && is_unsafe_char(c))
}

/// Why a typed value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    PhoneEmpty,
    PhoneForeign,
    PhoneCharacters,
    /// The number of digits given: neither 8 nor 12.
    PhoneLength(usize),
    /// 8 digits, not starting with 4 or 9.
    PhonePrefix,
    /// 12 digits, not starting with 58.
    PhonePrefixTwelve,
    AccountEmpty,
    AccountLength(usize),
    AccountCheckDigit,
    IbanShape,
    IbanNorwegianLength(usize),
    IbanLength(usize),
    IbanCheckDigits,
    IbanInnerCheckDigit,
    NameEmpty,
    NameTooLong,
    NameCharacters,
    /// Letters of another script than the Latin, which the operator's records do not hold.
    NameNotLatin,
    /// A reference longer than 60 characters, or with a control character.
    Reference,
    /// An address of one part: the street, or the town, alone.
    AddressShape,
    AddressTooLong,
    AddressCharacters,
    /// A customer number longer than 30 characters, or with a control character.
    CustomerNumber,
}

impl Invalid {
    /// The reason in `lang`, to show before asking again.
    #[must_use]
    pub fn message(self, lang: Lang) -> String {
        let (key, count) = match self {
            Invalid::PhoneEmpty => (Ui::PhoneEmpty, None),
            Invalid::PhoneForeign => (Ui::PhoneForeign, None),
            Invalid::PhoneCharacters => (Ui::PhoneCharacters, None),
            Invalid::PhoneLength(count) => (Ui::PhoneLength, Some(count)),
            Invalid::PhonePrefix => (Ui::PhonePrefix, None),
            Invalid::PhonePrefixTwelve => (Ui::PhonePrefixTwelve, None),
            Invalid::AccountEmpty => (Ui::AccountEmpty, None),
            Invalid::AccountLength(count) => (Ui::AccountLength, Some(count)),
            Invalid::AccountCheckDigit => (Ui::AccountCheckDigit, None),
            Invalid::IbanShape => (Ui::IbanShape, None),
            Invalid::IbanNorwegianLength(count) => (Ui::IbanNorwegianLength, Some(count)),
            Invalid::IbanLength(count) => (Ui::IbanLength, Some(count)),
            Invalid::IbanCheckDigits => (Ui::IbanCheckDigits, None),
            Invalid::IbanInnerCheckDigit => (Ui::IbanInnerCheckDigit, None),
            Invalid::NameEmpty => (Ui::NameEmpty, None),
            Invalid::NameTooLong => (Ui::NameTooLong, None),
            Invalid::NameCharacters => (Ui::NameCharacters, None),
            Invalid::NameNotLatin => (Ui::NameNotLatin, None),
            Invalid::Reference => (Ui::ReferenceInvalid, None),
            Invalid::AddressShape => (Ui::AddressShape, None),
            Invalid::AddressTooLong => (Ui::AddressTooLong, None),
            Invalid::AddressCharacters => (Ui::AddressCharacters, None),
            Invalid::CustomerNumber => (Ui::CustomerNumberInvalid, None),
        };
        match count {
            Some(count) => key.fill(lang, &[("count", &count)]),
            None => key.get(lang).to_owned(),
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// A Norwegian mobile number: 8 digits starting with 4 or 9, the numbers of ordinary mobile
/// subscriptions; or 12 digits in Nkom's 58 series, which twin and extra SIMs, tablets,
/// smartwatches and machine-to-machine subscriptions use (Nkom, "8- og 12-sifra nummerseriar",
/// and its note on allocating mobile numbers of 11.12.2014). A 59 series was not found in any
/// source, so 12 digits must start with 58. In files, its digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MobileNumber(String);

impl TryFrom<String> for MobileNumber {
    type Error = Invalid;
    fn try_from(digits: String) -> Result<Self, Invalid> {
        MobileNumber::parse(&digits)
    }
}

impl From<MobileNumber> for String {
    fn from(number: MobileNumber) -> Self {
        number.0
    }
}

impl MobileNumber {
    /// Accepts `91234567`, `912 34 567`, `+47 912 34 567`, `0047 91234567`, and 12-digit
    /// numbers of the 58 series in the same forms: `58 00 12 34 56 78`, `+47 580012345678`.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        if has_unsafe_char(input) {
            return Err(Invalid::PhoneCharacters);
        }
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(Invalid::PhoneEmpty);
        }
        let national = compact
            .strip_prefix("+47")
            .or_else(|| compact.strip_prefix("0047"))
            .unwrap_or(&compact);
        if compact.starts_with('+') && !compact.starts_with("+47") {
            return Err(Invalid::PhoneForeign);
        }
        if !national.chars().all(|c| c.is_ascii_digit()) {
            return Err(Invalid::PhoneCharacters);
        }
        match national.len() {
            8 if !national.starts_with(['4', '9']) => Err(Invalid::PhonePrefix),
            12 if !national.starts_with("58") => Err(Invalid::PhonePrefixTwelve),
            8 | 12 => Ok(MobileNumber(national.to_owned())),
            length => Err(Invalid::PhoneLength(length)),
        }
    }

    /// The 8 or 12 digits: `91234567`, `580012345678`.
    #[must_use]
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `+47 *** ** 567`, `+47 ** ** ** ** *6 78`: the number in its usual grouping with all
    /// but the last three digits hidden; enough to tell numbers apart, not enough to give one
    /// away.
    #[must_use]
    pub fn masked(&self) -> String {
        let hidden = self.0.len().saturating_sub(3);
        let mut digits = 0;
        let masked: String = self
            .national()
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    digits += 1;
                    if digits <= hidden { '*' } else { c }
                } else {
                    c
                }
            })
            .collect();
        format!("+47 {masked}")
    }

    /// Whether it is a 12-digit number of the 58 series (a twin or extra SIM, a tablet, a
    /// smartwatch, a machine), not an ordinary mobile number.
    #[must_use]
    pub fn is_twelve_digit(&self) -> bool {
        self.0.len() == 12
    }

    /// As written at home: `912 34 567`, the usual grouping of Norwegian mobile numbers; a
    /// 12-digit number in pairs, `58 00 12 34 56 78`, as Nkom writes the series
    /// ("58 xx xx xx xx xx").
    #[must_use]
    pub fn national(&self) -> String {
        let d = &self.0;
        if self.is_twelve_digit() {
            let pairs: Vec<&str> = (0..d.len()).step_by(2).map(|at| &d[at..at + 2]).collect();
            pairs.join(" ")
        } else {
            format!("{} {} {}", &d[..3], &d[3..5], &d[5..])
        }
    }
}

impl fmt::Display for MobileNumber {
    /// The international form: `+47 912 34 567`, `+47 58 00 12 34 56 78`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+47 {}", self.national())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_has_a_street_and_a_town_and_a_letter_has_a_line_for_each() {
        let address = PostalAddress::parse("  Storgata 1 ,0150  Oslo ").unwrap();
        assert_eq!(address.as_str(), "Storgata 1, 0150 Oslo");
        assert_eq!(
            address.lines().collect::<Vec<_>>(),
            ["Storgata 1", "0150 Oslo"]
        );
        assert_eq!(address.town(), Some("Oslo"));
        let lines = PostalAddress::parse("c/o Hansen\nStorgata 1\n0150 Oslo").unwrap();
        assert_eq!(lines.as_str(), "c/o Hansen, Storgata 1, 0150 Oslo");
        let abroad = PostalAddress::parse("Haidian Road 1, 100080 Beijing, China").unwrap();
        assert_eq!(abroad.town(), None);
        assert_eq!(
            PostalAddress::parse("Storgata 1"),
            Err(Invalid::AddressShape)
        );
        assert_eq!(PostalAddress::parse(" , "), Err(Invalid::AddressShape));
        assert_eq!(
            PostalAddress::parse("Storgata 1\u{1b}[2J, 0150 Oslo"),
            Err(Invalid::AddressCharacters)
        );
        let long = format!("{}, 0150 Oslo", "a".repeat(200));
        assert_eq!(PostalAddress::parse(&long), Err(Invalid::AddressTooLong));
    }

    #[test]
    fn a_customer_number_is_short_and_may_be_left_out() {
        assert_eq!(
            CustomerNumber::parse(" 12 345 ").unwrap().as_str(),
            "12 345"
        );
        assert!(CustomerNumber::parse("").unwrap().is_empty());
        assert_eq!(
            CustomerNumber::parse(&"1".repeat(31)),
            Err(Invalid::CustomerNumber)
        );
    }

    #[test]
    fn mobile_numbers_in_every_common_form() {
        for input in [
            "91234567",
            "912 34 567",
            "+47 912 34 567",
            "+4791234567",
            "0047 91234567",
            " 912 34567 ",
        ] {
            let number = MobileNumber::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(number.to_string(), "+47 912 34 567");
        }
        assert_eq!(
            MobileNumber::parse("41234567").unwrap().national(),
            "412 34 567"
        );
    }

    #[test]
    fn twelve_digit_numbers_of_the_58_series_are_accepted_and_written_in_pairs() {
        for input in [
            "580012345678",
            "58 00 12 34 56 78",
            "5800 1234 5678",
            "+47 58 00 12 34 56 78",
            "+47580012345678",
            "0047 580012345678",
        ] {
            let number = MobileNumber::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert!(number.is_twelve_digit());
            assert_eq!(number.digits(), "580012345678");
            assert_eq!(number.national(), "58 00 12 34 56 78");
            assert_eq!(number.to_string(), "+47 58 00 12 34 56 78");
        }
        assert!(!MobileNumber::parse("91234567").unwrap().is_twelve_digit());
    }

    #[test]
    fn wrong_mobile_numbers_say_why() {
        let reason = |input| MobileNumber::parse(input).unwrap_err();
        assert_eq!(reason("9123456"), Invalid::PhoneLength(7));
        assert_eq!(reason("912345678"), Invalid::PhoneLength(9));
        assert_eq!(reason("58001234567"), Invalid::PhoneLength(11));
        assert_eq!(reason("5800123456789"), Invalid::PhoneLength(13));
        assert_eq!(reason("21000000"), Invalid::PhonePrefix);
        // Twelve digits are for the 58 series only: not a 9 followed by more digits, nor 59.
        assert_eq!(reason("912345678901"), Invalid::PhonePrefixTwelve);
        assert_eq!(reason("590012345678"), Invalid::PhonePrefixTwelve);
        // Eight digits starting with 58 are neither.
        assert_eq!(reason("58001234"), Invalid::PhonePrefix);
        assert_eq!(reason("+46 70 123 45 67"), Invalid::PhoneForeign);
        assert_eq!(reason("912-34-567"), Invalid::PhoneCharacters);
        assert_eq!(reason(""), Invalid::PhoneEmpty);
        let nb = reason("9123456").message(Lang::Nb);
        assert!(nb.starts_with("et norsk mobilnummer har 8 sifre"), "{nb}");
        assert!(nb.ends_with("dette har 7"), "{nb}");
        // The kinds of SIM the 12 digits belong to are named, so their owners know it is theirs.
        for lang in Lang::ALL {
            let length = reason("9123456").message(lang);
            let prefix = reason("590012345678").message(lang);
            for message in [&length, &prefix] {
                assert!(
                    message.contains("12") && message.contains("58"),
                    "{message}"
                );
            }
        }
        let en = reason("590012345678").message(Lang::En);
        for kind in [
            "twin",
            "extra SIM",
            "tablet",
            "smartwatch",
            "machine-to-machine",
        ] {
            assert!(en.contains(kind), "{en} lacks {kind}");
        }
        assert_eq!(
            reason("21000000").message(Lang::Zh),
            "8 位挪威手机号码以 4 或 9 开头"
        );
    }

    #[test]
    fn norwegian_accounts_are_checked_by_mod11() {
        // 1234.56.78903 is the textbook example with a valid check digit.
        let account = BankAccount::parse("1234.56.78903").unwrap();
        assert_eq!(account.to_string(), "1234.56.78903");
        assert_eq!(BankAccount::parse("1234 56 78903").unwrap(), account);
        assert_eq!(
            BankAccount::parse("1234.56.78904").unwrap_err(),
            Invalid::AccountCheckDigit
        );
        assert_eq!(
            BankAccount::parse("1234.56.7890").unwrap_err(),
            Invalid::AccountLength(10)
        );
        assert!(mod11_ok("86011117947"));
        assert!(!mod11_ok("86011117948"));
    }

    #[test]
    fn ibans_are_checked_by_mod97() {
        let norwegian = BankAccount::parse("NO93 8601 1117 947").unwrap();
        assert_eq!(norwegian.to_string(), "NO93 8601 1117 947");
        let german = BankAccount::parse("de89 3704 0044 0532 0130 00").unwrap();
        assert_eq!(german, BankAccount::Iban("DE89370400440532013000".into()));
        assert_eq!(
            BankAccount::parse("NO94 8601 1117 947").unwrap_err(),
            Invalid::IbanCheckDigits
        );
        assert_eq!(
            BankAccount::parse("DE89 3704 0044 0532 0130 01").unwrap_err(),
            Invalid::IbanCheckDigits
        );
        assert_eq!(
            BankAccount::parse("NO93 8601 1117 94").unwrap_err(),
            Invalid::IbanNorwegianLength(14)
        );
        assert_eq!(BankAccount::parse("hello").unwrap_err(), Invalid::IbanShape);
    }

    #[test]
    fn names_are_tidied_and_checked() {
        assert_eq!(owner_name("  Ola   Nordmann ").unwrap(), "Ola Nordmann");
        assert_eq!(owner_name("Wang Xiaoming").unwrap(), "Wang Xiaoming");
        assert_eq!(
            owner_name("Øystein Åsmund Lødrup-Ñúñez").unwrap(),
            "Øystein Åsmund Lødrup-Ñúñez"
        );
        assert_eq!(owner_name("王小明"), Err(Invalid::NameNotLatin));
        assert_eq!(owner_name("Wang 小明"), Err(Invalid::NameNotLatin));
        assert_eq!(owner_name("Иван Петров"), Err(Invalid::NameNotLatin));
        assert_eq!(owner_name("   "), Err(Invalid::NameEmpty));
        assert_eq!(owner_name("12345"), Err(Invalid::NameCharacters));
        assert_eq!(owner_name("Ola\u{1b}[31m"), Err(Invalid::NameCharacters));
    }

    #[test]
    fn pasted_lines_escapes_and_invisible_formatting_are_refused() {
        for name in [
            "Ola\nNordmann",
            "Ola\r\nNordmann",
            "Ola\u{2028}Nordmann",
            "Ola\u{202e}nnamdroN",
            "Ola\u{9b}31m",
            "Ola\u{200b}Nordmann",
            // Found by the validators fuzz target.
            "DE\u{200b}",
        ] {
            assert_eq!(owner_name(name), Err(Invalid::NameCharacters), "{name:?}");
        }
        assert_eq!(owner_name("Ola\tNordmann").unwrap(), "Ola Nordmann");
        assert_eq!(owner_name(&"a".repeat(10_000)), Err(Invalid::NameTooLong));
        for phone in [
            "912\n34 567",
            "91234567\n",
            "\u{1b}[2J91234567",
            "912\u{2028}34567",
        ] {
            assert_eq!(
                MobileNumber::parse(phone),
                Err(Invalid::PhoneCharacters),
                "{phone:?}"
            );
        }
        assert_eq!(
            BankAccount::parse("1234.56\n78903"),
            Err(Invalid::IbanShape)
        );
    }

    /// Properties of the check-digit validators, over generated inputs.
    mod properties {
        use proptest::prelude::*;

        use super::*;

        const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

        /// The MOD11 check digit of ten digits, worked out afresh; `None` for a remainder
        /// that would need 10.
        fn check_digit(prefix: &[u32]) -> Option<u32> {
            let sum: u32 = WEIGHTS.iter().zip(prefix).map(|(w, d)| w * d).sum();
            match 11 - sum % 11 {
                11 => Some(0),
                10 => None,
                check => Some(check),
            }
        }

        fn digits(values: &[u32]) -> String {
            values
                .iter()
                .map(|d| char::from_digit(*d, 10).unwrap())
                .collect()
        }

        /// Eleven digits with a valid check digit.
        fn account() -> impl Strategy<Value = String> {
            prop::collection::vec(0u32..10, 10).prop_filter_map("no check digit", |prefix| {
                let check = check_digit(&prefix)?;
                Some(format!("{}{check}", digits(&prefix)))
            })
        }

        /// A valid IBAN: a country code, right check digits and a BBAN of digits; a Norwegian
        /// one holds a valid Norwegian account.
        fn iban() -> impl Strategy<Value = String> {
            let foreign =
                ("[A-MP-Z][A-Z]", "[0-9]{11,30}").prop_map(|(country, bban)| (country, bban));
            let norwegian = account().prop_map(|bban| ("NO".to_owned(), bban));
            prop_oneof![foreign, norwegian].prop_map(|(country, bban)| {
                let check = 98 - mod97(&format!("{country}00{bban}"));
                format!("{country}{check:02}{bban}")
            })
        }

        proptest! {
            #[test]
            fn each_prefix_has_at_most_one_check_digit_and_only_it_passes(
                prefix in prop::collection::vec(0u32..10, 10)
            ) {
                let accepted: Vec<u32> = (0..10)
                    .filter(|d| BankAccount::parse(&format!("{}{d}", digits(&prefix))).is_ok())
                    .collect();
                let expected: Vec<u32> = check_digit(&prefix).into_iter().collect();
                prop_assert_eq!(accepted, expected);
            }

            #[test]
            fn any_single_changed_digit_is_refused(
                account in account(),
                at in 0usize..11,
                delta in 1u32..10,
            ) {
                let mut changed: Vec<u32> =
                    account.chars().map(|c| c.to_digit(10).unwrap()).collect();
                changed[at] = (changed[at] + delta) % 10;
                let changed = digits(&changed);
                prop_assert!(BankAccount::parse(&account).is_ok());
                prop_assert!(BankAccount::parse(&changed).is_err(), "{} passed", changed);
            }

            #[test]
            fn an_iban_with_two_adjacent_characters_swapped_is_refused(
                iban in iban(),
                at in 0usize..33,
            ) {
                prop_assume!(at + 1 < iban.len());
                let mut swapped = iban.clone().into_bytes();
                prop_assume!(swapped[at] != swapped[at + 1]);
                swapped.swap(at, at + 1);
                let swapped = String::from_utf8(swapped).unwrap();
                prop_assert!(BankAccount::parse(&iban).is_ok(), "{} refused", iban);
                prop_assert!(BankAccount::parse(&swapped).is_err(), "{} passed", swapped);
            }

            #[test]
            fn accounts_round_trip_through_their_display(
                account in prop_oneof![account(), iban()],
                lower in any::<bool>(),
            ) {
                let input = if lower { account.to_lowercase() } else { account.clone() };
                let parsed = BankAccount::parse(&input).unwrap();
                prop_assert_eq!(BankAccount::parse(&parsed.to_string()).unwrap(), parsed);
            }

            #[test]
            fn numbers_round_trip_through_their_display(
                number in prop_oneof!["[49][0-9]{7}", "58[0-9]{10}"],
                prefix in prop_oneof![Just(""), Just("+47 "), Just("0047"), Just("+47")],
            ) {
                let parsed = MobileNumber::parse(&format!("{prefix}{number}")).unwrap();
                prop_assert_eq!(parsed.digits(), number.as_str());
                prop_assert_eq!(MobileNumber::parse(&parsed.to_string()).unwrap(), parsed.clone());
                prop_assert_eq!(MobileNumber::parse(&parsed.national()).unwrap(), parsed);
            }

            #[test]
            fn no_input_panics_and_what_passes_is_safe_to_show(input in "\\PC*|.*") {
                if let Ok(number) = MobileNumber::parse(&input) {
                    let digits = number.digits();
                    prop_assert!(
                        (digits.len() == 8 && digits.starts_with(['4', '9']))
                            || (digits.len() == 12 && digits.starts_with("58")),
                        "{} passed",
                        digits
                    );
                    prop_assert!(number.to_string().is_ascii());
                }
                if let Ok(account) = BankAccount::parse(&input) {
                    prop_assert!(account.to_string().is_ascii());
                }
                if let Ok(name) = owner_name(&input) {
                    prop_assert!(!name.chars().any(is_unsafe_char));
                    prop_assert_eq!(owner_name(&name), Ok(name.clone()));
                }
            }
        }
    }
}
