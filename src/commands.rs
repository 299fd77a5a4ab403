//! Each command, start to finish: load what it needs, decide, render, print.

use std::process::ExitCode;

use anyhow::Result;

use crate::answers::{Answers, Question};
use crate::checklist::Checklist;
use crate::cli::{ChecklistArgs, DeregisterArgs, ListFormat};
use crate::error::Failure;
use crate::operator::{Catalog, Operator};
use crate::prompt::{self, Ask, NoPrompter, Prompter, Reply, TerminalPrompter, write_stdout};
use crate::render::{self, Layout};
use crate::situation::Situation;
use crate::wizard::{Output, Walk};

pub fn checklist(catalog: &Catalog, args: &ChecklistArgs, layout: &Layout) -> Result<ExitCode> {
    let common = catalog.common()?;
    let operator = args
        .operator
        .as_deref()
        .map(|id| catalog.operator(id))
        .transpose()?;
    let checklist = Checklist::new(&common, operator.as_ref(), &Situation::default());
    write_stdout(&render::checklist(&checklist, args.format, layout))?;
    Ok(ExitCode::SUCCESS)
}

pub fn operator_list(catalog: &Catalog, format: ListFormat, layout: &Layout) -> Result<ExitCode> {
    write_stdout(&render::operator_list(
        &catalog.operators()?,
        format,
        layout,
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn operator_show(catalog: &Catalog, id: &str, layout: &Layout) -> Result<ExitCode> {
    write_stdout(&render::operator(&catalog.operator(id)?, layout))?;
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
        return Err(
            Failure::new("nocard deregister needs a terminal to ask its questions")
                .with_hint(format!(
                    "give the answers in a file with --answers FILE (keys: {})",
                    Question::ALL.map(Question::key).join(", ")
                ))
                .into(),
        );
    }
    let mut prompter: Box<dyn Prompter> = if interactive {
        install_interrupt_handler();
        Box::new(TerminalPrompter::new())
    } else {
        Box::new(NoPrompter)
    };
    let operator = match operator {
        Some(operator) => operator,
        None => choose_operator(catalog, prompter.as_mut())?,
    };
    let answers = match &args.answers {
        Some(path) => Answers::from_file(path, &operator)?,
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

fn choose_operator(catalog: &Catalog, prompter: &mut dyn Prompter) -> Result<Operator> {
    if !prompter.can_ask() {
        return Err(
            Failure::usage("--operator is needed when nocard cannot ask")
                .with_hint("see `nocard operators list` for the ids")
                .into(),
        );
    }
    let operators = catalog.operators()?;
    let labels: Vec<String> = operators
        .iter()
        .map(|op| format!("{} ({})", op.name, op.legal_name))
        .collect();
    let ask = Ask {
        key: "operator",
        prompt: "Which operator is the subscription with?",
    };
    loop {
        if let Reply::Answer(index) = prompter.select(ask, &labels, 0)? {
            return Ok(operators
                .into_iter()
                .nth(index)
                .expect("the index of a listed operator"));
        }
    }
}

/// Ctrl-C at a prompt: show the cursor again (dialoguer hides it in lists), say so, exit 130.
fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| prompt::interrupted());
}
