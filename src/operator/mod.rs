//! Operator files: the model and the checks they pass (in `nocard-model`, which the build
//! script shares), and where the files come from.

mod catalog;

pub use catalog::Catalog;
pub use nocard_model::operator::*;

use crate::i18n::Ui;

/// What `rule` asks of a file, in one line, as `operators validate --help` lists it.
#[must_use]
pub fn rule_text(rule: Rule) -> Ui {
    match rule {
        Rule::Syntax => Ui::RuleNc001,
        Rule::Shape => Ui::RuleNc002,
        Rule::IdMatchesFile => Ui::RuleNc003,
        Rule::IdForm => Ui::RuleNc004,
        Rule::Duplicate => Ui::RuleNc005,
        Rule::UnknownPhase => Ui::RuleNc006,
        Rule::PhaseOrder => Ui::RuleNc007,
        Rule::StepPhase => Ui::RuleNc008,
        Rule::UnknownSituation => Ui::RuleNc009,
        Rule::UnknownSituationValue => Ui::RuleNc010,
        Rule::UnknownSource => Ui::RuleNc011,
        Rule::UnsourcedFact => Ui::RuleNc012,
        Rule::CheckedDate => Ui::RuleNc013,
        Rule::Stale => Ui::RuleNc014,
        Rule::Https => Ui::RuleNc015,
        Rule::ForeignLink => Ui::RuleNc016,
        Rule::PhoneFormat => Ui::RuleNc017,
        Rule::MissingLanguage => Ui::RuleNc018,
        Rule::ControlCharacters => Ui::RuleNc019,
        Rule::UnknownKind => Ui::RuleNc020,
        Rule::ChannelAddress => Ui::RuleNc021,
        Rule::SourceUrl => Ui::RuleNc022,
        Rule::AtLeastOneChannel => Ui::RuleNc023,
        Rule::ConfirmedExplicit => Ui::RuleNc024,
        Rule::ConfirmedBySource => Ui::RuleNc025,
        Rule::SourceDate => Ui::RuleNc026,
    }
}
