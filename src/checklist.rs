//! Which precautions hold: the common ones first, then the operator's, for a situation.

use crate::operator::{Common, Entry, Operator};
use crate::situation::Situation;

/// The precautions for one operator (or none) and situation, in the order they are shown.
#[derive(Debug)]
pub struct Checklist<'a> {
    pub operator: Option<&'a Operator>,
    pub items: Vec<Item<'a>>,
}

/// One precaution and whose it is.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub entry: &'a Entry,
    /// `None` for a common precaution, else the operator it belongs to.
    pub operator: Option<&'a Operator>,
}

impl<'a> Checklist<'a> {
    /// The precautions that can hold in `situation`; an empty situation admits all.
    #[must_use]
    pub fn new(common: &'a Common, operator: Option<&'a Operator>, situation: &Situation) -> Self {
        let common_items = common.precautions.iter().map(|entry| Item {
            entry,
            operator: None,
        });
        let operator_items = operator.into_iter().flat_map(|operator| {
            operator.precautions.iter().map(move |entry| Item {
                entry,
                operator: Some(operator),
            })
        });
        let items = common_items
            .chain(operator_items)
            .filter(|item| item.entry.when.admits(situation))
            .collect();
        Checklist { operator, items }
    }
}
