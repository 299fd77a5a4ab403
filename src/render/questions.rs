//! The words of the walk's questions: each prompt, each option of a choice, and an answer in
//! full or in short, as the review lists it.

use super::Layout;
use super::operators::channel_kind;
use crate::answers::Answers;
use crate::i18n::Ui;
use crate::operator::{Address, ChannelKind, Operator, Services};
use crate::questions::{Question, Value};
use crate::situation::Acting;
use crate::text::Lang;

/// An answer in the words of its option, or as typed.
pub(super) fn answer_in_words(value: &Value, operator: &Operator, layout: &Layout) -> String {
    match value {
        Value::CustomerNumber(number) if number.is_empty() => layout.t(Ui::NoneGiven).to_owned(),
        Value::Channel(kind) => channel_option(*kind, operator, layout),
        other => other.label().map_or_else(
            || other.shown().into_owned(),
            |label| layout.t(label).to_owned(),
        ),
    }
}

/// An answer in a few words, for the review's list: the head of its option ("Cancel for
/// good"), the kind of channel, or as typed.
fn answer_in_short(value: &Value, layout: &Layout) -> String {
    match value {
        Value::CustomerNumber(number) if number.is_empty() => layout.t(Ui::NoneGiven).to_owned(),
        Value::Channel(kind) => channel_kind(*kind, layout).to_owned(),
        other => other.label().map_or_else(
            || other.shown().into_owned(),
            |label| super::head(layout.t(label)).to_owned(),
        ),
    }
}

/// The services the user has, by name, or that there are none.
pub(super) fn uses_in_words(ids: &[String], services: &Services, layout: &Layout) -> String {
    if ids.is_empty() {
        layout.t(Ui::NoneGiven).to_owned()
    } else {
        super::service_names(ids, services, layout.lang)
    }
}

/// The prompt for a question. Whether the request went out is asked as the channel has it:
/// a call or a visit is done or not; a letter or a text is sent, or not yet.
#[must_use]
pub fn prompt(
    question: Question,
    operator: &Operator,
    answers: &Answers,
    layout: &Layout,
) -> String {
    let prompt = question.row().prompt;
    match (question, answers.channel()) {
        (Question::Channel, _) => layout.tf(prompt, &[("operator", &operator.name)]),
        (Question::Sent, Some(ChannelKind::Phone)) => {
            layout.tf(Ui::QSentPhone, &[("operator", &operator.name)])
        }
        (Question::Sent, Some(ChannelKind::Store)) => {
            layout.tf(Ui::QSentStore, &[("operator", &operator.name)])
        }
        // The writer's own name, as the channel has it: a letter is signed, a text says
        // who writes it, a call or a visit gives it aloud.
        (Question::Name, channel) if for_someone_else(answers.acting()) => layout
            .t(match channel {
                Some(ChannelKind::Phone) => Ui::QNameCaller,
                Some(ChannelKind::Store) => Ui::QNameVisitor,
                Some(ChannelKind::Chat | ChannelKind::Web | ChannelKind::App) => Ui::QNameSender,
                _ => Ui::QNameWriter,
            })
            .to_owned(),
        _ => layout.t(prompt).to_owned(),
    }
}

/// The words of one option of a choice.
#[must_use]
pub fn option(value: &Value, operator: &Operator, answers: &Answers, layout: &Layout) -> String {
    match (value, answers.channel()) {
        (Value::Sent(true), Some(ChannelKind::Phone | ChannelKind::Store)) => {
            layout.t(Ui::OptDoneYes).to_owned()
        }
        (Value::Sent(false), Some(ChannelKind::Phone | ChannelKind::Store)) => {
            layout.t(Ui::OptDoneNo).to_owned()
        }
        _ => answer_in_words(value, operator, layout),
    }
}

/// "letter: Telenor Norge AS, Snarøyveien 30, 1360 Fornebu (not confirmed)": a kind of
/// channel and, in short, the operator's channels of that kind: where they are and what they
/// need.
fn channel_option(kind: ChannelKind, operator: &Operator, layout: &Layout) -> String {
    let lang = layout.lang;
    let channels: Vec<_> = operator
        .channels
        .iter()
        .filter(|c| c.kind == kind)
        .collect();
    let described: Vec<String> = channels
        .iter()
        .map(|channel| {
            let label = channel.label.get(lang);
            let narrow = layout.width.is_some_and(|width| width < 60);
            let mut text = match &channel.address {
                // The address names the company already: "A letter to X, X, street" says it twice.
                Address::Postal(address) => address.to_string(),
                // In a narrow window the number says what the label would.
                Address::Phone(number) if narrow => match channel.address.abroad() {
                    Some(abroad) => format!(
                        "{number} {}",
                        layout.tf(Ui::FromAbroad, &[("number", &abroad)])
                    ),
                    None => number.to_string(),
                },
                Address::Phone(number) => {
                    let number = number.to_string();
                    let text = layout.tf(Ui::Joined, &[("first", &label), ("then", &number)]);
                    match channel.address.abroad() {
                        // Chinese brackets carry their own space.
                        Some(abroad) => format!(
                            "{text}{}{}",
                            if lang == Lang::Zh { "" } else { " " },
                            layout.tf(Ui::FromAbroad, &[("number", &abroad)])
                        ),
                        None => text,
                    }
                }
                Address::Email(address) => {
                    layout.tf(Ui::Joined, &[("first", &label), ("then", address)])
                }
                Address::Url(_) | Address::None => label.to_owned(),
            };
            if let Some(needs) = &channel.needs {
                text.push_str(layout.t(Ui::ListSeparator));
                text.push_str(&layout.tf(Ui::NeedsShort, &[("what", &needs.get(lang))]));
            }
            text
        })
        .collect();
    let mut option = layout.tf(
        Ui::OptionKind,
        &[
            ("kind", &channel_kind(kind, layout)),
            ("what", &described.join(" / ")),
        ],
    );
    if channels.iter().all(|c| !c.provenance.confirmed) {
        if lang != Lang::Zh {
            option.push(' ');
        }
        option.push_str(layout.t(Ui::NotConfirmedShort));
    }
    option
}

/// "Change channel: letter", an option at the review.
#[must_use]
pub fn change_label(
    question: Question,
    answers: &Answers,
    services: &Services,
    layout: &Layout,
) -> String {
    let answer = match answers.get(question) {
        Some(Value::Uses(ids)) => uses_in_words(ids, services, layout),
        Some(value) => answer_in_short(value, layout),
        None => String::new(),
    };
    layout.tf(
        Ui::ReviewChange,
        &[
            (
                "question",
                &layout.t(short_name(question, answers.acting())),
            ),
            ("answer", &answer),
        ],
    )
}

/// Whether the user writes for someone else: an estate, or the owner who authorised them.
fn for_someone_else(acting: Option<Acting>) -> bool {
    matches!(acting, Some(Acting::Estate | Acting::Proxy))
}

/// A question's short name in the review: the name is the writer's where someone else owns
/// the subscription.
#[must_use]
pub fn short_name(question: Question, acting: Option<Acting>) -> Ui {
    if question == Question::Name && for_someone_else(acting) {
        Ui::KeyWriter
    } else {
        question.row().name
    }
}
