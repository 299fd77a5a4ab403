//! The user's situation (what they want, what kind of subscription they have) and the
//! conditions that operator files put on steps and precautions.

use std::fmt;

use crate::operator::ChannelKind;
use crate::text::List;

/// A fixed set of answers to one situation question, spelled in files as lowercase words.
pub trait Choice: Copy + Eq + fmt::Debug + 'static {
    /// The key that names this question in operator files and answers files.
    const KEY: Key;
    /// Every answer, in the order they are offered.
    const ALL: &'static [Self];
    /// The word for this answer in files and on the command line.
    fn word(self) -> &'static str;

    /// The answer spelled `word`, if there is one.
    fn from_word(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.word() == word)
    }

    /// The accepted words, for error messages: `cancel, port, keep`.
    fn words() -> String {
        Self::ALL
            .iter()
            .map(|c| c.word())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident, $key:ident, { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "lowercase")] // the words of files: `cancel`, `esim`
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl Choice for $name {
            const KEY: Key = Key::$key;
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn word(self) -> &'static str {
                match self { $(Self::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.word())
            }
        }
    };
}

choice!(
    /// What the user wants to happen to the number.
    Intent, Intent, {
        /// End the subscription and give up the number.
        Cancel = "cancel",
        /// Keep the number with another operator (porting).
        Port = "port",
        /// Keep the number alive without using it.
        Keep = "keep",
    }
);

choice!(
    /// How the subscription is paid.
    Plan, Plan, {
        /// Invoiced after use (abonnement).
        Postpaid = "postpaid",
        /// Paid in advance (kontantkort).
        Prepaid = "prepaid",
    }
);

choice!(
    /// The kind of SIM the number lives on.
    Sim, Sim, {
        /// A plastic SIM card.
        Physical = "physical",
        /// A downloaded eSIM profile.
        Esim = "esim",
    }
);

choice!(
    /// Who pays for the subscription.
    Payer, Payer, {
        /// The user pays.
        Private = "private",
        /// An employer pays (bedriftsabonnement).
        Company = "company",
    }
);

choice!(
    /// What to do with a prepaid balance.
    Balance, Balance, {
        /// Ask the operator to pay it out.
        Refund = "refund",
        /// Spend it before the number ends.
        Use = "use",
        /// Let it go.
        Leave = "leave",
    }
);

choice!(
    /// Who is acting: the owner, for a deceased owner's estate, or with the owner's written
    /// authorisation.
    Acting, Acting, {
        /// The subscription is the user's own.
        Owner = "self",
        /// The owner has died: the user acts for the estate (dødsbo).
        Estate = "estate",
        /// The user acts with the owner's written authorisation (fullmakt).
        Proxy = "proxy",
    }
);

choice!(
    /// Whether the user is leaving Norway (or has left).
    Leaving, Leaving, {
        Yes = "yes",
        No = "no",
    }
);

choice!(
    /// Where the request stands: advice for before it is sent, or for after.
    Stage, Stage, {
        /// Nothing sent yet: what to do first.
        Before = "before",
        /// The request went out: what to do until the subscription has ended.
        After = "after",
    }
);

/// What a step or precaution can depend on: the situation questions, in the order the walk
/// asks them, the channel chosen, and whether the request was sent.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Key {
    Intent,
    Acting,
    Leaving,
    Plan,
    Sim,
    Payer,
    Balance,
    Channel,
    Stage,
}

impl Key {
    pub const ALL: [Key; 9] = [
        Key::Intent,
        Key::Acting,
        Key::Leaving,
        Key::Plan,
        Key::Sim,
        Key::Payer,
        Key::Balance,
        Key::Channel,
        Key::Stage,
    ];

    /// The key as spelled in files.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Key::Intent => "intent",
            Key::Acting => "acting",
            Key::Leaving => "leaving",
            Key::Plan => "plan",
            Key::Sim => "sim",
            Key::Payer => "payer",
            Key::Balance => "balance",
            Key::Channel => "channel",
            Key::Stage => "stage",
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// What is known so far about the user; `None` is "not asked (yet)".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Situation {
    pub intent: Option<Intent>,
    pub acting: Option<Acting>,
    pub leaving: Option<Leaving>,
    pub plan: Option<Plan>,
    pub sim: Option<Sim>,
    pub payer: Option<Payer>,
    pub balance: Option<Balance>,
    pub channel: Option<ChannelKind>,
    pub stage: Option<Stage>,
}

