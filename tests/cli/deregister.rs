use std::path::Path;
use std::time::Duration;

use crate::helpers::{nocard, nocard_at, stderr_of, stdout_of};

const COMMON_CASE: &str = r#"
intent = "cancel"
payer = "private"
plan = "postpaid"
sim = "physical"
channel = "letter"
phone = "+47 912 34 567"
name = "Ola Nordmann"
address = "Storgata 1, 0150 Oslo"
"#;

fn answers(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("answers.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

#[test]
fn an_answers_file_walks_telenor_to_a_letter() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers(dir.path(), COMMON_CASE);
    let out = stdout_of(
        nocard()
            .current_dir(dir.path())
            .args(["deregister", "--operator", "telenor", "--answers"])
            .arg(&file),
    );
    let written = dir
        .path()
        .join(format!("nocard-telenor-{}-567.txt", today()));
    let message =
        std::fs::read_to_string(&written).expect("a dated message file in the current folder");
    assert!(message.contains("\nTelenor Norge AS\nSnarøyveien 30\n1360 Fornebu\n"));
    assert!(message.starts_with("Ola Nordmann\nStorgata 1\n0150 Oslo\n"));
    assert!(
        message.contains(
            "Jeg sier med dette opp mobilabonnementet mitt med mobilnummer +47 912 34 567"
        ) || message.contains(
            "Jeg sier med dette opp mobilabonnementet mitt med mobilnummer\n+47 912 34 567"
        )
    );
    assert!(
        !message.contains("I hereby cancel"),
        "no English in what is posted"
    );
    let translation = dir
        .path()
        .join(format!("nocard-telenor-{}-567-en.txt", today()));
    let translation = std::fs::read_to_string(translation).expect("the translation beside it");
    assert!(translation.contains("I hereby cancel my mobile subscription"));
    assert!(out.contains(&format!("Saved to nocard-telenor-{}-567.txt", today())));
    assert!(out.contains("Post it once, as a registered letter (rekommandert)"));
    assert!(
        !out.contains("fødselsnummer:"),
        "no identity number is asked for"
    );
}

#[test]
fn a_twelve_digit_number_of_the_58_series_walks_through_to_the_message() {
    // A twin SIM, a tablet or a smartwatch has a 12-digit number (Nkom's 58 series).
    let dir = tempfile::tempdir().unwrap();
    let file = answers(
        dir.path(),
        &format!(
            "{}sent = true\n",
            COMMON_CASE.replace("+47 912 34 567", "5800 1234 5678")
        ),
    );
    let out_path = dir.path().join("message.txt");
    let home = dir.path().join("home");
    stdout_of(
        nocard_at(&home)
            .args(["deregister", "--operator", "telenor", "--answers"])
            .arg(&file)
            .arg("--out")
            .arg(&out_path),
    );
    let message = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        message.contains("mobilnummer +47 58 00 12 34 56 78"),
        "written in pairs, as Nkom writes the series: {message}"
    );
    // The case book keeps it, and shows no more than its last three digits.
    let status = stdout_of(nocard_at(&home).args(["status"]));
    assert!(status.contains("+47 ** ** ** ** *6 78"), "{status}");

    let wrong = answers(
        dir.path(),
        &COMMON_CASE.replace("+47 912 34 567", "5900 1234 5678"),
    );
    let err = stderr_of(
        nocard()
            .args(["deregister", "--operator", "telenor", "--answers"])
            .arg(&wrong)
            .arg("--out")
            .arg(dir.path().join("other.txt")),
        1,
    );
    assert!(err.contains("starts with 58"), "{err}");
}

#[test]
fn every_operator_walks_to_a_message_on_each_of_its_channels() {
    let dir = tempfile::tempdir().unwrap();
    for (operator, channels) in [
        ("telenor", &["phone", "chat", "app", "store", "letter"][..]),
        ("telia", &["phone", "web"][..]),
        ("ice", &["phone", "chat", "web", "app", "store"][..]),
    ] {
        for channel in channels {
            let text =
                COMMON_CASE.replace("channel = \"letter\"", &format!("channel = \"{channel}\""));
            let file = answers(dir.path(), &text);
            let out_path = dir.path().join(format!("{operator}-{channel}.txt"));
            stdout_of(
                nocard()
                    .args(["deregister", "--operator", operator, "--answers"])
                    .arg(&file)
                    .arg("--out")
                    .arg(&out_path),
            );
            let message = std::fs::read_to_string(&out_path).unwrap();
            assert!(
                message.contains("+47 912 34 567") || message.contains("912 34 567"),
                "{operator} {channel}"
            );
            assert!(message.contains("Ola Nordmann"), "{operator} {channel}");
        }
    }
}

