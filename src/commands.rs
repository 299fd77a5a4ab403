//! Each command, start to finish: load what it needs, decide, render, print.

use std::process::ExitCode;

use anyhow::Result;

use crate::answers::{Answers, Question};
use crate::checklist::Checklist;
use crate::cli::{ChecklistArgs, DeregisterArgs, ListFormat};
use crate::error::Failure;
use crate::i18n::Ui;
use crate::operator::{Catalog, Operator};
use crate::prompt::{self, Ask, NoPrompter, Prompter, Reply, TerminalPrompter, write_stdout};
use crate::render::{self, Layout};
use crate::situation::Situation;
use crate::text::Lang;
use crate::wizard::{Output, Walk};

pub fn checklist(catalog: &Catalog, args: &ChecklistArgs, layout: &Layout) -> Result<ExitCode> {
    let common = catalog.common()?;
    let operator = args
        .operator
        .as_deref()
        .map(|id| catalog.operator(id))
        .transpose()?;
    let checklist = Checklist::new(&common, operator.as_ref(), &Situation::default());
    write_stdout(
        &render::checklist(&checklist, args.format, layout),
        layout.lang,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn operator_list(catalog: &Catalog, format: ListFormat, layout: &Layout) -> Result<ExitCode> {
    let list = render::operator_list(&catalog.operators()?, format, layout);
    write_stdout(&list, layout.lang)?;
    Ok(ExitCode::SUCCESS)
}

pub fn operator_show(catalog: &Catalog, id: &str, layout: &Layout) -> Result<ExitCode> {
    write_stdout(
        &render::operator(&catalog.operator(id)?, layout),
        layout.lang,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn deregister(catalog: &Catalog, args: &DeregisterArgs, layout: Layout) -> Result<ExitCode> {
    let interactive = !args.no_input && prompt::can_prompt();
    let operator = args
        .operator
        .as_deref()
        .map(|id| catalog.operator(id))
        .transpose()?;
    if !interactive && args.answers.is_none() {
        return Err(Failure::new(Ui::NeedsTerminal.get(layout.lang))
            .with_hint(Ui::NeedsTerminalHint.fill(
                layout.lang,
                &[("keys", &Question::ALL.map(Question::key).join(", "))],
            ))
            .into());
    }
    let mut prompter: Box<dyn Prompter> = if interactive {
        install_interrupt_handler(layout.lang);
        Box::new(TerminalPrompter::new(layout.lang))
    } else {
        Box::new(NoPrompter { lang: layout.lang })
    };
    let operator = match operator {
        Some(operator) => operator,
        None => choose_operator(catalog, prompter.as_mut(), layout.lang)?,
    };
    let answers = match &args.answers {
        Some(path) => Answers::from_file(path, &operator, layout.lang)?,
        None => Answers::default(),
    };
    let common = catalog.common()?;
    let walk = Walk {
        operator: &operator,
        common: &common,
        layout,
        today: jiff::ZonedDateTime::now().date(),
        output: Output {
            path: args.out.clone(),
            force: args.force,
        },
    };
    walk.run(answers, prompter.as_mut())?;
    Ok(ExitCode::SUCCESS)
}

fn choose_operator(catalog: &Catalog, prompter: &mut dyn Prompter, lang: Lang) -> Result<Operator> {
    if !prompter.can_ask() {
        return Err(Failure::usage(Ui::OperatorNeeded.get(lang))
            .with_hint(Ui::OperatorListHint.get(lang))
            .into());
    }
    let mut operators = catalog.operators()?;
    let labels: Vec<String> = operators
        .iter()
        .map(|op| format!("{} ({})", op.name, op.legal_name))
        .collect();
    let ask = Ask {
        key: "operator",
        prompt: Ui::QOperator.get(lang),
    };
    loop {
        // Back at the first question has nowhere to go: ask again.
        if let Reply::Answer(index) = prompter.select(ask, &labels, 0)?
            && index < operators.len()
        {
            return Ok(operators.swap_remove(index));
        }
    }
}

/// Ctrl-C at a prompt: show the cursor again (dialoguer hides it in lists), say so, exit 130.
fn install_interrupt_handler(lang: Lang) {
    let _ = ctrlc::set_handler(move || prompt::interrupted(lang));
}
