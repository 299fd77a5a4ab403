use crate::helpers::{fixtures, nocard, stderr_of, stdout_of};

const COMMON_CASE: &str = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"letter\"\nphone = \"912 34 567\"\nname = \"Ola Nordmann\"\naddress = \"Storgata 1, 0150 Oslo\"\n";

#[test]
fn the_checklist_speaks_each_language() {
    for (lang, heading, item) in [
        (
            "en",
            "All operators",
            "Move every login that sends codes to this number",
        ),
        ("nb", "Alle operatører", "MinID"),
        ("zh", "所有运营商", "验证码"),
    ] {
        let out = stdout_of(nocard().args(["checklist", "--operator", "telenor", "--lang", lang]));
        assert!(out.contains(heading), "{lang}: {out}");
        assert!(out.contains(item), "{lang}: no {item:?} in {out}");
    }
}

#[test]
fn the_language_comes_from_the_environment_when_no_flag_is_given() {
    let zh = stdout_of(nocard().arg("checklist").env("LANG", "zh_CN.UTF-8"));
    assert!(zh.starts_with("挪威手机号解约清单"), "{zh}");
    let nb = stdout_of(
        nocard()
            .arg("checklist")
            .env("LANG", "zh_CN.UTF-8")
            .env("NOCARD_LANG", "nb"),
    );
    assert!(nb.starts_with("Sjekkliste"), "{nb}");
    let flag = stdout_of(
        nocard()
            .args(["checklist", "--lang", "en"])
            .env("NOCARD_LANG", "nb"),
    );
    assert!(flag.starts_with("Checklist"), "{flag}");
}

#[test]
fn lc_all_decides_over_lang_as_posix_has_it() {
    let c = stdout_of(
        nocard()
            .arg("checklist")
            .env("LC_ALL", "C")
            .env("LANG", "zh_CN.UTF-8"),
    );
    assert!(c.starts_with("Checklist"), "{c}");
    let nb = stdout_of(
        nocard()
            .arg("checklist")
            .env("LC_ALL", "nb_NO.UTF-8")
            .env("LANG", "zh_CN.UTF-8"),
    );
    assert!(nb.starts_with("Sjekkliste"), "{nb}");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let err = stderr_of(nocard().args(["checklist", "--lang", "de"]), 2);
    assert!(err.contains("invalid value 'de'"), "{err}");
}

#[test]
fn errors_and_hints_speak_the_language() {
    let err = stderr_of(
        nocard().args(["checklist", "--operator", "tele", "--lang", "nb"]),
        2,
    );
    assert_eq!(
        err,
        "feil: ukjent operatør `tele`\ntips: kjente operatører: chilimobil, ice, lycamobile, mycall, onecall, plussmobil, talkmore, telenor, telia; se `nocard operators list`\n"
    );
    let err = stderr_of(
        nocard()
            .args(["checklist", "--operator", "tele"])
            .env("LANG", "zh_CN.UTF-8"),
        2,
    );
    assert!(
        err.starts_with("错误：未知的运营商 `tele`\n提示："),
        "{err}"
    );
}

#[test]
fn a_walk_in_each_language_writes_the_same_norwegian_message() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, COMMON_CASE).unwrap();
    let mut messages = Vec::new();
    for (lang, progress, saved) in [
        ("en", "2/5 Contact", "Saved to"),
        ("nb", "2/5 Kontakt", "Lagret i"),
        ("zh", "2/5 联系运营商", "已保存到"),
    ] {
        let out_path = dir.path().join(format!("{lang}.txt"));
        let out = stdout_of(
            nocard()
                .args([
                    "deregister",
                    "--operator",
                    "telenor",
                    "--lang",
                    lang,
                    "--answers",
                ])
                .arg(&answers)
                .arg("--out")
                .arg(&out_path),
        );
        assert!(out.contains(progress), "{lang}: {out}");
        assert!(out.contains(saved), "{lang}");
        if lang == "zh" {
            assert!(
                out.contains("信息内容的中文译文"),
                "a Chinese translation of the message"
            );
        }
        messages.push(std::fs::read_to_string(&out_path).unwrap());
    }
    assert!(messages[0].contains("Jeg sier med dette opp mobilabonnementet mitt"));
    assert!(
        messages.iter().all(|m| m == &messages[0]),
        "the message does not depend on the interface language"
    );
}

#[test]
fn a_bad_answer_is_explained_in_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, COMMON_CASE.replace("912 34 567", "812 34 567")).unwrap();
    let err = stderr_of(
        nocard()
            .args([
                "deregister",
                "--operator",
                "telenor",
                "--lang",
                "zh",
                "--answers",
            ])
            .arg(&answers),
        1,
    );
    assert!(err.contains("8 位挪威手机号码以 4 或 9 开头"), "{err}");
}

#[test]
fn a_missing_translation_falls_back_to_english_with_a_warning() {
    let out = nocard()
        .args([
            "operators",
            "show",
            "acme",
            "--lang",
            "zh",
            "--operators-dir",
        ])
        .arg(fixtures("override"))
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("Decide what you want"),
        "English shown instead"
    );
    let first = stderr.lines().next().unwrap();
    assert!(first.starts_with("警告："), "{stderr}");
    assert!(
        first.contains("override/acme.toml:12:1: 缺少 zh 文本"),
        "{stderr}"
    );
    assert!(
        stderr.lines().count() <= 4,
        "a few lines, not one per text: {stderr}"
    );
}
