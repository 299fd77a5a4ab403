//! Where operator files come from: the ones built into the binary, overridden by a folder of
//! the user's. Only the files a command needs are read and parsed.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use nocard_model::limits::{self, Unreadable};

use super::{
    Common, FileError, Operator, Position, Problem, Services, is_operator_id, parse_common,
    parse_operator, parse_services,
};
use crate::causes::{self, Refusal};
use crate::context::Clock;
use crate::error::Failure;
use crate::i18n::Ui;
use crate::text::{Lang, printable};
use jiff::civil::Date;

/// A shipped file in `operators/`, checked when nocard was built.
struct BuiltIn {
    id: &'static str,
    /// The file as written, for `nocard operators validate`.
    text: &'static str,
    /// Its model, compiled into the binary: what nocard uses instead of the TOML.
    model: Model,
}

/// The model of a shipped file.
enum Model {
    Common(&'static Common),
    Services(&'static Services),
    Operator(&'static Operator),
}

// The shipped files' models as statics, and `BUILT_IN`, sorted by id; written by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

/// The id of the file of precautions common to all operators.
const COMMON: &str = "common";

/// The id of the file of services tied to the number.
const SERVICES: &str = "services";

/// Whether `id` names one of the files that are not an operator's.
fn is_shared(id: &str) -> bool {
    id == COMMON || id == SERVICES
}

/// The operator files nocard knows.
#[derive(Debug, Clone)]
pub struct Catalog<'c> {
    /// Holds `<id>.toml` files that add to or override the built-in ones.
    dir: Option<PathBuf>,
    /// The language of errors.
    lang: Lang,
    /// For the rules on how old a file's `checked` date may be; asked only when a file from
    /// the folder is parsed.
    clock: &'c Clock,
}

impl Default for Catalog<'static> {
    fn default() -> Self {
        static CLOCK: std::sync::OnceLock<Clock> = std::sync::OnceLock::new();
        Catalog::new(None, Lang::En, CLOCK.get_or_init(Clock::system))
    }
}

impl<'c> Catalog<'c> {
    #[must_use]
    pub fn new(dir: Option<PathBuf>, lang: Lang, clock: &'c Clock) -> Self {
        Catalog { dir, lang, clock }
    }

    /// The ids of all operators, sorted.
    pub fn ids(&self) -> Result<Vec<String>> {
        let mut ids: BTreeSet<String> = BUILT_IN
            .iter()
            .map(|built_in| built_in.id.to_owned())
            .filter(|id| !is_shared(id))
            .collect();
        if let Some(dir) = &self.dir {
            let entries = std::fs::read_dir(dir).with_context(|| {
                Ui::CouldNotReadFolder.fill(self.lang, &[("dir", &shown_path(dir))])
            })?;
            for entry in entries {
                let path = entry
                    .with_context(|| {
                        Ui::CouldNotReadFolder.fill(self.lang, &[("dir", &shown_path(dir))])
                    })?
                    .path();
                let stem = path.file_stem().and_then(|stem| stem.to_str());
                if path.extension().is_some_and(|ext| ext == "toml")
                    && let Some(stem) = stem.filter(|stem| is_operator_id(stem) && !is_shared(stem))
                {
                    ids.insert(stem.to_owned());
                }
            }
        }
        Ok(ids.into_iter().collect())
    }

    /// Loads the operator `id`. An id of the wrong form is refused before any file is touched.
    pub fn operator(&self, id: &str) -> Result<Operator> {
        if !is_operator_id(id) || is_shared(id) {
            return self.by_name(id);
        }
        let Some(file) = self.find(id)? else {
            return self.by_name(id);
        };
        if let Some(Model::Operator(operator)) = file.model {
            // Text and lists borrowed from the binary: a copy of a few words each.
            return Ok((*operator).clone());
        }
        let parsed = parse_operator(&file.path, id, &file.text, self.today())
            .map_err(|problems| broken(problems, &file, self.lang))?;
        self.warn(&parsed.findings);
        Ok(parsed.value)
    }

