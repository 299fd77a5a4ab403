//! No English on a Norwegian or Chinese screen, outside the English half of the message: every
//! interface string, every command's help, the screens and the error paths, in nb and zh, hold
//! no word of nocard's English (its own strings' words, and clap's, serde's, the TOML parser's
//! and the system's) but the names and terms every language writes alike.

use std::collections::BTreeSet;
use std::path::Path;

use nocard::i18n::Ui;
use nocard::text::Lang;

use crate::helpers::{fixtures, nocard_at};

/// English words a Norwegian text uses as Norwegian words.
const NORWEGIAN_TOO: &[&str] = &[
    "app", "apper", "argument", "at", "be", "byte", "chat", "chatten", "enter", "esc", "escape",
    "for", "format", "full", "i", "list", "over", "per", "problem", "send", "standard", "start",
    "status", "terminal", "to", "type", "under", "sms", "bokmål", "mobile", "system", "like",
    "mine", "hold", "post", "form",
];

/// Names, technical terms and code words every language writes alike.
const ALIKE: &[&str] = &[
    // nocard, its commands, the formats and tools it names.
    "nocard",
    "deregister",
    "checklist",
    "operators",
    "status",
    "schema",
    "completions",
    "man",
    "validate",
    "show",
    "confirm",
    "close",
    "forget",
    "sent",
    "follow",
    "up",
    "refused",
    "complain",
    "json",
    "ics",
    "eml",
    "icalendar",
    "chmod",
    "toml",
    "roff",
    "markdown",
    "utf",
    "mib",
    "https",
    "shell",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
    "compinit",
    "fpath",
    "auto",
    "always",
    "never",
    "text",
    "en",
    "nb",
    "zh",
    "esc",
    "term",
    "dumb",
    "iban",
    "id",
    // Identity, payment and public services, as they call themselves.
    "bankid",
    "minid",
    "buypass",
    "commfides",
    "vipps",
    "avtalegiro",
    "efaktura",
    "helsenorge",
    "altinn",
    "nkom",
    // Norwegian bodies and places, by their own names.
    "brukerklagenemnda",
    "bkn",
    "elektronisk",
    "kommunikasjon",
    "forbrukertilsynet",
    "storgata",
    "oslo",
    // A Chinese name in Latin letters, as the name check's example gives it.
    "wang",
    "xiaoming",
    // "Mine sider", "Min side": the operators' self-service pages, by their names.
    "mine",
    "esim",
    "sim",
    "kr",
    "nok",
    "sms",
    "pin",
    "puk",
    "mkdir",
];

/// Names of products and services in the operators' texts, which are not translated.
const PRODUCTS: &[&str] = &["Call Guide"];

/// The Norwegian terms English text gives in brackets, `(abonnement)`: not English.
const NORWEGIAN_TERMS: &[&str] = &[
    "abonnement",
    "abonnementseier",
    "kontantkort",
    "nummerportering",
    "oppsigelse",
    "oppsigelsestid",
    "eierskifte",
    "bindingstid",
    "sluttfaktura",
    "saldo",
    "delbetaling",
    "fødselsnummer",
    "rekommandert",
    "fullmakt",
    "skifteattest",
    "dødsattest",
    "dødsbo",
];

/// clap's, serde's, the TOML parser's and the system's English: words nocard's strings need not
/// hold, but that its screens would if they were let through.
const FOREIGN_ENGLISH: &str = "usage commands options arguments print help version possible \
    values default env subcommand subcommands unexpected argument found invalid value expected \
    type string integer floating point boolean sequence map datetime unknown field variant \
    missing duplicate key quoted unclosed array table literal basic permission denied such file \
    directory exists read only space left device large interrupted broken pipe end error tip \
    similar information try more the of is are and or with from this that which not was were \
    provided required supplied needed";

/// Every word of nocard's English.
fn english() -> BTreeSet<String> {
    let mut words: BTreeSet<String> = FOREIGN_ENGLISH
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    for ui in Ui::ALL {
        words.extend(prose(ui.get(Lang::En)));
    }
    words.retain(|word| !NORWEGIAN_TERMS.contains(&word.as_str()));
    words
}

