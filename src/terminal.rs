//! A person at a terminal. Lists are drawn here, by counting cells, wrapped to the window;
//! typed answers are edited with rustyline, which wraps and erases long and wide text
//! correctly. Every question, once answered, is left on the screen whole: `✔ question · answer`.

use std::io::IsTerminal as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use console::{Key, Term, style};
use rustyline::error::ReadlineError;
use rustyline::history::MemHistory;
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, KeyCode, KeyEvent,
    Modifiers, RepeatCount,
};

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

/// The fewest rows a list's options are given, the marks of more above and below included,
/// however much was shown above it: enough to see a few options side by side.
const MIN_OPTION_ROWS: usize = 6;

/// Typed alone in a text field to go back, and to see the details.
pub const BACK: &str = "<";
pub const DETAILS: &str = "?";

/// A person at a terminal: questions on stderr, the walk itself on stdout.
pub struct TerminalPrompter {
    lang: Lang,
    term: Term,
    editor: Editor<(), MemHistory>,
    /// Set by Esc in a text field.
    escaped: Arc<AtomicBool>,
    /// For each question answered, the rows drawn since its answer began: its answered line
    /// and what was shown after it. Going back erases the last of them, so that no stale
    /// answer stands above the question asked again.
    drawn: Vec<usize>,
}

impl TerminalPrompter {
    pub fn new(lang: Lang) -> Result<Self> {
        let config = rustyline::Config::builder()
            .auto_add_history(false)
            // Esc alone, not as the start of a key sequence, after this long.
            .keyseq_timeout(Some(50))
            .build();
        let mut editor = Editor::with_history(config, MemHistory::new())
            .map_err(|err| io_error(std::io::Error::other(err), lang))?;
        let escaped = Arc::new(AtomicBool::new(false));
        editor.bind_sequence(
            KeyEvent(KeyCode::Esc, Modifiers::NONE),
            EventHandler::Conditional(Box::new(GoBack(Arc::clone(&escaped)))),
        );
        Ok(TerminalPrompter {
            lang,
            term: Term::stderr(),
            editor,
            escaped,
            drawn: Vec::new(),
        })
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    fn height(&self) -> usize {
        usize::from(self.term.size().0).max(8)
    }

    /// `text` as lines no wider than the window, each line after the first indented by
    /// `indent` cells; returns the lines.
    fn wrap(&self, first: &str, indent: usize, text: &str) -> Vec<String> {
        if self.lang == Lang::Zh {
            return wrap(
                first,
                indent,
                &crate::i18n::tidy_chinese(text),
                self.width(),
            );
        }
        wrap(first, indent, text, self.width())
    }

    /// Writes `lines` and returns how many rows they took.
    fn draw(&self, lines: &[String]) -> Result<usize> {
        let width = self.width();
        let mut rows = 0;
        for line in lines {
            self.term
                .write_line(line)
                .map_err(|e| io_error(e, self.lang))?;
            rows += rows_of(line, width);
        }
        Ok(rows)
    }

    /// What stays on the screen once a question is answered: the question and the answer,
    /// whole, wrapped.
    fn answered(&mut self, prompt: &str, answer: &str) -> Result<()> {
        let mark = style("✔").green().to_string();
        let answer = style(answer).bold().to_string();
        let rows =
            self.draw(&self.wrap(&format!("{mark} "), 2, &format!("{prompt} · {answer}")))?;
        self.drawn.push(rows);
        Ok(())
    }

    /// Going back: erases the answer to the question before, and what followed it, as far
    /// as it is still on the screen.
    fn back(&mut self) -> Result<()> {
        if let Some(rows) = self.drawn.pop() {
            self.clear(rows.min(self.height().saturating_sub(1)))?;
        }
        Ok(())
    }

    fn clear(&self, rows: usize) -> Result<()> {
        self.term
            .clear_last_lines(rows)
            .map_err(|e| io_error(e, self.lang))
    }
}

impl Prompter for TerminalPrompter {
    fn can_ask(&self) -> bool {
        true
    }

    fn show(&mut self, text: &str) -> Result<()> {
        let width = self.width();
        let rows: usize = text.lines().map(|line| rows_of(line, width)).sum();
        if let Some(last) = self.drawn.last_mut() {
            *last += rows;
        }
        write_stdout(text, self.lang)
    }

