//! The message as the walk shows it once written: what it says in the user's language, where
//! it and its translation were saved, how to send it; and where the case was recorded.

use std::fmt::Write as _;
use std::path::Path;

use super::Layout;
use super::walk::heading;
use crate::i18n::Ui;
use crate::message::Message;
use crate::operator::{ChannelKind, Operator};
use crate::text::Lang;

/// What the message says, in the user's language, where it was saved, and how to send it.
/// A chat text of at most this many rows is shown with its meaning under it.
const SHORT_CHAT: usize = 4;

pub(super) fn message(
    message: &Message,
    path: &Path,
    translation: Option<&Path>,
    authorisation: Option<&(std::path::PathBuf, String)>,
    channel: ChannelKind,
    operator: &Operator,
    layout: &Layout,
) -> String {
    let mut out = String::new();
    // A narrow window has no row to spare for the blank line above the heading.
    let narrow = layout.width.is_some_and(|width| width < 60);
    if narrow {
        layout.emphasized(
            super::Emphasis::Bold,
            &mut out,
            "",
            "",
            layout.t(Ui::YourMessage),
        );
    } else {
        heading(&mut out, layout, layout.t(Ui::YourMessage));
    }
    // Nor for rules: the text is set off by its indent.
    let rule = "─".repeat(layout.width.unwrap_or(60).min(60));
    let framed = |out: &mut String, intro: Ui, text: &str| {
        layout.paragraph(out, "", "", layout.t(intro));
        if !narrow {
            let _ = writeln!(out, "{rule}");
        }
        // The file keeps the message's own lines; the screen wraps them.
        for line in text.trim_end().lines() {
            let mut indent: String = line.chars().take_while(|c| *c == ' ').collect();
            if narrow {
                indent.push_str("  ");
            }
            layout.paragraph(out, &indent, &indent, line.trim_start());
        }
        if !narrow {
            let _ = writeln!(out, "{rule}");
        }
    };
    match channel {
        ChannelKind::Phone | ChannelKind::Store => {
            let (intro, script) = script_on_screen(&message.shown, narrow);
            framed(&mut out, intro, &script);
        }
        // A text to copy is shown as it is sent, with what it means below where the window
        // has room for both; a narrow one has the meaning in the translation's file.
        ChannelKind::Chat | ChannelKind::App | ChannelKind::Web => {
            // Where it goes differs: the chat, the web page's message form, the app's form.
            let intro = match channel {
                ChannelKind::Web => Ui::WebShown,
                ChannelKind::App => Ui::AppShown,
                _ => Ui::ChatShown,
            };
            framed(&mut out, intro, &message.text);
            // A long text leaves no room for its meaning too: that is in the file beside.
            let short = layout
                .width
                .is_none_or(|width| textwrap::wrap(&message.text, width).len() <= SHORT_CHAT);
            if layout.lang != Lang::Nb && !narrow && short {
                layout.paragraph(&mut out, "", "", layout.t(Ui::MessageMeaning));
                layout.paragraph(&mut out, "  ", "  ", message.shown.trim_end());
            }
        }
        // The request itself; in a narrow window without the subject, which repeats it.
        ChannelKind::Letter | ChannelKind::Email => {
            let shown = match message.shown.split_once('\n') {
                Some((_, request)) if narrow => request,
                _ => &message.shown,
            };
            framed(&mut out, Ui::MessageShown, shown);
        }
    }
    let how = layout.t(match channel {
        ChannelKind::Phone => Ui::SendPhone,
        ChannelKind::Chat => Ui::SendChat,
        ChannelKind::Web => Ui::SendWeb,
        ChannelKind::App => Ui::SendApp,
        ChannelKind::Store => Ui::SendStore,
        ChannelKind::Email => Ui::SendEmail,
        ChannelKind::Letter => Ui::SendLetter,
    });
    let shown = |path: &Path| crate::text::printable(&path.display().to_string()).into_owned();
    // A letter goes registered, where the receipt proves the day it went (the common
    // precaution `registered-letter`, with its source).
    let saved = match channel {
        ChannelKind::Letter => layout.tf(Ui::SavedLetter, &[("path", &shown(path))]),
        // A script is said or shown, not sent.
        ChannelKind::Phone | ChannelKind::Store => {
            layout.tf(Ui::SavedScript, &[("path", &shown(path)), ("how", &how)])
        }
        _ => layout.tf(Ui::Saved, &[("path", &shown(path)), ("how", &how)]),
    };
    layout.paragraph(&mut out, "", "", &saved);
    if let Some(translation) = translation {
        let line = layout.tf(Ui::SavedTranslation, &[("path", &shown(translation))]);
        layout.paragraph(&mut out, "", "", &line);
    }
    if let Some((path, owner)) = authorisation {
        // Only a letter or an e-mail has anything to send it with.
        let key = if matches!(channel, ChannelKind::Letter | ChannelKind::Email) {
            Ui::FullmaktSaved
        } else {
            Ui::FullmaktSavedReady
        };
        let line = layout.tf(key, &[("owner", owner), ("path", &shown(path))]);
        layout.paragraph(&mut out, "", "", &line);
    }
    out.push_str(&where_to(message, channel, operator, layout));
    out
}

