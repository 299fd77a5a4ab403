use serde_json::Value;

use crate::helpers::{fixtures, nocard, stderr_of, stdout_of};

#[test]
fn the_list_has_one_operator_per_line_when_piped() {
    let out = stdout_of(nocard().args(["operators", "list"]));
    let lines: Vec<Vec<&str>> = out.lines().map(|line| line.split('\t').collect()).collect();
    let ids: Vec<&str> = lines.iter().map(|fields| fields[0]).collect();
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
    assert!(
        lines
            .iter()
            .all(|fields| fields.len() == 4 && fields[2] == "2026-11-25"),
        "{out}"
    );
    assert!(
        out.contains("talkmore\tTalkmore\t2026-11-25\tTelenor\n"),
        "the network, where known"
    );
    assert!(
        out.contains("onecall\tOneCall\t2026-11-25\tTelia (not confirmed)\n"),
        "{out}"
    );
}

#[test]
fn an_operator_is_found_by_its_name_or_brand_in_any_case() {
    for (name, id) in [
        ("Talkmore", "talkmore"),
        ("TELENOR", "telenor"),
        ("nicemobil", "ice"),
        ("OneCall", "onecall"),
    ] {
        let out = stdout_of(nocard().args(["operators", "show", name]));
        let expected = stdout_of(nocard().args(["operators", "show", id]));
        assert_eq!(out, expected, "{name}");
    }
    let err = stderr_of(nocard().args(["operators", "show", "Tele 2"]), 2);
    assert!(err.contains("unknown operator `Tele 2`"), "{err}");
}

#[test]
fn the_list_as_json() {
    let out = stdout_of(nocard().args(["operators", "list", "--format", "json"]));
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    let telenor = list.iter().find(|op| op["id"] == "telenor").unwrap();
    assert_eq!(telenor["legal_name"], "Telenor Norge AS");
    assert_eq!(telenor["checked"], "2026-11-25");
}

#[test]
fn show_gives_the_procedure_phase_by_phase_with_channels_and_sources() {
    let out = stdout_of(nocard().args(["operators", "show", "telenor"]));
    let headings = [
        "Channels",
        "1/5 Preparation",
        "2/5 Contact",
        "3/5 Required information",
        "4/5 Balance handling",
        "5/5 Confirmation",
        "Sources",
    ];
    let positions: Vec<usize> = headings
        .iter()
        .map(|heading| {
            out.find(&format!("\n{heading}\n"))
                .unwrap_or_else(|| panic!("no {heading}: {out}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|pair| pair[0] < pair[1]),
        "headings out of order"
    );
    assert!(out.contains("915 09 000 (from abroad +47 915 09 000)"));
    assert!(out.contains("https://www.telenor.no/privat/vilkar/telenor-kontant.jsp"));
    assert!(out.contains("(last reviewed 2026-06-05; third-party, may be wrong)"));
    assert!(
        !out.contains("cancelatlas.com/"),
        "third-party pages are not linked"
    );
    assert!(
        out.contains("\n  channel  phone, chat, app, store, letter\n"),
        "the answers keys, with Telenor's channels"
    );
    assert!(out.contains("\n  intent   cancel, port, keep\n"));
}

#[test]
fn an_unconfirmed_number_says_where_to_check_it() {
    let out = stdout_of(nocard().args(["operators", "show", "telia"]));
    let phone = out
        .lines()
        .position(|line| line.contains("924 05 050"))
        .expect("Telia's number");
    let after: Vec<&str> = out.lines().skip(phone).take(6).collect();
    assert!(
        after
            .iter()
            .any(|line| line.contains("Not confirmed: check on https://www.telia.no/")),
        "{after:?}"
    );
}

#[test]
fn a_folder_adds_operators_and_overrides_built_in_ones() {
    let dir = fixtures("override");
    let out = stdout_of(
        nocard()
            .args(["operators", "list"])
            .env("NOCARD_OPERATORS_DIR", &dir),
    );
    let ids: Vec<&str> = out
        .lines()
        .map(|line| line.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids[..2], ["acme", "chilimobil"]);
    assert_eq!(ids.len(), 10);
    assert!(out.contains("telenor\tTelenor (local copy)\t2026-11-01\t\n"));

    let checklist = stdout_of(
        nocard()
            .args(["checklist", "--operator", "telenor", "--operators-dir"])
            .arg(&dir),
    );
    assert!(checklist.contains("A precaution only the local copy has"));
    assert!(!checklist.contains("not 123"));
}

#[test]
fn a_missing_folder_is_an_error() {
    let err = stderr_of(
        nocard().args([
            "operators",
            "show",
            "telenor",
            "--operators-dir",
            "/nonexistent/nocard",
        ]),
        1,
    );
    assert!(
        err.starts_with("error: the operators folder /nonexistent/nocard does not exist\n"),
        "{err}"
    );
    assert!(err.contains("hint: check --operators-dir or NOCARD_OPERATORS_DIR"));
}

#[test]
fn usage_errors_exit_2() {
    stderr_of(nocard().args(["checklist", "--format", "pdf"]), 2);
    stderr_of(nocard().args(["operators", "show"]), 2);
    let err = stderr_of(nocard().args(["operators", "show", "fjordkraft"]), 2);
    assert!(err.contains("unknown operator `fjordkraft`"));
}

#[test]
fn facts_checked_over_a_year_ago_carry_a_visible_notice() {
    let notice = "Note: these facts about Acme Mobil were checked on 1 October 2025, more than a year ago. Confirm them on https://www.acme.no/ before you act.";
    let rules = fixtures("rules");
    let show = stdout_of(
        nocard()
            .args(["operators", "show", "stale", "--operators-dir"])
            .arg(&rules),
    );
    assert!(show.contains(notice), "{show}");
    let checklist = stdout_of(
        nocard()
            .args(["checklist", "--operator", "stale", "--operators-dir"])
            .arg(&rules),
    );
    assert!(checklist.contains(notice), "{checklist}");

    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    std::fs::write(
        &answers,
        "intent = \"port\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"esim\"\n",
    )
    .unwrap();
    let walk = stdout_of(
        nocard()
            .args(["deregister", "--operator", "stale", "--answers"])
            .arg(&answers)
            .arg("--operators-dir")
            .arg(&rules),
    );
    assert!(
        walk.starts_with("Acme Mobil's procedure was checked on 1 October 2025 against 2 sources"),
        "{walk}"
    );
    assert!(walk.contains(notice), "{walk}");

    let fresh = stdout_of(nocard().args(["operators", "show", "telenor"]));
    assert!(!fresh.contains("more than a year ago"));
}