    /// Loads the precautions common to all operators.
    pub fn common(&self) -> Result<Common> {
        let file = self
            .find(COMMON)?
            .context("the built-in common precautions are missing")?;
        if let Some(Model::Common(common)) = file.model {
            return Ok((*common).clone());
        }
        let parsed = parse_common(&file.path, &file.text, self.today())
            .map_err(|problems| broken(problems, &file, self.lang))?;
        self.warn(&parsed.findings);
        Ok(parsed.value)
    }

    /// Loads the services that send codes to, or recover accounts through, the number: the
    /// folder's `services.toml` where it has one, else the built-in.
    pub fn services(&self) -> Result<Services> {
        let file = self
            .find(SERVICES)?
            .context("the built-in services are missing")?;
        if let Some(Model::Services(services)) = file.model {
            return Ok((*services).clone());
        }
        let parsed = parse_services(&file.path, &file.text, self.today())
            .map_err(|problems| broken(problems, &file, self.lang))?;
        self.warn(&parsed.findings);
        Ok(parsed.value)
    }

    /// Loads every operator, in id order. A file in the folder that nocard refuses to read (a
    /// link out of the folder, a device, a file over 1 MiB) is left out, with a warning that
    /// names it; a file that is read but broken is an error, as for any command.
    pub fn operators(&self) -> Result<Vec<Operator>> {
        let mut operators = Vec::new();
        for id in self.ids()? {
            if let Some(dir) = &self.dir {
                let path = dir.join(format!("{id}.toml"));
                if let Ok(Some(why)) = refusal(dir, &path) {
                    let shown = printable(&path.display().to_string()).into_owned();
                    let message = Ui::CouldNotRead.fill(self.lang, &[("path", &shown)]);
                    let message =
                        causes::because(&message, &causes::io(&why, self.lang), self.lang);
                    eprintln!(
                        "{}",
                        Ui::WarningLine.fill(self.lang, &[("message", &message)])
                    );
                    continue;
                }
            }
            operators.push(self.operator(&id)?);
        }
        Ok(operators)
    }

    /// Every file nocard would use, as `(path, id, text)`: the common precautions, the
    /// services, then each operator, the folder's copy where it has one.
    pub fn files(&self) -> Result<Vec<(String, String, String)>> {
        let mut ids = vec![COMMON.to_owned(), SERVICES.to_owned()];
        ids.extend(self.ids()?);
        let mut files = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(file) = self.find(&id)? {
                files.push((file.path, id, file.text.into_owned()));
            }
        }
        Ok(files)
    }

    fn today(&self) -> Date {
        self.clock.today()
    }

    /// The file for `id`: the folder's if it has one, else the built-in.
    fn find(&self, id: &str) -> Result<Option<File>> {
        if let Some(dir) = &self.dir {
            let path = dir.join(format!("{id}.toml"));
            let shown = printable(&path.display().to_string()).into_owned();
            match read_in_folder(dir, &path) {
                Ok(Some(text)) => {
                    return Ok(Some(File {
                        path: shown,
                        text: Cow::Owned(text),
                        model: None,
                    }));
                }
                Ok(None) => ensure_dir(dir, self.lang)?,
                Err(err) => {
                    let message = Ui::CouldNotRead.fill(self.lang, &[("path", &shown)]);
                    let why = causes::io(&err, self.lang);
                    return Err(Failure::new(causes::because(&message, &why, self.lang))
                        .with_hint(Ui::FixFileHint.fill(self.lang, &[("path", &shown)]))
                        .into());
                }
            }
        }
        Ok(BUILT_IN
            .iter()
            .find(|built_in| built_in.id == id)
            .map(|built_in| File {
                path: format!("operators/{id}.toml"),
                text: Cow::Borrowed(built_in.text),
                model: Some(&built_in.model),
            }))
    }