/// A script as the screen shows it, and the line that introduces it. Without its blank lines:
/// the window has no row for them above the question whether it was done, and what is said
/// is set off by its indent already. A narrow window has room for where to call or go and
/// the Norwegian lines alone; what each means, and what to have ready, are in the file.
fn script_on_screen(shown: &str, narrow: bool) -> (Ui, String) {
    if narrow {
        return (Ui::ScriptShownBrief, crate::message::script_brief(shown));
    }
    let mut compact = String::new();
    for line in shown.lines().filter(|line| !line.trim().is_empty()) {
        compact.push_str(line);
        compact.push('\n');
    }
    (Ui::ScriptShown, compact)
}

/// Where the message goes, and for an e-mail, how to open it ready to send.
fn where_to(
    message: &Message,
    channel: ChannelKind,
    operator: &Operator,
    layout: &Layout,
) -> String {
    let mut out = String::new();
    match crate::message::recipient(operator, channel) {
        Some(address) => {
            let line = layout.tf(Ui::SendTo, &[("address", &address)]);
            layout.paragraph(&mut out, "", "", &line);
        }
        None if channel == ChannelKind::Email => {
            let line = layout.tf(
                Ui::EmailAddressUnknown,
                &[("operator", &operator.name), ("page", &operator.home)],
            );
            layout.paragraph(&mut out, "", "", &line);
        }
        None => {}
    }
    if channel == ChannelKind::Email {
        match &message.mailto {
            Some(link) => {
                layout.paragraph(&mut out, "", "", layout.t(Ui::OpenEml));
                // A link is never wrapped: it must stay one word to be clicked.
                let _ = writeln!(out, "{link}");
            }
            None => layout.paragraph(&mut out, "", "", layout.t(Ui::OpenEmlNoLink)),
        }
    }
    out
}

/// Where the case was recorded, and how to follow it.
pub(super) fn recorded(
    id: Option<u32>,
    sent: bool,
    channel: Option<ChannelKind>,
    layout: &Layout,
) -> String {
    let mut out = String::new();
    let line = match id {
        Some(id) if sent => layout.tf(Ui::Recorded, &[("id", &id)]),
        Some(id) if matches!(channel, Some(ChannelKind::Phone | ChannelKind::Store)) => {
            layout.tf(Ui::RecordedToDo, &[("id", &id)])
        }
        Some(id) => layout.tf(Ui::RecordedWritten, &[("id", &id)]),
        None => layout.t(Ui::RecordsUnavailable).to_owned(),
    };
    layout.paragraph(&mut out, "", "", &line);
    out
}
