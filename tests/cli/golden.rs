//! Whole outputs pinned as golden transcripts in `tests/golden/`: every screen, message and
//! listing a change touches shows up as a reviewed text diff. Run with `INSTA_UPDATE=always`
//! (or `cargo insta review`) to accept an intended change, and say why in the commit.
//!
//! Each transcript is one run of the binary as a user would start it, with a fixed date and
//! a window of 80 or 40 columns: the command line, what went to stdout and stderr, the exit
//! code, and the files the run wrote.

use std::fmt::Write as _;
use std::path::Path;

use crate::helpers::nocard_at;

/// The answers of the common case: postpaid, physical SIM, private, cancel by letter.
const LETTER: &str = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"letter\"\nphone = \"+47 912 34 567\"\nname = \"Ola Nordmann\"\naddress = \"Storgata 1, 0150 Oslo\"\n";

/// One run: `nocard --lang LANG ARGS…` in a window `columns` wide, with `answers` (if any) in
/// `answers.toml` beside it. Returns the transcript.
struct Run<'a> {
    lang: &'a str,
    columns: u16,
    args: &'a [&'a str],
    answers: Option<&'a str>,
    /// The day the clock says.
    today: &'a str,
}

impl Run<'_> {
    fn transcript(&self, dir: &Path) -> String {
        let home = dir.join("home");
        let mut cmd = nocard_at(&home);
        cmd.current_dir(dir)
            .env("NOCARD_TODAY", self.today)
            .env("COLUMNS", self.columns.to_string())
            .args(["--lang", self.lang])
            .args(self.args);
        let mut shown = format!("$ nocard --lang {} {}", self.lang, self.args.join(" "));
        if let Some(answers) = self.answers {
            std::fs::write(dir.join("answers.toml"), answers).unwrap();
            cmd.args(["--answers", "answers.toml"]);
            shown.push_str(" --answers answers.toml");
        }
        let before = files(dir);
        let output = cmd.output().unwrap();
        let text = |bytes: &[u8]| {
            String::from_utf8(bytes.to_vec())
                .unwrap()
                .replace(&dir.display().to_string(), "$DIR")
        };
        // The day is said where it is not the one every other transcript has.
        let day = if self.today == "2026-11-25" {
            String::new()
        } else {
            format!(", {}", self.today)
        };
        let mut out = format!("{shown}\n# {} columns{day}\n", self.columns);
        if let Some(answers) = self.answers {
            let _ = write!(out, "\n## answers.toml\n{answers}");
        }
        let _ = write!(out, "\n## stdout\n{}", text(&output.stdout));
        let stderr = text(&output.stderr);
        if !stderr.is_empty() {
            let _ = write!(out, "\n## stderr\n{stderr}");
        }
        let _ = writeln!(out, "\n## exit {}", output.status.code().unwrap_or(-1));
        for file in files(dir).into_iter().filter(|f| !before.contains(f)) {
            let content = std::fs::read_to_string(dir.join(&file)).unwrap();
            let _ = write!(out, "\n## file {file}\n{content}");
        }
        out
    }
}

/// The files directly in `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn check(name: &str, runs: &[Run]) {
    check_in(&tempfile::tempdir().unwrap(), name, runs);
}

/// `check` in `dir`, which may hold a case book already.
fn check_in(dir: &tempfile::TempDir, name: &str, runs: &[Run]) {
    let transcript: Vec<String> = runs.iter().map(|run| run.transcript(dir.path())).collect();
    insta::with_settings!({
        snapshot_path => "../golden",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, transcript.join("\n────────\n\n"));
    });
}

fn walk<'a>(lang: &'a str, columns: u16, args: &'a [&'a str], answers: &'a str) -> Run<'a> {
    Run {
        lang,
        columns,
        args,
        answers: Some(answers),
        today: "2026-11-25",
    }
}

fn show<'a>(lang: &'a str, columns: u16, args: &'a [&'a str]) -> Run<'a> {
    Run {
        lang,
        columns,
        args,
        answers: None,
        today: "2026-11-25",
    }
}

const TELENOR: &[&str] = &[
    "deregister",
    "--operator",
    "telenor",
    "--out",
    "message.txt",
];

#[test]
fn a_letter_to_telenor_in_english_at_80_columns() {
    check(
        "walk-telenor-letter-en-80",
        &[walk("en", 80, TELENOR, LETTER)],
    );
}

#[test]
fn a_letter_to_telenor_in_chinese_at_40_columns() {
    check(
        "walk-telenor-letter-zh-40",
        &[walk("zh", 40, TELENOR, LETTER)],
    );
}

#[test]
fn a_prepaid_refund_by_phone_in_norwegian() {
    let answers = "intent = \"cancel\"\npayer = \"private\"\nplan = \"prepaid\"\nsim = \"esim\"\nchannel = \"phone\"\nphone = \"412 34 567\"\nname = \"Kari Nordmann\"\nbalance = \"refund\"\naccount = \"1234.56.78903\"\n";
    check(
        "walk-telenor-prepaid-refund-phone-nb-80",
        &[walk("nb", 80, TELENOR, answers)],
    );
}

