//! How a written message is laid out, in any of the three languages: a letter as it is
//! printed and posted, the body that a letter and an e-mail share, and a text for a chat.
//! What it says comes from `Words`; who writes to whom, from `Head`.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::i18n::{Ui, long_date};
use crate::text::Lang;
use crate::values::{MobileNumber, PostalAddress};

/// A letter is read on paper: its lines are kept to this many columns.
const LETTER_WIDTH: usize = 72;

/// Who writes, to whom, and when.
#[derive(Debug, Clone, Copy)]
pub(super) struct Head<'a> {
    pub name: &'a str,
    /// The sender's postal address, for a letter.
    pub address: Option<&'a PostalAddress>,
    pub phone: &'a MobileNumber,
    /// Whether the number is the writer's own, and goes under their name. For an estate or
    /// with an authorisation it is the owner's: the subject and the request give it.
    pub own_number: bool,
    /// The operator's legal name.
    pub to: &'a str,
    /// The operator's postal or e-mail address, where it is known.
    pub recipient: Option<&'a str>,
    pub date: Date,
}

/// What a message says, in one language: its subject and its sentences.
#[derive(Debug, Clone)]
pub(super) struct Words {
    pub subject: String,
    pub sentences: Vec<String>,
}

impl Words {
    /// The subject and each sentence on a line: what the screen shows of a letter or an
    /// e-mail.
    pub(super) fn lines(&self) -> String {
        let mut out = format!("{}\n", self.subject);
        for line in &self.sentences {
            let _ = writeln!(out, "{line}");
        }
        out
    }
}

/// The body a letter and an e-mail share, from the greeting to the sender's name.
pub(super) fn body(head: &Head, words: &Words, lang: Lang) -> String {
    let mut out = format!("{}\n\n", Ui::MsgGreeting.get(lang));
    for line in &words.sentences {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{}", Ui::MsgRegards.get(lang));
    let _ = writeln!(out, "{}", head.name);
    if head.own_number {
        let _ = writeln!(
            out,
            "{}",
            Ui::MsgMobile.fill(lang, &[("number", head.phone)])
        );
    }
    out
}

/// A letter as it is printed and posted: the sender, the recipient, place and date, the
/// subject, the words, and room for a signature.
pub(super) fn letter(head: &Head, words: &Words, signed_as: &str, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", head.name);
    for line in head.address.iter().flat_map(|address| address.lines()) {
        let _ = writeln!(out, "{line}");
    }
    if head.own_number {
        let _ = writeln!(
            out,
            "{}",
            Ui::MsgMobile.fill(lang, &[("number", head.phone)])
        );
    }
    out.push('\n');
    for line in recipient_lines(head) {
        let _ = writeln!(out, "{line}");
    }
    let date = long_date(head.date, lang);
    match head.address.and_then(PostalAddress::town) {
        Some(town) => {
            let _ = writeln!(out, "\n{town}, {date}\n");
        }
        None => {
            let _ = writeln!(out, "\n{date}\n");
        }
    }
    let _ = writeln!(out, "{}\n", words.subject);
    let _ = writeln!(out, "{}\n", Ui::MsgGreeting.get(lang));
    for line in &words.sentences {
        let _ = writeln!(out, "{}", wrap(line, &head.phone.to_string()));
    }
    let _ = writeln!(out, "\n{}\n\n\n", Ui::MsgRegards.get(lang));
    let _ = writeln!(out, "{}", "_".repeat(32));
    let _ = writeln!(out, "{}", head.name);
    let _ = writeln!(out, "{signed_as}");
    out
}

/// `line` in lines of a letter's width, never breaking inside `unbroken` (the phone number).
pub(super) fn wrap(line: &str, unbroken: &str) -> String {
    const NO_BREAK: &str = "\u{a0}";
    let joined = unbroken.replace(' ', NO_BREAK);
    // A file name breaks at its hyphens only where nothing else will do.
    let options =
        textwrap::Options::new(LETTER_WIDTH).word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(&line.replace(unbroken, &joined), options).replace(NO_BREAK, " ")
}

/// The operator's name and postal address, a line for each part.
fn recipient_lines(head: &Head) -> Vec<String> {
    let mut lines: Vec<String> = head
        .recipient
        .filter(|address| !address.contains('@'))
        .map(|address| address.split(", ").map(str::to_owned).collect())
        .unwrap_or_default();
    if lines.first().is_none_or(|first| first != head.to) {
        lines.insert(0, head.to.to_owned());
    }
    lines
}

/// A text for a chat, an app or a web form: its sentences in one paragraph.
pub(super) fn chat(sentences: &[String], lang: Lang) -> String {
    let space = if lang == Lang::Zh { "" } else { " " };
    let mut out = sentences.join(space);
    out.push('\n');
    out
}
