//! `nocard status`: the cases, what to do next and by when, and the steps up the ladder:
//! marking a case sent or refused, writing the follow-up and the complaint.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use jiff::civil::Date;

use super::{exit_soon, store_failure};
use crate::casebook::{Book, Case, Change, NextAction, NotNow, State, Store};
use crate::cli::{StatusAction, StatusArgs};
use crate::context::Context;
use crate::error::Failure;
use crate::i18n::{Ui, long_date};
use crate::message::{self, Message};
use crate::operator::{Catalog, ChannelKind, Operator};
use crate::output::write_stdout;
use crate::render::{self, Layout, ListFormat, StatusFormat};
use crate::situation::Plan;
use crate::text::{Lang, printable};

pub fn run(catalog: &Catalog, args: &StatusArgs, ctx: &Context) -> Result<ExitCode> {
    let lang = ctx.lang;
    let store = Store::locate().ok_or_else(|| Failure::new(Ui::NoDataFolder.get(lang)))?;
    let today = ctx.clock.today();
    // An interrupted walk past its week goes, on this run whatever the command; where the
    // book cannot be written, what follows says why.
    let _ = store.purge(today);
    let Some(action) = &args.action else {
        let book = store.load().map_err(|err| store_failure(&err, lang))?;
        let operators = operators_of(catalog, &book.cases);
        let text = match args.format {
            StatusFormat::Ics => render::ics::calendar(&book.cases, &operators, today, lang),
            StatusFormat::Text | StatusFormat::Json => render::status::status(
                &book.cases,
                &operators,
                today,
                args.show_numbers,
                if args.format == StatusFormat::Json {
                    ListFormat::Json
                } else {
                    ListFormat::Text
                },
                &ctx.layout,
            ),
        };
        write_stdout(&text, lang)?;
        exit_soon(operators);
        return Ok(ExitCode::SUCCESS);
    };
    let book = store.load().map_err(|err| store_failure(&err, lang))?;
    let id = action.case();
    let case = book
        .cases
        .iter()
        .find(|case| case.id == id)
        .ok_or_else(|| not_now(NotNow::NoSuchCase, id, None, lang))?;
    let operator = catalog.operator(case.operator.as_str())?;
    let change = match action {
        StatusAction::Sent { on, reference, .. } => {
            let on = on.unwrap_or(today);
            Change::Sent {
                on,
                reference: reference.clone(),
                end: end_date(case, &operator, on),
            }
        }
        StatusAction::FollowUp { .. } => Change::FollowedUp,
        StatusAction::Refused { on, .. } => Change::Refused(on.unwrap_or(today)),
        StatusAction::Complain { .. } => Change::Complained,
        StatusAction::Confirm { reference, .. } => Change::Confirm(reference.clone()),
        StatusAction::Close { .. } => Change::Close,
        StatusAction::Forget { .. } => Change::Forget,
    };
    // Refused before anything is written, as `change` would refuse it.
    case.allows(&change, today)
        .map_err(|why| not_now(why, id, Some(&operator), lang))?;
    let written = match action {
        StatusAction::FollowUp { out, .. } => Some(write_follow_up(
            case,
            &operator,
            out.as_deref(),
            today,
            ctx,
        )?),
        StatusAction::Complain { out, .. } => Some(write_complaint(
            catalog,
            case,
            &operator,
            out.as_deref(),
            today,
            ctx,
        )?),
        _ => None,
    };
    store
        .update(|book| book.change(id, &change, today))
        .map_err(|err| store_failure(&err, lang))?
        .map_err(|why| not_now(why, id, Some(&operator), lang))?;
    drop(written);
    let updated = store.load().ok();
    let case = updated
        .as_ref()
        .and_then(|book: &Book| book.cases.iter().find(|case| case.id == id));
    let said = match (action, case) {
        (StatusAction::Sent { .. }, Some(case)) => marked_sent(case, &operator, today, lang),
        (StatusAction::Refused { on, .. }, _) => Ui::CaseMarkedRefused.fill(
            lang,
            &[("id", &id), ("date", &long_date(on.unwrap_or(today), lang))],
        ),
        (StatusAction::Confirm { .. }, _) => Ui::CaseConfirmed.fill(lang, &[("id", &id)]),
        (StatusAction::Close { .. }, _) => Ui::CaseClosed.fill(lang, &[("id", &id)]),
        (StatusAction::Forget { .. }, _) => Ui::CaseForgotten.fill(lang, &[("id", &id)]),
        _ => String::new(),
    };
    if !said.is_empty() {
        let mut out = String::new();
        ctx.layout.paragraph(&mut out, "", "", &said);
        write_stdout(&out, lang)?;
    }
    Ok(ExitCode::SUCCESS)
}

