//! The list of operators, and one operator's whole procedure.

use std::fmt::Write as _;

use console::{Alignment, measure_text_width, pad_str};
use serde_json::json;

use super::{Emphasis, Layout, ListFormat, applies_when, cite, unconfirmed};
use crate::i18n::{Ui, long_date};
use crate::operator::{
    Address, Age, Channel, ChannelKind, Entry, NoticeRule, OLD_AFTER_YEARS, Operator, Phase,
    Provenance, Source,
};
use crate::questions::Question;

/// One operator per line: id, name, date checked. Aligned in a terminal, tab-separated in a pipe.
#[must_use]
pub fn operator_list(operators: &[Operator], format: ListFormat, layout: &Layout) -> String {
    let mut out = String::new();
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
                        "network": op.network.as_ref().map(|network| &network.name),
                        "checked": op.checked.to_string(),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&list).unwrap_or_default();
            out.push('\n');
        }
        ListFormat::Text if layout.width.is_none() => {
            for op in operators {
                let network = network(op, layout);
                let _ = writeln!(out, "{}\t{}\t{}\t{network}", op.id, op.name, op.checked);
            }
        }
        ListFormat::Text => {
            let header = [layout.t(Ui::ListId), layout.t(Ui::ListName)];
            let width = |column: usize, cell: fn(&Operator) -> &str| {
                operators
                    .iter()
                    .map(|op| measure_text_width(cell(op)))
                    .chain([measure_text_width(header[column])])
                    .max()
                    .unwrap_or(0)
            };
            let widths = [width(0, |op| op.id.as_str()), width(1, |op| &op.name)];
            let checked: Vec<String> = operators
                .iter()
                .map(|op| long_date(op.checked, layout.lang))
                .collect();
            let checked_width = checked
                .iter()
                .map(|date| measure_text_width(date))
                .chain([measure_text_width(layout.t(Ui::ListChecked))])
                .max()
                .unwrap_or(0);
            let row = |id: &str, name: &str, checked: &str, network: &str| {
                let line = format!(
                    "{}  {}  {}  {network}",
                    pad_str(id, widths[0], Alignment::Left, None),
                    pad_str(name, widths[1], Alignment::Left, None),
                    pad_str(checked, checked_width, Alignment::Left, None)
                );
                line.trim_end().to_owned()
            };
            let head = row(
                header[0],
                header[1],
                layout.t(Ui::ListChecked),
                layout.t(Ui::ListNetwork),
            );
            let _ = writeln!(out, "{}", layout.bold(&head));
            for (op, checked) in operators.iter().zip(&checked) {
                let _ = writeln!(
                    out,
                    "{}",
                    row(op.id.as_str(), &op.name, checked, &network(op, layout))
                );
            }
        }
    }
    out
}

/// The network a brand runs on, where its file says so: `Telenor`, `Telia (not confirmed)`.
fn network(operator: &Operator, layout: &Layout) -> String {
    match &operator.network {
        Some(network) if network.provenance.confirmed => network.name.to_string(),
        // Chinese brackets carry their own space.
        Some(network) if layout.lang == crate::text::Lang::Zh => {
            format!("{}{}", network.name, layout.t(Ui::NotConfirmedShort))
        }
        Some(network) => format!("{} {}", network.name, layout.t(Ui::NotConfirmedShort)),
        None => String::new(),
    }
}

/// A notice that the facts may be out of date, by the model's rule (`Operator::freshness`):
/// where they were last compared with their sources more than 12 months before `today`, and
/// where confirmed facts rest only on pages that are undated or years old.
#[must_use]
pub fn freshness(operator: &Operator, today: jiff::civil::Date, layout: &Layout) -> Option<String> {
    let freshness = operator.freshness(today);
    let mut notes = Vec::new();
    if let Some(checked) = freshness.stale_since {
        notes.push(layout.tf(
            Ui::Stale,
            &[
                ("operator", &operator.name),
                ("date", &long_date(checked, layout.lang)),
            ],
        ));
    }
    if freshness.dated_facts > 0 {
        notes.push(layout.tf(
            Ui::OldSources,
            &[
                ("count", &freshness.dated_facts),
                ("total", &freshness.confirmed_facts),
                ("operator", &operator.name),
                ("years", &OLD_AFTER_YEARS),
            ],
        ));
    }
    // Chinese runs sentences together; the other languages take a space between them.
    let gap = if layout.lang == crate::text::Lang::Zh {
        ""
    } else {
        " "
    };
    (!notes.is_empty()).then(|| {
        layout.tf(
            Ui::FreshnessNote,
            &[("notes", &notes.join(gap)), ("url", &operator.home)],
        )
    })
}

