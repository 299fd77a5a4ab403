//! Why something could not be read or written, in the user's language: the system's reasons
//! (by the kind of `io::Error`), nocard's own refusals (a file over 1 MiB, not UTF-8, a link
//! out of the operators folder), the TOML parser's complaints and a value of the wrong type.
//! English keeps the system's and the parser's own words; the other languages get nocard's,
//! so that no English reaches a Norwegian or Chinese screen.

use std::fmt;
use std::io;

use nocard_model::limits::{MAX_FILE_BYTES, MAX_NESTING, Unreadable};

use crate::i18n::Ui;
use crate::questions::shown_word;
use crate::text::Lang;

/// Why nocard will not open a file it was pointed at, carried inside an `io::Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A symbolic link to nothing.
    LinkToNothing,
    /// A symbolic link out of the operators folder: where it leads, shown as data.
    LinkOutside(String),
    /// A named pipe, a device, a folder: reading it could wait for ever.
    NotAFile,
    /// A file name with a control character or invisible formatting.
    UnsafeName,
}

impl Refusal {
    /// The refusal in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::LinkToNothing => Ui::RefusedLinkToNothing.get(lang).to_owned(),
            Refusal::LinkOutside(target) => {
                Ui::RefusedLinkOutside.fill(lang, &[("target", target)])
            }
            Refusal::NotAFile => Ui::RefusedNotAFile.get(lang).to_owned(),
            Refusal::UnsafeName => Ui::RefusedUnsafeName.get(lang).to_owned(),
        }
    }

    /// The refusal as the `io::Error` file operations return.
    #[must_use]
    pub fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidInput, self)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Refusal {}

/// Why a file was too large or not text, in `lang`.
#[must_use]
pub fn unreadable(why: Unreadable, lang: Lang) -> String {
    match why {
        Unreadable::TooLarge(bytes) => {
            Ui::UnreadableTooLarge.fill(lang, &[("bytes", &bytes), ("max", &MAX_FILE_BYTES)])
        }
        Unreadable::OverLimit => Ui::UnreadableOverLimit.fill(lang, &[("max", &MAX_FILE_BYTES)]),
        Unreadable::NotUtf8 { line } => Ui::UnreadableNotUtf8.fill(lang, &[("line", &line)]),
    }
}

/// "arrays, tables and dotted keys are nested more than 64 levels deep here", in `lang`.
#[must_use]
pub fn too_deep(lang: Lang) -> String {
    Ui::TooDeep.fill(lang, &[("max", &MAX_NESTING)])
}

/// What went wrong with a file, in `lang`: nocard's own refusal where `err` carries one, else
/// the system's reason. English has the system's words (`Permission denied (os error 13)`);
/// the other languages say the kind of failure in theirs, with the system's error number.
#[must_use]
pub fn io(err: &io::Error, lang: Lang) -> String {
    use io::ErrorKind as K;
    if let Some(why) = Unreadable::of(err) {
        return unreadable(why, lang);
    }
    if let Some(refusal) = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Refusal>())
    {
        return refusal.message(lang);
    }
    if lang == Lang::En {
        return err.to_string();
    }
    let reason = match err.kind() {
        K::NotFound => Ui::IoNotFound,
        K::PermissionDenied => Ui::IoPermissionDenied,
        K::AlreadyExists => Ui::IoAlreadyExists,
        K::ReadOnlyFilesystem => Ui::IoReadOnly,
        K::StorageFull | K::QuotaExceeded => Ui::IoStorageFull,
        K::FileTooLarge => Ui::IoFileTooLarge,
        K::IsADirectory => Ui::IoIsADirectory,
        K::NotADirectory => Ui::IoNotADirectory,
        K::InvalidFilename => Ui::IoInvalidFilename,
        K::Interrupted => Ui::IoInterrupted,
        K::BrokenPipe => Ui::IoBrokenPipe,
        K::UnexpectedEof => Ui::IoUnexpectedEof,
        _ => Ui::IoOther,
    }
    .get(lang);
    match os_code(err) {
        Some(code) => Ui::IoWithCode.fill(lang, &[("reason", &reason), ("code", &code)]),
        None => reason.to_owned(),
    }
}

/// The system's error number, also where an error was rebuilt from the system's message
/// (`… (os error 13)`), as those that drop a temporary file's name are.
fn os_code(err: &io::Error) -> Option<i32> {
    err.raw_os_error().or_else(|| {
        let text = err.to_string();
        let (_, code) = text.strip_suffix(')')?.rsplit_once("(os error ")?;
        code.parse().ok()
    })
}

/// An error and its causes, `cause: cause: cause` as anyhow writes them, with each system
/// error among them in `lang`.
#[must_use]
pub fn chain(err: &anyhow::Error, lang: Lang) -> String {
    err.chain()
        .map(|cause| match cause.downcast_ref::<io::Error>() {
            Some(io_error) => io(io_error, lang),
            None => cause.to_string(),
        })
        .collect::<Vec<_>>()
        .join(Ui::CauseSeparator.get(lang))
}

/// `what: why`, with the colon the language writes.
#[must_use]
pub fn because(what: &str, why: &str, lang: Lang) -> String {
    format!("{what}{}{why}", Ui::CauseSeparator.get(lang))
}

