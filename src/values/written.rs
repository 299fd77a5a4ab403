//! What the user writes that goes into a message as it is: the owner's name, the operator's
//! reference, a postal address, a customer number.

use std::fmt;

use super::{Invalid, has_unsafe_char};
use crate::text::is_unsafe_char;

/// The subscription owner's name, as it goes into the message: one line, spaces tidied, with
/// no character that could change how the message or the terminal reads.
pub fn owner_name(input: &str) -> Result<String, Invalid> {
    if has_unsafe_char(input) {
        return Err(Invalid::NameCharacters);
    }
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Invalid::NameEmpty);
    }
    if name.chars().count() > 100 {
        return Err(Invalid::NameTooLong);
    }
    if name.chars().any(char::is_control) || !name.chars().any(char::is_alphabetic) {
        return Err(Invalid::NameCharacters);
    }
    // The message goes to a Norwegian operator, whose records hold the name as the passport
    // or ID card writes it: in Latin letters.
    if name.chars().any(|c| c.is_alphabetic() && !is_latin(c)) {
        return Err(Invalid::NameNotLatin);
    }
    Ok(name)
}

/// Whether `c` is a letter of the Latin script, accents and all (ø, å, é, ł, ğ, ñ).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && !matches!(c, '\u{00D7}' | '\u{00F7}')
}

/// The operator's reference for a request, as the user copied it: up to 60 characters on one
/// line. Empty means there was none.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference(String);

impl Reference {
    /// Trims `input`; refuses more than 60 characters or any control character.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let word = input.trim();
        if word.chars().count() > 60 || word.chars().any(is_unsafe_char) {
            return Err(Invalid::Reference);
        }
        Ok(Reference(word.to_owned()))
    }

    /// No reference.
    #[must_use]
    pub fn none() -> Self {
        Reference(String::new())
    }

    /// Whether the user had none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Reference {
    type Error = Invalid;
    fn try_from(text: String) -> Result<Self, Invalid> {
        Reference::parse(&text)
    }
}

impl From<Reference> for String {
    fn from(reference: Reference) -> Self {
        reference.0
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A postal address, as the user writes it on one line with its parts between commas:
/// `Storgata 1, 0150 Oslo`. Kept so: parts trimmed, one comma and a space between them. A
/// letter puts each part on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalAddress(String);

impl PostalAddress {
    /// Takes the parts between commas (or lines, from an answers file); at least two, the
    /// street and the town, and at most 200 characters in all.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let parts: Vec<String> = input
            .split([',', '\n'])
            .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|part| !part.is_empty())
            .collect();
        if parts.iter().any(|part| has_unsafe_char(part)) {
            return Err(Invalid::AddressCharacters);
        }
        if parts.len() < 2 {
            return Err(Invalid::AddressShape);
        }
        let address = parts.join(", ");
        if address.chars().count() > 200 {
            return Err(Invalid::AddressTooLong);
        }
        Ok(PostalAddress(address))
    }

    /// Its parts, a line each on a letter.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.0.split(", ")
    }

    /// The town of a Norwegian address, after its four-digit postcode: `Oslo` in
    /// `0150 Oslo`. `None` for an address abroad, whose shape nocard does not guess.
    #[must_use]
    pub fn town(&self) -> Option<&str> {
        self.0.rsplit(", ").find_map(|line| {
            let (code, town) = line.split_once(' ')?;
            (code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) && !town.is_empty())
                .then_some(town)
        })
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PostalAddress {
    type Error = Invalid;
    fn try_from(text: String) -> Result<Self, Invalid> {
        PostalAddress::parse(&text)
    }
}

impl From<PostalAddress> for String {
    fn from(address: PostalAddress) -> Self {
        address.0
    }
}

impl fmt::Display for PostalAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The customer number on the operator's invoices, as the user copied it: up to 30
/// characters on one line. Empty means the user has none at hand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CustomerNumber(String);

impl CustomerNumber {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let word = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if word.chars().count() > 30 || has_unsafe_char(input.trim()) {
            return Err(Invalid::CustomerNumber);
        }
        Ok(CustomerNumber(word))
    }

    /// No customer number.
    #[must_use]
    pub fn none() -> Self {
        CustomerNumber(String::new())
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CustomerNumber {
    type Error = Invalid;
    fn try_from(text: String) -> Result<Self, Invalid> {
        CustomerNumber::parse(&text)
    }
}

impl From<CustomerNumber> for String {
    fn from(number: CustomerNumber) -> Self {
        number.0
    }
}

impl fmt::Display for CustomerNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