#[test]
fn porting_the_number_in_english() {
    let answers = "intent = \"port\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"esim\"\n";
    check(
        "walk-telenor-port-en-80",
        &[walk("en", 80, TELENOR, answers)],
    );
}

#[test]
fn keeping_the_number_alive_with_ice_in_norwegian_at_40_columns() {
    let answers = "intent = \"keep\"\nplan = \"prepaid\"\nsim = \"physical\"\n";
    check(
        "walk-ice-keep-nb-40",
        &[walk(
            "nb",
            40,
            &["deregister", "--operator", "ice", "--out", "message.txt"],
            answers,
        )],
    );
}

#[test]
fn a_company_paid_subscription_in_chinese() {
    let answers = "intent = \"cancel\"\npayer = \"company\"\n";
    check(
        "walk-telia-company-zh-80",
        &[walk(
            "zh",
            80,
            &["deregister", "--operator", "telia", "--out", "message.txt"],
            answers,
        )],
    );
}

/// One walk for each kind of channel, each with an operator that offers it.
#[test]
fn every_kind_of_channel() {
    for (operator, channel, lang, columns) in [
        ("telenor", "phone", "en", 80),
        ("ice", "chat", "en", 40),
        ("telia", "web", "zh", 80),
        ("ice", "app", "nb", 80),
        ("telenor", "store", "zh", 40),
        ("plussmobil", "email", "en", 80),
        ("chilimobil", "letter", "nb", 40),
    ] {
        let answers = LETTER.replace("\"letter\"", &format!("\"{channel}\""));
        // The names nocard gives: an e-mail is an .eml file.
        let args = ["deregister", "--operator", operator];
        check(
            &format!("walk-{operator}-{channel}-{lang}-{columns}"),
            &[walk(lang, columns, &args, &answers)],
        );
    }
}

/// A folder whose case book (in `home`, readable by its owner alone) holds `book`.
fn with_book(book: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::fs::write(home.join("cases.toml"), book).unwrap();
    dir
}

/// A prepaid card cancelled in the chat with its balance asked for, followed up: the card and
/// the refund are asked for again, without the account, which the case book never keeps.
#[test]
fn the_follow_up_of_a_prepaid_card_whose_balance_was_asked_for() {
    let book = "version = 1\n\n[[case]]\nid = 1\noperator = \"telenor\"\nnumber = \"91234567\"\nintent = \"cancel\"\nplan = \"prepaid\"\nchannel = \"chat\"\nwritten = 2026-11-25\nsent = 2026-11-25\nname = \"Ola Nordmann\"\nrefund = true\nstate = \"sent\"\n";
    let on = |args| Run {
        today: "2026-12-03",
        ..show("en", 80, args)
    };
    check_in(
        &with_book(book),
        "ladder-prepaid-refund-en-80",
        &[on(&["status", "follow-up", "1"])],
    );
}

/// A case book of one request on each kind of channel that is not a letter or an e-mail: a
/// web form and an app (written), a store visit (not yet made), a call (made, and past its
/// follow-up date), as `status` lists them and as the follow-ups name their channel.
#[test]
fn the_status_of_a_web_form_an_app_a_store_visit_and_a_call() {
    let case = |id: u32, operator: &str, channel: &str, sent: bool| {
        let mut case = format!(
            "[[case]]\nid = {id}\noperator = \"{operator}\"\nnumber = \"9123450{id}\"\nintent = \"cancel\"\nplan = \"postpaid\"\nchannel = \"{channel}\"\nwritten = 2026-11-25\n"
        );
        if sent {
            case.push_str("sent = 2026-11-25\n");
        }
        let state = if sent { "sent" } else { "written" };
        let _ = write!(case, "name = \"Ola Nordmann\"\nstate = \"{state}\"\n\n");
        case
    };
    let book = format!(
        "version = 1\n\n{}{}{}{}",
        case(1, "telia", "web", true),
        case(2, "ice", "app", false),
        case(3, "telenor", "store", false),
        case(4, "lycamobile", "phone", true),
    );
    for (lang, columns) in [("en", 80), ("zh", 40)] {
        let dir = with_book(&book);
        let on = |args| Run {
            today: "2026-12-03",
            ..show(lang, columns, args)
        };
        check_in(
            &dir,
            &format!("status-channels-{lang}-{columns}"),
            &[
                on(&["status"]),
                on(&["status", "follow-up", "1"]),
                on(&["status", "follow-up", "4"]),
            ],
        );
    }
}

