//! The list of operators, and one operator's whole procedure.

use std::fmt::Write as _;

use serde_json::json;

use super::{Layout, cite, describe, unconfirmed};
use crate::answers::Question;
use crate::cli::ListFormat;
use crate::operator::Source;
use crate::operator::{Address, Channel, Entry, NoticeRule, Operator, Phase, Provenance};

/// One operator per line: id, name, date checked. Aligned in a terminal, tab-separated in a pipe.
#[must_use]
pub fn operator_list(operators: &[Operator], format: ListFormat, layout: &Layout) -> String {
    match format {
        ListFormat::Json => {
            let list: Vec<_> = operators
                .iter()
                .map(|op| {
                    json!({
                        "id": op.id,
                        "name": op.name,
                        "legal_name": op.legal_name,
                        "brands": op.brands,
                        "checked": op.checked.to_string(),
                    })
                })
                .collect();
            let mut out = serde_json::to_string_pretty(&list).unwrap_or_default();
            out.push('\n');
            out
        }
        ListFormat::Text if layout.width.is_none() => {
            let mut out = String::new();
            for op in operators {
                let _ = writeln!(out, "{}	{}	{}", op.id, op.name, op.checked);
            }
            out
        }
        ListFormat::Text => {
            let id_width = operators
                .iter()
                .map(|op| op.id.len())
                .max()
                .unwrap_or(2)
                .max(2);
            let name_width = operators
                .iter()
                .map(|op| op.name.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            let mut out = layout.bold(&format!(
                "{:id_width$}  {:name_width$}  checked\n",
                "id", "name"
            ));
            for op in operators {
                let _ = writeln!(
                    out,
                    "{:id_width$}  {:name_width$}  {}",
                    op.id, op.name, op.checked
                );
            }
            out
        }
    }
}

/// The whole procedure, phase by phase, with channels and numbered sources.
#[must_use]
pub fn operator(operator: &Operator, layout: &Layout) -> String {
    let lang = layout.lang;
    let numbered = Citations::Numbered(&operator.sources);
    let mut out = String::new();
    let mut legal = operator.legal_name.clone();
    if let Some(org) = &operator.org_number {
        let _ = write!(legal, ", org. no. {org}");
    }
    let _ = writeln!(out, "{} ({legal})", layout.bold(&operator.name));
    layout.paragraph(
        &mut out,
        "",
        "",
        &format!(
            "Brands: {}. Checked on {} against the {} sources listed at the end. Website: {}",
            operator.brands.join(", "),
            operator.checked,
            operator.sources.len(),
            operator.home
        ),
    );

    if let Some(notice) = &operator.notice {
        section(&mut out, layout, "Notice period");
        let text = if notice.rule == NoticeRule::Unknown {
            format!("Not known. {}", notice.detail.get(lang))
        } else {
            notice.detail.get(lang).to_owned()
        };
        layout.paragraph(&mut out, "  ", "  ", &text);
        facts(&mut out, layout, &numbered, &notice.provenance, "  ");
    }

    section(&mut out, layout, "Channels");
    for channel in &operator.channels {
        self::channel(&mut out, layout, &numbered, channel);
    }

    for phase in Phase::ALL {
        let steps: Vec<_> = operator.steps_in(phase).collect();
        if steps.is_empty() {
            continue;
        }
        section(
            &mut out,
            layout,
            &format!("{}/5 {}", phase.number(), phase_name(phase)),
        );
        for step in steps {
            entry(&mut out, layout, &numbered, &step.entry);
        }
    }

    if !operator.precautions.is_empty() {
        section(&mut out, layout, &format!("{} precautions", operator.name));
        for precaution in &operator.precautions {
            entry(&mut out, layout, &numbered, precaution);
        }
    }

    section(
        &mut out,
        layout,
        &format!(
            "Answers file keys (nocard deregister --operator {} --answers FILE)",
            operator.id
        ),
    );
    for question in Question::ALL {
        let first = format!("  {:<8} ", question.key());
        layout.paragraph(
            &mut out,
            &first,
            &" ".repeat(first.len()),
            &question.accepts(Some(operator)),
        );
    }

    section(&mut out, layout, "Sources");
    for (number, source) in operator.sources.iter().enumerate() {
        let first = format!("  [{}] ", number + 1);
        let indent = " ".repeat(first.len());
        layout.paragraph(&mut out, &first, &indent, &cite(source, lang));
    }
    out
}

/// The name of a phase as a heading.
#[must_use]
pub fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Preparation => "Preparation",
        Phase::Contact => "Contact",
        Phase::Information => "Required information",
        Phase::Balance => "Balance handling",
        Phase::Confirmation => "Confirmation",
    }
}

