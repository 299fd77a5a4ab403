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
    // Each line gives the date the facts were last compared with their sources: a date, not
    // in the future, and what the file says (the rule NC013 holds every shipped file to).
    let today = jiff::ZonedDateTime::now().date();
    for fields in &lines {
        assert_eq!(fields.len(), 4, "{out}");
        let compared: jiff::civil::Date = fields[2].parse().unwrap_or_else(|_| panic!("{out}"));
        assert!(compared <= today, "{out}");
        let file = std::fs::read_to_string(format!(
            "{}/operators/{}.toml",
            env!("CARGO_MANIFEST_DIR"),
            fields[0]
        ))
        .unwrap();
        assert!(
            file.contains(&format!("\nchecked = {compared}\n")),
            "{}: {out}",
            fields[0]
        );
    }
    let network = |id: &str| {
        lines
            .iter()
            .find(|fields| fields[0] == id)
            .map(|fields| fields[3])
    };
    assert_eq!(
        network("talkmore"),
        Some("Telenor"),
        "the network, where known"
    );
    assert_eq!(network("onecall"), Some("Telia (not confirmed)"), "{out}");
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
    let list_text = stdout_of(nocard().args(["operators", "list"]));
    let compared = list_text
        .lines()
        .find_map(|line| line.strip_prefix("telenor\tTelenor\t"))
        .and_then(|rest| rest.split('\t').next())
        .unwrap();
    assert_eq!(telenor["checked"], compared, "JSON and text give one date");
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
    assert!(out.contains("(last reviewed 5 June 2026; third-party, may be wrong)"));
    assert!(
        out.contains("(valid from 20 February 2024)"),
        "each source with the date it shows"
    );
    assert!(out.contains("(undated)"));
    assert!(
        !out.contains("cancelatlas.com/"),
        "third-party pages are not linked"
    );
    assert!(
        out.lines().any(|line| line.starts_with("  channel ")
            && line.ends_with("  phone, chat, app, store, letter")),
        "the answers keys, with Telenor's channels"
    );
    assert!(
        out.lines()
            .any(|line| line.starts_with("  intent ") && line.ends_with("  cancel, port, keep"))
    );
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
    // The stale fixture was compared with its sources in October 2025, and one of its four
    // confirmed facts rests on an undated page: the notice says both.
    let notice = "Note: These facts about Acme Mobil were last compared with their sources on 1 October 2025, more than a year ago. Confirmed facts about Acme Mobil that rest only on pages undated or more than 3 years old: 1 of 4. Each source is given with its date. Confirm them on https://www.acme.no/ before you act.";
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
        walk.starts_with(
            "Acme Mobil's procedure was last compared with its 3 sources on 1 October 2025"
        ),
        "{walk}"
    );
    assert!(walk.contains(notice), "{walk}");

    let fresh = stdout_of(nocard().args(["operators", "show", "telenor"]));
    assert!(!fresh.contains("more than a year ago"));
}

#[test]
fn the_services_file_is_not_an_operator_in_the_list_or_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("operators");
    for name in ["services.toml", "common.toml"] {
        std::fs::copy(shipped.join(name), dir.path().join(name)).unwrap();
    }
    let out = stdout_of(
        nocard()
            .args(["operators", "list", "--format", "json"])
            .arg("--operators-dir")
            .arg(dir.path()),
    );
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(list.len(), 9, "{out}");
    assert!(list.iter().all(|operator| operator["id"] != "services"));
    let err = stderr_of(
        nocard()
            .args(["operators", "show", "services", "--operators-dir"])
            .arg(dir.path()),
        2,
    );
    assert!(err.contains("services"), "{err}");
}