/// The whole procedure, phase by phase, with channels and numbered sources.
#[must_use]
pub fn operator(operator: &Operator, today: jiff::civil::Date, layout: &Layout) -> String {
    let lang = layout.lang;
    let numbered = Citations::Numbered {
        sources: &operator.sources,
        today,
    };
    let mut out = String::new();
    let mut legal = operator.legal_name.to_string();
    if let Some(number) = &operator.org_number {
        let number = layout.tf(Ui::OrgNumber, &[("number", number)]);
        legal = layout.tf(Ui::Joined, &[("first", &legal), ("then", &number)]);
    }
    let title = layout.tf(
        Ui::InBrackets,
        &[("text", &operator.name), ("inner", &legal)],
    );
    layout.emphasized(Emphasis::Bold, &mut out, "", "", &title);
    let summary = layout.tf(
        Ui::OperatorSummary,
        &[
            ("brands", &operator.brands.join(layout.t(Ui::ListComma))),
            ("date", &long_date(operator.checked, lang)),
            ("count", &operator.sources.len()),
            ("home", &operator.home),
        ],
    );
    layout.paragraph(&mut out, "", "", &summary);
    if let Some(notice) = freshness(operator, today, layout) {
        out.push('\n');
        layout.emphasized(Emphasis::Bold, &mut out, "", "", &notice);
    }

    if let Some(notice) = &operator.notice {
        section(&mut out, layout, layout.t(Ui::HeadingNotice));
        let text = if notice.rule == NoticeRule::Unknown {
            format!(
                "{} {}",
                layout.t(Ui::NoticeNotKnown),
                notice.detail.get(lang)
            )
        } else {
            notice.detail.get(lang).to_owned()
        };
        layout.paragraph(&mut out, "  ", "  ", &text);
        facts(&mut out, layout, &numbered, &notice.provenance, "  ");
    }

    section(&mut out, layout, layout.t(Ui::HeadingChannels));
    for channel in operator.channels.iter() {
        self::channel(&mut out, layout, &numbered, channel);
    }

    for phase in Phase::ALL {
        let steps: Vec<_> = operator.steps_in(phase).collect();
        if steps.is_empty() {
            continue;
        }
        section(&mut out, layout, &phase_title(phase, layout));
        for step in steps {
            entry(&mut out, layout, &numbered, &step.entry);
        }
    }

    if !operator.precautions.is_empty() {
        section(
            &mut out,
            layout,
            &layout.tf(Ui::HeadingPrecautions, &[("operator", &operator.name)]),
        );
        for precaution in operator.precautions.iter() {
            entry(&mut out, layout, &numbered, precaution);
        }
    }

    section(
        &mut out,
        layout,
        &layout.tf(Ui::HeadingAnswersKeys, &[("id", &operator.id)]),
    );
    let width = Question::ALL
        .map(|q| q.key().len())
        .into_iter()
        .max()
        .unwrap_or(0);
    for question in Question::ALL {
        let first = format!("  {:<width$}  ", question.key());
        layout.paragraph(
            &mut out,
            &first,
            &" ".repeat(first.len()),
            &question.accepts(Some(operator), lang),
        );
    }

    section(&mut out, layout, layout.t(Ui::HeadingSources));
    for (number, source) in operator.sources.iter().enumerate() {
        let first = format!("  [{}] ", number + 1);
        let indent = " ".repeat(first.len());
        layout.paragraph(&mut out, &first, &indent, &cite(source, lang));
    }
    out
}

/// `2/5 Contact`.
#[must_use]
pub fn phase_title(phase: Phase, layout: &Layout) -> String {
    let name = match phase {
        Phase::Preparation => Ui::PhasePreparation,
        Phase::Contact => Ui::PhaseContact,
        Phase::Information => Ui::PhaseInformation,
        Phase::Balance => Ui::PhaseBalance,
        Phase::Confirmation => Ui::PhaseConfirmation,
    };
    format!("{}/5 {}", phase.number(), layout.t(name))
}