fn section(out: &mut String, layout: &Layout, heading: &str) {
    let _ = writeln!(out, "\n{}", layout.bold(heading));
}

/// How a fact's sources are shown.
pub(super) enum Citations<'a> {
    /// `[1], [4]`, pointing into this list printed at the end.
    Numbered(&'a [Source]),
    /// Each source's title and link, under the fact.
    Inline,
}

pub(super) fn channel(out: &mut String, layout: &Layout, citations: &Citations, channel: &Channel) {
    let lang = layout.lang;
    let mut line = format!("{}: {}", channel.kind, channel.label.get(lang));
    match &channel.address {
        Address::Phone(number) => {
            let _ = write!(line, ", {number}");
            match channel.address.abroad() {
                Some(abroad) => {
                    let _ = write!(line, " (from abroad {abroad})");
                }
                None => line.push_str(" (only from a Norwegian phone)"),
            }
        }
        Address::Url(url) => {
            let _ = write!(line, ", {url}");
        }
        Address::Email(email) => {
            let _ = write!(line, ", {email}");
        }
        Address::Postal(postal) => {
            let _ = write!(line, ", {postal}");
        }
        Address::None => {}
    }
    layout.paragraph(out, "  • ", "    ", &line);
    if let Some(needs) = &channel.needs {
        layout.paragraph(out, "    ", "    ", &format!("Needs: {}", needs.get(lang)));
    }
    if let Some(note) = &channel.note {
        layout.paragraph(out, "    ", "    ", note.get(lang));
    }
    facts(out, layout, citations, &channel.provenance, "    ");
}

pub(super) fn entry(out: &mut String, layout: &Layout, citations: &Citations, entry: &Entry) {
    let lang = layout.lang;
    layout.paragraph(out, "  • ", "    ", &layout.bold(entry.title.get(lang)));
    layout.paragraph(out, "    ", "    ", entry.detail.get(lang));
    if !entry.when.is_always() {
        let line = format!("Applies when: {}", describe(&entry.when));
        layout.paragraph(out, "    ", "    ", &layout.dim(&line));
    }
    facts(out, layout, citations, &entry.provenance, "    ");
}

/// The sources of a fact, and the notice when it is not confirmed.
fn facts(
    out: &mut String,
    layout: &Layout,
    citations: &Citations,
    provenance: &Provenance,
    indent: &str,
) {
    match citations {
        _ if provenance.sources.is_empty() => {}
        Citations::Numbered(list) => {
            let numbers: Vec<String> = provenance
                .sources
                .iter()
                .filter_map(|source| list.iter().position(|s| s.id == source.id))
                .map(|index| format!("[{}]", index + 1))
                .collect();
            let line = format!("Sources: {}", numbers.join(", "));
            layout.paragraph(out, indent, indent, &layout.dim(&line));
        }
        Citations::Inline => {
            for source in &provenance.sources {
                let line = format!("Source: {}", cite(source, layout.lang));
                layout.paragraph(out, indent, indent, &layout.dim(&line));
            }
        }
    }
    if let Some(line) = unconfirmed(provenance) {
        layout.paragraph(out, indent, indent, &line);
    }
}
