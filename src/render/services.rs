//! The services tied to the number (`nocard checklist --services`) as text, a Markdown task
//! list, or JSON: each with what to do about it before the number goes, and its sources.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::checklist::{applies_to, check_on, markdown_cite, sources};
use super::{Emphasis, Format, Layout, applies_when, cite};
use crate::i18n::{Ui, long_date};
use crate::operator::{Entry, Provenance, Services};
use crate::text::Lang;

/// The services in `format`.
#[must_use]
pub fn services(services: &Services, format: Format, layout: &Layout) -> String {
    match format {
        Format::Text => text(services, layout),
        Format::Markdown => markdown(services, layout),
        Format::Json => json(services, layout.lang),
    }
}

fn text(services: &Services, layout: &Layout) -> String {
    let lang = layout.lang;
    // About a kilobyte a service, once: growing the text step by step copies it each time.
    let mut out = String::with_capacity(1024 * services.services.len());
    layout.emphasized(
        Emphasis::Bold,
        &mut out,
        "",
        "",
        layout.t(Ui::ServicesTitle),
    );
    out.push('\n');
    layout.paragraph(&mut out, "", "", layout.t(Ui::ServicesIntro));
    out.push('\n');
    listed(
        &mut out,
        &services.services.iter().collect::<Vec<_>>(),
        true,
        layout,
    );
    out.push('\n');
    let date = long_date(services.checked, lang);
    layout.paragraph(
        &mut out,
        "",
        "",
        &layout.tf(Ui::ServicesChecked, &[("date", &date)]),
    );
    out
}

/// A service's name: its title's head, before the colon that every title in the services file
/// has: "Vipps: it needs a Norwegian mobile number" is named Vipps.
#[must_use]
pub fn name(entry: &Entry, lang: Lang) -> &str {
    super::head(entry.title.get(lang))
}

/// The services `ids` names, by name, in the order given; an id not known stays as it is.
#[must_use]
pub fn names(ids: &[String], services: &Services, lang: Lang) -> String {
    let names: Vec<&str> = ids
        .iter()
        .map(|id| {
            services
                .get(id)
                .map_or(id.as_str(), |entry| name(entry, lang))
        })
        .collect();
    names.join(Ui::ListComma.get(lang))
}

/// Each service in `entries`, numbered: its title, what to do, where it applies, its sources,
/// and whether it is confirmed; with `ids`, the word an answers file names it by.
pub(super) fn listed(out: &mut String, entries: &[&Entry], ids: bool, layout: &Layout) {
    let lang = layout.lang;
    let number_width = entries.len().to_string().len();
    for (index, entry) in entries.iter().enumerate() {
        let number = format!("{:>number_width$}. ", index + 1);
        let indent = " ".repeat(number.len());
        layout.emphasized(Emphasis::Bold, out, &number, &indent, entry.title.get(lang));
        layout.paragraph(out, &indent, &indent, entry.detail.get(lang));
        if let Some(line) = applies_when(&entry.when, lang) {
            layout.emphasized(Emphasis::Dim, out, &indent, &indent, &line);
        }
        for source in entry.provenance.sources.iter() {
            let line = layout.tf(Ui::SourceLine, &[("source", &cite(source, lang))]);
            layout.emphasized(Emphasis::Dim, out, &indent, &indent, &line);
        }
        if let Some(line) = unconfirmed(&entry.provenance, lang) {
            layout.paragraph(out, &indent, &indent, &line);
        }
        if ids {
            let line = layout.tf(Ui::ServiceId, &[("id", &entry.id)]);
            layout.emphasized(Emphasis::Dim, out, &indent, &indent, &line);
        }
    }
}

fn markdown(services: &Services, layout: &Layout) -> String {
    let lang = layout.lang;
    let mut out = format!(
        "# {}\n\n{}\n\n",
        layout.t(Ui::ServicesTitle),
        layout.t(Ui::ServicesIntro)
    );
    for entry in services.services.iter() {
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
    // In a file the date is in ISO form, as the checklist's is.
    let date = services.checked.to_string();
    let _ = writeln!(
        out,
        "\n{}",
        layout.tf(Ui::ServicesChecked, &[("date", &date)])
    );
    out
}

fn json(services: &Services, lang: Lang) -> String {
    let items: Vec<Value> = services
        .services
        .iter()
        .map(|entry| {
            json!({
                "id": entry.id,
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

/// The line under a fact no public authority confirms: the page to check it on, where it has
/// one; else, as for what only a service's own page or a third party says, that the service's
/// own app or settings are the place to check.
fn unconfirmed(provenance: &Provenance, lang: Lang) -> Option<String> {
    (!provenance.confirmed).then(|| {
        if provenance.check_on.is_empty() {
            Ui::ServicesNotConfirmed.get(lang).to_owned()
        } else {
            Ui::NotConfirmed.fill(lang, &[("url", &provenance.check_on)])
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operator::Catalog;

    #[test]
    fn each_service_says_whether_it_is_confirmed_and_links_only_authorities() {
        let services = Catalog::default().services().unwrap();
        // Unwrapped, so that each line is found whole.
        let layout = Layout::plain();
        let out = text(&services, &layout);
        assert!(!services.get("google").unwrap().provenance.confirmed);
        assert!(
            out.contains(Ui::ServicesNotConfirmed.get(Lang::En)),
            "{out}"
        );
        // A service's own page is named, never linked; an authority's is linked.
        assert!(!out.contains("https://support.google.com"), "{out}");
        assert!(out.contains("https://www.norge.no/"), "{out}");
        let markdown = markdown(&services, &layout);
        assert_eq!(
            markdown.matches("- [ ] **").count(),
            services.services.len()
        );
        let items: Vec<Value> = serde_json::from_str(&json(&services, Lang::Zh)).unwrap();
        assert_eq!(items.len(), services.services.len());
        assert_eq!(items[0]["id"], "bankid");
    }
}