/// The kind of a channel in words: `phone`, `telefon`, `电话`.
#[must_use]
pub fn channel_kind(kind: ChannelKind, layout: &Layout) -> &'static str {
    crate::i18n::channel_word(kind, layout.lang)
}

fn section(out: &mut String, layout: &Layout, heading: &str) {
    out.push('\n');
    layout.emphasized(Emphasis::Bold, out, "", "", heading);
}

/// How a fact's sources are shown.
pub(super) enum Citations<'a> {
    /// `[1], [4]`, pointing into this list printed at the end, where each source's date is;
    /// a confirmed fact none of whose sources is recent on `today` says so beside the numbers.
    Numbered {
        sources: &'a [Source],
        today: jiff::civil::Date,
    },
    /// Each source's title and link, under the fact.
    Inline,
}

pub(super) fn channel(out: &mut String, layout: &Layout, citations: &Citations, channel: &Channel) {
    let lang = layout.lang;
    let label = channel.label.get(lang);
    let what = match &channel.address {
        Address::Phone(number) => {
            let number = number.to_string();
            let reach = match channel.address.abroad() {
                Some(abroad) => layout.tf(Ui::FromAbroad, &[("number", &abroad)]),
                None => layout.t(Ui::OnlyFromNorway).to_owned(),
            };
            let with_number = layout.tf(Ui::Joined, &[("first", &label), ("then", &number)]);
            // Chinese brackets carry their own space.
            let gap = if lang == crate::text::Lang::Zh {
                ""
            } else {
                " "
            };
            format!("{with_number}{gap}{reach}")
        }
        Address::Url(address) | Address::Email(address) | Address::Postal(address) => {
            layout.tf(Ui::Joined, &[("first", &label), ("then", address)])
        }
        Address::None => label.to_owned(),
    };
    let line = layout.tf(
        Ui::OptionKind,
        &[
            ("kind", &channel_kind(channel.kind, layout)),
            ("what", &what),
        ],
    );
    layout.paragraph(out, "  • ", "    ", &line);
    if let Some(needs) = &channel.needs {
        let line = layout.tf(Ui::Needs, &[("what", &needs.get(lang))]);
        layout.paragraph(out, "    ", "    ", &line);
    }
    if let Some(note) = &channel.note {
        layout.paragraph(out, "    ", "    ", note.get(lang));
    }
    facts(out, layout, citations, &channel.provenance, "    ");
}

pub(super) fn entry(out: &mut String, layout: &Layout, citations: &Citations, entry: &Entry) {
    let lang = layout.lang;
    layout.emphasized(Emphasis::Bold, out, "  • ", "    ", entry.title.get(lang));
    layout.paragraph(out, "    ", "    ", entry.detail.get(lang));
    if let Some(line) = applies_when(&entry.when, lang) {
        layout.emphasized(Emphasis::Dim, out, "    ", "    ", &line);
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
        Citations::Numbered { sources, today } => {
            let numbers: Vec<String> = provenance
                .sources
                .iter()
                .filter_map(|source| sources.iter().position(|s| s.id == source.id))
                .map(|index| format!("[{}]", index + 1))
                .collect();
            let numbers = numbers.join(layout.t(Ui::ListComma));
            let line = match provenance.caveat(*today) {
                Some(Age::Old { year }) => layout.tf(
                    Ui::SourcesLineOld,
                    &[("numbers", &numbers), ("year", &year)],
                ),
                Some(Age::Undated) => layout.tf(Ui::SourcesLineUndated, &[("numbers", &numbers)]),
                Some(Age::Recent) | None => layout.tf(Ui::SourcesLine, &[("numbers", &numbers)]),
            };
            layout.emphasized(Emphasis::Dim, out, indent, indent, &line);
        }
        Citations::Inline => {
            for source in provenance.sources.iter() {
                let line = layout.tf(Ui::SourceLine, &[("source", &cite(source, layout.lang))]);
                layout.emphasized(Emphasis::Dim, out, indent, indent, &line);
            }
        }
    }
    if let Some(line) = unconfirmed(provenance, layout.lang) {
        layout.paragraph(out, indent, indent, &line);
    }
}