/// The words to check in `text`: its letters, less what is code, a path, an address, a value
/// quoted as typed, or a list of the words of answers files and options.
fn prose(text: &str) -> Vec<String> {
    let mut text = text.to_owned();
    for product in PRODUCTS {
        text = text.replace(product, " ");
    }
    let mut kept = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(close) if c == close => {
                quote = None;
                kept.push(' ');
            }
            Some(_) => {}
            // Code, a placeholder, a value as typed, a page's own words quoted.
            None if c == '`' || c == '"' => quote = Some(c),
            None if c == '{' => quote = Some('}'),
            None if c == '«' => quote = Some('»'),
            None if c == '“' => quote = Some('”'),
            // Chinese has no spaces: a Chinese character or full-width mark ends a word.
            None if !c.is_ascii() && !c.is_alphabetic() => kept.push(' '),
            None if is_cjk(c) => kept.push(' '),
            None => kept.push(c),
        }
    }
    let mut words = Vec::new();
    for token in kept.split_whitespace() {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let code = token.starts_with('-')
            || token.contains([
                '/', '\\', '_', '=', '<', '>', '$', '~', '@', '{', '}', '\'', ':',
            ])
            || token.chars().any(|c| c.is_ascii_digit())
            || token.char_indices().any(|(at, c)| {
                c == '.' && token[at + 1..].starts_with(|next: char| next.is_alphabetic())
            });
        if code {
            continue;
        }
        let letters = |c: char| c.is_ascii_alphabetic() || "æøåÆØÅ".contains(c);
        for word in token.split(|c: char| !letters(c)) {
            if word.chars().count() > 1 || word == "a" {
                words.push(word.to_lowercase());
            }
        }
    }
    words
}

/// A Chinese character: never part of a Latin word.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// The English words in `text`, a screen in `lang`.
fn leaks(
    text: &str,
    lang: Lang,
    english: &BTreeSet<String>,
    names: &BTreeSet<String>,
) -> Vec<String> {
    // The lines clap's and nocard's lists begin with a name in: `  deregister   …`,
    // `  intent   cancel, port, keep`, `- text：…`; and the English half of a message.
    let mut screen = String::new();
    for line in text.lines() {
        if line.starts_with("English version") || line.starts_with("In English") {
            break;
        }
        // `operators validate` reports what is wrong with a file in English, as the files
        // are written first (`path:3:1: NC002 …`); its count is checked.
        if line.contains(": NC0") {
            continue;
        }
        let trimmed = line.trim_start();
        let indented = line.len() - trimmed.len() >= 2 || trimmed.starts_with("- ");
        let rest = if indented {
            let trimmed = trimmed.trim_start_matches("- ");
            match trimmed.split_once([' ', '：', ':']) {
                Some((name, rest)) if code_word(name) => rest,
                _ => trimmed,
            }
        } else {
            line
        };
        screen.push_str(rest);
        screen.push('\n');
    }
    prose(&screen)
        .into_iter()
        .filter(|word| english.contains(word))
        .filter(|word| !ALIKE.contains(&word.as_str()) && !names.contains(word))
        .filter(|word| lang != Lang::Nb || !NORWEGIAN_TOO.contains(&word.as_str()))
        .filter(|word| !code_word(word))
        .collect()
}

/// A word of answers files (`intent`, `cancel`, `letter`) or a command's name: code wherever
/// it stands, as long as it is one of a list.
fn code_word(word: &str) -> bool {
    const CODE: &[&str] = &[
        "intent",
        "payer",
        "plan",
        "sim",
        "channel",
        "phone",
        "name",
        "balance",
        "account",
        "sent",
        "reference",
        "address",
        "customer_number",
        "calendar",
        "acting",
        "estate",
        "proxy",
        "leaving",
        "owner",
        "uses",
        "cancel",
        "port",
        "keep",
        "private",
        "company",
        "postpaid",
        "prepaid",
        "physical",
        "esim",
        "refund",
        "use",
        "leave",
        "true",
        "false",
        "chat",
        "web",
        "app",
        "store",
        "email",
        "letter",
        "help",
        "list",
        "text",
        "json",
        "markdown",
    ];
    CODE.contains(&word)
}

/// The operators' ids, names and brands, as the built-in files give them.
fn names() -> BTreeSet<String> {
    let out = stdout(nocard_at(&home()).args(["operators", "list", "--format", "json"]));
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut names = BTreeSet::new();
    for operator in list.as_array().unwrap() {
        for field in ["id", "name", "legal_name"] {
            if let Some(name) = operator[field].as_str() {
                names.extend(prose(name));
            }
        }
        for brand in operator["brands"].as_array().into_iter().flatten() {
            names.extend(prose(brand.as_str().unwrap_or_default()));
        }
    }
    names
}

fn home() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("english-home")
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// What a run prints, on both streams.
fn screen(cmd: &mut assert_cmd::Command) -> String {
    let output = cmd.output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

/// Every command line whose screen is checked, run in `dir`: the screens, mistakes on the
/// command line, and files that are wrong, missing or cannot be written.
fn runs(dir: &Path) -> Vec<Vec<String>> {
    let mut runs = screens(dir);
    runs.extend(mistakes());
    runs.extend(bad_files(dir));
    runs
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|arg| (*arg).to_owned()).collect()
}