impl StatusAction {
    /// The case the action is about.
    fn case(&self) -> u32 {
        match self {
            StatusAction::Sent { case, .. }
            | StatusAction::FollowUp { case, .. }
            | StatusAction::Refused { case, .. }
            | StatusAction::Complain { case, .. }
            | StatusAction::Confirm { case, .. }
            | StatusAction::Close { case }
            | StatusAction::Forget { case } => *case,
        }
    }
}

/// The operators the cases name, for their channels and notice periods; one that fails to
/// load just goes without.
fn operators_of(catalog: &Catalog, cases: &[Case]) -> Vec<Operator> {
    let mut ids: Vec<&str> = cases.iter().map(|case| case.operator.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| catalog.operator(id).ok())
        .collect()
}

/// The day the subscription ends if the request arrived on `on`, where the notice rule is
/// known; a prepaid card has no notice period of the kind.
fn end_date(case: &Case, operator: &Operator, on: Date) -> Option<Date> {
    if case.plan == Some(Plan::Prepaid) {
        return None;
    }
    operator.notice.as_ref()?.rule.end_date(on)
}

fn marked_sent(case: &Case, operator: &Operator, today: Date, lang: Lang) -> String {
    let day = |date: Date| long_date(date, lang);
    let sent = case.since();
    let follow = match case.next_action(today) {
        NextAction::AwaitConfirmation { follow_up_by } => follow_up_by,
        NextAction::FollowUp { since } => since,
        _ => sent,
    };
    let mut said = Ui::CaseMarkedSent.fill(
        lang,
        &[
            ("id", &case.id),
            ("date", &day(sent)),
            ("follow", &day(follow)),
        ],
    );
    if let Some(end) = case.expected_end {
        said.push(' ');
        said.push_str(
            &Ui::CaseMarkedSentEnds
                .fill(lang, &[("operator", &operator.name), ("date", &day(end))]),
        );
    }
    said.push(' ');
    said.push_str(Ui::CalendarHint.get(lang));
    if lang == Lang::Zh {
        crate::i18n::tidy_chinese(&said).into_owned()
    } else {
        said
    }
}

/// Writes the follow-up for `case`, and says where it is and how to send it; the path.
fn write_follow_up(
    case: &Case,
    operator: &Operator,
    out: Option<&Path>,
    today: Date,
    ctx: &Context,
) -> Result<PathBuf> {
    let lang = ctx.lang;
    let channel = message::follow_up_channel(case, operator);
    let extension = if channel == Some(ChannelKind::Email) {
        "eml"
    } else {
        "txt"
    };
    let path = chosen(out, || default_name(case, today, "follow-up", extension));
    let message = message::follow_up(case, operator, today, lang, &path);
    write(&path, &message, lang)?;
    let layout = &ctx.layout;
    let mut shown = String::new();
    let line = |shown: &mut String, text: &str| layout.paragraph(shown, "", "", text);
    line(
        &mut shown,
        &Ui::FollowUpWritten.fill(lang, &[("id", &case.id), ("path", &display(&path))]),
    );
    meaning(&mut shown, &path, &message, layout);
    let how = message::follow_up_how(case, operator, lang);
    let answer_by = today
        .checked_add(jiff::Span::new().days(crate::casebook::ANSWER_WITHIN_DAYS))
        .unwrap_or(Date::MAX);
    line(
        &mut shown,
        &Ui::FollowUpSend.fill(
            lang,
            &[
                ("how", &how),
                ("operator", &operator.name),
                ("date", &long_date(answer_by, lang)),
                ("id", &case.id),
            ],
        ),
    );
    if let Some(link) = &message.mailto {
        shown.push_str(link);
        shown.push('\n');
    }
    write_stdout(&shown, lang)?;
    Ok(path)
}

