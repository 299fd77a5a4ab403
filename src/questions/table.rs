//! The rows of the question table, in the order the walk asks them.

use super::{Form, Row, Value, When};
use crate::i18n::Ui;
use crate::operator::ChannelKind;
use crate::situation::{Acting, Balance, Intent, Key, Payer, Plan, Sim};
use crate::values::{
    BankAccount, CustomerNumber, MobileNumber, PostalAddress, Reference, owner_name,
};

pub(super) static TABLE: [Row; 18] = [
    Row {
        key: "intent",
        prompt: Ui::QIntent,
        name: Ui::KeyIntent,
        form: Form::Choice(&[
            (Value::Intent(Intent::Cancel), Ui::OptIntentCancel),
            (Value::Intent(Intent::Port), Ui::OptIntentPort),
            (Value::Intent(Intent::Keep), Ui::OptIntentKeep),
        ]),
        when: When::Always,
        kept: true,
        reviewed: true,
    },
    Row {
        key: "payer",
        prompt: Ui::QPayer,
        name: Ui::KeyPayer,
        form: Form::Choice(&[
            (Value::Payer(Payer::Private), Ui::OptPayerPrivate),
            (Value::Payer(Payer::Company), Ui::OptPayerCompany),
        ]),
        // Keeping the number alive is the owner's business whoever pays.
        when: When::Only(|answers| answers.intent() != Some(Intent::Keep)),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "acting",
        prompt: Ui::QActing,
        name: Ui::KeyActing,
        form: Form::Choice(&[
            (Value::Acting(Acting::Owner), Ui::OptActingSelf),
            (Value::Acting(Acting::Estate), Ui::OptActingEstate),
            (Value::Acting(Acting::Proxy), Ui::OptActingProxy),
        ]),
        // Who writes changes the message itself; advice on keeping or porting is the same.
        when: When::Only(|answers| answers.intent() == Some(Intent::Cancel)),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "leaving",
        prompt: Ui::QLeaving,
        name: Ui::KeyLeaving,
        form: Form::Choice(&[
            (Value::Leaving(false), Ui::OptLeavingNo),
            (Value::Leaving(true), Ui::OptLeavingYes),
        ]),
        when: When::Matters(Key::Leaving),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "plan",
        prompt: Ui::QPlan,
        name: Ui::KeyPlan,
        form: Form::Choice(&[
            (Value::Plan(Plan::Postpaid), Ui::OptPlanPostpaid),
            (Value::Plan(Plan::Prepaid), Ui::OptPlanPrepaid),
        ]),
        when: When::Matters(Key::Plan),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "sim",
        prompt: Ui::QSim,
        name: Ui::KeySim,
        form: Form::Choice(&[
            (Value::Sim(Sim::Physical), Ui::OptSimPhysical),
            (Value::Sim(Sim::Esim), Ui::OptSimEsim),
        ]),
        when: When::Matters(Key::Sim),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "uses",
        prompt: Ui::QUses,
        name: Ui::KeyUses,
        form: Form::Services,
        // What depends on the number matters when it goes: not when it is kept or ported.
        when: When::Only(|answers| answers.intent() == Some(Intent::Cancel)),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "channel",
        prompt: Ui::QChannel,
        name: Ui::KeyChannel,
        form: Form::Channel,
        when: When::Always,
        kept: true,
        reviewed: true,
    },
    Row {
        key: "phone",
        prompt: Ui::QPhone,
        name: Ui::KeyPhone,
        form: Form::Text {
            parse: |input| MobileNumber::parse(input).map(Value::Phone),
            accepts: Ui::AcceptsPhone,
            sample: "912 34 567",
        },
        when: When::Always,
        kept: true,
        reviewed: true,
    },
    Row {
        key: "owner",
        prompt: Ui::QOwner,
        name: Ui::KeyOwner,
        form: Form::Text {
            parse: |input| owner_name(input).map(Value::Owner),
            accepts: Ui::AcceptsOwner,
            sample: "Kari Nordmann",
        },
        when: When::Only(|answers| {
            matches!(answers.acting(), Some(Acting::Estate | Acting::Proxy))
        }),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "name",
        prompt: Ui::QName,
        name: Ui::KeyName,
        form: Form::Text {
            parse: |input| owner_name(input).map(Value::Name),
            accepts: Ui::AcceptsName,
            sample: "Ola Nordmann",
        },
        when: When::Always,
        kept: true,
        reviewed: true,
    },
    Row {
        key: "address",
        prompt: Ui::QAddress,
        name: Ui::KeyAddress,
        form: Form::Text {
            parse: |input| PostalAddress::parse(input).map(Value::Address),
            accepts: Ui::AcceptsAddress,
            sample: "Storgata 1, 0150 Oslo",
        },
        // Only a letter has a sender block, and a postal reply.
        when: When::Only(|answers| answers.channel() == Some(ChannelKind::Letter)),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "customer_number",
        prompt: Ui::QCustomerNumber,
        name: Ui::KeyCustomerNumber,
        form: Form::Text {
            parse: |input| CustomerNumber::parse(input).map(Value::CustomerNumber),
            accepts: Ui::AcceptsCustomerNumber,
            sample: "",
        },
        // A chat, a call or a visit finds the customer by other means.
        when: When::Only(|answers| {
            matches!(
                answers.channel(),
                Some(ChannelKind::Letter | ChannelKind::Email)
            )
        }),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "balance",
        prompt: Ui::QBalance,
        name: Ui::KeyBalance,
        form: Form::Choice(&[
            (Value::Balance(Balance::Refund), Ui::OptBalanceRefund),
            (Value::Balance(Balance::Use), Ui::OptBalanceUse),
            (Value::Balance(Balance::Leave), Ui::OptBalanceLeave),
        ]),
        when: When::Only(|answers| answers.plan() == Some(Plan::Prepaid)),
        kept: true,
        reviewed: true,
    },
    Row {
        key: "account",
        prompt: Ui::QAccount,
        name: Ui::KeyAccount,
        form: Form::Text {
            parse: |input| BankAccount::parse(input).map(Value::Account),
            accepts: Ui::AcceptsAccount,
            sample: "1234.56.78903",
        },
        when: When::Only(crate::answers::Answers::wants_refund),
        kept: false,
        reviewed: true,
    },
    Row {
        key: "sent",
        prompt: Ui::QSent,
        name: Ui::KeySent,
        // "Not yet" first: an Enter pressed by reflex must not record a case.
        form: Form::Choice(&[
            (Value::Sent(false), Ui::OptSentNo),
            (Value::Sent(true), Ui::OptSentYes),
        ]),
        when: When::Always,
        kept: true,
        reviewed: false,
    },
    Row {
        key: "reference",
        prompt: Ui::QReference,
        name: Ui::KeyReference,
        form: Form::Text {
            parse: |input| Reference::parse(input).map(Value::Reference),
            accepts: Ui::AcceptsReference,
            sample: "",
        },
        when: When::Only(|answers| answers.sent() == Some(true)),
        kept: true,
        reviewed: false,
    },
    Row {
        key: "calendar",
        prompt: Ui::QCalendar,
        name: Ui::KeyCalendar,
        form: Form::Choice(&[
            (Value::Calendar(false), Ui::OptCalendarNo),
            (Value::Calendar(true), Ui::OptCalendarYes),
        ]),
        // The dates count from the day it was sent.
        when: When::Only(|answers| answers.sent() == Some(true)),
        kept: true,
        reviewed: false,
    },
];
