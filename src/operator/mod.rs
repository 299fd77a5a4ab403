//! Operator files: the model and the checks they pass (in `nocard-model`, which the build
//! script shares), and where the files come from.

mod catalog;

pub use catalog::Catalog;
pub use nocard_model::operator::*;