#[test]
fn a_prepaid_refund_goes_into_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let text = COMMON_CASE
        .replace("postpaid", "prepaid")
        .replace("channel = \"letter\"", "channel = \"chat\"")
        + "balance = \"refund\"\naccount = \"NO93 8601 1117 947\"\n";
    let file = answers(dir.path(), &text);
    let out_path = dir.path().join("msg.txt");
    stdout_of(
        nocard()
            .args(["deregister", "--operator", "telenor", "--answers"])
            .arg(&file)
            .arg("--out")
            .arg(&out_path),
    );
    let message = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        message.contains("Hei! Jeg vil si opp kontantkortet mitt med mobilnummer +47 912 34 567.")
    );
    assert!(message.contains("gjenværende saldo utbetales til konto NO93 8601 1117 947"));
}

#[test]
fn an_existing_message_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers(dir.path(), &COMMON_CASE.replace("letter", "phone"));
    let out_path = dir.path().join("msg.txt");
    std::fs::write(&out_path, "an earlier message").unwrap();
    let err = stderr_of(
        nocard()
            .args(["deregister", "--operator", "ice", "--answers"])
            .arg(&file)
            .arg("--out")
            .arg(&out_path),
        1,
    );
    assert!(
        err.contains("msg.txt already exists; the message was not written"),
        "{err}"
    );
    assert!(err.contains("hint: give another file with --out PATH, or --force to overwrite"));
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap(),
        "an earlier message"
    );

    stdout_of(
        nocard()
            .args(["deregister", "--operator", "ice", "--force", "--answers"])
            .arg(&file)
            .arg("--out")
            .arg(&out_path),
    );
    assert!(
        std::fs::read_to_string(&out_path)
            .unwrap()
            .contains("Ola Nordmann")
    );
}

#[test]
fn without_a_terminal_or_answers_it_stops_at_once_naming_answers() {
    let err = stderr_of(
        nocard()
            .args(["deregister", "--operator", "telenor"])
            .timeout(Duration::from_secs(10))
            .write_stdin("cancel\n"),
        1,
    );
    assert!(
        err.starts_with("error: nocard deregister needs a terminal to ask its questions\n"),
        "{err}"
    );
    assert!(err.contains("--answers FILE"));
}

#[test]
fn a_bad_answer_names_the_key_the_place_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    for (right, wrong, expected) in [
        (
            "phone = \"+47 912 34 567\"",
            "phone = \"+47 212 34 567\"",
            ":7:9: `phone`: an 8-digit Norwegian mobile number starts with 4 or 9",
        ),
        (
            "phone = \"+47 912 34 567\"",
            "phone = 91234567",
            ":7:9: invalid type: integer `91234567`, expected a string",
        ),
        (
            "phone = \"+47 912 34 567\"",
            "phoen = \"912 34 567\"",
            ":7:1: unknown key `phoen`; did you mean `phone`?",
        ),
        (
            "channel = \"letter\"",
            "channel = \"fax\"",
            ":6:11: `channel`: `fax` is not a channel Telenor offers; expected one of: phone, chat, app, store, letter",
        ),
    ] {
        let file = answers(dir.path(), &COMMON_CASE.replace(right, wrong));
        let out_path = dir.path().join("m.txt");
        let err = stderr_of(
            nocard()
                .args(["deregister", "--operator", "telenor", "--answers"])
                .arg(&file)
                .arg("--out")
                .arg(&out_path),
            1,
        );
        let first = err.lines().next().unwrap();
        assert!(
            first.starts_with("error: ") && first.contains(&format!("answers.toml{expected}")),
            "{wrong}: {err}"
        );
        // The hint says what a known key takes; for an unknown one, which keys there are.
        let key = wrong.split(' ').next().unwrap();
        let hint = if expected.contains("unknown key") {
            "hint: the keys are: intent, payer".to_owned()
        } else {
            format!("hint: `{key}` takes ")
        };
        assert!(err.lines().nth(1).unwrap().starts_with(&hint), "{err}");
        assert!(!out_path.exists());
    }
}

