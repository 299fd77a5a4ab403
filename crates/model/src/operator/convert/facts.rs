//! The facts' own rules: the file's date and id, its sources and their dates, links, and
//! whether each fact is confirmed.

use super::{
    Checker, Context, Date, DateKind, Dated, Fact, HashSet, Problem, Provenance, RawSource, Source,
    SourceKind, Spanned, is_operator_id, is_stale, local_date, on_domains,
};

impl Checker<'_> {
    /// `checked`: present, a date, not in the future, not older than a year.
    pub(super) fn checked(&mut self, value: Option<&Spanned<toml::value::Datetime>>) -> Date {
        let Some(value) = value else {
            self.note(None, Problem::CheckedMissing);
            return Date::default();
        };
        let date = self.date(value);
        if date == Date::default() {
            // Not a date: reported already.
        } else if date > self.today {
            self.report(value, Problem::CheckedInFuture(date));
        } else if is_stale(date, self.today) {
            self.report(value, Problem::Stale(date));
        }
        date
    }

    /// An https address on the operator's own domains or a public authority's.
    pub(super) fn link(&mut self, ctx: &Context, url: Spanned<String>) -> String {
        if !url.get_ref().starts_with("https://") {
            self.report(&url, Problem::NotHttps(url.get_ref().clone()));
        } else if !ctx.common && !on_domains(url.get_ref(), ctx.domains) {
            self.report(&url, Problem::ForeignLink(url.get_ref().clone()));
        }
        url.into_inner()
    }

    pub(super) fn file_id(&mut self, id: &Spanned<String>, stem: &str) {
        if stem != "common" && !is_operator_id(id.get_ref()) {
            self.report(id, Problem::InvalidId(id.get_ref().clone()));
        } else if id.get_ref() != stem {
            self.report(
                id,
                Problem::IdMismatch {
                    id: id.get_ref().clone(),
                    stem: stem.to_owned(),
                },
            );
        }
    }

    pub(super) fn unique(
        &mut self,
        seen: &mut HashSet<String>,
        what: &'static str,
        id: &Spanned<String>,
    ) {
        if !seen.insert(id.get_ref().clone()) {
            self.report(
                id,
                Problem::Duplicate {
                    what,
                    id: id.get_ref().clone(),
                },
            );
        }
    }

    pub(super) fn date(&mut self, value: &Spanned<toml::value::Datetime>) -> Date {
        local_date(value.get_ref()).unwrap_or_else(|| {
            self.report(value, Problem::NotADate);
            Date::default()
        })
    }

    pub(super) fn https(&mut self, url: Spanned<String>) -> String {
        if !url.get_ref().starts_with("https://") {
            self.report(&url, Problem::NotHttps(url.get_ref().clone()));
        }
        url.into_inner()
    }

    /// An authority's page, on an authority's domain.
    pub(super) fn authority(&mut self, url: Spanned<String>) -> String {
        if url.get_ref().starts_with("https://") && !on_domains(url.get_ref(), &[]) {
            self.report(&url, Problem::ForeignLink(url.get_ref().clone()));
        }
        self.https(url)
    }

    pub(super) fn sources(&mut self, ctx: &Context, raw: Vec<RawSource>) -> Vec<Source> {
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|source| {
                self.unique(&mut seen, "source", &source.id);
                let kind = SourceKind::from_word(source.kind.get_ref()).unwrap_or_else(|| {
                    self.report(
                        &source.kind,
                        Problem::UnknownSourceKind(source.kind.get_ref().clone()),
                    );
                    SourceKind::ThirdParty
                });
                let dated = self.dated(&source);
                // Old pages are cited as they were archived, often over http; only official and
                // authority pages are ever shown as links, and those must be https.
                let url = match (kind, source.url) {
                    (SourceKind::Official, Some(url)) => Some(self.link(ctx, url)),
                    (SourceKind::Authority, Some(url)) => Some(self.authority(url)),
                    (_, Some(url)) if kind.is_linkable() => Some(self.https(url)),
                    (_, None) if kind.is_linkable() => {
                        self.report(&source.id, Problem::MissingUrl(source.id.get_ref().clone()));
                        None
                    }
                    (_, url) => url.map(Spanned::into_inner),
                };
                Source {
                    id: source.id.into_inner().into(),
                    title: self.prose(source.title),
                    url: url.map(Into::into),
                    kind,
                    dated,
                }
            })
            .collect()
    }

    /// The date a source shows: `dated` (a TOML date), of the kind `dated_as` names, or
    /// `undated = true`. Exactly one of the two; a source that gives neither is read as undated.
    pub(super) fn dated(&mut self, source: &RawSource) -> Dated {
        let id = source.id.get_ref();
        let undated = source.undated.as_ref().filter(|flag| *flag.get_ref());
        let kind = source.dated_as.as_ref().map_or(DateKind::Shown, |word| {
            DateKind::from_word(word.get_ref()).unwrap_or_else(|| {
                self.report(word, Problem::UnknownDateKind(word.get_ref().clone()));
                DateKind::Shown
            })
        });
        let Some(value) = &source.dated else {
            if let Some(word) = &source.dated_as {
                self.report(word, Problem::DateKindWithoutDate(id.clone()));
            } else if undated.is_none() {
                self.report(&source.id, Problem::SourceUndated(id.clone()));
            }
            return Dated::Undated;
        };
        if let Some(flag) = undated {
            self.report(flag, Problem::DatedAndUndated(id.clone()));
        }
        let date = match value.get_ref() {
            toml::Value::Datetime(datetime) => local_date(datetime),
            _ => None,
        };
        if let Some(date) = date {
            Dated::On { date, kind }
        } else {
            self.report(value, Problem::DatedNotADate);
            Dated::Undated
        }
    }

    /// Where a fact comes from, and whether it is confirmed: every fact cites a source, says
    /// whether it is confirmed, and is confirmed only on an official or authority source. A
    /// fact the file does not say, or cannot show, to be confirmed is taken as not confirmed.
    pub(super) fn provenance(&mut self, ctx: &Context, fact: Fact) -> Provenance {
        if fact.sources.is_empty() {
            self.note(
                Some(fact.at.clone()),
                Problem::UnsourcedFact(fact.what.clone()),
            );
        }
        let mut all_found = true;
        let sources: Vec<Source> = fact
            .sources
            .iter()
            .filter_map(|id| {
                let found = ctx.sources.iter().find(|s| s.id == *id.get_ref()).cloned();
                if found.is_none() {
                    all_found = false;
                    self.report(id, Problem::UnknownSource(id.get_ref().clone()));
                }
                found
            })
            .collect();
        let earned = sources.iter().any(|source| source.kind.can_confirm());
        let confirmed = match &fact.confirmed {
            None => {
                self.note(
                    Some(fact.at.clone()),
                    Problem::ConfirmedMissing(fact.what.clone()),
                );
                false
            }
            Some(said) if *said.get_ref() && !earned => {
                // With no sources, or one that is not in the file, the fact is reported already.
                if !fact.sources.is_empty() && all_found {
                    self.report(
                        said,
                        Problem::ConfirmedWithoutOfficialSource(fact.what.clone()),
                    );
                }
                false
            }
            Some(said) => *said.get_ref(),
        };
        // The common file has no home page: an unconfirmed fact there is checked on its own
        // official or authority source, and with none is shown without a page to check.
        let check_on = match fact.check_on {
            Some(url) => self.link(ctx, url),
            None if ctx.home.is_empty() => sources
                .iter()
                .find_map(Source::link)
                .unwrap_or_default()
                .to_owned(),
            None => ctx.home.to_owned(),
        };
        Provenance {
            sources: sources.into(),
            confirmed,
            check_on: check_on.into(),
        }
    }
}