fn write(dir: &Path, name: &str, text: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const CASE: &str = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"letter\"\nphone = \"912 34 567\"\nname = \"Ola Nordmann\"\n";

/// What each command shows, with walks that write messages and record a case, and the case
/// followed up.
fn screens(dir: &Path) -> Vec<Vec<String>> {
    let good = write(dir, "good.toml", CASE.as_bytes());
    let sent = format!("{CASE}sent = true\nreference = \"AB-1\"\n");
    let sent = write(dir, "sent.toml", sent.as_bytes());
    let prepaid = CASE
        .replace("postpaid", "prepaid")
        .replace("letter", "phone")
        .replace(
            "Ola Nordmann\"\n",
            "Ola Nordmann\"\nbalance = \"refund\"\naccount = \"1234.56.78903\"\n",
        );
    let prepaid = write(dir, "prepaid.toml", prepaid.as_bytes());
    let out = dir.join("message.txt").display().to_string();
    let mut runs = vec![
        args(&["checklist"]),
        args(&["checklist", "--format", "markdown"]),
        args(&["checklist", "--services"]),
        args(&["checklist", "--services", "--format", "markdown"]),
        args(&["operators", "list"]),
        args(&["status"]),
        args(&["man"]),
    ];
    for id in [
        "chilimobil",
        "ice",
        "lycamobile",
        "mycall",
        "onecall",
        "plussmobil",
        "talkmore",
        "telenor",
        "telia",
    ] {
        runs.push(args(&["operators", "show", id]));
        runs.push(args(&["checklist", "--operator", id]));
    }
    for (operator, answers) in [("telenor", &good), ("telenor", &prepaid), ("ice", &sent)] {
        runs.push(args(&[
            "deregister",
            "--operator",
            operator,
            "--answers",
            answers,
            "--no-input",
            "--out",
            &out,
            "--force",
        ]));
    }
    runs.extend([
        args(&["status"]),
        args(&["status", "confirm", "1", "--reference", "AB-2"]),
        args(&["status", "close", "1"]),
        args(&["status", "forget", "1"]),
    ]);
    runs
}

/// Mistakes on the command line: clap's usage errors and nocard's.
fn mistakes() -> Vec<Vec<String>> {
    [
        &["checklist", "--operator", "telnor"][..],
        &["checklist", "--operator", "vodafone"],
        &["checklist", "--operator", "../x"],
        &["checklist", "--bogus"],
        // `--lang` after a word clap does not know is heard too.
        &["checklist", "--bogus", "--lang", "zh"],
        &["checklist", "--formt", "json"],
        &["checklist", "--format", "jsn"],
        &["chcklist"],
        &["operators"],
        &["status", "confirm", "x"],
        &["status", "confirm", "9"],
        &["status", "--", "confirm"],
        &["deregister", "--resume"],
        &["deregister", "--resume", "--answers", "a.toml"],
        &["deregister", "--operator"],
        &["deregister", "--no-input"],
        &["deregister", "--operator", "telenor", "--no-input"],
    ]
    .into_iter()
    .map(args)
    .collect()
}

/// Answers files wrong in each way, files too large, not text or absent, a message that
/// cannot be written, and operator files that are broken or not files.
fn bad_files(dir: &Path) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for (name, text) in [
        ("unquoted.toml", "intent = cancel\n".to_owned()),
        (
            "twice.toml",
            "intent = \"cancel\"\nintent = \"port\"\n".to_owned(),
        ),
        ("open.toml", "intent = \"cancel\n".to_owned()),
        ("array.toml", "intent = [\"cancel\"\n".to_owned()),
        ("typed.toml", "phone = 91234567\n".to_owned()),
        ("flag.toml", "sent = \"yes\"\n".to_owned()),
        ("slip-key.toml", "phoen = \"912 34 567\"\n".to_owned()),
        ("slip-word.toml", "intent = \"cancle\"\n".to_owned()),
        ("channel.toml", "channel = \"fax\"\n".to_owned()),
        ("phone.toml", "phone = \"812 34 567\"\n".to_owned()),
        (
            "deep.toml",
            format!("a = {}1{}\n", "[".repeat(100), "]".repeat(100)),
        ),
        ("missing.toml", "intent = \"cancel\"\n".to_owned()),
    ] {
        paths.push(write(dir, name, text.as_bytes()));
    }
    paths.push(write(dir, "big.toml", &vec![b'#'; 1_100_000]));
    paths.push(write(dir, "binary.toml", b"intent = \"\xff\"\n"));
    paths.push(dir.join("absent.toml").display().to_string());
    let mut runs: Vec<Vec<String>> = paths
        .iter()
        .map(|path| {
            args(&[
                "deregister",
                "--operator",
                "telenor",
                "--answers",
                path,
                "--no-input",
            ])
        })
        .collect();
    let good = write(dir, "good.toml", CASE.as_bytes());
    let out = dir.join("message.txt").display().to_string();
    for out in ["/nonexistent/m.txt", "m\u{1b}.txt", &out] {
        runs.push(args(&[
            "deregister",
            "--operator",
            "telenor",
            "--answers",
            &good,
            "--no-input",
            "--out",
            out,
        ]));
    }
    let broken = fixtures("broken").display().to_string();
    let absent = dir.join("absent.toml").display().to_string();
    let nowhere = dir.join("nowhere").display().to_string();
    runs.extend([
        args(&[
            "checklist",
            "--operator",
            "telenor",
            "--operators-dir",
            &broken,
        ]),
        args(&["operators", "validate", &format!("{broken}/telenor.toml")]),
        args(&["operators", "validate", "/dev/null"]),
        args(&["operators", "validate", &absent]),
        args(&["checklist", "--operators-dir", &nowhere]),
    ]);
    runs
}

