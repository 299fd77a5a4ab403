//! The procedure's rules: the notice period, the channels and their addresses, the steps and
//! precautions, and their conditions.

use super::{
    Address, Channel, ChannelKind, Checker, Choice, Condition, Context, Entry, Fact, HashSet, Key,
    NoticeRule, Phase, Problem, RawChannel, RawCondition, RawEntry, Spanned, Step,
    is_norwegian_service_number, is_operator_id,
};

impl Checker<'_> {
    pub(super) fn notice_rule(&mut self, rule: &Spanned<String>) -> NoticeRule {
        NoticeRule::from_word(rule.get_ref()).unwrap_or_else(|| {
            self.report(rule, Problem::UnknownNoticeRule(rule.get_ref().clone()));
            NoticeRule::Unknown
        })
    }

    pub(super) fn channels(&mut self, ctx: &Context, raw: Vec<RawChannel>) -> Vec<Channel> {
        let mut seen = HashSet::new();
        let mut channels = Vec::with_capacity(raw.len());
        for channel in raw {
            self.unique(&mut seen, "channel", &channel.id);
            let Some(kind) = ChannelKind::from_word(channel.kind.get_ref()) else {
                self.report(
                    &channel.kind,
                    Problem::UnknownChannelKind(channel.kind.get_ref().clone()),
                );
                continue;
            };
            let address = self.address(ctx, kind, &channel);
            let fact = Fact {
                what: format!("channel `{}`", channel.id.get_ref()),
                at: channel.id.span(),
                sources: &channel.sources,
                confirmed: channel.confirmed,
                check_on: channel.check_on,
            };
            channels.push(Channel {
                address,
                provenance: self.provenance(ctx, fact),
                id: channel.id.into_inner().into(),
                kind,
                label: self.prose(channel.label),
                needs: channel.needs.map(|text| self.prose(text)),
                note: channel.note.map(|text| self.prose(text)),
            });
        }
        channels
    }

    /// Each kind of channel takes one kind of address, and no other.
    pub(super) fn address(
        &mut self,
        ctx: &Context,
        kind: ChannelKind,
        channel: &RawChannel,
    ) -> Address {
        let fields = [
            ("number", &channel.number),
            ("url", &channel.url),
            ("email", &channel.email),
            ("address", &channel.address),
        ];
        let (wanted, required) = match kind {
            ChannelKind::Phone => ("number", true),
            ChannelKind::Letter => ("address", true),
            // Where the operator's page for a chat, app or store, or its e-mail address, was not
            // found, the channel is still worth naming, with the user sent to check on the
            // operator's site.
            ChannelKind::Email => ("email", false),
            ChannelKind::Web | ChannelKind::Chat | ChannelKind::App | ChannelKind::Store => {
                ("url", false)
            }
        };
        for (field, value) in fields {
            if let Some(value) = value.as_ref().filter(|_| field != wanted) {
                self.report(
                    value,
                    Problem::StrayAddress {
                        channel: channel.id.get_ref().clone(),
                        kind: kind.word(),
                        field,
                    },
                );
            }
        }
        let value = fields
            .iter()
            .find(|(field, _)| *field == wanted)
            .and_then(|(_, value)| value.as_ref());
        let Some(value) = value else {
            if required {
                self.report(
                    &channel.kind,
                    Problem::MissingAddress {
                        channel: channel.id.get_ref().clone(),
                        kind: kind.word(),
                        field: wanted,
                    },
                );
            }
            return Address::None;
        };
        match kind {
            ChannelKind::Phone => {
                if !is_norwegian_service_number(value.get_ref()) {
                    self.report(value, Problem::BadPhoneNumber(value.get_ref().clone()));
                }
                Address::Phone(value.get_ref().clone().into())
            }
            ChannelKind::Email => Address::Email(value.get_ref().clone().into()),
            ChannelKind::Letter => Address::Postal(value.get_ref().clone().into()),
            ChannelKind::Web | ChannelKind::Chat | ChannelKind::App | ChannelKind::Store => {
                Address::Url(self.link(ctx, value.clone()).into())
            }
        }
    }

    pub(super) fn steps(&mut self, ctx: &Context, raw: Vec<RawEntry>) -> Vec<Step> {
        let mut seen = HashSet::new();
        let mut latest = Phase::Preparation;
        let mut steps = Vec::with_capacity(raw.len());
        for mut entry in raw {
            self.unique(&mut seen, "step", &entry.id);
            let Some(word) = entry.phase.take() else {
                self.report(&entry.id, Problem::MissingPhase(entry.id.get_ref().clone()));
                continue;
            };
            let Some(phase) = Phase::from_word(word.get_ref()) else {
                self.report(&word, Problem::UnknownPhase(word.get_ref().clone()));
                continue;
            };
            if phase < latest {
                self.report(
                    &word,
                    Problem::PhaseOutOfOrder {
                        step: entry.id.get_ref().clone(),
                        phase: phase.word(),
                        after: latest.word(),
                    },
                );
            }
            latest = latest.max(phase);
            steps.push(Step {
                phase,
                entry: self.entry(ctx, "step", entry),
            });
        }
        steps
    }

    pub(super) fn precautions(&mut self, ctx: &Context, raw: Vec<RawEntry>) -> Vec<Entry> {
        self.entries(ctx, "precaution", raw)
    }

    /// The services of `services.toml`. Users name them in answers files (`uses = ["bankid"]`),
    /// so their ids have the form operator ids have.
    pub(super) fn services(&mut self, ctx: &Context, raw: Vec<RawEntry>) -> Vec<Entry> {
        for entry in &raw {
            if !is_operator_id(entry.id.get_ref()) {
                self.report(
                    &entry.id,
                    Problem::InvalidEntryId {
                        what: "service",
                        id: entry.id.get_ref().clone(),
                    },
                );
            }
        }
        self.entries(ctx, "service", raw)
    }

    /// Precautions or services (`what` says which): unique ids, no phase.
    fn entries(&mut self, ctx: &Context, what: &'static str, raw: Vec<RawEntry>) -> Vec<Entry> {
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|entry| {
                self.unique(&mut seen, what, &entry.id);
                if let Some(phase) = &entry.phase {
                    self.report(
                        phase,
                        Problem::PhaseOffStep {
                            what,
                            id: entry.id.get_ref().clone(),
                        },
                    );
                }
                self.entry(ctx, what, entry)
            })
            .collect()
    }

    /// A step, precaution or service; `what` is which, for messages.
    pub(super) fn entry(&mut self, ctx: &Context, what: &str, entry: RawEntry) -> Entry {
        let fact = Fact {
            what: format!("{what} `{}`", entry.id.get_ref()),
            at: entry.id.span(),
            sources: &entry.sources,
            confirmed: entry.confirmed,
            check_on: entry.check_on,
        };
        Entry {
            when: self.condition(&entry.when.unwrap_or_default()),
            provenance: self.provenance(ctx, fact),
            id: entry.id.into_inner().into(),
            title: self.prose(entry.title),
            detail: self.prose(entry.detail),
        }
    }

    pub(super) fn condition(&mut self, raw: &RawCondition) -> Condition {
        let mut condition = Condition::default();
        for (key, words) in raw {
            match Key::ALL.into_iter().find(|k| k.word() == key.get_ref()) {
                Some(Key::Intent) => condition.intent = self.choices(words).into(),
                Some(Key::Acting) => condition.acting = self.choices(words).into(),
                Some(Key::Leaving) => condition.leaving = self.choices(words).into(),
                Some(Key::Plan) => condition.plan = self.choices(words).into(),
                Some(Key::Sim) => condition.sim = self.choices(words).into(),
                Some(Key::Payer) => condition.payer = self.choices(words).into(),
                Some(Key::Balance) => condition.balance = self.choices(words).into(),
                Some(Key::Channel) => condition.channel = self.choices(words).into(),
                Some(Key::Stage) => condition.stage = self.choices(words).into(),
                None => self.report(key, Problem::UnknownSituation(key.get_ref().clone())),
            }
        }
        condition
    }

    pub(super) fn choices<C: Choice>(&mut self, words: &[Spanned<String>]) -> Vec<C> {
        words
            .iter()
            .filter_map(|word| {
                let choice = C::from_word(word.get_ref());
                if choice.is_none() {
                    self.report(
                        word,
                        Problem::UnknownSituationValue {
                            key: C::KEY.word(),
                            value: word.get_ref().clone(),
                            expected: C::words(),
                        },
                    );
                }
                choice
            })
            .collect()
    }
}