    fn select(&mut self, ask: Ask, options: &[String], default: usize) -> Result<Reply<usize>> {
        if ask.careful {
            discard_type_ahead();
        }
        let mut labels: Vec<String> = options.to_vec();
        if ask.details {
            labels.push(Ui::OptionDetails.get(self.lang).to_owned());
        }
        let reply = self.list(&ask, ask.prompt, &labels, default, None)?;
        Ok(match reply {
            Some(index) if index < options.len() => {
                self.answered(ask.prompt, &options[index])?;
                Reply::Answer(index)
            }
            Some(_) => Reply::Details,
            None => {
                self.back()?;
                Reply::Back
            }
        })
    }

    fn many(&mut self, ask: Ask, options: &[String], marked: &[bool]) -> Result<Reply<Vec<usize>>> {
        if ask.careful {
            discard_type_ahead();
        }
        let mut labels: Vec<String> = options.to_vec();
        if ask.details {
            labels.push(Ui::OptionDetails.get(self.lang).to_owned());
        }
        let mut marks: Vec<bool> = marked.to_vec();
        marks.resize(options.len(), false);
        // How to mark is said in the list, not in the answered line after it.
        let space = if self.lang == Lang::Zh { "" } else { " " };
        let prompt = format!("{}{space}{}", ask.prompt, Ui::ManyKeys.get(self.lang));
        let reply = self.list(&ask, &prompt, &labels, 0, Some(&mut marks))?;
        Ok(match reply {
            Some(index) if index >= options.len() => Reply::Details,
            Some(_) => {
                let chosen: Vec<&str> = options
                    .iter()
                    .zip(&marks)
                    .filter(|(_, marked)| **marked)
                    .map(|(option, _)| option.as_str())
                    .collect();
                let answer = if chosen.is_empty() {
                    Ui::NoneGiven.get(self.lang).to_owned()
                } else {
                    chosen.join(Ui::ListComma.get(self.lang))
                };
                self.answered(ask.prompt, &answer)?;
                Reply::Answer((0..options.len()).filter(|&i| marks[i]).collect())
            }
            None => {
                self.back()?;
                Reply::Back
            }
        })
    }