/// Each command's help, short and long, in `lang`.
fn every_help(lang: Lang) -> Vec<String> {
    fn walk(cmd: &mut clap::Command, out: &mut Vec<String>) {
        out.push(cmd.render_help().to_string());
        out.push(cmd.render_long_help().to_string());
        for sub in cmd.get_subcommands_mut() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&mut nocard::cli::command(lang), &mut out);
    out
}

#[test]
fn nb_and_zh_screens_hold_no_english_outside_the_message() {
    let english = english();
    let names = names();
    let mut found = Vec::new();
    let mut check = |what: &str, text: &str, lang: Lang| {
        let leaks = leaks(text, lang, &english, &names);
        if !leaks.is_empty() {
            found.push(format!("{lang} {what}: {leaks:?}\n{text}"));
        }
        // What nocard puts together in Chinese is typeset as its texts are; the manual page
        // is roff, whose font escapes (`\fI路径\fR`) stand against the words.
        if lang == Lang::Zh && what != "man" {
            let problems = nocard::i18n::chinese::typography(text);
            if !problems.is_empty() {
                found.push(format!("{lang} {what}: {problems:#?}"));
            }
        }
    };
    for lang in [Lang::Nb, Lang::Zh] {
        for ui in Ui::ALL {
            check(&format!("{ui:?}"), ui.get(lang), lang);
        }
        for help in every_help(lang) {
            check("--help", &help, lang);
        }
    }
    for lang in [Lang::Nb, Lang::Zh] {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        for args in runs(dir.path()) {
            let text = screen(
                nocard_at(&home)
                    .args(["--lang", lang.code()])
                    .args(&args)
                    .env("NOCARD_TODAY", "2026-11-25")
                    .current_dir(dir.path()),
            );
            assert!(!text.trim().is_empty(), "{args:?} printed nothing");
            check(&args.join(" "), &text, lang);
        }
        // A case book nocard cannot read, one from a newer nocard, and one it can.
        for book in [
            "version = 1\ncases = [\n".to_owned(),
            "version = 1\n[[cases]]\nid = \"x\"\n".to_owned(),
            "version = 99\n".to_owned(),
            "cases = []\n".to_owned(),
            format!("version = 1\n{}", "a = [".repeat(100)),
        ] {
            std::fs::create_dir_all(&home).unwrap();
            std::fs::write(home.join("cases.toml"), &book).unwrap();
            let text = screen(nocard_at(&home).args(["status", "--lang", lang.code()]));
            check(&format!("status with {book:?}"), &text, lang);
        }
    }
    assert!(
        found.is_empty(),
        "English on a screen:\n{}",
        found.join("\n---\n")
    );
}

#[test]
fn the_check_finds_english_where_there_is_some() {
    let english = english();
    let names = BTreeSet::new();
    let leaked = leaks(
        "错误：invalid value 'x' for '--lang'",
        Lang::Zh,
        &english,
        &names,
    );
    assert_eq!(leaked, ["invalid", "value", "for"]);
    let leaked = leaks("feil: the file is not found", Lang::Nb, &english, &names);
    assert_eq!(leaked, ["the", "file", "is", "not", "found"]);
    // Code, paths, values as typed and the lists of answers-file words are not prose.
    let clean =
        "feil: `phoen` i /tmp/answers.toml: mente du `phone`?\n  intent   cancel, port, keep\n";
    assert!(leaks(clean, Lang::Nb, &english, &names).is_empty());
}
