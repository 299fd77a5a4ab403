use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = nocard::cli::parse();
    nocard::cli::use_color(cli.color);
    let lang = nocard::language(&cli);
    match nocard::run(&cli, lang) {
        Ok(code) => code,
        Err(err) => nocard::error::report(&err, lang),
    }
}
