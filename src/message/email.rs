//! An e-mail as a file a mail client opens ready to send (RFC 5322, `.eml`), and as a
//! `mailto:` link.

use mail_builder::MessageBuilder;
use mail_builder::headers::text::Text;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::letter::{Head, Words, body};
use crate::casebook::Sha256;
use crate::text::Lang;

/// A `mailto:` link is printed only up to this length: longer ones are cut short by some
/// mail clients and browsers.
pub const MAILTO_LIMIT: usize = 2000;

/// What RFC 6068 leaves as it is in a `mailto:` link; everything else is percent-encoded.
const MAILTO_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The e-mail, in Norwegian, as an `.eml` file, and its `mailto:` link where short enough.
/// It has no sender: the mail client fills it in. `X-Unsent: 1` makes clients that know it
/// (Outlook, among others) open it as a draft to send, not as a received message.
pub(super) fn eml(head: &Head, words: &Words) -> (String, Option<String>) {
    let body = body(head, words, Lang::Nb);
    // The file is the same for the same message, so that a transcript of it is stable: the
    // Message-ID comes from the content, the Date is noon (UTC) of the day it was written,
    // which is that day in every time zone of Europe and Asia. The client sets the real
    // date and time when it sends.
    let digest = Sha256::of(format!("{}\n{body}", words.subject).as_bytes());
    let id = &digest.as_str()[..24];
    let noon = jiff::tz::TimeZone::UTC
        .to_timestamp(head.date.at(12, 0, 0, 0))
        .map_or(0, jiff::Timestamp::as_second);
    let mut builder = MessageBuilder::new()
        .subject(words.subject.as_str())
        .date(noon)
        .message_id(format!("{id}@nocard.invalid"))
        .header("X-Unsent", Text::new("1"))
        .text_body(body.as_str());
    let to = head.recipient.filter(|address| address.contains('@'));
    if let Some(address) = to {
        builder = builder.to((head.to, address));
    }
    let text = builder.write_to_string().unwrap_or_default();
    let link = mailto(to.unwrap_or_default(), &words.subject, &body);
    (text, Some(link).filter(|link| link.len() <= MAILTO_LIMIT))
}

/// `mailto:` with the address, subject and body; lines end in CRLF, as RFC 6068 asks.
fn mailto(address: &str, subject: &str, body: &str) -> String {
    let body = body.trim_end().replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(address, MAILTO_KEEP)
            .to_string()
            .replace("%40", "@"),
        utf8_percent_encode(subject, MAILTO_KEEP),
        utf8_percent_encode(&body, MAILTO_KEEP),
    )
}

/// The e-mail in the user's language, for reference: the subject and the body.
pub(super) fn translation(head: &Head, words: &Words, lang: Lang) -> String {
    format!("{}\n\n{}", words.subject, body(head, words, lang))
}
