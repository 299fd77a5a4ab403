//! Packaging: shell completions, the manual page, and `--color` for clap's output and ours.

use crate::helpers::{nocard, stderr_of, stdout_of};

const ESC: char = '\x1b';

/// `nocard` as the colour tests need it: none of the helpers' `NO_COLOR`, nor any colour
/// setting of the user's, and a terminal that could show colour were stdout one.
fn colourable() -> assert_cmd::Command {
    let mut cmd = nocard();
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "FORCE_COLOR"] {
        cmd.env_remove(var);
    }
    cmd.env("TERM", "xterm-256color");
    cmd
}

#[test]
fn completions_for_every_shell_know_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(nocard().args(["completions", shell]));
        assert!(!script.trim().is_empty(), "{shell}: an empty script");
        for word in ["deregister", "checklist", "operators", "status", "lang"] {
            assert!(script.contains(word), "{shell}: no `{word}` in {script}");
        }
        assert!(!script.contains(ESC), "{shell}: escape codes in {script}");
    }
}

#[test]
fn completions_for_an_unknown_shell_are_a_usage_error() {
    let err = stderr_of(nocard().args(["completions", "tcsh"]), 2);
    assert!(err.contains("tcsh") && err.contains("bash"), "{err}");
}

#[test]
fn the_manual_page_is_roff_with_a_page_for_each_command() {
    let page = stdout_of(nocard().arg("man"));
    // The roff crate defines the `Aq` string before the header, with `.ie`/`.el`.
    let header = page
        .lines()
        .find(|line| !line.starts_with(".ie ") && !line.starts_with(".el "))
        .expect("a line");
    assert!(header.starts_with(".TH nocard 1 "), "{header}");
    for word in [
        "deregister",
        "checklist",
        "\\-\\-answers",
        "\\-\\-color",
        ".TH nocard-deregister 1 ",
        ".TH nocard-status-confirm 1 ",
        ".TH nocard-completions 1 ",
    ] {
        assert!(page.contains(word), "no `{word}` in {page}");
    }
    assert!(!page.contains(".TH nocard-help"), "{page}");
    assert!(!page.contains(ESC), "{page}");
    assert!(page.contains("\n.SH OPTIONS\n"), "{page}");
    // The sections are headed in the language, as the help is written in it.
    let zh = stdout_of(nocard().args(["--lang", "zh", "man"]));
    for heading in ["名称", "概要", "描述", "选项", "子命令", "版本"] {
        assert!(
            zh.contains(&format!("\n.SH {heading}\n")),
            "no {heading} in {zh}"
        );
    }
    assert!(
        !zh.contains(".SH OPTIONS") && !zh.contains("Print help"),
        "{zh}"
    );
}

#[test]
fn color_always_colours_our_output_and_clap_s_even_when_piped() {
    let checklist =
        stdout_of(colourable().args(["checklist", "--operator", "telenor", "--color", "always"]));
    assert!(checklist.contains(ESC), "{checklist}");
    for args in [
        &["--color", "always", "--help"][..],
        &["--color=always", "checklist", "--help"],
        &["--color", "always", "--lang", "zh", "--help"],
    ] {
        let help = stdout_of(colourable().args(args));
        assert!(help.contains(ESC), "{args:?}: {help}");
    }
    // clap's usage errors too, though they never reach the parsed flag.
    let err = stderr_of(
        colourable().args(["--color", "always", "checklist", "--operatr"]),
        2,
    );
    assert!(err.contains(ESC), "{err}");
}

#[test]
fn color_always_wins_over_no_color() {
    let out = stdout_of(
        colourable()
            .env("NO_COLOR", "1")
            .args(["--color", "always", "checklist"]),
    );
    assert!(out.contains(ESC), "{out}");
}

#[test]
fn never_no_color_dumb_terminals_and_pipes_give_plain_text() {
    let plain = |mut cmd: assert_cmd::Command, what: &str| {
        let out = stdout_of(cmd.args(["checklist", "--operator", "telenor"]));
        assert!(!out.contains(ESC), "{what}: {out}");
        assert!(out.contains("Telenor"), "{what}: {out}");
        let help = stdout_of(cmd.arg("--help"));
        assert!(!help.contains(ESC), "{what}: {help}");
    };
    let mut never = colourable();
    never.args(["--color", "never"]);
    plain(never, "--color never");
    let mut no_color = colourable();
    no_color.env("NO_COLOR", "1");
    plain(no_color, "NO_COLOR=1");
    let mut dumb = colourable();
    dumb.env("TERM", "dumb");
    plain(dumb, "TERM=dumb");
    plain(colourable(), "piped, auto");
    let err = stderr_of(colourable().args(["checklist", "--operatr"]), 2);
    assert!(!err.contains(ESC), "{err}");
}

#[test]
fn an_unknown_colour_choice_is_a_usage_error() {
    let err = stderr_of(nocard().args(["--color", "purple", "checklist"]), 2);
    assert!(err.contains("purple"), "{err}");
    for value in ["auto", "always", "never"] {
        assert!(err.contains(value), "{err}");
    }
    stderr_of(nocard().args(["checklist", "--color=purple"]), 2);
}

/// In a terminal, where `auto` has a choice to make.
#[cfg(unix)]
mod in_a_terminal {
    use std::process::Command;
    use std::time::Duration;

    use expectrl::{Eof, Expect as _, Session};

    use super::ESC;

    /// Everything `nocard ARGS` shows in a pseudo-terminal, with only `env` set.
    fn shown(env: &[(&str, &str)], args: &[&str]) -> String {
        let home = tempfile::tempdir().expect("a temporary folder");
        let mut command = Command::new(env!("CARGO_BIN_EXE_nocard"));
        command
            .args(args)
            .env_clear()
            .env("LANG", "C.UTF-8")
            .env("NOCARD_HOME", home.path())
            .envs(env.iter().copied());
        let mut session = Session::spawn(command).expect("nocard starts in a pseudo-terminal");
        session.set_expect_timeout(Some(Duration::from_secs(10)));
        let found = session.expect(Eof).expect("nocard ends");
        String::from_utf8_lossy(found.as_bytes()).into_owned()
    }

    #[test]
    fn auto_colours_a_terminal_unless_told_otherwise() {
        let checklist = ["checklist", "--operator", "telenor"];
        let xterm = ("TERM", "xterm-256color");
        for args in [&checklist[..], &["--help"]] {
            let out = shown(&[xterm], args);
            assert!(out.contains(ESC), "{args:?}: {out}");
            for (env, what) in [
                (&[xterm, ("NO_COLOR", "1")][..], "NO_COLOR=1"),
                (&[("TERM", "dumb")], "TERM=dumb"),
                (&[xterm, ("CLICOLOR", "0")], "CLICOLOR=0"),
            ] {
                let out = shown(env, args);
                assert!(
                    out.contains("nocard") || out.contains("Telenor"),
                    "{what}: {out}"
                );
                assert!(!out.contains(ESC), "{what}, {args:?}: {out}");
            }
            let never: Vec<&str> = ["--color", "never"].iter().chain(args).copied().collect();
            let out = shown(&[xterm], &never);
            assert!(!out.contains(ESC), "--color never, {args:?}: {out}");
        }
    }
}