    fn input(
        &mut self,
        ask: Ask,
        initial: &str,
        check: &dyn Fn(&str) -> Result<String, String>,
    ) -> Result<Reply<String>> {
        if ask.careful {
            discard_type_ahead();
        }
        let question = format!("{} {}", style("?").cyan(), style(ask.prompt).bold());
        let mut rows = self.draw(&self.wrap("", 2, &question))?;
        let mut typed = initial.to_owned();
        loop {
            self.escaped.store(false, Ordering::SeqCst);
            let prompt = "› ";
            let line = match self.editor.readline_with_initial(prompt, (&typed, "")) {
                Ok(line) => line,
                Err(ReadlineError::Interrupted | ReadlineError::Eof) => {
                    interrupt::interrupted(self.lang)
                }
                Err(err) => return Err(io_error(std::io::Error::other(err), self.lang)),
            };
            rows += rows_of(&format!("{prompt}{line}"), self.width());
            let word = crate::text::halfwidth(line.trim());
            if self.escaped.load(Ordering::SeqCst) || word == BACK {
                self.clear(rows)?;
                self.back()?;
                return Ok(Reply::Back);
            }
            if ask.details && word == DETAILS {
                self.clear(rows)?;
                return Ok(Reply::Details);
            }
            match check(&line) {
                Ok(shown) => {
                    self.clear(rows)?;
                    self.answered(ask.prompt, &shown)?;
                    return Ok(Reply::Answer(line));
                }
                Err(reason) => {
                    let mark = style("✘").red().to_string();
                    rows += self.draw(&self.wrap(&format!("  {mark} "), 4, &reason))?;
                    typed = line;
                }
            }
        }
    }
}

impl TerminalPrompter {
    /// A list to choose from, redrawn in place by counting the rows each line takes in cells
    /// (dialoguer counts bytes, and a Chinese option then makes it erase rows above the
    /// list). Options wrap rather than lose their end; a list taller than the window scrolls.
    /// Esc, `<` (or q) gives `None`, to go back, where `ask` has a question to go back to;
    /// `?` gives the last option where it is the details. With `marks`, each option (of as
    /// many as there are marks; the rest, such as the details, are plain) is ticked or not:
    /// Space toggles it, Enter gives the option the cursor is on.
    fn list(
        &self,
        ask: &Ask,
        prompt: &str,
        options: &[String],
        default: usize,
        mut marks: Option<&mut Vec<bool>>,
    ) -> Result<Option<usize>> {
        if options.is_empty() {
            return Ok(None);
        }
        let lang = self.lang;
        let io = |err| io_error(err, lang);
        let mut selected = default.min(options.len() - 1);
        let mut drawn = 0;
        self.term.hide_cursor().map_err(io)?;
        let choice = loop {
            let head = self.wrap(
                "",
                2,
                &format!("{} {}", style("?").cyan(), style(prompt).bold()),
            );
            let items: Vec<Vec<String>> = options
                .iter()
                .enumerate()
                .map(|(index, option)| {
                    let ticked = marks.as_deref().and_then(|marks| marks.get(index));
                    let option = &match ticked {
                        Some(true) => format!("[x] {option}"),
                        Some(false) => format!("[ ] {option}"),
                        None => option.clone(),
                    };
                    // Lines an option wraps onto are indented further, so that each option
                    // reads as one.
                    if index == selected {
                        let marker = style("❯").cyan().to_string();
                        self.wrap(&format!("{marker} "), 4, &style(option).cyan().to_string())
                    } else {
                        self.wrap("  ", 4, option)
                    }
                })
                .collect();
            // What was shown since the last answer stays in view above the list where it can:
            // a long list scrolls in the rows left, never fewer than a few.
            let above = self.drawn.last().copied().unwrap_or(0);
            let head_rows: usize = head.iter().map(|line| rows_of(line, self.width())).sum();
            let room = (self.height() - 1)
                .saturating_sub(above)
                .max(head_rows + MIN_OPTION_ROWS);
            let lines = visible(&head, &items, selected, room, self.width());
            self.clear(drawn)?;
            drawn = self.draw(&lines)?;
            let count = options.len();
            match self.term.read_key().map_err(io)? {
                Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                    selected = (selected + count - 1) % count;
                }
                Key::ArrowDown | Key::Tab | Key::Char('j') => selected = (selected + 1) % count,
                Key::Home | Key::PageUp => selected = 0,
                Key::End | Key::PageDown => selected = count - 1,
                Key::Char(' ') if marks.is_some() => {
                    if let Some(mark) = marks
                        .as_deref_mut()
                        .and_then(|marks| marks.get_mut(selected))
                    {
                        *mark = !*mark;
                    }
                }
                Key::Enter | Key::Char(' ') => break Some(selected),
                Key::Escape | Key::Char('q' | '<') if ask.back => break None,
                Key::Char('?') if ask.details => break Some(count - 1),
                Key::CtrlC => {
                    self.term.show_cursor().map_err(io)?;
                    interrupt::interrupted(lang)
                }
                _ => {}
            }
        };
        self.clear(drawn)?;
        self.term.show_cursor().map_err(io)?;
        Ok(choice)
    }
}

/// The lines to draw for a list: the question, then as many options around the selected one
/// as fit in `height` rows, with a mark where more are hidden above or below.
fn visible(
    head: &[String],
    items: &[Vec<String>],
    selected: usize,
    height: usize,
    width: usize,
) -> Vec<String> {
    let rows = |lines: &[String]| lines.iter().map(|l| rows_of(l, width)).sum::<usize>();
    let room = height.saturating_sub(rows(head)).max(1);
    let (mut first, mut last) = (selected, selected);
    let mut used = rows(&items[selected]);
    // Grow the window downwards first, then upwards, while it fits (two rows kept for marks).
    loop {
        let grown = if last + 1 < items.len() && used + rows(&items[last + 1]) + 2 <= room {
            last += 1;
            used += rows(&items[last]);
            true
        } else if first > 0 && used + rows(&items[first - 1]) + 2 <= room {
            first -= 1;
            used += rows(&items[first]);
            true
        } else {
            false
        };
        if !grown {
            break;
        }
    }
    if first == 0 && last + 1 == items.len() {
        let mut lines = head.to_vec();
        lines.extend(items.iter().flatten().cloned());
        return lines;
    }
    let mut lines = head.to_vec();
    if first > 0 {
        lines.push(style("  ↑").dim().to_string());
    }
    lines.extend(items[first..=last].iter().flatten().cloned());
    if last + 1 < items.len() {
        lines.push(style("  ↓").dim().to_string());
    }
    lines
}