/// Writes the complaint to Brukerklagenemnda for `case`, and says where to send it and what
/// to attach; the path.
fn write_complaint(
    catalog: &Catalog,
    case: &Case,
    operator: &Operator,
    out: Option<&Path>,
    today: Date,
    ctx: &Context,
) -> Result<PathBuf> {
    let lang = ctx.lang;
    let path = chosen(out, || default_name(case, today, "complaint", "txt"));
    let message = message::complaint(case, operator, today, lang, &path);
    write(&path, &message, lang)?;
    let layout = &ctx.layout;
    let mut shown = String::new();
    layout.paragraph(
        &mut shown,
        "",
        "",
        &Ui::ComplaintWritten.fill(lang, &[("id", &case.id), ("path", &display(&path))]),
    );
    if message.translation.is_some() {
        let beside = message::translation_path(&path, lang);
        layout.paragraph(
            &mut shown,
            "",
            "",
            &Ui::SavedTranslation.fill(lang, &[("path", &display(&beside))]),
        );
    }
    // Where the board is described: Nkom's page, an authority's own (common.toml).
    let common = catalog.common()?;
    let url = common
        .sources
        .iter()
        .find(|source| &*source.id == "nkom-complaints")
        .and_then(|source| source.link())
        .unwrap_or_default();
    layout.paragraph(
        &mut shown,
        "",
        "",
        &Ui::ComplaintSend.fill(lang, &[("url", &url)]),
    );
    for line in message.shown.lines() {
        layout.paragraph(&mut shown, "  ", "     ", line);
    }
    write_stdout(&shown, lang)?;
    exit_soon(common);
    Ok(path)
}

/// What the text says in the user's language, and where that is saved.
fn meaning(shown: &mut String, path: &Path, message: &Message, layout: &Layout) {
    let lang = layout.lang;
    if message.translation.is_some() {
        let beside = message::translation_path(path, lang);
        layout.paragraph(
            shown,
            "",
            "",
            &Ui::SavedTranslation.fill(lang, &[("path", &display(&beside))]),
        );
    }
    layout.paragraph(shown, "", "", Ui::MessageShown.get(lang));
    for line in message.shown.trim_end().lines() {
        layout.paragraph(shown, "  ", "  ", line);
    }
}

/// `--out` as given, or a name of nocard's in this folder that nothing has yet.
fn chosen(out: Option<&Path>, default: impl FnOnce() -> PathBuf) -> PathBuf {
    out.map_or_else(|| super::files::free_beside(&default()), Path::to_owned)
}

/// `nocard-telenor-2026-12-03-567-follow-up.txt`.
fn default_name(case: &Case, today: Date, what: &str, extension: &str) -> PathBuf {
    let digits = case.number.digits();
    let last = &digits[digits.len().saturating_sub(3)..];
    PathBuf::from(format!(
        "nocard-{}-{today}-{last}-{what}.{extension}",
        case.operator
    ))
}

/// Writes the text and its translation beside it; a file there already is never replaced.
fn write(path: &Path, message: &Message, lang: Lang) -> Result<()> {
    let translation = message::translation_path(path, lang);
    let mut files = vec![(path, message.text.as_str())];
    if let Some(text) = &message.translation {
        files.push((translation.as_path(), text.as_str()));
    }
    if super::files::write(&files, false, lang)? {
        return Ok(());
    }
    Err(
        Failure::new(Ui::AlreadyExists.fill(lang, &[("path", &display(path))]))
            .with_hint(Ui::OutExistsHint.get(lang))
            .into(),
    )
}

