//! Help wrapped to the window: clap's, made again where it cannot break a line (Chinese has
//! no spaces) and where its options should hang.

use clap::ColorChoice;
use clap::builder::StyledStr;

/// Below this width, each option's help goes under it.
pub(super) const NARROW_HELP: usize = 80;

/// The width help is wrapped to, as clap measures it: the window, else `COLUMNS`, else 100;
/// never wider than 100.
pub(super) fn help_width(to_stderr: bool) -> usize {
    let term = if to_stderr {
        console::Term::stderr()
    } else {
        console::Term::stdout()
    };
    let width = if term.is_term() {
        Some(usize::from(term.size().1))
    } else {
        std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
    };
    width.unwrap_or(100).clamp(20, 100)
}

pub(super) fn print_wrapped(help: &StyledStr, to_stderr: bool, color: ColorChoice) {
    use std::io::Write as _;
    let mut text = wrap_help(&help.ansi().to_string(), help_width(to_stderr));
    let styled = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if to_stderr => console::colors_enabled_stderr(),
        ColorChoice::Auto => console::colors_enabled(),
    };
    if !styled {
        text = console::strip_ansi_codes(&text).into_owned();
    }
    // As clap does: a closed stream leaves nowhere to show the help.
    let _ = if to_stderr {
        std::io::stderr().lock().write_all(text.as_bytes())
    } else {
        std::io::stdout().lock().write_all(text.as_bytes())
    };
}

/// `help` with every line wider than `width` wrapped under the column its text starts at.
pub(super) fn wrap_help(help: &str, width: usize) -> String {
    let mut out = String::with_capacity(help.len() + 64);
    for line in help.split_inclusive('\n') {
        let (line, newline) = line
            .strip_suffix('\n')
            .map_or((line, ""), |line| (line, "\n"));
        if console::measure_text_width(line) <= width {
            out.push_str(line);
            out.push_str(newline);
            continue;
        }
        let column = hanging_column(line);
        let (head, body) = line.split_at(column);
        let indent = " ".repeat(console::measure_text_width(head));
        let options = textwrap::Options::new(width)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::Custom(crate::render::words))
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .initial_indent(head)
            .subsequent_indent(&indent);
        out.push_str(&textwrap::fill(body, options));
        out.push_str(newline);
    }
    out
}

/// The byte offset where a help line's text starts: after its indentation, and, in a list of
/// commands or options (`  deregister   逐步…`), after the name and the gap of two or more
/// spaces that follows it.
fn hanging_column(line: &str) -> usize {
    let start = line.len() - line.trim_start_matches(' ').len();
    if start == 0 {
        return 0;
    }
    line[start..]
        .find("  ")
        .map(|gap| start + gap)
        .and_then(|gap| {
            let text = gap + line[gap..].len() - line[gap..].trim_start_matches(' ').len();
            (text < line.len()).then_some(text)
        })
        .unwrap_or(start)
}
