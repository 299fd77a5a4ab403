//! Chinese as it is typeset: the spaces that do not belong in it taken out when text is put
//! together, and the rules its copy follows, which a test holds every Chinese text to.

use std::borrow::Cow;

/// Full-width punctuation: no space goes beside it, and a line does not break before the
/// closing ones.
pub const PUNCTUATION: &str = "，。、：；！？（）「」『』“”‘’《》…";

/// Chinese text with the spaces that do not belong in it taken out: between two Chinese
/// characters, and beside full-width punctuation. The spaces between Chinese and Latin
/// letters or digits stay (`致电 Telenor 客服`), so a template may put one around a value
/// that is either (`修改 {question}`).
#[must_use]
pub fn tidy_chinese(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let stray = |at: usize| {
        chars[at] == ' ' && at > 0 && at + 1 < chars.len() && {
            let (before, after) = (chars[at - 1], chars[at + 1]);
            let chinese = |c: char| is_cjk(c) || PUNCTUATION.contains(c);
            (chinese(before) && chinese(after))
                || PUNCTUATION.contains(before)
                || PUNCTUATION.contains(after)
        }
    };
    if !(0..chars.len()).any(stray) {
        return Cow::Borrowed(text);
    }
    let tidied: String = (0..chars.len())
        .filter(|&at| !stray(at))
        .map(|at| chars[at])
        .collect();
    Cow::Owned(tidied)
}

/// A Chinese character (or kana, or hangul): wide, and a letter.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether `c` needs no space beside Chinese: a Chinese character, or full-width punctuation.
#[must_use]
pub fn joins_without_space(c: char) -> bool {
    is_cjk(c) || PUNCTUATION.contains(c)
}

/// A Chinese ideograph: a letter with no spaces between it and the next.
pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Where `text` breaks the rules of Chinese copy, each as a few words and the place: ASCII
/// punctuation (`,` `:` `;` `!` `?` `(` `)` `.`) against a Chinese character, a space between
/// two Chinese characters or beside full-width punctuation, Chinese against a Latin letter or
/// digit without a space between (but for dates: `2026年11月25日`), and `…` alone where Chinese
/// writes `……`. `{placeholders}` are left out: what fills them decides.
#[must_use]
pub fn typography(text: &str) -> Vec<String> {
    // A placeholder, and code in backticks, become a character no rule looks at.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    let mut closing = None;
    for c in text.chars() {
        match closing {
            Some(close) if c == close => {
                chars.push('\u{E000}');
                closing = None;
            }
            Some(_) => {}
            None if c == '{' => closing = Some('}'),
            None if c == '`' => closing = Some('`'),
            None => chars.push(c),
        }
    }
    let at = |index: usize| -> String {
        let start = index.saturating_sub(6);
        let end = (index + 6).min(chars.len());
        chars[start..end]
            .iter()
            .collect::<String>()
            .replace('\n', "⏎")
    };
    let han = |index: Option<usize>| index.and_then(|i| chars.get(i)).is_some_and(|&c| is_han(c));
    let full_width = |c: char| PUNCTUATION.contains(c);
    let latin = |c: char| c.is_ascii_alphanumeric();
    let date = |digit: char, unit: char| digit.is_ascii_digit() && "年月日".contains(unit);
    let mut problems = Vec::new();
    for (index, &c) in chars.iter().enumerate() {
        let before = index.checked_sub(1);
        let after = Some(index + 1);
        let problem = match c {
            ',' | ':' | ';' | '!' | '?' | ')' | '.' if han(before) => {
                Some("ASCII punctuation after Chinese")
            }
            '(' if han(before) || han(after) => Some("an ASCII bracket against Chinese"),
            ' ' if han(before) && han(after) => Some("a space between Chinese characters"),
            ' ' if {
                let near = |i: usize| chars.get(i).copied().filter(|c| !c.is_whitespace());
                let (previous, next) = (before.and_then(near), near(index + 1));
                previous
                    .zip(next)
                    .is_some_and(|(p, n)| full_width(p) || full_width(n))
            } =>
            {
                Some("a space beside full-width punctuation")
            }
            '…' if chars.get(index + 1) != Some(&'…') && before.is_none_or(|i| chars[i] != '…') => {
                Some("… alone, where Chinese writes ……")
            }
            _ => before.map(|i| chars[i]).and_then(|previous| {
                let touching = (is_han(previous)
                    && latin(c)
                    && !date(c, previous)
                    && !"年月".contains(previous))
                    || (latin(previous) && is_han(c) && !date(previous, c));
                touching.then_some("no space between Chinese and a Latin letter or digit")
            }),
        };
        if let Some(problem) = problem {
            problems.push(format!("{problem}: “{}”", at(index)));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_loses_stray_spaces_and_keeps_those_beside_latin() {
        assert_eq!(
            tidy_chinese("将于 2027年1月31日 终止。 未经证实"),
            "将于 2027年1月31日终止。未经证实"
        );
        assert_eq!(tidy_chinese("修改 意向：彻底解约"), "修改意向：彻底解约");
        assert_eq!(
            tidy_chinese("修改 SIM：实体 SIM 卡"),
            "修改 SIM：实体 SIM 卡"
        );
        assert_eq!(tidy_chinese("致电 Telenor 客服"), "致电 Telenor 客服");
        assert_eq!(
            tidy_chinese("需要 有效的证件 （未证实）"),
            "需要有效的证件（未证实）"
        );
    }

    #[test]
    fn chinese_copy_is_held_to_its_rules() {
        for good in [
            "电话：致电 Telenor 客服，915 09 000",
            "将于 2026年12月31日终止。",
            "来源：[2]、[4]（最新的来自 2022 年）",
            "修改 {question}：{answer}",
            "……另有 {count} 条。",
            "在答案文件中加上 `{key} = \"…\"`，或在终端中运行",
            "用法：nocard status [选项]\n  status  查看记录",
        ] {
            assert_eq!(typography(good), Vec::<String>::new(), "{good}");
        }
        for (bad, rule) in [
            ("电话: 致电 Telenor 客服, 915 09 000", "ASCII punctuation"),
            ("来源 (2024年2月20日起适用)", "ASCII punctuation"),
            ("标题 (未注明日期)", "ASCII bracket"),
            (
                "将于 2027年1月31日 终止。 未经证实",
                "space between Chinese",
            ),
            ("终止。 未经证实", "beside full-width"),
            ("修改SIM", "no space"),
            ("详细信息和来源…", "… alone"),
        ] {
            let found = typography(bad);
            assert!(
                found.iter().any(|problem| problem.contains(rule)),
                "{bad}: {found:?}"
            );
        }
    }
}
