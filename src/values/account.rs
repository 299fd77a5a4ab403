//! A bank account for a prepaid refund: Norwegian, with its MOD11 check digit, or an IBAN.

use std::fmt;

use super::{Invalid, has_unsafe_char};

/// A bank account for a refund: Norwegian (11 digits, MOD11) or an IBAN (mod-97).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankAccount {
    /// 11 digits.
    Norwegian(String),
    /// Upper case, without spaces.
    Iban(String),
}

impl BankAccount {
    /// Accepts `1234.56.78903`, `1234 56 78903`, `12345678903`, and IBANs with or without spaces.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        if has_unsafe_char(input) {
            return Err(Invalid::IbanShape);
        }
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err(Invalid::AccountEmpty);
        }
        if compact.chars().all(|c| c.is_ascii_digit()) {
            if compact.len() != 11 {
                return Err(Invalid::AccountLength(compact.len()));
            }
            if !mod11_ok(&compact) {
                return Err(Invalid::AccountCheckDigit);
            }
            return Ok(BankAccount::Norwegian(compact));
        }
        check_iban(&compact).map(|()| BankAccount::Iban(compact))
    }
}

impl fmt::Display for BankAccount {
    /// `1234.56.78903`, or an IBAN in groups of four.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BankAccount::Norwegian(d) => write!(f, "{}.{}.{}", &d[..4], &d[4..6], &d[6..]),
            BankAccount::Iban(iban) => {
                let groups: Vec<String> = iban
                    .as_bytes()
                    .chunks(4)
                    .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
                    .collect();
                f.write_str(&groups.join(" "))
            }
        }
    }
}

/// Norwegian account numbers: weights 5,4,3,2,7,6,5,4,3,2 over the first ten digits; the
/// eleventh is `11 - sum mod 11` (0 for 11; a remainder giving 10 is never issued).
pub(super) fn mod11_ok(digits: &str) -> bool {
    const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if values.len() != 11 {
        return false;
    }
    let sum: u32 = WEIGHTS.iter().zip(&values).map(|(w, d)| w * d).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        check => check,
    };
    check == values[10]
}

fn check_iban(iban: &str) -> Result<(), Invalid> {
    let bytes = iban.as_bytes();
    let shaped = bytes.len() >= 5
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes.iter().all(u8::is_ascii_alphanumeric);
    if !shaped {
        return Err(Invalid::IbanShape);
    }
    if iban.starts_with("NO") && iban.len() != 15 {
        return Err(Invalid::IbanNorwegianLength(iban.len()));
    }
    if !(15..=34).contains(&iban.len()) {
        return Err(Invalid::IbanLength(iban.len()));
    }
    if mod97(iban) != 1 {
        return Err(Invalid::IbanCheckDigits);
    }
    if iban.starts_with("NO") && !mod11_ok(&iban[4..]) {
        return Err(Invalid::IbanInnerCheckDigit);
    }
    Ok(())
}

/// ISO 13616: the first four characters moved to the end, letters read as 10..35, the whole
/// taken modulo 97; a valid IBAN leaves 1. Computed digit by digit to stay in a u32.
pub(super) fn mod97(iban: &str) -> u32 {
    iban[4..]
        .bytes()
        .chain(iban[..4].bytes())
        .fold(0, |acc, byte| {
            let value = u32::from(if byte.is_ascii_digit() {
                byte - b'0'
            } else {
                byte - b'A' + 10
            });
            if value >= 10 {
                (acc * 100 + value) % 97
            } else {
                (acc * 10 + value) % 97
            }
        })
}
