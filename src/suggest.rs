//! "Did you mean …?": the known words nearest to a mistyped one, for operator ids and names,
//! answers-file keys and their values.

use crate::i18n::Ui;
use crate::text::Lang;

/// The words of `known` nearest to `typed`, ignoring case: those the fewest edits away (a
/// letter added, left out, changed, or two swapped), if that is few enough for `typed` to be
/// a slip rather than another word: one edit in a short word, up to three in a long one. Only
/// the nearest are given, so that `telnor` suggests `telenor` and not `telia` too; each once,
/// in the order of `known`.
pub fn nearest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let mut best: Vec<&str> = Vec::new();
    let mut best_distance = usize::MAX;
    for word in known {
        let lower = word.to_lowercase();
        let distance = strsim::damerau_levenshtein(&typed, &lower);
        let longer = typed.chars().count().max(lower.chars().count());
        if distance == 0 || distance > (longer / 3).clamp(1, 3) {
            continue;
        }
        if distance < best_distance {
            best_distance = distance;
            best.clear();
        }
        if distance == best_distance && !best.contains(&word) {
            best.push(word);
        }
    }
    best
}

/// "did you mean `telenor`?" for the words `nearest` found, or `None` if it found none.
#[must_use]
pub fn did_you_mean(words: &[&str], lang: Lang) -> Option<String> {
    if words.is_empty() {
        return None;
    }
    let names: Vec<String> = words.iter().map(|word| format!("`{word}`")).collect();
    Some(Ui::DidYouMean.fill(lang, &[("names", &names.join(Ui::CondOr.get(lang)))]))
}

/// `message`, followed by "did you mean …?" in `lang` where `typed` is near a word of `known`.
#[must_use]
pub fn with_suggestion<'a>(
    message: String,
    typed: &str,
    known: impl IntoIterator<Item = &'a str>,
    lang: Lang,
) -> String {
    match did_you_mean(&nearest(typed, known), lang) {
        Some(suggestion) => format!("{message}{}{suggestion}", Ui::ListSeparator.get(lang)),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPERATORS: [&str; 9] = [
        "chilimobil",
        "ice",
        "lycamobile",
        "mycall",
        "onecall",
        "plussmobil",
        "talkmore",
        "telenor",
        "telia",
    ];

    #[test]
    fn a_slip_suggests_the_nearest_word_alone() {
        assert_eq!(nearest("telnor", OPERATORS), ["telenor"]);
        assert_eq!(nearest("Telnor", OPERATORS), ["telenor"]);
        assert_eq!(
            nearest("teleonr", OPERATORS),
            ["telenor"],
            "a swap is one edit"
        );
        assert_eq!(nearest("tela", OPERATORS), ["telia"]);
        assert_eq!(nearest("ic", OPERATORS), ["ice"]);
        assert_eq!(nearest("plusmobil", OPERATORS), ["plussmobil"]);
        assert_eq!(nearest("one call", OPERATORS), ["onecall"]);
        assert_eq!(nearest("cancle", ["cancel", "port", "keep"]), ["cancel"]);
        assert_eq!(nearest("phoen", ["intent", "phone", "name"]), ["phone"]);
    }

    #[test]
    fn another_word_suggests_nothing() {
        assert!(nearest("vodafone", OPERATORS).is_empty());
        assert!(
            nearest("tele", OPERATORS).is_empty(),
            "as near telia as telenor"
        );
        assert!(nearest("x", ["ice"]).is_empty());
        assert!(nearest("", OPERATORS).is_empty());
        assert!(nearest("telenor", OPERATORS).is_empty(), "not a slip");
    }

    #[test]
    fn words_as_near_are_all_given() {
        assert_eq!(
            nearest("mycal", ["mycall", "mycale", "mycall"]),
            ["mycall", "mycale"]
        );
    }

    #[test]
    fn the_suggestion_speaks_the_language() {
        assert_eq!(
            with_suggestion("unknown".into(), "telnor", OPERATORS, Lang::En),
            "unknown; did you mean `telenor`?"
        );
        assert_eq!(
            with_suggestion("未知".into(), "telnor", OPERATORS, Lang::Zh),
            "未知；您是不是想输入 `telenor`？"
        );
        assert_eq!(
            with_suggestion("ukjent".into(), "vodafone", OPERATORS, Lang::Nb),
            "ukjent"
        );
    }
}