/// The situations a step or precaution applies to. An empty list admits every answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Condition {
    pub intent: List<Intent>,
    pub acting: List<Acting>,
    pub leaving: List<Leaving>,
    pub plan: List<Plan>,
    pub sim: List<Sim>,
    pub payer: List<Payer>,
    pub balance: List<Balance>,
    pub channel: List<ChannelKind>,
    pub stage: List<Stage>,
}

impl Condition {
    /// Whether the condition can hold in `situation`. An unanswered question never excludes,
    /// so a checklist printed without a situation shows everything.
    #[must_use]
    pub fn admits(&self, situation: &Situation) -> bool {
        admits(&self.intent, situation.intent)
            && admits(&self.acting, situation.acting)
            && admits(&self.leaving, situation.leaving)
            && admits(&self.plan, situation.plan)
            && admits(&self.sim, situation.sim)
            && admits(&self.payer, situation.payer)
            && admits(&self.balance, situation.balance)
            && admits(&self.channel, situation.channel)
            && admits(&self.stage, situation.stage)
    }

    /// Whether the condition depends on the answer to `key`.
    #[must_use]
    pub fn mentions(&self, key: Key) -> bool {
        match key {
            Key::Intent => !self.intent.is_empty(),
            Key::Acting => !self.acting.is_empty(),
            Key::Leaving => !self.leaving.is_empty(),
            Key::Plan => !self.plan.is_empty(),
            Key::Sim => !self.sim.is_empty(),
            Key::Payer => !self.payer.is_empty(),
            Key::Balance => !self.balance.is_empty(),
            Key::Channel => !self.channel.is_empty(),
            Key::Stage => !self.stage.is_empty(),
        }
    }

    /// Whether the condition admits every situation.
    #[must_use]
    pub fn is_always(&self) -> bool {
        Key::ALL.iter().all(|&key| !self.mentions(key))
    }

    /// The condition as `(key, accepted words)` pairs, for rendering: `[("plan", ["prepaid"])]`.
    #[must_use]
    pub fn terms(&self) -> Vec<(Key, Vec<&'static str>)> {
        fn words<C: Choice>(list: &[C]) -> Vec<&'static str> {
            list.iter().map(|c| c.word()).collect()
        }
        [
            (Key::Intent, words(&self.intent)),
            (Key::Acting, words(&self.acting)),
            (Key::Leaving, words(&self.leaving)),
            (Key::Plan, words(&self.plan)),
            (Key::Sim, words(&self.sim)),
            (Key::Payer, words(&self.payer)),
            (Key::Balance, words(&self.balance)),
            (Key::Channel, words(&self.channel)),
            (Key::Stage, words(&self.stage)),
        ]
        .into_iter()
        .filter(|(_, words)| !words.is_empty())
        .collect()
    }
}

fn admits<T: PartialEq + Copy>(allowed: &[T], actual: Option<T>) -> bool {
    allowed.is_empty() || actual.is_none_or(|value| allowed.contains(&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unanswered_question_never_excludes() {
        let prepaid_only = Condition {
            plan: vec![Plan::Prepaid].into(),
            ..Condition::default()
        };
        assert!(prepaid_only.admits(&Situation::default()));
        let postpaid = Situation {
            plan: Some(Plan::Postpaid),
            ..Situation::default()
        };
        assert!(!prepaid_only.admits(&postpaid));
    }

    #[test]
    fn words_round_trip() {
        for &intent in Intent::ALL {
            assert_eq!(Intent::from_word(intent.word()), Some(intent));
        }
        assert_eq!(Balance::from_word("Refund"), None);
        assert_eq!(Sim::words(), "physical, esim");
    }

    #[test]
    fn terms_list_only_the_keys_a_condition_uses() {
        let condition = Condition {
            intent: vec![Intent::Cancel, Intent::Keep].into(),
            sim: vec![Sim::Esim].into(),
            ..Condition::default()
        };
        assert_eq!(
            condition.terms(),
            vec![
                (Key::Intent, vec!["cancel", "keep"]),
                (Key::Sim, vec!["esim"])
            ]
        );
        assert!(Condition::default().is_always());
    }
}
