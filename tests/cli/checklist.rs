use serde_json::Value;

use crate::helpers::{fixtures, nocard, stderr_of, stdout_of};

fn checklist_json(args: &[&str]) -> Vec<Value> {
    let out = stdout_of(
        nocard()
            .arg("checklist")
            .args(args)
            .args(["--format", "json"]),
    );
    serde_json::from_str::<Vec<Value>>(&out).expect("the checklist is a JSON array")
}

#[test]
fn the_common_checklist_covers_every_precaution_people_get_wrong() {
    let items = checklist_json(&[]);
    let ids: Vec<&str> = items
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    for id in [
        "move-logins",
        "consider-porting",
        "backup-sim",
        "binding-and-instalments",
        "final-invoice",
        "prepaid-balance",
        "deleting-is-not-cancelling",
        "one-channel",
        "written-confirmation",
        "sim-last",
    ] {
        assert!(ids.contains(&id), "the checklist lacks `{id}`: {ids:?}");
    }
    for item in &items {
        for key in ["id", "title", "detail", "applies_to"] {
            assert!(item.get(key).is_some(), "an item lacks `{key}`: {item}");
        }
        assert!(item["operator"].is_null());
    }
    let logins = items
        .iter()
        .find(|item| item["id"] == "move-logins")
        .unwrap();
    let detail = logins["detail"].as_str().unwrap();
    for word in ["MinID", "BankID", "Vipps", "bank"] {
        assert!(detail.contains(word), "move-logins does not mention {word}");
    }
    let prepaid = items
        .iter()
        .find(|item| item["id"] == "prepaid-balance")
        .unwrap();
    assert_eq!(
        prepaid["applies_to"]["plan"],
        serde_json::json!(["prepaid"])
    );
}

#[test]
fn operator_precautions_come_after_the_common_ones() {
    let items = checklist_json(&["--operator", "telenor"]);
    let first_telenor = items
        .iter()
        .position(|item| item["operator"] == "telenor")
        .expect("Telenor has precautions of its own");
    assert!(first_telenor > 0);
    assert!(
        items[first_telenor..]
            .iter()
            .all(|item| item["operator"] == "telenor")
    );
    let not_123 = items.iter().find(|item| item["id"] == "not-123").unwrap();
    assert!(not_123["detail"].as_str().unwrap().contains("915 09 000"));
}

#[test]
fn sources_are_linked_only_when_they_are_an_operator_or_an_authority() {
    for item in checklist_json(&["--operator", "telenor"]) {
        for source in item["sources"].as_array().unwrap() {
            let kind = source["kind"].as_str().unwrap();
            let linkable = kind == "official" || kind == "authority";
            assert_eq!(source["url"].is_string(), linkable, "{source}");
        }
    }
}

#[test]
fn markdown_is_a_task_list_with_a_heading() {
    let out =
        stdout_of(nocard().args(["checklist", "--operator", "telenor", "--format", "markdown"]));
    assert!(out.starts_with("# Checklist"), "{out}");
    assert!(out.contains("\n## All operators\n"));
    assert!(out.contains("\n## Telenor only\n"));
    let tasks = out
        .lines()
        .filter(|line| line.starts_with("- [ ] **"))
        .count();
    assert_eq!(tasks, checklist_json(&["--operator", "telenor"]).len());
    assert!(out.contains("](https://www.norge.no/en/update-your-contact-information)"));
}

#[test]
fn text_is_plain_when_piped_and_wrapped_when_asked() {
    let out = stdout_of(nocard().arg("checklist"));
    assert!(!out.contains('\u{1b}'), "no escape codes in a pipe");
    assert!(out.contains("Move every login that sends codes to this number"));
    assert!(
        out.lines().any(|line| line.chars().count() > 100),
        "unwrapped when piped"
    );

    let narrow = stdout_of(nocard().arg("checklist").env("COLUMNS", "40"));
    let longest = narrow
        .lines()
        .map(|line| line.chars().count())
        .max()
        .unwrap();
    // A URL longer than the line cannot be broken; everything else fits.
    for line in narrow.lines().filter(|line| !line.contains("https://")) {
        assert!(
            line.chars().count() <= 40,
            "too wide at 40 columns: {line:?}"
        );
    }
    assert!(longest > 20);
}

#[test]
fn unconfirmed_facts_send_the_user_to_the_operator() {
    let out = stdout_of(nocard().args(["checklist", "--operator", "telia"]));
    assert!(
        out.contains("Not confirmed: check on https://www.telia.no/"),
        "{out}"
    );
}

#[test]
fn an_unknown_operator_is_named_with_the_known_ones() {
    // Near none of them: the whole list.
    let err = stderr_of(nocard().args(["checklist", "--operator", "vodafone"]), 2);
    assert!(
        err.starts_with("error: unknown operator `vodafone`\n"),
        "{err}"
    );
    assert!(
        err.contains("hint: known operators: chilimobil, ice, lycamobile, mycall, onecall, plussmobil, talkmore, telenor, telia;"),
        "{err}"
    );
}

