//! How a walk ends: the first items of its checklist on the screen, and the checklist saved
//! beside the message, everything in full for the user's case.

use super::Layout;
use super::operators::{Citations, entry};
use super::walk::{header, heading};
use crate::answers::Answers;
use crate::checklist::Checklist;
use crate::i18n::Ui;
use crate::operator::{Entry, Phase, Step};
use crate::text::Lang;
use crate::walk::Walk;

/// How many of the checklist's items end the walk on the screen, in a window of 60 columns
/// or more, and in a narrower one: the first, which come first; the rest, with every detail,
/// are in the saved checklist and `nocard checklist`.
const CHECKLIST_SHOWN: [usize; 2] = [4, 2];

/// The checklist that ends every walk, its first items.
pub(super) fn checklist(
    checklist: &Checklist,
    after_advice: bool,
    saved: Option<&std::path::Path>,
    layout: &Layout,
) -> String {
    let mut out = String::new();
    heading(&mut out, layout, layout.t(Ui::ChecklistHeading));
    let narrow = layout.width.is_some_and(|w| w < 60);
    // The advice above it, whole, leaves a narrow window room for one.
    let shown = if narrow && after_advice {
        1
    } else {
        CHECKLIST_SHOWN[usize::from(narrow)]
    };
    for (index, item) in checklist.items.iter().take(shown).enumerate() {
        let number = format!("  [ ] {:>2}. ", index + 1);
        let indent = " ".repeat(number.len());
        layout.paragraph(
            &mut out,
            &number,
            &indent,
            item.entry.title.get(layout.lang),
        );
    }
    let id = checklist.operator.map_or("ID", |op| op.id.as_str());
    let more = checklist.items.len().saturating_sub(shown);
    // The checklist saved for this case has them all, and what depends on the number; the
    // command lists every precaution, for any case.
    let line = match saved {
        Some(path) => {
            let file = crate::text::printable(&path.display().to_string()).into_owned();
            if more > 0 {
                layout.tf(Ui::ChecklistMoreSaved, &[("count", &more), ("path", &file)])
            } else {
                layout.tf(Ui::ChecklistSaved, &[("path", &file)])
            }
        }
        None if more > 0 => layout.tf(Ui::ChecklistMore, &[("count", &more), ("id", &id)]),
        None => layout.tf(Ui::ChecklistDetails, &[("id", &id)]),
    };
    layout.paragraph(&mut out, "", "", &line);
    out
}

/// The checklist saved beside the message, everything in full for the user's case: each step
/// of the procedure that holds, phase by phase, and each precaution, with their sources.
#[must_use]
pub fn saved_checklist(walk: &Walk, answers: &Answers, lang: Lang) -> String {
    let layout = Layout {
        width: Some(80),
        color: false,
        lang,
    };
    let situation = crate::situation::Situation {
        stage: None,
        ..answers.situation()
    };
    let operator = walk.operator;
    let mut out = String::new();
    for phase in Phase::ALL {
        let steps: Vec<&Step> = operator
            .steps_in(phase)
            .filter(|step| step.entry.when.admits(&situation))
            .collect();
        if steps.is_empty() {
            continue;
        }
        out.push_str(&header(phase, &layout));
        for step in steps {
            entry(&mut out, &layout, &Citations::Inline, &step.entry);
        }
    }
    let services: Vec<&Entry> = answers
        .uses()
        .iter()
        .filter_map(|id| walk.services.get(id))
        .collect();
    if !services.is_empty() {
        heading(&mut out, &layout, layout.t(Ui::ServicesHeading));
        out.push('\n');
        super::services::listed(&mut out, &services, false, &layout);
    }
    out.push('\n');
    let list = Checklist::new(walk.common, Some(operator), &situation);
    out.push_str(&super::checklist(
        &list,
        super::Format::Text,
        walk.today,
        &layout,
    ));
    out
}
