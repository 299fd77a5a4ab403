//! A person at a terminal: dialoguer's line input, and a list drawn by counting cells. Prompts
//! go to stderr; the walk itself goes to stdout.

use std::io::IsTerminal as _;

use anyhow::Result;
use console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use crate::i18n::Ui;
use crate::interrupt;
use crate::output::write_stdout;
use crate::prompt::{Ask, Prompter, Reply};
use crate::text::Lang;

/// Whether a person can be asked: stdin and stderr are both terminals.
#[must_use]
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// A person at a terminal, asked with dialoguer on stderr; the walk itself goes to stdout.
pub struct TerminalPrompter {
    theme: Box<dyn Theme>,
    lang: Lang,
}

impl TerminalPrompter {
    #[must_use]
    pub fn new(lang: Lang) -> Self {
        let theme: Box<dyn Theme> = if console::colors_enabled_stderr() {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        TerminalPrompter { theme, lang }
    }
}

/// Typed at a free-text prompt to go back; dialoguer's line input has no Esc.
pub const BACK: &str = "<";

impl Prompter for TerminalPrompter {
    fn can_ask(&self) -> bool {
        true
    }

    fn show(&mut self, text: &str) -> Result<()> {
        write_stdout(text, self.lang)
    }

    fn select(&mut self, ask: Ask, options: &[String], default: usize) -> Result<Reply<usize>> {
        let choice = select_in_place(
            self.theme.as_ref(),
            &Term::stderr(),
            ask.prompt,
            options,
            default,
        )
        .map_err(|err| io_error(err, self.lang))?;
        Ok(choice.map_or(Reply::Back, Reply::Answer))
    }

    fn input(
        &mut self,
        ask: Ask,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<Reply<String>> {
        // `interact` (not `interact_text`) reads a whole line, which renders wide characters
        // such as Chinese names correctly.
        // A long question goes on a line of its own, wrapped, so the answer has the width of
        // the window: dialoguer cannot redraw an answer that wraps.
        let term = Term::stderr();
        let width = usize::from(term.size().1);
        let prompt = if console::measure_text_width(ask.prompt) + 24 > width {
            let wrapped = textwrap::fill(ask.prompt, width.saturating_sub(1).max(10));
            term.write_line(&wrapped)
                .map_err(|err| io_error(err, self.lang))?;
            "›"
        } else {
            ask.prompt
        };
        let text: String = dialoguer::Input::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            // Empty is an answer for an optional field; `check` refuses it elsewhere.
            .allow_empty(true)
            .validate_with(|input: &String| -> Result<(), String> {
                if input.trim() == BACK {
                    Ok(())
                } else {
                    check(input)
                }
            })
            .interact()
            .map_err(|err| dialoguer_error(err, self.lang))?;
        Ok(if text.trim() == BACK {
            Reply::Back
        } else {
            Reply::Answer(text)
        })
    }
}

fn dialoguer_error(err: dialoguer::Error, lang: Lang) -> anyhow::Error {
    let dialoguer::Error::IO(io) = err;
    io_error(io, lang)
}

fn io_error(io: std::io::Error, lang: Lang) -> anyhow::Error {
    if io.kind() == std::io::ErrorKind::Interrupted {
        // console saw Ctrl-C in raw mode: it raised SIGINT and also returned this error, so
        // the signal handler and this thread race to the exit. Both go the same way.
        interrupt::interrupted(lang);
    }
    anyhow::Error::new(io).context(Ui::CouldNotAsk.get(lang))
}

/// A list to choose from, drawn in the look of the dialoguer theme but redrawn by counting
/// the rows each line takes in cells, not bytes: dialoguer 0.12 counts bytes, and a Chinese
/// option then makes it erase rows above the list. Esc (or q) gives `None`, to go back.
fn select_in_place(
    theme: &dyn Theme,
    term: &Term,
    prompt: &str,
    options: &[String],
    default: usize,
) -> std::io::Result<Option<usize>> {
    use console::Key;
    if options.is_empty() {
        return Ok(None);
    }
    let width = usize::from(term.size().1).max(10);
    // Every option fits on one row; the prompt may take several.
    let fit = |line: String| console::truncate_str(&line, width - 1, "…").into_owned();
    let mut selected = default.min(options.len() - 1);
    let mut drawn = 0;
    term.hide_cursor()?;
    let choice = loop {
        let mut lines = Vec::with_capacity(options.len() + 1);
        let mut head = String::new();
        let _ = theme.format_select_prompt(&mut head, prompt);
        lines.push(head);
        for (index, option) in options.iter().enumerate() {
            let mut line = String::new();
            let _ = theme.format_select_prompt_item(&mut line, option, index == selected);
            lines.push(fit(line));
        }
        term.clear_last_lines(drawn)?;
        drawn = lines.iter().map(|line| rows(line, width)).sum();
        for line in &lines {
            term.write_line(line)?;
        }
        let count = options.len();
        match term.read_key()? {
            Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                selected = (selected + count - 1) % count;
            }
            Key::ArrowDown | Key::Tab | Key::Char('j') => selected = (selected + 1) % count,
            Key::Enter | Key::Char(' ') => break Some(selected),
            Key::Escape | Key::Char('q') => break None,
            Key::CtrlC => return Err(std::io::Error::from(std::io::ErrorKind::Interrupted)),
            _ => {}
        }
    };
    term.clear_last_lines(drawn)?;
    if let Some(index) = choice {
        let mut done = String::new();
        let _ = theme.format_select_prompt_selection(&mut done, prompt, &options[index]);
        term.write_line(&fit(done))?;
    }
    term.show_cursor()?;
    Ok(choice)
}

/// How many rows `line` takes in a window `width` cells wide: a wide character that does not
/// fit at the end of a row moves to the next, as terminals do.
fn rows(line: &str, width: usize) -> usize {
    let plain = console::strip_ansi_codes(line);
    let mut rows = 1;
    let mut column = 0;
    for c in plain.chars() {
        let cells = console::measure_text_width(c.encode_utf8(&mut [0; 4]));
        if column + cells > width {
            rows += 1;
            column = 0;
        }
        column += cells;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn rows_are_counted_in_cells() {
        assert_eq!(rows("", 40), 1);
        assert_eq!(rows(&"a".repeat(40), 40), 1);
        assert_eq!(rows(&"a".repeat(41), 40), 2);
        // 20 wide characters fill 40 cells; bytes would say 60.
        assert_eq!(rows(&"号".repeat(20), 40), 1);
        // A wide character that would straddle the edge starts the next row.
        assert_eq!(rows(&format!("a{}", "号".repeat(20)), 40), 2);
        assert_eq!(rows("\u{1b}[1mbold\u{1b}[0m", 40), 1);
    }
}