#[test]
fn a_missing_answer_without_a_terminal_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers(dir.path(), "intent = \"cancel\"\npayer = \"private\"\n");
    let err = stderr_of(
        nocard()
            .args(["deregister", "--operator", "ice", "--answers"])
            .arg(&file),
        1,
    );
    // Every missing key is named at once, before anything is shown.
    assert!(
        err.contains(
            "error: there is no terminal to ask at, and the answers lack: plan, sim, channel, phone, name"
        ),
        "{err}"
    );
    assert!(
        err.contains("hint: add them to the answers file, for example: plan = \"postpaid\""),
        "{err}"
    );
    let with_no_input = stderr_of(
        nocard()
            .args(["deregister", "--operator", "ice", "--no-input", "--answers"])
            .arg(&file),
        1,
    );
    assert!(
        with_no_input.contains("error: --no-input asks nothing, and the answers lack: plan"),
        "{with_no_input}"
    );
}

#[test]
fn porting_writes_no_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers(
        dir.path(),
        "intent = \"port\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"esim\"\n",
    );
    let out = stdout_of(
        nocard()
            .current_dir(dir.path())
            .args(["deregister", "--operator", "telia", "--answers"])
            .arg(&file),
    );
    assert!(
        out.contains("Order from the new operator; tell Telia nothing"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the answers file"
    );
}

#[test]
fn an_unknown_operator_is_a_usage_error() {
    let err = stderr_of(
        nocard().args(["deregister", "--operator", "tele2", "--no-input"]),
        2,
    );
    assert!(err.contains("unknown operator `tele2`"), "{err}");
}

#[test]
fn the_help_names_the_file_a_walk_writes_and_whose_name_goes_in_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers(dir.path(), COMMON_CASE);
    stdout_of(
        nocard()
            .current_dir(dir.path())
            .env("NOCARD_TODAY", "2026-11-25")
            .args(["deregister", "--operator", "telenor", "--answers"])
            .arg(&file),
    );
    assert!(
        dir.path()
            .join("nocard-telenor-2026-11-25-567.txt")
            .exists()
    );

    // Compared without the spaces and breaks that wrapping puts in (in Chinese, adds).
    let bare = |text: &str| text.split_whitespace().collect::<String>();
    let help = |lang: &str| {
        bare(&stdout_of(nocard().args([
            "--lang",
            lang,
            "deregister",
            "--help",
        ])))
    };
    for (lang, out, name) in [
        (
            "en",
            "[default: nocard-<operator>-<date>-<last three digits of the number>.txt in this folder; .eml for an e-mail]",
            "name the subscription owner's name; where you act for someone else (acting = estate or proxy), your own name",
        ),
        (
            "nb",
            "[standard: nocard-<operatør>-<dato>-<nummerets tre siste sifre>.txt i denne mappen; .eml for en e-post]",
            "name navnet til abonnementseieren; når du handler for en annen (acting = estate eller proxy), ditt eget navn",
        ),
        (
            "zh",
            "nocard-<运营商>-<日期>-<号码末三位>.txt；电子邮件为 .eml",
            "name 机主（abonnementseier）的姓名；代他人办理时（acting = estate 或 proxy），填写您本人的姓名",
        ),
    ] {
        let text = help(lang);
        assert!(text.contains(&bare(out)), "{lang}: {text}");
        assert!(text.contains(&bare(name)), "{lang}: {text}");
    }
}

#[test]
fn an_end_today_is_said_as_today_and_leaves_no_time_abroad_to_plan_for() {
    // PlussMobil ends a subscription at the end of the month it is told in.
    let dir = tempfile::tempdir().unwrap();
    let file = answers(
        dir.path(),
        &COMMON_CASE
            .replace("\"letter\"", "\"phone\"")
            .replace("address = \"Storgata 1, 0150 Oslo\"\n", "leaving = true\n"),
    );
    let walk = |today: &str| {
        stdout_of(
            nocard()
                .current_dir(dir.path())
                .env("NOCARD_TODAY", today)
                .args([
                    "deregister",
                    "--operator",
                    "plussmobil",
                    "--force",
                    "--answers",
                ])
                .arg(&file),
        )
    };
    let text = walk("2026-11-30");
    assert!(
        text.contains("If PlussMobil receives your request today, the subscription ends today."),
        "{text}"
    );
    assert!(!text.contains("on today"), "{text}");
    assert!(!text.contains("before today"), "{text}");
    let text = walk("2026-11-29");
    assert!(
        text.contains("the subscription ends on 30 November 2026"),
        "{text}"
    );
    assert!(
        text.contains("If you leave Norway before 30 November 2026"),
        "{text}"
    );
}