/// Esc in a text field: go back, as in a list.
struct GoBack(Arc<AtomicBool>);

impl ConditionalEventHandler for GoBack {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, _: &EventContext) -> Option<Cmd> {
        self.0.store(true, Ordering::SeqCst);
        Some(Cmd::AcceptLine)
    }
}

/// Throws away keys typed before a question appeared, so that an Enter meant for an earlier
/// question (or pasted text running on) cannot answer one with consequences.
fn discard_type_ahead() {
    #[cfg(unix)]
    {
        let _ = rustix::termios::tcflush(std::io::stdin(), rustix::termios::QueueSelector::IFlush);
    }
    // The console keeps what was typed as input events: read every one waiting, and drop it.
    #[cfg(windows)]
    {
        while crossterm::event::poll(std::time::Duration::ZERO).unwrap_or(false) {
            if crossterm::event::read().is_err() {
                break;
            }
        }
    }
}

/// `text` wrapped to `width` cells by display width: the first line starts with `first`,
/// the others with `indent` spaces. Styling inside `text` does not count as width.
fn wrap(first: &str, indent: usize, text: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(indent);
    let options = textwrap::Options::new(width.saturating_sub(1).max(10))
        .initial_indent(first)
        .subsequent_indent(&indent)
        .word_separator(textwrap::WordSeparator::Custom(crate::render::words))
        // A reference, a name or an id is not split at its hyphen (`R-` / `1`); only a word
        // longer than the row is broken.
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// How many rows `line` takes in a window `width` cells wide: a wide character that does not
/// fit at the end of a row moves to the next, as terminals do.
fn rows_of(line: &str, width: usize) -> usize {
    // Most lines hold no escape sequence: no need to look for one.
    let plain = if line.contains('\x1b') {
        console::strip_ansi_codes(line)
    } else {
        std::borrow::Cow::Borrowed(line)
    };
    let mut rows = 1;
    let mut column = 0;
    for c in plain.chars() {
        let cells = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if column + cells > width {
            rows += 1;
            column = 0;
        }
        column += cells;
    }
    rows
}

fn io_error(io: std::io::Error, lang: Lang) -> anyhow::Error {
    // A read cut short by SIGTERM or SIGHUP: that signal ends nocard, not this error.
    interrupt::if_signalled(lang);
    if io.kind() == std::io::ErrorKind::Interrupted {
        // console saw Ctrl-C in raw mode: it raised SIGINT and also returned this error, so
        // the signal handler and this thread race to the exit. Both go the same way.
        interrupt::interrupted(lang);
    }
    anyhow::Error::new(io).context(Ui::CouldNotAsk.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_counted_in_cells() {
        assert_eq!(rows_of("", 40), 1);
        assert_eq!(rows_of(&"a".repeat(40), 40), 1);
        assert_eq!(rows_of(&"a".repeat(41), 40), 2);
        // 20 wide characters fill 40 cells; bytes would say 60.
        assert_eq!(rows_of(&"号".repeat(20), 40), 1);
        // A wide character that would straddle the edge starts the next row.
        assert_eq!(rows_of(&format!("a{}", "号".repeat(20)), 40), 2);
        assert_eq!(rows_of("\u{1b}[1mbold\u{1b}[0m", 40), 1);
    }

    #[test]
    fn lines_wrap_by_display_width_with_a_hanging_indent() {
        let lines = wrap(
            "✔ ",
            2,
            "您要如何处理这个号码？ · 彻底解约：终止套餐并放弃号码",
            20,
        );
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(console::measure_text_width(line) < 20, "{line:?}");
        }
        assert!(lines[1].starts_with("  "));
    }

    #[test]
    fn a_list_taller_than_the_window_shows_the_selected_option_with_marks() {
        let head = vec!["? Which one?".to_owned()];
        let items: Vec<Vec<String>> = (0..20).map(|n| vec![format!("  option {n}")]).collect();
        let lines = visible(&head, &items, 15, 10, 40);
        assert!(lines.len() <= 10, "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("option 15")));
        assert!(lines.iter().any(|l| l.contains('↑')));
        let all = visible(&head, &items[..3], 0, 10, 40);
        assert_eq!(all.len(), 4);
    }
}
