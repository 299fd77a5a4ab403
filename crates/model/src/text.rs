//! Texts that exist in several languages.

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

/// One text in up to three languages. English is always there and is the fallback.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub en: String,
    pub nb: Option<String>,
    pub zh: Option<String>,
}

impl Text {
    /// A text that exists only in English.
    #[must_use]
    pub fn english(en: impl Into<String>) -> Self {
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

    /// The text in `lang` alone (English where it has none), as `get` returns it for any
    /// language: what a model compiled for one interface language holds.
    #[must_use]
    pub fn only(&self, lang: Lang) -> Text {
        Text::english(self.get(lang))
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

#[cfg(test)]
mod tests {
    use super::*;

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
