//! Acting for someone else, and leaving Norway, in a real terminal: the questions as a person
//! meets them in English and Chinese, at 80 and 40 columns, and the message they write.

use crate::harness::Terminal;
use crate::{Person, flat, flat_screen, head, screen};
use nocard::i18n::Ui;

fn windows() -> [Terminal; 2] {
    [
        Terminal {
            columns: 80,
            rows: 24,
            lang: "C.UTF-8",
        },
        Terminal {
            columns: 40,
            rows: 24,
            lang: "zh_CN.UTF-8",
        },
    ]
}

#[test]
fn an_estate_names_the_owner_and_signs_for_the_estate_while_leaving_norway() {
    for terminal in windows() {
        let mut person = Person::start(
            terminal,
            &["deregister", "--operator", "telenor", "--out", "brev.txt"],
        );
        person.choose(
            &person.t(Ui::QIntent),
            &head(&person.t(Ui::OptIntentCancel)),
        );
        person.choose(&person.t(Ui::QPayer), &person.t(Ui::OptPayerPrivate));
        person.choose(
            &person.t(Ui::QActing),
            &head(&person.t(Ui::OptActingEstate)),
        );
        person.choose(&person.t(Ui::QLeaving), &head(&person.t(Ui::OptLeavingYes)));
        person.choose(&person.t(Ui::QPlan), &head(&person.t(Ui::OptPlanPostpaid)));
        person.choose(&person.t(Ui::QSim), &person.t(Ui::OptSimPhysical));
        // The estate's own logins that get codes on the number.
        let services = person.services(&["bankid", "vipps"]);
        let names: Vec<&str> = services.iter().map(String::as_str).collect();
        person.mark(&person.t(Ui::QUses), &names);
        let channel = person.tf(Ui::QChannel, &[("operator", &"Telenor")]);
        person.wait_for(&channel);
        let rows = person.wizard.screen_rows();
        assert!(
            flat_screen(&rows).contains(&flat(&person.t(Ui::ServicesHeading))),
            "{terminal:?}: what to do for each service comes before the contact phase:\n{}",
            screen(&rows)
        );
        let channel = person.tf(Ui::QChannel, &[("operator", &"Telenor")]);
        person.choose(&channel, &person.t(Ui::ChannelLetter));
        person.type_in(&person.t(Ui::QPhone), "912 34 567");
        person.type_in(&person.t(Ui::QOwner), "Kari Nordmann");
        // The name asked next is the writer's own: the prompt says so.
        person.type_in(&person.t(Ui::QNameWriter), "Per Nordmann");
        person.type_in(&person.t(Ui::QAddress), "Storgata 1, 0150 Oslo");
        person.type_in(&person.t(Ui::QCustomerNumber), "");
        person.choose(&person.t(Ui::ReviewQuestion), &person.t(Ui::ReviewWrite));
        person.wait_for(&person.t(Ui::QSent));
        let rows = person.wizard.screen_rows();
        let shown = flat_screen(&rows);
        assert!(
            shown.contains(&flat("Kari Nordmann")),
            "{terminal:?}: the message on the screen names the owner:\n{}",
            screen(&rows)
        );
        person.choose(&person.t(Ui::QSent), &person.t(Ui::OptSentNo));
        let (code, _) = person.wizard.finish();
        assert_eq!(code, 0, "{terminal:?}");
        let letter = std::fs::read_to_string(person.wizard.file("brev.txt")).expect("brev.txt");
        let letter = letter.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            letter.contains("på vegne av dødsboet etter Kari Nordmann"),
            "{terminal:?}: {letter}"
        );
        assert!(letter.ends_with("Per Nordmann På vegne av dødsboet etter Kari Nordmann"));
        let checklist =
            std::fs::read_to_string(person.wizard.file("brev-checklist.txt")).expect("checklist");
        assert!(
            checklist.contains("dødsattest") && checklist.contains(&person.t(Ui::ServicesHeading)),
            "{terminal:?}: the estate's papers and what to do about each service are in the \
             checklist"
        );
    }
}

#[test]
fn a_proxy_gets_an_authorisation_for_the_owner_to_sign() {
    let terminal = windows()[0];
    let mut person = Person::start(
        terminal,
        &["deregister", "--operator", "telenor", "--out", "m.txt"],
    );
    person.choose(
        &person.t(Ui::QIntent),
        &head(&person.t(Ui::OptIntentCancel)),
    );
    person.choose(&person.t(Ui::QPayer), &person.t(Ui::OptPayerPrivate));
    person.choose(&person.t(Ui::QActing), &head(&person.t(Ui::OptActingProxy)));
    person.choose(&person.t(Ui::QLeaving), &head(&person.t(Ui::OptLeavingNo)));
    person.choose(&person.t(Ui::QPlan), &head(&person.t(Ui::OptPlanPostpaid)));
    person.choose(&person.t(Ui::QSim), &person.t(Ui::OptSimPhysical));
    person.mark(&person.t(Ui::QUses), &[]);
    let channel = person.tf(Ui::QChannel, &[("operator", &"Telenor")]);
    person.choose(&channel, &person.t(Ui::ChannelChat));
    person.type_in(&person.t(Ui::QPhone), "912 34 567");
    person.type_in(&person.t(Ui::QOwner), "Kari Nordmann");
    // A chat says who writes it; it is not signed.
    person.type_in(&person.t(Ui::QNameSender), "Ola Nordmann");
    person.choose(&person.t(Ui::ReviewQuestion), &person.t(Ui::ReviewWrite));
    person.choose(&person.t(Ui::QSent), &person.t(Ui::OptSentNo));
    let (code, _) = person.wizard.finish();
    assert_eq!(code, 0);
    let authorisation =
        std::fs::read_to_string(person.wizard.file("m-fullmakt.txt")).expect("m-fullmakt.txt");
    assert!(authorisation.starts_with("Fullmakt\n"), "{authorisation}");
    assert!(authorisation.contains("Jeg, Kari Nordmann, gir med dette Ola Nordmann fullmakt"));
    assert!(
        person.wizard.file("m-fullmakt-en.txt").exists(),
        "its translation beside it"
    );
}
