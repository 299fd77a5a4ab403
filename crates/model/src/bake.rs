//! The model as Rust source: the build script writes each shipped file's model as a `static`,
//! so the binary holds it ready to use, every language in it, and nothing is decoded at
//! start-up. Each type writes the constant expression that builds it; a struct lists its
//! fields once, in `baked!`, and the compiler refuses the generated code if one is missing.
//! (`databake` does this with a derive, but cannot bake jiff's dates.)

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::operator::{
    Address, Channel, ChannelKind, Common, DateKind, Dated, Entry, Network, Notice, NoticeRule,
    Operator, OperatorId, Phase, Provenance, Services, Source, SourceKind, Step,
};
use crate::situation::{Acting, Balance, Condition, Intent, Leaving, Payer, Plan, Sim, Stage};
use crate::text::{List, Str, Text};

/// A value that can write itself as a constant Rust expression.
pub trait Bake {
    fn bake(&self, out: &mut String);
}

/// `value` as a constant Rust expression.
#[must_use]
pub fn baked(value: &impl Bake) -> String {
    let mut out = String::new();
    value.bake(&mut out);
    out
}

impl Bake for Str {
    fn bake(&self, out: &mut String) {
        // Debug writes a string as a Rust literal: quotes, `\n`, `\"`, `\u{1b}` escaped.
        let _ = write!(out, "::std::borrow::Cow::Borrowed({:?})", &**self);
    }
}

impl Bake for bool {
    fn bake(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl<T: Bake> Bake for Option<T> {
    fn bake(&self, out: &mut String) {
        match self {
            Some(value) => {
                out.push_str("Some(");
                value.bake(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: Bake + Clone> Bake for List<T> {
    fn bake(&self, out: &mut String) {
        out.push_str("::std::borrow::Cow::Borrowed(&[");
        for item in self.iter() {
            item.bake(out);
            out.push(',');
        }
        out.push_str("])");
    }
}

impl Bake for Date {
    fn bake(&self, out: &mut String) {
        let _ = write!(
            out,
            "::jiff::civil::date({}, {}, {})",
            self.year(),
            self.month(),
            self.day()
        );
    }
}

impl Bake for OperatorId {
    fn bake(&self, out: &mut String) {
        let _ = write!(
            out,
            "::nocard_model::operator::OperatorId::built_in({:?})",
            self.as_str()
        );
    }
}

/// Writes a struct literal: `path::Type { field: …, … }`.
macro_rules! baked {
    ($path:literal, $type:ident { $($field:ident),+ $(,)? }) => {
        impl Bake for $type {
            fn bake(&self, out: &mut String) {
                out.push_str(concat!("::nocard_model::", $path, "::", stringify!($type), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.bake(out);
                    out.push(',');
                )+
                out.push('}');
            }
        }
    };
}

/// Writes a unit variant: `path::Type::Variant`, by its `Debug` name.
macro_rules! baked_enum {
    ($path:literal, $($type:ident),+ $(,)?) => {
        $(
            impl Bake for $type {
                fn bake(&self, out: &mut String) {
                    let _ = write!(
                        out,
                        concat!("::nocard_model::", $path, "::", stringify!($type), "::{:?}"),
                        self
                    );
                }
            }
        )+
    };
}

baked_enum!(
    "situation",
    Intent,
    Acting,
    Leaving,
    Plan,
    Sim,
    Payer,
    Balance,
    Stage
);
baked_enum!(
    "operator",
    ChannelKind,
    SourceKind,
    NoticeRule,
    Phase,
    DateKind
);

baked!("text", Text { en, nb, zh });
baked!(
    "situation",
    Condition {
        intent,
        acting,
        leaving,
        plan,
        sim,
        payer,
        balance,
        channel,
        stage
    }
);
baked!(
    "operator",
    Source {
        id,
        title,
        url,
        kind,
        dated
    }
);
baked!(
    "operator",
    Provenance {
        sources,
        confirmed,
        check_on
    }
);
baked!("operator", Network { name, provenance });
baked!(
    "operator",
    Notice {
        rule,
        detail,
        provenance
    }
);
baked!(
    "operator",
    Channel {
        id,
        kind,
        label,
        address,
        needs,
        note,
        provenance
    }
);
baked!(
    "operator",
    Entry {
        id,
        when,
        title,
        detail,
        provenance
    }
);
baked!("operator", Step { phase, entry });
baked!(
    "operator",
    Operator {
        id,
        name,
        legal_name,
        org_number,
        brands,
        domains,
        network,
        home,
        checked,
        sources,
        notice,
        channels,
        steps,
        precautions
    }
);
baked!(
    "operator",
    Common {
        checked,
        sources,
        precautions
    }
);
baked!(
    "operator",
    Services {
        checked,
        sources,
        services
    }
);

impl Bake for Dated {
    fn bake(&self, out: &mut String) {
        match self {
            Dated::On { date, kind } => {
                out.push_str("::nocard_model::operator::Dated::On { date: ");
                date.bake(out);
                out.push_str(", kind: ");
                kind.bake(out);
                out.push('}');
            }
            Dated::Undated => out.push_str("::nocard_model::operator::Dated::Undated"),
        }
    }
}

impl Bake for Address {
    fn bake(&self, out: &mut String) {
        let (variant, value) = match self {
            Address::Phone(value) => ("Phone", value),
            Address::Url(value) => ("Url", value),
            Address::Email(value) => ("Email", value),
            Address::Postal(value) => ("Postal", value),
            Address::None => {
                out.push_str("::nocard_model::operator::Address::None");
                return;
            }
        };
        let _ = write!(out, "::nocard_model::operator::Address::{variant}(");
        value.bake(out);
        out.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_rust_literals() {
        let text: Str = "a \"quoted\"\nline \u{1b}".into();
        assert_eq!(
            baked(&text),
            "::std::borrow::Cow::Borrowed(\"a \\\"quoted\\\"\\nline \\u{1b}\")"
        );
        assert_eq!(
            baked(&Some(Intent::Cancel)),
            "Some(::nocard_model::situation::Intent::Cancel)"
        );
        assert_eq!(
            baked(&jiff::civil::date(2026, 11, 5)),
            "::jiff::civil::date(2026, 11, 5)"
        );
    }
}
