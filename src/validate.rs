//! Checking what the user types: mobile numbers, bank accounts, names. Each check returns the
//! value in the form nocard shows, or the reason it is wrong.

use std::fmt;

/// A Norwegian mobile number: 8 digits starting with 4 or 9.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MobileNumber(String);

impl MobileNumber {
    /// Accepts `91234567`, `912 34 567`, `+47 912 34 567` and `0047 91234567`.
    pub fn parse(input: &str) -> Result<Self, String> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err("enter the mobile number, e.g. 912 34 567".into());
        }
        let national = compact
            .strip_prefix("+47")
            .or_else(|| compact.strip_prefix("0047"))
            .unwrap_or(&compact);
        if compact.starts_with('+') && !compact.starts_with("+47") {
            return Err(
                "only Norwegian numbers (+47) can be cancelled with a Norwegian operator".into(),
            );
        }
        if !national.chars().all(|c| c.is_ascii_digit()) {
            return Err("use only digits, spaces and a leading +47 or 0047".into());
        }
        if national.len() != 8 {
            return Err(format!(
                "a Norwegian mobile number has 8 digits; this has {}",
                national.len()
            ));
        }
        if !national.starts_with(['4', '9']) {
            return Err("a Norwegian mobile number starts with 4 or 9".into());
        }
        Ok(MobileNumber(national.to_owned()))
    }

    /// The 8 digits: `91234567`.
    #[must_use]
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// As dialled at home: `912 34 567`.
    #[must_use]
    pub fn national(&self) -> String {
        let d = &self.0;
        format!("{} {} {}", &d[..3], &d[3..5], &d[5..])
    }
}

impl fmt::Display for MobileNumber {
    /// The international form: `+47 912 34 567`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+47 {}", self.national())
    }
}

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
    pub fn parse(input: &str) -> Result<Self, String> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err("enter the account number, e.g. 1234.56.78903, or an IBAN".into());
        }
        if compact.chars().all(|c| c.is_ascii_digit()) {
            if compact.len() != 11 {
                return Err(format!(
                    "a Norwegian account number has 11 digits; this has {}",
                    compact.len()
                ));
            }
            if !mod11_ok(&compact) {
                return Err("the check digit is wrong: look for a typing mistake".into());
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
fn mod11_ok(digits: &str) -> bool {
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

fn check_iban(iban: &str) -> Result<(), String> {
    let bytes = iban.as_bytes();
    let shaped = bytes.len() >= 5
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes.iter().all(u8::is_ascii_alphanumeric);
    if !shaped {
        return Err(
            "not an account number: give 11 digits (1234.56.78903) or an IBAN (NO93 8601 1117 947)"
                .into(),
        );
    }
    if iban.starts_with("NO") && iban.len() != 15 {
        return Err(format!(
            "a Norwegian IBAN has 15 characters; this has {}",
            iban.len()
        ));
    }
    if !(15..=34).contains(&iban.len()) {
        return Err(format!(
            "an IBAN has 15 to 34 characters; this has {}",
            iban.len()
        ));
    }
    // ISO 13616: move the first four characters to the end, letters become 10..35, and the
    // number must leave 1 when divided by 97. Computed digit by digit to stay in a u32.
    let remainder = iban[4..]
        .bytes()
        .chain(iban[..4].bytes())
        .fold(0u32, |acc, byte| {
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
        });
    if remainder != 1 {
        return Err("the IBAN's check digits are wrong: look for a typing mistake".into());
    }
    if iban.starts_with("NO") && !mod11_ok(&iban[4..]) {
        return Err("the account number inside this IBAN has a wrong check digit".into());
    }
    Ok(())
}

/// The subscription owner's name, as it goes into the message.
pub fn owner_name(input: &str) -> Result<String, String> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("enter the name the subscription is registered to".into());
    }
    if name.chars().count() > 100 {
        return Err("that is longer than a name: at most 100 characters".into());
    }
    if name.chars().any(char::is_control) || !name.chars().any(char::is_alphabetic) {
        return Err("a name needs letters, and no control characters".into());
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn wrong_mobile_numbers_say_why() {
        let reason = |input| MobileNumber::parse(input).unwrap_err();
        assert!(reason("9123456").contains("has 7"));
        assert!(reason("912345678").contains("has 9"));
        assert!(reason("21000000").contains("starts with 4 or 9"));
        assert!(reason("+46 70 123 45 67").contains("Norwegian"));
        assert!(reason("912-34-567").contains("only digits"));
        assert!(reason("").contains("enter"));
    }

    #[test]
    fn norwegian_accounts_are_checked_by_mod11() {
        // 1234.56.78903 is the textbook example with a valid check digit.
        let account = BankAccount::parse("1234.56.78903").unwrap();
        assert_eq!(account.to_string(), "1234.56.78903");
        assert_eq!(BankAccount::parse("1234 56 78903").unwrap(), account);
        assert!(
            BankAccount::parse("1234.56.78904")
                .unwrap_err()
                .contains("check digit")
        );
        assert!(
            BankAccount::parse("1234.56.7890")
                .unwrap_err()
                .contains("11 digits")
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
        assert!(
            BankAccount::parse("NO94 8601 1117 947")
                .unwrap_err()
                .contains("check digits")
        );
        assert!(
            BankAccount::parse("DE89 3704 0044 0532 0130 01")
                .unwrap_err()
                .contains("check digits")
        );
        assert!(
            BankAccount::parse("NO93 8601 1117 94")
                .unwrap_err()
                .contains("15 characters")
        );
        assert!(
            BankAccount::parse("hello")
                .unwrap_err()
                .contains("not an account number")
        );
    }

    #[test]
    fn names_are_tidied_and_checked() {
        assert_eq!(owner_name("  Ola   Nordmann ").unwrap(), "Ola Nordmann");
        assert_eq!(owner_name("王小明").unwrap(), "王小明");
        assert!(owner_name("   ").is_err());
        assert!(owner_name("12345").is_err());
        assert!(owner_name("Ola\u{1b}[31m").is_err());
    }
}
