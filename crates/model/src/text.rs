//! Texts that exist in several languages, and showing text from strangers safely.

use std::borrow::Cow;
use std::fmt;

/// A language nocard can speak.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    /// English
    #[default]
    En,
    /// Norwegian bokmål
    Nb,
    /// Chinese (simplified)
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Nb, Lang::Zh];

    /// The language with this code, as `--lang` and `NOCARD_LANG` take them.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's code, as used for keys in operator files.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nb => "nb",
            Lang::Zh => "zh",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Text the model holds: borrowed from the binary for the shipped files, owned for files
/// read at run time.
pub type Str = Cow<'static, str>;

/// A list the model holds, borrowed or owned as `Str` is.
pub type List<T> = Cow<'static, [T]>;

/// One text in up to three languages. English is always there and is the fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub en: Str,
    pub nb: Option<Str>,
    pub zh: Option<Str>,
}

impl Text {
    /// A text that exists only in English.
    #[must_use]
    pub fn english(en: impl Into<Str>) -> Self {
        Text {
            en: en.into(),
            nb: None,
            zh: None,
        }
    }

    /// The text in `lang`, or in English where it has not been translated.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        let translated = match lang {
            Lang::En => None,
            Lang::Nb => self.nb.as_deref(),
            Lang::Zh => self.zh.as_deref(),
        };
        translated.unwrap_or(&self.en)
    }

    /// The languages this text lacks.
    #[must_use]
    pub fn missing(&self) -> Vec<Lang> {
        let mut missing = Vec::new();
        if self.nb.is_none() {
            missing.push(Lang::Nb);
        }
        if self.zh.is_none() {
            missing.push(Lang::Zh);
        }
        missing
    }
}

/// `text` with the full-width forms a Chinese or Japanese input method types (`，`, `＜`,
/// `？`, `１２３`, the ideographic space) as their ASCII counterparts: the checks of typed
/// values, and the keys that go back or show the details, then take them as meant.
#[must_use]
pub fn halfwidth(text: &str) -> Cow<'_, str> {
    let full = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}');
    if !text.chars().any(full) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect::<String>()
        .into()
}

/// Whether `c` is invisible yet changes how text around it reads: bidirectional embeddings,
/// overrides, isolates and marks (which can show `moc.rab` for `bar.com`), zero-width spaces and
/// joiners other than ZWJ and ZWNJ (which some scripts and emoji need), line and paragraph
/// separators, the byte-order mark, and tag characters.
#[must_use]
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `c` must not reach a terminal as it is: a control character (ESC starts terminal
/// escape sequences, U+009B is a one-character CSI, CR rewrites the line) or an invisible
/// formatting character.
#[must_use]
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// `text` with every character that must not reach a terminal written as `\u{1b}`, so that
/// a value from a stranger's file can be shown in an error, on one line, as the data it is.
#[must_use]
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {

    #[test]
    fn full_width_forms_are_read_as_ascii() {
        assert_eq!(
            halfwidth("中关村大街1号，100080 北京"),
            "中关村大街1号,100080 北京"
        );
        assert_eq!(halfwidth("＜"), "<");
        assert_eq!(halfwidth("？"), "?");
        assert_eq!(halfwidth("９１２\u{3000}３４"), "912 34");
        assert!(matches!(halfwidth("王小明"), Cow::Borrowed("王小明")));
    }
    use super::*;

    #[test]
    fn escapes_and_invisible_characters_are_shown_as_code_points() {
        assert_eq!(printable("Telenor"), "Telenor");
        assert_eq!(printable("王小明 Ola-Nordmann"), "王小明 Ola-Nordmann");
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("x\u{9b}31m\r\n"), "x\\u{9b}31m\\u{d}\\u{a}");
        assert_eq!(printable("Ola\u{202e}nnamdroN"), "Ola\\u{202e}nnamdroN");
        // ZWJ in an emoji sequence and ZWNJ in Persian are part of the text.
        assert_eq!(printable("\u{200d}\u{200c}"), "\u{200d}\u{200c}");
    }

    #[test]
    fn a_missing_translation_falls_back_to_english() {
        let text = Text {
            en: "Cancel".into(),
            nb: Some("Si opp".into()),
            zh: None,
        };
        assert_eq!(text.get(Lang::Nb), "Si opp");
        assert_eq!(text.get(Lang::Zh), "Cancel");
        assert_eq!(text.missing(), vec![Lang::Zh]);
    }
}
