//! What to say on the phone or in a store: where to call or go, what to have ready, the
//! lines to say in Norwegian with their meaning under each, and what to note down.

use std::fmt::Write as _;

use super::Request;
use crate::i18n::{Ui, long_date};
use crate::operator::{Address, ChannelKind};
use crate::situation::Plan;
use crate::text::Lang;

/// The script, whole, for its file; and what the screen shows of it: where to call or go,
/// what to have ready and what to say, without the title and the closing note.
pub(super) fn script(request: &Request, lang: Lang) -> (String, String) {
    let operator = request.operator;
    let channel = request.channel();
    let page = channel
        .map(|channel| &*channel.provenance.check_on)
        .filter(|page| !page.is_empty())
        .unwrap_or(&operator.home);
    let mut out = String::new();
    let mut line = |text: String| {
        let _ = writeln!(out, "{text}");
    };
    match channel.map(|channel| &channel.address) {
        Some(address @ Address::Phone(number)) => line(match address.abroad() {
            Some(abroad) => {
                Ui::ScriptCallAbroad.fill(lang, &[("number", number), ("abroad", &abroad)])
            }
            None => Ui::ScriptCall.fill(lang, &[("number", number)]),
        }),
        _ if request.channel == ChannelKind::Phone => {
            line(
                Ui::ScriptCallUnknown.fill(lang, &[("operator", &operator.name), ("page", &page)]),
            );
        }
        _ => {}
    }
    if request.channel == ChannelKind::Store
        && let Some(channel) = channel
    {
        line(Ui::ScriptVisit.fill(lang, &[("where", &channel.label.get(lang))]));
    }
    if channel.is_some_and(|channel| !channel.provenance.confirmed) {
        line(Ui::ScriptUnconfirmed.fill(lang, &[("page", &page)]));
    }
    // Someone acting for the owner shows the papers that let them, and their own
    // identification; what the channel needs is the owner's own proof.
    match (
        request.on_behalf,
        channel.and_then(|channel| channel.needs.as_ref()),
    ) {
        (Some(super::OnBehalf::Estate(_)), _) => {
            line(Ui::ScriptReadyEstate.fill(lang, &[("operator", &operator.name)]));
        }
        (Some(super::OnBehalf::Proxy(owner)), _) => line(
            Ui::ScriptReadyProxy.fill(lang, &[("operator", &operator.name), ("owner", &owner)]),
        ),
        (None, Some(needs)) => {
            line(Ui::ScriptHaveReady.fill(lang, &[("what", &needs.get(lang))]));
        }
        (None, None) => {
            line(Ui::ScriptProveOwner.fill(lang, &[("operator", &operator.name), ("page", &page)]));
        }
    }
    let _ = writeln!(out, "\n{}\n", Ui::ScriptSay.get(lang));
    let number = request.phone.national();
    let (hello, owner) = match (request.on_behalf, request.plan) {
        // In a store you do not call.
        (Some(super::OnBehalf::Estate(owner)), _) if request.channel == ChannelKind::Store => {
            (Ui::MsgSayEstateVisit, owner)
        }
        (Some(super::OnBehalf::Estate(owner)), _) => (Ui::MsgSayEstate, owner),
        (Some(super::OnBehalf::Proxy(owner)), _) => (Ui::MsgSayProxy, owner),
        (None, Plan::Postpaid) => (Ui::MsgSayPostpaid, ""),
        (None, Plan::Prepaid) => (Ui::MsgSayPrepaid, ""),
    };
    let both = |key: Ui, args: &[(&str, &dyn std::fmt::Display)]| {
        (key.fill(Lang::Nb, args), key.fill(lang, args))
    };
    // What is cancelled, in each language: a subscription, or a prepaid card.
    let what = |lang| super::what_is_cancelled(request.plan).get(lang);
    let hello_in = |in_lang: Lang| {
        hello.fill(
            in_lang,
            &[
                ("name", &request.name),
                ("number", &number),
                ("owner", &owner),
                ("what", &what(in_lang)),
            ],
        )
    };
    let mut says = vec![(hello_in(Lang::Nb), hello_in(lang))];
    if let Some(account) = request.refund_to {
        says.push(both(Ui::MsgSayRefund, &[("account", account)]));
    }
    let ask = match request.channel {
        ChannelKind::Store => Ui::MsgSayReceipt,
        _ => Ui::MsgSayConfirm,
    };
    says.push(both(ask, &[]));
    for (norwegian, meaning) in says {
        let _ = writeln!(out, "  «{norwegian}»");
        if lang != Lang::Nb {
            let _ = writeln!(out, "   {meaning}");
        }
        out.push('\n');
    }
    let shown = out.trim_end().to_owned() + "\n";
    let date = long_date(request.today, lang);
    let _ = writeln!(out, "{}", Ui::ScriptNote.fill(lang, &[("date", &date)]));
    let title = Ui::ScriptTitle.fill(lang, &[("operator", &operator.name)]);
    (format!("{title}\n\n{out}"), shown)
}

/// A script's `shown` text in brief, for a narrow window: where to call or go (its first
/// line) and the lines to say in Norwegian (`  «…»`, as `script` writes them), without what
/// each means, which the file holds.
#[must_use]
pub fn brief(shown: &str) -> String {
    let mut lines = shown.lines();
    let mut out: String = lines
        .next()
        .map(|first| format!("{first}\n"))
        .unwrap_or_default();
    for line in lines.filter(|line| line.starts_with("  «")) {
        out.push_str(line);
        out.push('\n');
    }
    out
}
