//! The checklist as text, a Markdown task list, or JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Emphasis, Format, Layout, applies_when, cite, unconfirmed};
use crate::checklist::{Checklist, Item};
use crate::i18n::{Ui, long_date};
use crate::operator::{Dated, Entry};
use crate::text::Lang;
use jiff::civil::Date;

/// The checklist in `format`.
#[must_use]
pub fn checklist(checklist: &Checklist, format: Format, today: Date, layout: &Layout) -> String {
    match format {
        Format::Text => text(checklist, today, layout),
        Format::Markdown => markdown(checklist, today, layout),
        Format::Json => json(checklist, layout),
    }
}

fn title(checklist: &Checklist, layout: &Layout) -> String {
    match checklist.operator {
        Some(operator) => layout.tf(Ui::ChecklistTitleOperator, &[("operator", &operator.name)]),
        None => layout.t(Ui::ChecklistTitle).to_owned(),
    }
}

/// The heading of the group an item belongs to.
fn group(item: &Item, layout: &Layout) -> String {
    match item.operator {
        Some(operator) => layout.tf(Ui::GroupOperator, &[("operator", &operator.name)]),
        None => layout.t(Ui::GroupCommon).to_owned(),
    }
}

fn text(checklist: &Checklist, today: Date, layout: &Layout) -> String {
    let lang = layout.lang;
    // About a kilobyte an item, once: growing the text step by step copies it each time.
    let mut out = String::with_capacity(1024 * checklist.items.len());
    layout.emphasized(Emphasis::Bold, &mut out, "", "", &title(checklist, layout));
    let mut current = String::new();
    let number_width = checklist.items.len().to_string().len();
    for (index, item) in checklist.items.iter().enumerate() {
        let heading = group(item, layout);
        if heading != current {
            out.push('\n');
            layout.emphasized(Emphasis::Bold, &mut out, "", "", &heading);
            current = heading;
        }
        let entry = item.entry;
        let number = format!("{:>number_width$}. ", index + 1);
        let indent = " ".repeat(number.len());
        layout.emphasized(
            Emphasis::Bold,
            &mut out,
            &number,
            &indent,
            entry.title.get(lang),
        );
        layout.paragraph(&mut out, &indent, &indent, entry.detail.get(lang));
        if let Some(line) = applies_when(&entry.when, lang) {
            layout.emphasized(Emphasis::Dim, &mut out, &indent, &indent, &line);
        }
        for source in entry.provenance.sources.iter() {
            let line = layout.tf(Ui::SourceLine, &[("source", &cite(source, lang))]);
            layout.emphasized(Emphasis::Dim, &mut out, &indent, &indent, &line);
        }
        if let Some(line) = unconfirmed(&entry.provenance, lang) {
            layout.paragraph(&mut out, &indent, &indent, &line);
        }
    }
    out.push('\n');
    layout.paragraph(&mut out, "", "", &checked_line(checklist, layout, false));
    if let Some(notice) = checklist
        .operator
        .and_then(|op| super::freshness(op, today, layout))
    {
        layout.emphasized(Emphasis::Bold, &mut out, "", "", &notice);
    }
    out
}

/// When the facts were checked; `in_file` gives the date in ISO form, for files.
fn checked_line(checklist: &Checklist, layout: &Layout, in_file: bool) -> String {
    match checklist.operator {
        Some(operator) => {
            let date = if in_file {
                operator.checked.to_string()
            } else {
                long_date(operator.checked, layout.lang)
            };
            layout.tf(
                Ui::CheckedOperator,
                &[("operator", &operator.name), ("date", &date)],
            )
        }
        None => layout.t(Ui::CheckedCommon).to_owned(),
    }
}

fn markdown(checklist: &Checklist, today: Date, layout: &Layout) -> String {
    let lang = layout.lang;
    let mut out = format!("# {}\n", title(checklist, layout));
    let mut current = String::new();
    for item in &checklist.items {
        let heading = group(item, layout);
        if heading != current {
            let _ = writeln!(out, "\n## {heading}\n");
            current = heading;
        }
        let entry = item.entry;
        let _ = write!(
            out,
            "- [ ] **{}**  \n  {}",
            entry.title.get(lang),
            entry.detail.get(lang)
        );
        if let Some(line) = applies_when(&entry.when, lang) {
            let _ = write!(out, "  \n  *{line}*");
        }
        for source in entry.provenance.sources.iter() {
            let line = layout.tf(Ui::SourceLine, &[("source", &markdown_cite(source, lang))]);
            let _ = write!(out, "  \n  {line}");
        }
        if let Some(line) = unconfirmed(&entry.provenance, lang) {
            let _ = write!(out, "  \n  **{line}**");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}", checked_line(checklist, layout, true));
    if let Some(notice) = checklist
        .operator
        .and_then(|op| super::freshness(op, today, layout))
    {
        let _ = writeln!(out, "\n**{notice}**");
    }
    out
}

pub(super) fn markdown_cite(source: &crate::operator::Source, lang: Lang) -> String {
    let cited = cite(source, lang);
    match source.link() {
        // `cite` ends with the URL; make it a link in Markdown.
        Some(link) => {
            let text = cited.trim_end_matches(link).trim_end();
            format!("[{text}]({link})")
        }
        None => cited,
    }
}

fn json(checklist: &Checklist, layout: &Layout) -> String {
    let lang = layout.lang;
    let items: Vec<Value> = checklist
        .items
        .iter()
        .map(|item| {
            let entry = item.entry;
            json!({
                "id": entry.id,
                "operator": item.operator.map(|operator| operator.id.as_str()),
                "title": entry.title.get(lang),
                "detail": entry.detail.get(lang),
                "applies_to": applies_to(entry),
                "confirmed": entry.provenance.confirmed,
                "check_on": check_on(entry),
                "sources": sources(entry, lang),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_default();
    out.push('\n');
    out
}

/// The situations `entry` applies to, as JSON: each question with the answers it admits.
pub(super) fn applies_to(entry: &Entry) -> serde_json::Map<String, Value> {
    entry
        .when
        .terms()
        .into_iter()
        .map(|(key, words)| (key.word().to_owned(), json!(words)))
        .collect()
}

/// The page to check an unconfirmed `entry` on, where it has one.
pub(super) fn check_on(entry: &Entry) -> Option<&str> {
    let provenance = &entry.provenance;
    (!provenance.confirmed && !provenance.check_on.is_empty()).then_some(&*provenance.check_on)
}

/// `entry`'s sources as JSON, linked only where users may be sent.
pub(super) fn sources(entry: &Entry, lang: Lang) -> Vec<Value> {
    entry
        .provenance
        .sources
        .iter()
        .map(|source| {
            json!({
                "title": source.title.get(lang),
                "url": source.link(),
                "kind": source.kind.word(),
                // The date the page shows, ISO, or null where it shows none.
                "dated": source.dated.date().map(|date| date.to_string()),
                "dated_as": match source.dated {
                    Dated::On { kind, .. } => kind.word(),
                    Dated::Undated => "undated",
                },
            })
        })
        .collect()
}
