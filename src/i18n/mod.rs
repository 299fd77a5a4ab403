//! Interface strings in every language, and which language to speak.
//!
//! The strings live in `i18n/ui.toml`, one table per string with its `en`, `nb` and `zh` text.
//! `build.rs` checks that every string has all three, with the same `{placeholders}`, and
//! compiles them into a table, so looking one up costs nothing at start-up.

pub mod chinese;
#[cfg(test)]
mod glossary;

use std::fmt::Display;

pub use chinese::tidy_chinese;

use crate::text::Lang;

include!(concat!(env!("OUT_DIR"), "/ui.rs"));

impl Ui {
    /// The string in `lang`.
    #[must_use]
    pub fn get(self, lang: Lang) -> &'static str {
        TEXTS[self as usize][lang as usize]
    }

    /// The string in `lang` with each `{name}` replaced by its value. In Chinese, a space the
    /// string puts beside a value (`修改 {question}`, for a value in Latin letters) is left
    /// out where the value begins or ends in Chinese and Chinese is on the other side; the
    /// value itself is never changed.
    #[must_use]
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(lang), args, lang == Lang::Zh)
    }
}

fn fill(template: &str, args: &[(&str, &dyn Display)], chinese: bool) -> String {
    let joins = |c: Option<char>| c.is_some_and(chinese::joins_without_space);
    // Room for the values too: growing the string as they come costs more than the filling.
    let mut out = String::with_capacity(template.len() * 2 + 128);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (value, close))
        });
        if let Some((value, close)) = named {
            // Written in place: most strings are filled on the way to the screen, and a copy
            // of each value would cost more than the rest of the filling.
            let start = out.len();
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("{value}"));
            rest = &after[close + 1..];
            if chinese {
                let (first, last) = (
                    out[start..].chars().next(),
                    out[start..].chars().next_back(),
                );
                let space_before = start > 0 && out[..start].ends_with(' ');
                if space_before && joins(out[..start - 1].chars().next_back()) && joins(first) {
                    out.remove(start - 1);
                }
                if joins(last)
                    && let Some(next) = rest.strip_prefix(' ')
                    && joins(next.chars().next())
                {
                    rest = next;
                }
            }
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A date as people write it: `25 November 2026`, `25. november 2026`, `2026年11月25日`.
/// Files get ISO dates instead.
#[must_use]
pub fn long_date(date: jiff::civil::Date, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const NB: [&str; 12] = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    let month = usize::try_from(date.month() - 1).unwrap_or(0);
    match lang {
        Lang::En => format!("{} {} {}", date.day(), EN[month], date.year()),
        Lang::Nb => format!("{}. {} {}", date.day(), NB[month], date.year()),
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// The language to use: `--lang`, else `NOCARD_LANG`, else the locale, else English. `env`
/// reads a variable.
///
/// The locale is read as POSIX defines it for messages: the first of `LC_ALL`, `LC_MESSAGES`
/// and `LANG` that is set and not empty decides, and the ones after it are not looked at, so
/// `LC_ALL=C LANG=zh_CN.UTF-8` is English. A locale of `C` or `POSIX` (with any codeset) asks
/// for the untranslated program: English, and `LANGUAGE` is ignored, as gettext ignores it.
/// Otherwise, where the locale names a language nocard lacks (or none is set), `LANGUAGE`'s
/// list of preferences is tried in order: `LANG=de_DE.UTF-8 LANGUAGE=de:nb` gives Norwegian.
/// Where none of these is set, the language Windows or macOS is set to.
pub fn resolve(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    if let Some(lang) = env("NOCARD_LANG").as_deref().and_then(from_code) {
        return lang;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&env)
        .find(|value| !value.trim().is_empty());
    if let Some(locale) = &locale {
        if is_untranslated(locale) {
            return Lang::En;
        }
        if let Some(lang) = from_locale(locale) {
            return lang;
        }
    }
    // LANGUAGE is a list of preferences: `zh_CN:en`.
    let language = env("LANGUAGE");
    if let Some(lang) = language
        .iter()
        .flat_map(|list| list.split(':').filter_map(from_locale).collect::<Vec<_>>())
        .next()
    {
        return lang;
    }
    // Windows and macOS keep the user's language in their own settings, which a terminal
    // does not always put into LANG; where no variable is set, nocard asks the system.
    if locale.is_none() && language.is_none() {
        return system_locale()
            .as_deref()
            .and_then(from_locale)
            .unwrap_or(Lang::En);
    }
    Lang::En
}

/// The language Windows or macOS is set to (`nb-NO`, `zh-Hans-CN`); elsewhere the locale is
/// the variables already read.
fn system_locale() -> Option<String> {
    #[cfg(any(windows, target_os = "macos"))]
    {
        sys_locale::get_locale()
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    {
        None
    }
}

/// `C`, `POSIX`, `C.UTF-8`: the locale that asks programs not to translate.
fn is_untranslated(locale: &str) -> bool {
    let name = locale.split(['.', '@']).next().unwrap_or_default().trim();
    name == "C" || name == "POSIX"
}

/// `en`, `nb`, `zh`, as `NOCARD_LANG` takes them.
fn from_code(code: &str) -> Option<Lang> {
    Lang::ALL
        .into_iter()
        .find(|lang| lang.code() == code.trim())
}

/// A locale such as `nb_NO.UTF-8`, `no`, `nn_NO`, `zh_CN.UTF-8`, `zh-Hans`, `zh_SG`.
fn from_locale(locale: &str) -> Option<Lang> {
    let language = locale
        .split(['.', '@'])
        .next()
        .unwrap_or_default()
        .split(['_', '-'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match language.as_str() {
        "nb" | "no" | "nn" => Some(Lang::Nb),
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The kind of a channel in words: `phone`, `telefon`, `电话`.
#[must_use]
pub fn channel_word(kind: crate::operator::ChannelKind, lang: Lang) -> &'static str {
    use crate::operator::ChannelKind;
    match kind {
        ChannelKind::Phone => Ui::ChannelPhone,
        ChannelKind::Chat => Ui::ChannelChat,
        ChannelKind::Web => Ui::ChannelWeb,
        ChannelKind::App => Ui::ChannelApp,
        ChannelKind::Store => Ui::ChannelStore,
        ChannelKind::Email => Ui::ChannelEmail,
        ChannelKind::Letter => Ui::ChannelLetter,
    }
    .get(lang)
}

/// How a request goes on a channel of this kind, as a phrase: `by letter`, `in the chat`, `in
/// the message form on the web page`, `in the app's message or contact form`, `by phone`, `in
/// a store`. Each kind has its own words, for what the user does on it differs.
#[must_use]
pub fn channel_how(kind: crate::operator::ChannelKind, lang: Lang) -> &'static str {
    use crate::operator::ChannelKind;
    match kind {
        ChannelKind::Phone => Ui::HowPhone,
        ChannelKind::Store => Ui::HowStore,
        ChannelKind::Chat => Ui::SendChat,
        ChannelKind::Web => Ui::SendWeb,
        ChannelKind::App => Ui::SendApp,
        ChannelKind::Email => Ui::SendEmail,
        ChannelKind::Letter => Ui::SendLetter,
    }
    .get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_with(flag: Option<Lang>, vars: &[(&str, &str)]) -> Lang {
        resolve(flag, |name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn the_language_comes_from_the_flag_then_nocard_lang_then_the_locale() {
        type Case<'a> = (Option<Lang>, &'a [(&'a str, &'a str)], Lang);
        let cases: &[Case] = &[
            (
                Some(Lang::Zh),
                &[("NOCARD_LANG", "nb"), ("LANG", "en_US.UTF-8")],
                Lang::Zh,
            ),
            (
                None,
                &[("NOCARD_LANG", "nb"), ("LANG", "zh_CN.UTF-8")],
                Lang::Nb,
            ),
            (
                None,
                &[("NOCARD_LANG", "klingon"), ("LANG", "zh_CN.UTF-8")],
                Lang::Zh,
            ),
            (
                None,
                &[("LC_ALL", "nb_NO.UTF-8"), ("LANG", "zh_CN.UTF-8")],
                Lang::Nb,
            ),
            (
                None,
                &[("LC_MESSAGES", "zh_SG.UTF-8"), ("LANG", "nb_NO")],
                Lang::Zh,
            ),
            (None, &[("LANG", "nb_NO.UTF-8")], Lang::Nb),
            (None, &[("LANG", "no")], Lang::Nb),
            (None, &[("LANG", "nn_NO.UTF-8")], Lang::Nb),
            (None, &[("LANG", "nb")], Lang::Nb),
            (None, &[("LANG", "zh_CN")], Lang::Zh),
            (None, &[("LANG", "zh-Hans")], Lang::Zh),
            (None, &[("LANG", "zh_SG")], Lang::Zh),
            (None, &[("LANGUAGE", "zh_CN:en")], Lang::Zh),
            (None, &[("LANGUAGE", "fr:nb")], Lang::Nb),
            // POSIX: LC_ALL wins, and C or POSIX there means untranslated, whatever LANG says.
            (None, &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")], Lang::En),
            (
                None,
                &[("LC_ALL", "POSIX"), ("LANG", "nb_NO.UTF-8")],
                Lang::En,
            ),
            (
                None,
                &[("LC_ALL", "C.UTF-8"), ("LANG", "nb_NO.UTF-8")],
                Lang::En,
            ),
            (None, &[("LC_MESSAGES", "C"), ("LANG", "zh_CN")], Lang::En),
            (
                None,
                &[("LANG", "C.UTF-8"), ("LANGUAGE", "zh_CN")],
                Lang::En,
            ),
            // An empty variable is not set.
            (None, &[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")], Lang::Zh),
            // The first locale set decides, even in a language nocard lacks; then LANGUAGE.
            (
                None,
                &[("LC_ALL", "fr_FR.UTF-8"), ("LANG", "zh_CN.UTF-8")],
                Lang::En,
            ),
            (
                None,
                &[("LC_ALL", "fr_FR.UTF-8"), ("LANGUAGE", "fr:zh")],
                Lang::Zh,
            ),
            (
                None,
                &[("LANG", "de_DE.UTF-8"), ("LANGUAGE", "de:nb")],
                Lang::Nb,
            ),
            (None, &[("LANG", "fr_FR.UTF-8")], Lang::En),
            (None, &[], Lang::En),
        ];
        for (flag, vars, expected) in cases {
            assert_eq!(resolve_with(*flag, vars), *expected, "{flag:?} {vars:?}");
        }
    }

    #[test]
    fn every_interface_string_exists_in_every_language_with_the_same_placeholders() {
        for key in Ui::ALL {
            let english = key.get(Lang::En);
            let placeholders = |text: &str| {
                let mut names: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
                    .collect();
                names.sort();
                names
            };
            for lang in Lang::ALL {
                let text = key.get(lang);
                assert!(!text.trim().is_empty(), "{key:?} is empty in {lang}");
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{key:?} in {lang}"
                );
            }
        }
    }

    #[test]
    fn dates_read_as_each_language_writes_them() {
        let date = jiff::civil::date(2026, 11, 5);
        assert_eq!(long_date(date, Lang::En), "5 November 2026");
        assert_eq!(long_date(date, Lang::Nb), "5. november 2026");
        assert_eq!(long_date(date, Lang::Zh), "2026年11月5日");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_braces_kept() {
        let filled = fill(
            "{who} pays {amount} kr {unknown}",
            &[("who", &"Kari"), ("amount", &50)],
            false,
        );
        assert_eq!(filled, "Kari pays 50 kr {unknown}");
        // Chinese drops a space of the template's where Chinese meets Chinese, and only then.
        let change = |answer: &str| {
            fill(
                "修改 {question}：{answer}",
                &[("question", &answer), ("answer", &"x")],
                true,
            )
        };
        assert_eq!(change("意向"), "修改意向：x");
        assert_eq!(change("SIM"), "修改 SIM：x");
        let around = fill("将于 {date} 终止", &[("date", &"2027年1月31日")], true);
        assert_eq!(around, "将于 2027年1月31日终止");
        let kept = fill("{path} 已存在", &[("path", &"我的 文件")], true);
        assert_eq!(kept, "我的 文件已存在", "a value's own spaces stay");
    }
}
