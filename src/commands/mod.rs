//! Each command, start to finish: load what it needs, decide, render, print.

use std::process::ExitCode;

use anyhow::Result;

use crate::answers::{Answers, Question};
use crate::checklist::Checklist;
use crate::cli::{ChecklistArgs, DeregisterArgs, ListFormat, StatusAction, StatusArgs};
use crate::error::Failure;
use crate::i18n::{Ui, long_date};
use crate::lint;
use crate::operator::{Catalog, Operator};
use crate::prompt::{self, Ask, NoPrompter, Prompter, Reply, TerminalPrompter, write_stdout};
use crate::render::{self, Layout};
use crate::situation::Situation;
use crate::store::{Case, Draft, State, Store, StoreError};
use crate::text::Lang;
use crate::validate::MobileNumber;
use crate::wizard::{Journal, Output, Walk};

pub fn checklist(catalog: &Catalog, args: &ChecklistArgs, layout: &Layout) -> Result<ExitCode> {
    let common = catalog.common()?;
    let operator = args
        .operator
        .as_deref()
        .map(|id| catalog.operator(id))
        .transpose()?;
    let checklist = Checklist::new(&common, operator.as_ref(), &Situation::default());
    write_stdout(
        &render::checklist(&checklist, args.format, catalog.today(), layout),
        layout.lang,
    )?;
    drop(checklist);
    exit_soon(common);
    exit_soon(operator);
    Ok(ExitCode::SUCCESS)
}

/// Leaves `value` for the operating system to take back when nocard exits a moment later:
/// freeing a procedure piece by piece costs a few percent of a whole short command.
fn exit_soon<T>(value: T) {
    std::mem::forget(value);
}

pub fn operator_list(catalog: &Catalog, format: ListFormat, layout: &Layout) -> Result<ExitCode> {
    let list = render::operator_list(&catalog.operators()?, format, layout);
    write_stdout(&list, layout.lang)?;
    Ok(ExitCode::SUCCESS)
}