    /// The operator whose name or one of whose brands is `name`, in any case: `Talkmore`,
    /// `TELENOR`, `NiceMobil`. Only names of letters, digits, spaces and '-' are looked up;
    /// anything else (a path, a NUL) is refused before any file is read.
    fn by_name(&self, name: &str) -> Result<Operator> {
        let plausible = !name.trim().is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        if !plausible {
            return Err(self.unknown(name));
        }
        let lower = name.trim().to_lowercase();
        if is_operator_id(&lower)
            && lower != name
            && !is_shared(&lower)
            && self.find(&lower)?.is_some()
        {
            return self.operator(&lower);
        }
        for id in self.ids()? {
            let Ok(operator) = self.operator(&id) else {
                continue;
            };
            let names = std::iter::once(&operator.name).chain(operator.brands.iter());
            if names.into_iter().any(|known| known.to_lowercase() == lower) {
                return Ok(operator);
            }
        }
        Err(self.unknown(name))
    }

    /// Says on stderr where a file lacks the language in use, so its author can add it; a few
    /// lines, not one per text.
    fn warn(&self, warnings: &[FileError]) {
        const SHOWN: usize = 3;
        let missing: Vec<&FileError> = warnings
            .iter()
            .filter(|w| w.problem == Problem::MissingTranslation(self.lang))
            .collect();
        for warning in missing.iter().take(SHOWN) {
            let position = warning.position.unwrap_or(Position { line: 0, column: 0 });
            let line = Ui::MissingTranslation.fill(
                self.lang,
                &[
                    ("path", &printable(&warning.path)),
                    ("line", &position.line),
                    ("column", &position.column),
                    ("lang", &self.lang),
                ],
            );
            eprintln!("{}", Ui::WarningLine.fill(self.lang, &[("message", &line)]));
        }
        if missing.len() > SHOWN {
            let more = Ui::MoreProblems.fill(self.lang, &[("count", &(missing.len() - SHOWN))]);
            eprintln!("{}", Ui::WarningLine.fill(self.lang, &[("message", &more)]));
        }
    }

    /// The error for an operator nocard does not know: the one whose id, name or brand `id`
    /// is a slip for, where there is one, else every id.
    fn unknown(&self, id: &str) -> anyhow::Error {
        let lang = self.lang;
        let ids = self.ids().unwrap_or_default();
        let plausible = id
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        let shown = shown_name(id);
        let problem = if !id.is_empty() && plausible && !is_shared(id) {
            Ui::UnknownOperator.fill(lang, &[("id", &shown)])
        } else {
            Ui::NotAnId.fill(lang, &[("id", &shown)])
        };
        // Each id with the names it goes by; an operator whose file is broken by its id alone.
        let names: Vec<(String, String)> = ids
            .iter()
            .flat_map(|known| {
                let operator = self.operator(known).ok();
                let names = operator.iter().flat_map(|operator| {
                    std::iter::once(operator.name.to_string())
                        .chain(operator.brands.iter().map(ToString::to_string))
                });
                std::iter::once(known.clone())
                    .chain(names.collect::<Vec<_>>())
                    .map(|name| (known.clone(), name))
                    .collect::<Vec<_>>()
            })
            .collect();
        let nearest = crate::suggest::nearest(id, names.iter().map(|(_, name)| name.as_str()));
        let mut suggested: Vec<&str> = names
            .iter()
            .filter(|(_, name)| nearest.contains(&name.as_str()))
            .map(|(known, _)| known.as_str())
            .collect();
        suggested.dedup();
        let hint = match crate::suggest::did_you_mean(&suggested, lang) {
            Some(suggestion) => {
                Ui::SuggestedOperatorHint.fill(lang, &[("suggestion", &suggestion)])
            }
            None => Ui::KnownOperatorsHint.fill(lang, &[("ids", &ids.join(", "))]),
        };
        Failure::usage(problem).with_hint(hint).into()
    }
}

/// A path as errors and warnings show it: as data.
fn shown_path(path: &Path) -> String {
    printable(&path.display().to_string()).into_owned()
}

