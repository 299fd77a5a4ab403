use std::process::ExitCode;

fn main() -> ExitCode {
    let parsed = nocard::cli::parse();
    let ctx = nocard::context::Context::new(parsed.lang);
    match nocard::run(&parsed.cli, &ctx) {
        Ok(code) => code,
        Err(err) => nocard::error::report(&err, parsed.lang),
    }
}
