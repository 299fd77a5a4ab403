//! nocard's procedure model: operators, their channels and steps, the situations steps apply
//! to, and the checks an operator file must pass to become the model. Pure, with no terminal
//! and no files: the binary and its build script share it, so the shipped files are checked,
//! and turned into a compact form, when nocard is built.

pub mod bake;
pub mod limits;
pub mod operator;
pub mod situation;
pub mod text;