fn display(path: &Path) -> String {
    printable(&path.display().to_string()).into_owned()
}

/// Why the change cannot be made, with what to do instead.
fn not_now(why: NotNow, id: u32, operator: Option<&Operator>, lang: Lang) -> anyhow::Error {
    let operator = operator.map_or("", |op| &*op.name);
    let (cause, hint) = match why {
        NotNow::NoSuchCase => (
            Ui::NoSuchCase.fill(lang, &[("id", &id)]),
            Ui::NoSuchCaseHint.get(lang).to_owned(),
        ),
        NotNow::NotSent => (
            Ui::NotNowNotSent.fill(lang, &[("id", &id)]),
            Ui::NotNowNotSentHint.fill(lang, &[("id", &id)]),
        ),
        NotNow::ConfirmNotSent => (
            Ui::NotNowNotSent.fill(lang, &[("id", &id)]),
            Ui::NotNowConfirmNotSentHint.fill(lang, &[("id", &id)]),
        ),
        NotNow::NotYetToFollowUp { by, from } => (
            Ui::NotNowFollowUp.fill(
                lang,
                &[
                    ("id", &id),
                    ("operator", &operator),
                    ("date", &long_date(by, lang)),
                ],
            ),
            Ui::NotNowFollowUpHint.fill(
                lang,
                &[
                    ("id", &id),
                    ("date", &long_date(by, lang)),
                    ("from", &long_date(from, lang)),
                ],
            ),
        ),
        NotNow::AwaitingAnswer { followed_up, until } => (
            Ui::NotNowAwaitingAnswer.fill(
                lang,
                &[
                    ("id", &id),
                    ("operator", &operator),
                    ("date", &long_date(followed_up, lang)),
                    ("until", &long_date(until, lang)),
                ],
            ),
            Ui::NotNowAwaitingAnswerHint.fill(
                lang,
                &[
                    ("id", &id),
                    ("operator", &operator),
                    ("until", &long_date(until, lang)),
                ],
            ),
        ),
        NotNow::Done(state) => {
            let state = match state {
                State::Closed => Ui::StateClosed,
                _ => Ui::StateConfirmed,
            };
            (
                Ui::NotNowDone.fill(lang, &[("id", &id), ("state", &state.get(lang))]),
                Ui::NotNowDoneHint.get(lang).to_owned(),
            )
        }
        NotNow::Future(date) => (
            Ui::NotNowFuture.fill(lang, &[("date", &long_date(date, lang))]),
            Ui::NotNowFutureHint.get(lang).to_owned(),
        ),
        NotNow::WasRefused(date) => (
            Ui::NotNowWasRefused.fill(
                lang,
                &[
                    ("id", &id),
                    ("operator", &operator),
                    ("date", &long_date(date, lang)),
                ],
            ),
            Ui::NotNowWasRefusedHint.fill(lang, &[("id", &id)]),
        ),
        NotNow::TooEarly(date) => (
            Ui::NotNowTooEarly.fill(lang, &[("id", &id), ("date", &long_date(date, lang))]),
            Ui::NotNowTooEarlyHint.get(lang).to_owned(),
        ),
        NotNow::NotYetForTheBoard(from) => (
            Ui::NotNowBoard.fill(lang, &[("id", &id), ("operator", &operator)]),
            match from {
                Some(date) => Ui::NotNowBoardFromHint.fill(
                    lang,
                    &[
                        ("date", &long_date(date, lang)),
                        ("operator", &operator),
                        ("id", &id),
                    ],
                ),
                None => Ui::NotNowBoardHint.fill(lang, &[("id", &id), ("operator", &operator)]),
            },
        ),
    };
    Failure::new(cause).with_hint(hint).into()
}