/// The TOML parser's complaint, `message`, in `lang`: its own words in English, and in the
/// other languages what the common mistakes mean (a word without quotes, a key given twice, a
/// quote or bracket left open), or that the text is not valid TOML there.
#[must_use]
pub fn toml_syntax(message: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return message.to_owned();
    }
    let key = if message.starts_with("string values must be quoted") {
        Ui::TomlUnquoted
    } else if message.starts_with("duplicate key") {
        Ui::TomlDuplicateKey
    } else if message.starts_with("unclosed") || message.starts_with("invalid basic string") {
        Ui::TomlUnclosed
    } else if message.starts_with("missing value") || message.starts_with("key with no value") {
        Ui::TomlMissingValue
    } else {
        Ui::TomlInvalid
    };
    key.get(lang).to_owned()
}

/// What an answers file's key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    String,
    Boolean,
    /// A list of strings, as `uses = ["bankid"]`.
    List,
}

/// The words for a value of the wrong type in a file, `key = value`, where `expected` was
/// expected: in English as serde says it, ``invalid type: integer `1`, expected a string for
/// `phone` ``.
#[must_use]
pub fn wrong_type(key: &str, value: &toml::Value, expected: Expected, lang: Lang) -> String {
    let (kind, shown) = match value {
        toml::Value::String(text) => (Ui::TypeString, Some(format!("\"{}\"", shown_word(text)))),
        toml::Value::Integer(number) => (Ui::TypeInteger, Some(format!("`{number}`"))),
        toml::Value::Float(number) => {
            // As serde writes a float: always with its decimal point.
            let mut text = number.to_string();
            if number.is_finite() && !text.contains(['.', 'e', 'E']) {
                text.push_str(".0");
            }
            (Ui::TypeFloat, Some(format!("`{text}`")))
        }
        toml::Value::Boolean(flag) => (Ui::TypeBoolean, Some(format!("`{flag}`"))),
        toml::Value::Datetime(date) => (Ui::TypeDatetime, Some(format!("`{date}`"))),
        toml::Value::Array(_) => (Ui::TypeArray, None),
        toml::Value::Table(_) => (Ui::TypeTable, None),
    };
    let found = match shown {
        Some(shown) => format!("{} {shown}", kind.get(lang)),
        None => kind.get(lang).to_owned(),
    };
    let expected = match expected {
        Expected::String => Ui::ExpectedString,
        Expected::Boolean => Ui::ExpectedBoolean,
        Expected::List => Ui::ExpectedList,
    };
    Ui::WrongType.fill(
        lang,
        &[
            ("key", &key),
            ("found", &found),
            ("expected", &expected.get(lang)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_errors_keep_their_words_in_english_and_their_number_elsewhere() {
        let denied = io::Error::from_raw_os_error(13);
        assert_eq!(io(&denied, Lang::En), denied.to_string());
        assert_eq!(io(&denied, Lang::Nb), "ingen tilgang (systemfeil 13)");
        assert_eq!(io(&denied, Lang::Zh), "没有权限（系统错误 13）");
        // An error rebuilt from the system's message keeps its number.
        let rebuilt = io::Error::new(io::ErrorKind::PermissionDenied, denied.to_string());
        assert_eq!(io(&rebuilt, Lang::Nb), "ingen tilgang (systemfeil 13)");
        let plain = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(io(&plain, Lang::Zh), "文件或文件夹不存在");
    }

    #[test]
    fn nocards_refusals_are_said_in_each_language() {
        let link = Refusal::LinkOutside("/etc/passwd".into()).into_io();
        assert!(io(&link, Lang::En).starts_with("it is a symbolic link to /etc/passwd"));
        assert!(io(&link, Lang::Nb).contains("/etc/passwd"));
        let large = nocard_model::limits::read_text(std::io::repeat(b'a')).unwrap_err();
        assert!(io(&large, Lang::En).starts_with("it is over 1 MiB"));
        assert!(io(&large, Lang::Zh).contains("1 MiB"));
        assert!(!io(&large, Lang::Zh).contains("nocard reads"));
    }

    #[test]
    fn wrong_types_read_as_serde_says_them_in_english() {
        let cases = [
            (
                toml::Value::Integer(1),
                Expected::String,
                "invalid type: integer `1`, expected a string for `phone`",
            ),
            (
                toml::Value::Float(2.0),
                Expected::String,
                "invalid type: floating point `2.0`, expected a string for `phone`",
            ),
            (
                toml::Value::Array(Vec::new()),
                Expected::String,
                "invalid type: sequence, expected a string for `phone`",
            ),
            (
                toml::Value::String("yes".into()),
                Expected::Boolean,
                "invalid type: string \"yes\", expected a boolean for `phone`",
            ),
        ];
        for (value, kind, expected) in cases {
            assert_eq!(wrong_type("phone", &value, kind, Lang::En), expected);
        }
        assert_eq!(
            wrong_type(
                "phone",
                &toml::Value::Integer(1),
                Expected::String,
                Lang::Zh
            ),
            "`phone` 的类型不对：应为字符串（加引号），而不是整数 `1`"
        );
    }

    #[test]
    fn the_parsers_words_are_explained_outside_english() {
        let message = "string values must be quoted, expected literal string";
        assert_eq!(toml_syntax(message, Lang::En), message);
        assert_ne!(toml_syntax(message, Lang::Nb), message);
        assert_eq!(
            toml_syntax("something new", Lang::Zh),
            Ui::TomlInvalid.get(Lang::Zh)
        );
    }
}