pub fn validate(
    catalog: &Catalog,
    paths: &[std::path::PathBuf],
    format: ListFormat,
    deny_warnings: bool,
    lang: Lang,
) -> Result<ExitCode> {
    let today = catalog.today();
    let mut findings = Vec::new();
    let files = if paths.is_empty() {
        let files = catalog.files()?;
        for (path, id, text) in &files {
            findings.extend(lint::check_text(path, id, text, today));
        }
        files.len()
    } else {
        for path in paths {
            findings.extend(lint::check_file(path, today)?);
        }
        paths.len()
    };
    let output = match format {
        ListFormat::Text => lint::render_text(&findings, files),
        ListFormat::Json => lint::render_json(&findings),
    };
    write_stdout(&output, lang)?;
    let (errors, warnings) = lint::count(&findings);
    Ok(if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub fn operator_show(catalog: &Catalog, id: &str, layout: &Layout) -> Result<ExitCode> {
    write_stdout(
        &render::operator(&catalog.operator(id)?, catalog.today(), layout),
        layout.lang,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn deregister(catalog: &Catalog, args: &DeregisterArgs, layout: Layout) -> Result<ExitCode> {
    let lang = layout.lang;
    let today = today();
    let interactive = !args.no_input && prompt::can_prompt();
    let mut journal = StoreJournal::open(today, lang);
    let draft = if args.resume {
        Some(journal.draft(today).ok_or_else(|| {
            Failure::new(Ui::NothingToResume.get(lang)).with_hint(Ui::NothingToResumeHint.get(lang))
        })?)
    } else {
        None
    };
    let id = match (&args.operator, &draft) {
        (Some(id), Some(draft)) if *id != draft.operator => {
            return Err(Failure::usage(
                Ui::ResumeOtherOperator.fill(lang, &[("id", &draft.operator)]),
            )
            .into());
        }
        (Some(id), _) => Some(id.as_str()),
        (None, draft) => draft.as_ref().map(|draft| draft.operator.as_str()),
    };
    let operator = id.map(|id| catalog.operator(id)).transpose()?;
    if !interactive && args.answers.is_none() && draft.is_none() {
        return Err(Failure::new(Ui::NeedsTerminal.get(lang))
            .with_hint(Ui::NeedsTerminalHint.fill(
                lang,
                &[("keys", &Question::ALL.map(Question::key).join(", "))],
            ))
            .into());
    }
    let mut prompter: Box<dyn Prompter> = if interactive {
        install_interrupt_handler(lang);
        Box::new(TerminalPrompter::new(lang))
    } else {
        Box::new(NoPrompter { lang })
    };
    if let Some(waiting) = journal
        .draft(today)
        .filter(|_| draft.is_none() && interactive)
    {
        let note = Ui::DraftWaiting.fill(lang, &[("date", &long_date(waiting.started, lang))]);
        eprintln!("{}", Ui::HintLine.fill(lang, &[("message", &note)]));
    }
    let operator = match operator {
        Some(operator) => operator,
        None => choose_operator(catalog, prompter.as_mut(), lang)?,
    };
    let answers = match (&args.answers, &draft) {
        (Some(path), _) => Answers::from_file(path, &operator, lang)?,
        (None, Some(draft)) => resumed_answers(draft, &operator, lang),
        (None, None) => Answers::default(),
    };
    let common = catalog.common()?;
    let walk = Walk {
        operator: &operator,
        common: &common,
        layout,
        today,
        output: Output {
            path: args.out.clone(),
            force: args.force,
        },
        resume: draft.is_some(),
    };
    walk.run(answers, prompter.as_mut(), &mut journal)?;
    Ok(ExitCode::SUCCESS)
}

/// The answers an interrupted walk kept; any that no longer pass their check are asked again.
fn resumed_answers(draft: &Draft, operator: &Operator, lang: Lang) -> Answers {
    let mut answers = Answers::default();
    for question in Question::ALL {
        if let Some(value) = draft.answers.get(question.key()) {
            let _ = answers.set(question, value, operator, lang);
        }
    }
    answers
}

pub fn status(catalog: &Catalog, args: &StatusArgs, layout: &Layout) -> Result<ExitCode> {
    let lang = layout.lang;
    let store = Store::locate().ok_or_else(|| Failure::new(Ui::NoDataFolder.get(lang)))?;
    let today = today();
    let unavailable = |err: StoreError| store_failure(&err, lang);
    let Some(action) = &args.action else {
        let book = store.load().map_err(unavailable)?;
        let mut ids: Vec<&str> = book
            .cases
            .iter()
            .map(|case| case.operator.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        // Only the operators the cases name, for their channels; one that fails to load just
        // goes without.
        let operators: Vec<Operator> = ids
            .into_iter()
            .filter_map(|id| catalog.operator(id).ok())
            .collect();
        let text = render::status::status(
            &book.cases,
            &operators,
            today,
            args.show_numbers,
            args.format,
            layout,
        );
        write_stdout(&text, lang)?;
        return Ok(ExitCode::SUCCESS);
    };
    let id = match action {
        StatusAction::Confirm { case, .. }
        | StatusAction::Close { case }
        | StatusAction::Forget { case } => *case,
    };
    let found = store
        .update(|book| {
            let index = book.cases.iter().position(|case| case.id == id)?;
            match action {
                StatusAction::Confirm { reference, .. } => {
                    let case = &mut book.cases[index];
                    case.state = State::Confirmed;
                    case.confirmed = Some(today);
                    if let Some(reference) = reference {
                        case.reference = Some(reference.clone());
                    }
                }
                StatusAction::Close { .. } => {
                    let case = &mut book.cases[index];
                    case.state = State::Closed;
                    case.closed = Some(today);
                }
                StatusAction::Forget { .. } => {
                    book.cases.remove(index);
                }
            }
            Some(())
        })
        .map_err(unavailable)?;
    if found.is_none() {
        return Err(Failure::new(Ui::NoSuchCase.fill(lang, &[("id", &id)]))
            .with_hint(Ui::NoSuchCaseHint.get(lang))
            .into());
    }
    let done = match action {
        StatusAction::Confirm { .. } => Ui::CaseConfirmed,
        StatusAction::Close { .. } => Ui::CaseClosed,
        StatusAction::Forget { .. } => Ui::CaseForgotten,
    };
    write_stdout(&format!("{}\n", done.fill(lang, &[("id", &id)])), lang)?;
    Ok(ExitCode::SUCCESS)
}

fn store_failure(err: &StoreError, lang: Lang) -> anyhow::Error {
    let hint = match err {
        StoreError::Corrupt { path, .. } => {
            Ui::StoreCorruptHint.fill(lang, &[("path", &path.display())])
        }
        StoreError::Newer { .. } => Ui::StoreNewerHint.get(lang).to_owned(),
        StoreError::Locked { .. } => Ui::StoreLockedHint.get(lang).to_owned(),
        StoreError::Io { .. } => Ui::StoreIoHint.get(lang).to_owned(),
    };
    Failure::new(Ui::StoreUnavailable.fill(lang, &[("cause", &err)]))
        .with_hint(hint)
        .into()
}

fn today() -> jiff::civil::Date {
    crate::today()
}

/// The case book as the walk's journal. Where it cannot be used, the walk goes on and says
/// once that nothing will be recorded.
struct StoreJournal {
    store: Option<Store>,
    today: jiff::civil::Date,
    lang: Lang,
}

impl StoreJournal {
    fn open(today: jiff::civil::Date, lang: Lang) -> Self {
        let store = Store::locate();
        let store = match store.as_ref().map(Store::load) {
            Some(Ok(_)) => store,
            Some(Err(err)) => {
                let message = format!("{}", store_failure(&err, lang));
                eprintln!("{}", Ui::WarningLine.fill(lang, &[("message", &message)]));
                None
            }
            None => None,
        };
        StoreJournal { store, today, lang }
    }

    /// The interrupted walk, if one was kept in the last week.
    fn draft(&self, today: jiff::civil::Date) -> Option<Draft> {
        let book = self.store.as_ref()?.load().ok()?;
        book.draft.filter(|draft| !draft.expired(today))
    }

    fn update(&mut self, change: impl FnOnce(&mut crate::store::Book)) {
        let Some(store) = &self.store else {
            return;
        };
        if let Err(err) = store.update(change) {
            let message = format!("{}", store_failure(&err, self.lang));
            eprintln!(
                "{}",
                Ui::WarningLine.fill(self.lang, &[("message", &message)])
            );
            // Said once; the walk goes on without records.
            self.store = None;
        }
    }
}

impl Journal for StoreJournal {
    fn open_case(&self, number: &MobileNumber) -> Option<Case> {
        let book = self.store.as_ref()?.load().ok()?;
        book.open_case(number.digits()).cloned()
    }

    fn save_draft(&mut self, operator: &str, answers: &Answers) {
        let draft = Draft {
            operator: operator.to_owned(),
            started: self.today,
            answers: answers
                .to_pairs()
                .into_iter()
                .map(|(question, value)| (question.key().to_owned(), value))
                .collect(),
        };
        self.update(|book| book.draft = Some(draft));
        if self.store.is_some() {
            prompt::note_draft_kept();
        }
    }

    fn clear_draft(&mut self) {
        if self.draft(self.today).is_some() {
            self.update(|book| book.draft = None);
        }
    }

    fn record(&mut self, mut case: Case) -> Result<Option<u32>> {
        let Some(store) = &self.store else {
            return Ok(None);
        };
        let id = store
            .update(|book| {
                case.id = book.next_id();
                let id = case.id;
                book.cases.push(case);
                book.draft = None;
                id
            })
            .map_err(|err| store_failure(&err, self.lang))?;
        Ok(Some(id))
    }
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

/// `nocard completions SHELL`: the completion script for the English command line.
pub fn completions(shell: clap_complete::Shell, lang: Lang) -> Result<ExitCode> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "nocard", &mut script);
    write_stdout(&String::from_utf8_lossy(&script), lang)?;
    Ok(ExitCode::SUCCESS)
}

/// `nocard man`: one roff document, the page of `nocard` followed by the page of each command
/// under it (`nocard-deregister(1)`, `nocard-status-confirm(1)`, …), which the first one lists.
pub fn man(lang: Lang) -> Result<ExitCode> {
    fn render(cmd: &clap::Command, page: &mut Vec<u8>) -> std::io::Result<()> {
        clap_mangen::Man::new(cmd.clone())
            .source(concat!("nocard ", env!("CARGO_PKG_VERSION")))
            .render(page)?;
        for sub in cmd.get_subcommands().filter(|sub| !sub.is_hide_set()) {
            render(sub, page)?;
        }
        Ok(())
    }
    let mut cmd =
        <crate::cli::Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    cmd.build();
    let mut page = Vec::new();
    render(&cmd, &mut page)?;
    write_stdout(&String::from_utf8_lossy(&page), lang)?;
    Ok(ExitCode::SUCCESS)
}
