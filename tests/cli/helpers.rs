//! Running nocard as a user would, with a clean environment.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;

/// `nocard` with none of the user's settings leaking in, and a case book of its own.
pub fn nocard() -> Command {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "home-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::SeqCst)
    ));
    nocard_at(&home)
}

/// `nocard` keeping its case book in `home`, for tests that run it more than once.
pub fn nocard_at(home: &std::path::Path) -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("nocard");
    cmd.env("NOCARD_HOME", home);
    for var in [
        "NOCARD_OPERATORS_DIR",
        "COLUMNS",
        "NOCARD_LANG",
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "LANGUAGE",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A folder of test fixtures: `tests/fixtures/<name>`.
pub fn fixtures(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Standard output of a successful run.
pub fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(output).expect("UTF-8 output")
}

/// Standard error of a run that exits with `code`.
pub fn stderr_of(cmd: &mut Command, code: i32) -> String {
    let output = cmd.assert().code(code).get_output().stderr.clone();
    String::from_utf8(output).expect("UTF-8 output")
}

/// `nocard` as an unprivileged user where the tests run as root (permissions do not bind
/// root), from a copy of the binary that user can run.
#[cfg(unix)]
pub fn unprivileged(dir: &std::path::Path) -> std::process::Command {
    use std::os::unix::fs::PermissionsExt as _;
    let root =
        std::fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    if root && std::path::Path::new("/usr/bin/setpriv").exists() {
        let binary = dir.join("nocard");
        std::fs::copy(env!("CARGO_BIN_EXE_nocard"), &binary).unwrap();
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
        // A process another test forks while the copy is open for writing holds it open
        // until it execs; running the copy fails with "Text file busy" until then.
        for _ in 0..200 {
            match std::process::Command::new(&binary)
                .arg("--version")
                .output()
            {
                Err(err) if err.raw_os_error() == Some(26) => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                _ => break,
            }
        }
        let mut command = std::process::Command::new("/usr/bin/setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&binary);
        command
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_nocard"))
    }
}
