//! The one seam between the walk and a person: a terminal (`terminal`), or nobody at all
//! (answers come from a file). Tests script it.

use anyhow::Result;

use crate::error::Failure;
use crate::i18n::Ui;
use crate::output::write_stdout;
use crate::text::Lang;

/// What the user did with a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    Answer(T),
    /// Go back to the previous question.
    Back,
    /// Show the details and sources of what came before the question, then ask again.
    Details,
}

/// A question, named by the answers-file key that answers it without a prompt.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    pub key: &'a str,
    pub prompt: &'a str,
    /// Whether details and sources can be asked for here.
    pub details: bool,
    /// Whether the answer has consequences (a file replaced, a case recorded): keys typed
    /// before the question appeared are thrown away, not taken as the answer.
    pub careful: bool,
    /// Whether there is a question before this one to go back to.
    pub back: bool,
}

impl<'a> Ask<'a> {
    /// A plain question.
    #[must_use]
    pub fn new(key: &'a str, prompt: &'a str) -> Self {
        Ask {
            key,
            prompt,
            details: false,
            careful: false,
            back: true,
        }
    }
}

/// Shows the walk and asks its questions.
pub trait Prompter {
    /// Whether there is anyone to ask; without, every question fails with its key.
    fn can_ask(&self) -> bool;
    /// Shows text that is already rendered.
    fn show(&mut self, text: &str) -> Result<()>;
    /// Asks for one of `options`, with `default` chosen to begin with.
    fn select(&mut self, ask: Ask, options: &[String], default: usize) -> Result<Reply<usize>>;
    /// Asks for any of `options`, those `marked` marked to begin with; the indices marked.
    fn many(&mut self, ask: Ask, options: &[String], marked: &[bool]) -> Result<Reply<Vec<usize>>>;
    /// Asks for free text, starting from `initial`, until `check` accepts it, giving the
    /// answer as it is to be shown; a refusal is shown and asked again.
    fn input(
        &mut self,
        ask: Ask,
        initial: &str,
        check: &dyn Fn(&str) -> Result<String, String>,
    ) -> Result<Reply<String>>;
}

/// Nobody to ask: every question must already be answered, by the answers file.
pub struct NoPrompter {
    /// The language of its errors.
    pub lang: Lang,
}

impl Prompter for NoPrompter {
    fn can_ask(&self) -> bool {
        false
    }

    fn show(&mut self, text: &str) -> Result<()> {
        write_stdout(text, self.lang)
    }

    fn select(&mut self, ask: Ask, _: &[String], _: usize) -> Result<Reply<usize>> {
        Err(missing(ask, self.lang))
    }

    fn many(&mut self, ask: Ask, _: &[String], _: &[bool]) -> Result<Reply<Vec<usize>>> {
        Err(missing(ask, self.lang))
    }

    fn input(
        &mut self,
        ask: Ask,
        _: &str,
        _: &dyn Fn(&str) -> Result<String, String>,
    ) -> Result<Reply<String>> {
        Err(missing(ask, self.lang))
    }
}

fn missing(ask: Ask, lang: Lang) -> anyhow::Error {
    Failure::new(Ui::NoAnswer.fill(lang, &[("key", &ask.key)]))
        .with_hint(Ui::NoAnswerHint.fill(lang, &[("key", &ask.key)]))
        .into()
}