#[test]
fn a_sent_request_and_its_status_in_english_and_chinese() {
    let sent = format!("{LETTER}sent = true\nreference = \"AB-42\"\n");
    for (lang, columns) in [("en", 80), ("zh", 40)] {
        check(
            &format!("status-{lang}-{columns}"),
            &[
                walk(lang, columns, TELENOR, &sent),
                show(lang, columns, &["status"]),
                show(lang, columns, &["status", "--format", "json"]),
            ],
        );
    }
}

#[test]
fn an_operator_shown_whole_in_each_language() {
    for (lang, columns) in [("en", 80), ("nb", 40), ("zh", 80)] {
        check(
            &format!("operators-show-telenor-{lang}-{columns}"),
            &[show(lang, columns, &["operators", "show", "telenor"])],
        );
    }
}

#[test]
fn the_checklist_in_each_format() {
    check("checklist-en-80", &[show("en", 80, &["checklist"])]);
    check(
        "checklist-telenor-zh-40",
        &[show("zh", 40, &["checklist", "--operator", "telenor"])],
    );
    check(
        "checklist-ice-markdown-nb",
        &[show(
            "nb",
            80,
            &["checklist", "--operator", "ice", "--format", "markdown"],
        )],
    );
}

/// The services tied to the number, which `--services` prints instead of the precautions.
#[test]
fn the_services_tied_to_the_number_in_english_and_chinese() {
    check(
        "checklist-services-en-80",
        &[show("en", 80, &["checklist", "--services"])],
    );
    check(
        "checklist-services-zh-40",
        &[show("zh", 40, &["checklist", "--services"])],
    );
}

#[test]
fn the_list_of_operators() {
    check(
        "operators-list",
        &[
            show("en", 80, &["operators", "list"]),
            show("zh", 40, &["operators", "list"]),
        ],
    );
}

#[test]
fn a_missing_answer_without_a_terminal() {
    check(
        "walk-missing-answer-en-80",
        &[walk(
            "en",
            80,
            &["deregister", "--operator", "telenor", "--no-input"],
            "intent = \"cancel\"\n",
        )],
    );
}

/// A letter written, marked sent a day later, followed up when no confirmation came, and
/// taken to Brukerklagenemnda three weeks after that: each text the ladder writes, and the
/// calendar, in English and in Chinese.
#[test]
fn the_ladder_from_a_written_letter_to_brukerklagenemnda() {
    for (lang, columns) in [("en", 80), ("zh", 40)] {
        let on = |today, args| Run {
            today,
            ..show(lang, columns, args)
        };
        check(
            &format!("ladder-{lang}-{columns}"),
            &[
                walk(lang, columns, TELENOR, LETTER),
                on("2026-11-27", &["status", "sent", "1", "--on", "2026-11-26"]),
                on("2026-12-04", &["status"]),
                on("2026-12-04", &["status", "follow-up", "1"]),
                on("2026-12-25", &["status", "complain", "1"]),
                on("2026-12-25", &["status"]),
                on("2026-12-25", &["status", "--format", "ics"]),
            ],
        );
    }
}

/// Someone acting for a deceased owner's estate, someone with the owner's authorisation, and
/// someone leaving Norway with services that send codes to the number: the messages they
/// write and the advice they get, in English and Chinese.
#[test]
fn for_an_estate_with_an_authorisation_and_leaving_norway_with_services() {
    let estate = LETTER.replace(
        "name = \"Ola Nordmann\"\n",
        "acting = \"estate\"\nowner = \"Kari Nordmann\"\nname = \"Per Nordmann\"\n",
    );
    let proxy = LETTER.replace("\"letter\"", "\"chat\"").replace(
        "name = \"Ola Nordmann\"\n",
        "acting = \"proxy\"\nowner = \"Kari Nordmann\"\nname = \"Ola Nordmann\"\n",
    );
    let leaving = format!(
        "{LETTER}leaving = true\nuses = [\"bankid\", \"vipps\", \"minid\", \"wechat\", \"whatsapp\"]\n"
    );
    for (lang, columns) in [("en", 80), ("zh", 40)] {
        check(
            &format!("walk-telenor-estate-letter-{lang}-{columns}"),
            &[walk(lang, columns, TELENOR, &estate)],
        );
        check(
            &format!("walk-telenor-proxy-chat-{lang}-{columns}"),
            &[walk(lang, columns, TELENOR, &proxy)],
        );
        check(
            &format!("walk-telenor-leaving-{lang}-{columns}"),
            &[walk(lang, columns, TELENOR, &leaving)],
        );
    }
    // Spoken, not written: what to have ready, and the lines for a visit and a call.
    check(
        "walk-telenor-estate-store-zh-40",
        &[walk(
            "zh",
            40,
            TELENOR,
            &estate.replace("\"letter\"", "\"store\""),
        )],
    );
    check(
        "walk-telenor-proxy-phone-nb-80",
        &[walk(
            "nb",
            80,
            TELENOR,
            &proxy.replace("\"chat\"", "\"phone\""),
        )],
    );
}