#[test]
fn a_slip_in_an_operator_suggests_the_one_meant_alone() {
    for (typed, meant) in [
        ("telnor", "telenor"),
        ("telenr", "telenor"),
        ("Telnor", "telenor"),
        ("talkmor", "talkmore"),
        // A brand names its operator's id.
        ("Nicemobill", "ice"),
    ] {
        let err = stderr_of(nocard().args(["checklist", "--operator", typed]), 2);
        assert_eq!(
            err,
            format!(
                "error: unknown operator `{typed}`\nhint: did you mean `{meant}`? `nocard operators list` shows every operator\n"
            )
        );
    }
    let zh = stderr_of(
        nocard().args(["checklist", "--operator", "telnor", "--lang", "zh"]),
        2,
    );
    assert_eq!(
        zh,
        "错误：未知的运营商 `telnor`\n提示：您是不是想输入 `telenor`？运行 `nocard operators list` 可查看全部运营商\n"
    );
}

#[test]
fn an_id_that_is_not_an_id_is_refused_before_any_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let ops = dir.path().join("ops");
    std::fs::create_dir(&ops).unwrap();
    std::fs::copy(
        fixtures("override").join("acme.toml"),
        dir.path().join("secret.toml"),
    )
    .unwrap();
    for id in ["../secret", "tele/nor", "telenor.toml", ""] {
        let err = stderr_of(
            nocard()
                .args(["checklist", "--operator", id])
                .arg("--operators-dir")
                .arg(&ops),
            2,
        );
        assert!(err.contains("is not an operator id"), "{id:?}: {err}");
        assert!(!err.contains("Acme"), "{err}");
    }
}

#[test]
fn a_broken_operator_file_is_named_with_line_and_column() {
    let err = stderr_of(
        nocard()
            .args(["checklist", "--operator", "telenor", "--operators-dir"])
            .arg(fixtures("broken")),
        1,
    );
    let first = err.lines().next().unwrap();
    assert!(first.starts_with("error: "), "{err}");
    assert!(
        first.contains("broken/telenor.toml:11:9: unknown phase `preperation`"),
        "{err}"
    );
    assert!(
        err.lines().nth(1).unwrap().starts_with("hint: fix "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_nocard"))
        .args(["checklist", "--operator", "telenor"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 8];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here, like `| head -c 8`.
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

fn services_json(args: &[&str]) -> Vec<Value> {
    let out = stdout_of(
        nocard()
            .args(["checklist", "--services", "--format", "json"])
            .args(args),
    );
    serde_json::from_str::<Vec<Value>>(&out).expect("the services are a JSON array")
}

#[test]
fn the_services_list_each_service_by_the_id_answers_files_use() {
    let items = services_json(&[]);
    let ids: Vec<&str> = items
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    for id in [
        "bankid",
        "bank-sms",
        "vipps",
        "minid",
        "id-porten",
        "helsenorge",
        "google",
        "apple",
        "microsoft",
        "whatsapp",
        "wechat",
        "telegram",
        "signal",
    ] {
        assert!(ids.contains(&id), "the services lack `{id}`: {ids:?}");
    }
    for item in &items {
        for key in ["title", "detail", "applies_to", "confirmed", "sources"] {
            assert!(item.get(key).is_some(), "a service lacks `{key}`: {item}");
        }
        let sources = item["sources"].as_array().unwrap();
        assert!(!sources.is_empty(), "{item}");
        // Confirmed only where a public authority says so, and linked only to authorities.
        let authority = sources.iter().any(|source| source["kind"] == "authority");
        assert!(!item["confirmed"].as_bool().unwrap() || authority, "{item}");
        for source in sources {
            assert_eq!(
                source["url"].is_string(),
                source["kind"] == "authority",
                "{source}"
            );
        }
    }
    let minid = items.iter().find(|item| item["id"] == "minid").unwrap();
    assert_eq!(minid["confirmed"], true);
    let google = items.iter().find(|item| item["id"] == "google").unwrap();
    assert_eq!(google["confirmed"], false);
    // Every text in every language: Chinese is not the English fallback.
    let zh = services_json(&["--lang", "zh"]);
    for (en, zh) in items.iter().zip(&zh) {
        assert_ne!(en["detail"], zh["detail"], "{}", en["id"]);
    }
}

#[test]
fn the_services_come_from_the_folder_where_it_has_them_and_not_with_an_operator() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("operators/services.toml"),
    )
    .unwrap();
    let local = shipped.replace(
        "title.en = \"Signal: change the number while the account is still active\"",
        "title.en = \"Signal, as the local copy says\"",
    );
    assert_ne!(local, shipped);
    std::fs::write(dir.path().join("services.toml"), local).unwrap();
    let out = stdout_of(
        nocard()
            .args(["checklist", "--services", "--operators-dir"])
            .arg(dir.path()),
    );
    assert!(out.contains("Signal, as the local copy says"), "{out}");
    let err = stderr_of(
        nocard().args(["checklist", "--services", "--operator", "telenor"]),
        2,
    );
    assert!(err.contains("cannot be used with"), "{err}");
}
