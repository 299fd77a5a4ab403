//! The checklist as text, a Markdown task list, or JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Layout, cite, describe, unconfirmed};
use crate::checklist::{Checklist, Item};
use crate::cli::Format;

/// The checklist in `format`.
#[must_use]
pub fn checklist(checklist: &Checklist, format: Format, layout: &Layout) -> String {
    match format {
        Format::Text => text(checklist, layout),
        Format::Markdown => markdown(checklist, layout),
        Format::Json => json(checklist, layout),
    }
}

fn title(checklist: &Checklist) -> String {
    match checklist.operator {
        Some(operator) => format!(
            "Checklist for cancelling a mobile subscription: {}",
            operator.name
        ),
        None => "Checklist for cancelling a Norwegian mobile subscription".to_owned(),
    }
}

/// The heading of the group an item belongs to.
fn group(item: &Item) -> String {
    match item.operator {
        Some(operator) => format!("{} only", operator.name),
        None => "All operators".to_owned(),
    }
}

fn text(checklist: &Checklist, layout: &Layout) -> String {
    let lang = layout.lang;
    let mut out = String::new();
    layout.paragraph(&mut out, "", "", &layout.bold(&title(checklist)));
    let mut current = String::new();
    let number_width = checklist.items.len().to_string().len();
    for (index, item) in checklist.items.iter().enumerate() {
        let heading = group(item);
        if heading != current {
            let _ = writeln!(out, "\n{}", layout.bold(&heading));
            current = heading;
        }
        let entry = item.entry;
        let number = format!("{:>number_width$}. ", index + 1);
        let indent = " ".repeat(number.len());
        layout.paragraph(
            &mut out,
            &number,
            &indent,
            &layout.bold(entry.title.get(lang)),
        );
        layout.paragraph(&mut out, &indent, &indent, entry.detail.get(lang));
        if !entry.when.is_always() {
            let line = format!("Applies when: {}", describe(&entry.when));
            layout.paragraph(&mut out, &indent, &indent, &layout.dim(&line));
        }
        for source in &entry.provenance.sources {
            let line = format!("Source: {}", cite(source, lang));
            layout.paragraph(&mut out, &indent, &indent, &layout.dim(&line));
        }
        if let Some(line) = unconfirmed(&entry.provenance) {
            layout.paragraph(&mut out, &indent, &indent, &line);
        }
    }
    out.push('\n');
    layout.paragraph(&mut out, "", "", &checked_line(checklist));
    out
}

fn checked_line(checklist: &Checklist) -> String {
    match checklist.operator {
        Some(operator) => format!(
            "{} facts checked on {} against the sources named.",
            operator.name, operator.checked
        ),
        None => "Facts checked against the sources named; run with --operator ID for an operator's own precautions.".to_owned(),
    }
}

fn markdown(checklist: &Checklist, layout: &Layout) -> String {
    let lang = layout.lang;
    let mut out = format!("# {}\n", title(checklist));
    let mut current = String::new();
    for item in &checklist.items {
        let heading = group(item);
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
        if !entry.when.is_always() {
            let _ = write!(out, "  \n  *Applies when: {}*", describe(&entry.when));
        }
        for source in &entry.provenance.sources {
            let _ = write!(out, "  \n  Source: {}", markdown_cite(source, lang));
        }
        if let Some(line) = unconfirmed(&entry.provenance) {
            let _ = write!(out, "  \n  **{line}**");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}", checked_line(checklist));
    out
}

fn markdown_cite(source: &crate::operator::Source, lang: crate::text::Lang) -> String {
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
            let applies_to: serde_json::Map<String, Value> = entry
                .when
                .terms()
                .into_iter()
                .map(|(key, words)| (key.word().to_owned(), json!(words)))
                .collect();
            json!({
                "id": entry.id,
                "operator": item.operator.map(|operator| operator.id.as_str()),
                "title": entry.title.get(lang),
                "detail": entry.detail.get(lang),
                "applies_to": applies_to,
                "confirmed": entry.provenance.confirmed,
                "check_on": (!entry.provenance.confirmed).then_some(&entry.provenance.check_on),
                "sources": entry.provenance.sources.iter().map(|source| json!({
                    "title": source.title.get(lang),
                    "url": source.link(),
                    "kind": source.kind.word(),
                    "dated": source.dated,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_default();
    out.push('\n');
    out
}