/// A name the user gave, as an error shows it: as data, and with the letters of another script
/// written as code points where it mixes them with Latin ones, so that `telеnor` with a
/// Cyrillic `е` does not read as `telenor`, the name it imitates. Long names are cut short.
fn shown_name(name: &str) -> String {
    const SHOWN: usize = 60;
    let mixed = name.chars().any(|c| c.is_ascii_alphanumeric()) && !name.is_ascii();
    let mut shown = String::new();
    for (count, c) in name.chars().enumerate() {
        if count == SHOWN {
            shown.push('…');
            break;
        }
        if mixed && !c.is_ascii() {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    // What must not reach a terminal is escaped by the one function that does it everywhere.
    printable(&shown).into_owned()
}

/// Why nocard will not read `path` in the operators folder `dir`, if it will not: a symbolic
/// link that leads out of the folder (or nowhere), anything but a regular file (a named pipe
/// would never end), or a file over 1 MiB. Decided before anything is read; the error to show.
fn refusal(dir: &Path, path: &Path) -> io::Result<Option<io::Error>> {
    let link = match fs::symlink_metadata(path) {
        Ok(link) => link,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    if link.file_type().is_symlink() {
        let target = match fs::canonicalize(path) {
            Ok(target) => target,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok(Some(Refusal::LinkToNothing.into_io()));
            }
            Err(err) => return Err(err),
        };
        if !target.starts_with(fs::canonicalize(dir)?) {
            let shown = printable(&target.display().to_string()).into_owned();
            return Ok(Some(Refusal::LinkOutside(shown).into_io()));
        }
    }
    let metadata = fs::metadata(path)?;
    if !metadata.is_file() {
        return Ok(Some(Refusal::NotAFile.into_io()));
    }
    if usize::try_from(metadata.len()).map_or(true, |length| length > limits::MAX_FILE_BYTES) {
        return Ok(Some(Unreadable::TooLarge(metadata.len()).into_io()));
    }
    Ok(None)
}

/// Reads `path` in the operators folder `dir`, or `None` if there is no such file; a file
/// nocard refuses is an error that says why.
fn read_in_folder(dir: &Path, path: &Path) -> io::Result<Option<String>> {
    if let Some(why) = refusal(dir, path)? {
        return Err(why);
    }
    // Opened without waiting, and looked at again once open: the file checked above may
    // have been swapped for a named pipe since.
    match crate::disk::open_regular(path, crate::disk::Links::Follow) {
        Ok(file) => limits::read_file(file).map(Some),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

/// A missing folder is an error even when the file asked for is built in: the user meant it.
fn ensure_dir(dir: &Path, lang: Lang) -> Result<()> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(
            Failure::new(Ui::FolderMissing.fill(lang, &[("dir", &shown_path(dir))]))
                .with_hint(Ui::FolderMissingHint.get(lang))
                .into(),
        )
    }
}

/// An operator file's text and where it came from.
struct File {
    /// As shown to users.
    path: String,
    text: Cow<'static, str>,
    /// The model a built-in file was compiled into; `None` for the user's files.
    model: Option<&'static Model>,
}

/// The error for a file that cannot be used: its first problem, and how many more there are.
/// The checker's findings name what is wrong in English, as the files are written first; in the
/// other languages the rule broken is said instead, and `operators validate` shows the rest.
fn broken(problems: Vec<FileError>, file: &File, lang: Lang) -> anyhow::Error {
    let more = problems.len().saturating_sub(1);
    let mut message = problems
        .into_iter()
        .next()
        .map(|err| match lang {
            Lang::En => err.to_string(),
            Lang::Nb | Lang::Zh => {
                let Position { line, column } = err.place();
                let rule = err.problem.rule();
                Ui::BreaksRule.fill(
                    lang,
                    &[
                        (
                            "place",
                            &format!("{}:{line}:{column}", printable(&err.path)),
                        ),
                        ("code", &rule.code()),
                        ("rule", &super::rule_text(rule).get(lang)),
                        ("path", &printable(&err.path)),
                    ],
                )
            }
        })
        .unwrap_or_default();
    // Chinese brackets carry their own space.
    let gap = if lang == Lang::Zh { "" } else { " " };
    match more {
        0 => {}
        1 => {
            message.push_str(gap);
            message.push_str(Ui::OneMoreProblem.get(lang));
        }
        more => {
            message.push_str(gap);
            message.push_str(&Ui::MoreProblems.fill(lang, &[("count", &more)]));
        }
    }
    let hint = if file.model.is_some() {
        Ui::BuiltInHint.get(lang).to_owned()
    } else {
        Ui::FixFileHint.fill(lang, &[("path", &file.path)])
    };
    Failure::new(message).with_hint(hint).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words() {
        for good in ["telenor", "ice", "one-call", "o2"] {
            assert!(is_operator_id(good), "{good}");
        }
        for bad in [
            "",
            "Telenor",
            "../telenor",
            "tele/nor",
            "tele nor",
            "telenor.toml",
            "télé",
            "a\0b",
        ] {
            assert!(!is_operator_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn names_in_errors_show_look_alikes_and_escapes_as_code_points() {
        assert_eq!(shown_name("Talkmore"), "Talkmore");
        assert_eq!(shown_name("王小明"), "王小明");
        assert_eq!(shown_name("tel\u{435}nor"), "tel\\u{435}nor");
        assert_eq!(shown_name("tele\u{1b}[2Jnor"), "tele\\u{1b}[2Jnor");
        assert_eq!(shown_name("a\0b"), "a\\u{0}b");
        assert_eq!(shown_name(&"x".repeat(100)), format!("{}…", "x".repeat(60)));
    }

    #[test]
    fn every_shipped_file_loads() {
        let catalog = Catalog::default();
        let ids = catalog.ids().unwrap();
        assert_eq!(
            ids,
            [
                "chilimobil",
                "ice",
                "lycamobile",
                "mycall",
                "onecall",
                "plussmobil",
                "talkmore",
                "telenor",
                "telia"
            ]
        );
        for operator in catalog.operators().unwrap() {
            assert!(!operator.steps.is_empty(), "{} has no steps", operator.id);
            assert!(
                !operator.channels.is_empty(),
                "{} has no channels",
                operator.id
            );
        }
        assert!(catalog.common().unwrap().precautions.len() >= 10);
        let services = catalog.services().unwrap();
        for id in [
            "bankid",
            "vipps",
            "minid",
            "id-porten",
            "helsenorge",
            "bank-sms",
            "google",
            "apple",
            "microsoft",
            "whatsapp",
            "wechat",
            "telegram",
            "signal",
        ] {
            assert!(services.get(id).is_some(), "services.toml lacks `{id}`");
        }
        // Neither shared file is an operator.
        for id in [COMMON, SERVICES] {
            assert!(catalog.operator(id).is_err(), "{id}");
        }
    }

    fn today() -> Date {
        jiff::ZonedDateTime::now().date()
    }

    /// What nocard reads at start-up is what the file says.
    #[test]
    fn the_compiled_models_equal_the_parsed_files() {
        for BuiltIn { id, text, model } in BUILT_IN {
            let path = format!("operators/{id}.toml");
            match model {
                Model::Common(compiled) => {
                    let parsed = parse_common(&path, text, today()).unwrap().value;
                    assert_eq!(**compiled, parsed, "{id}");
                }
                Model::Services(compiled) => {
                    let parsed = parse_services(&path, text, today()).unwrap().value;
                    assert_eq!(**compiled, parsed, "{id}");
                }
                Model::Operator(compiled) => {
                    let parsed = parse_operator(&path, id, text, today()).unwrap().value;
                    assert_eq!(**compiled, parsed, "{id}");
                }
            }
        }
    }

    #[test]
    fn every_shipped_text_is_in_every_language() {
        for BuiltIn { id, text, .. } in BUILT_IN {
            let path = format!("operators/{id}.toml");
            let warnings = match *id {
                COMMON => parse_common(&path, text, today()).unwrap().findings,
                SERVICES => parse_services(&path, text, today()).unwrap().findings,
                _ => parse_operator(&path, id, text, today()).unwrap().findings,
            };
            let missing: Vec<String> = warnings.iter().map(ToString::to_string).collect();
            assert!(missing.is_empty(), "{missing:#?}");
        }
    }
}
