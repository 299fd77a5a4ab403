//! The services that depend on the number, in a real terminal: marked with Space in a list of
//! many, kept marked when the person goes back to the list, and each one chosen, and only
//! those, in the checklist saved with the message.

use crate::harness::{Terminal, key};
use crate::{Person, flat, flat_screen, head, screen};
use nocard::i18n::Ui;

#[test]
fn services_are_marked_with_space_kept_on_going_back_and_saved_in_the_checklist() {
    for (columns, lang) in [(80, "C.UTF-8"), (40, "zh_CN.UTF-8")] {
        let terminal = Terminal {
            columns,
            rows: 24,
            lang,
        };
        let mut person = Person::start(
            terminal,
            &["deregister", "--operator", "telenor", "--out", "m.txt"],
        );
        person.choose(
            &person.t(Ui::QIntent),
            &head(&person.t(Ui::OptIntentCancel)),
        );
        person.choose(&person.t(Ui::QPayer), &person.t(Ui::OptPayerPrivate));
        person.choose(&person.t(Ui::QActing), &head(&person.t(Ui::OptActingSelf)));
        person.choose(&person.t(Ui::QLeaving), &head(&person.t(Ui::OptLeavingYes)));
        person.choose(&person.t(Ui::QPlan), &head(&person.t(Ui::OptPlanPostpaid)));
        person.choose(&person.t(Ui::QSim), &person.t(Ui::OptSimEsim));
        let names = person.services(&["bankid", "wechat"]);
        let [bankid, wechat] = [names[0].as_str(), names[1].as_str()];
        let uses = person.t(Ui::QUses);
        person.mark(&uses, &[bankid, wechat]);

        // Back from the channel: the list comes again with both still marked.
        let channel = person.tf(Ui::QChannel, &[("operator", &"Telenor")]);
        person.wait_for(&channel);
        person.wizard.send(key::ESC);
        person.wait_for(&uses);
        let rows = person.wizard.screen_rows();
        let shown = flat_screen(&rows);
        for name in [bankid, wechat] {
            assert!(
                shown.contains(&flat(&format!("[x] {name}"))),
                "{terminal:?}: {name} is still marked:\n{}",
                screen(&rows)
            );
        }
        // Unmark WeChat: the cursor starts at the top; Space on it again takes the mark off.
        person.mark(&uses, &[wechat]);
        person.wait_for(&channel);
        // The answered line starts as the question did; its first words are enough to find it.
        let answered: String = flat(&format!("✔ {uses}")).chars().take(8).collect();
        let rows = person.wizard.history();
        let line = rows
            .iter()
            .rposition(|row| flat(&row.text).starts_with(&answered))
            .map(|at| {
                rows[at..]
                    .iter()
                    .take(4)
                    .map(|row| flat(&row.text))
                    .collect::<String>()
            })
            .unwrap_or_default();
        assert!(
            line.contains(&flat(bankid)) && !line.contains(&flat(wechat)),
            "{terminal:?}: the answer holds BankID alone: {line:?}"
        );

        person.choose(&channel, &person.t(Ui::ChannelChat));
        person.type_in(&person.t(Ui::QPhone), "912 34 567");
        person.type_in(&person.t(Ui::QName), "Ola Nordmann");
        person.choose(&person.t(Ui::ReviewQuestion), &person.t(Ui::ReviewWrite));
        person.choose(&person.t(Ui::QSent), &person.t(Ui::OptSentNo));
        let (code, _) = person.wizard.finish();
        assert_eq!(code, 0, "{terminal:?}");
        let checklist =
            std::fs::read_to_string(person.wizard.file("m-checklist.txt")).expect("checklist");
        assert!(
            checklist.contains(&person.t(Ui::ServicesHeading)),
            "{terminal:?}: {checklist}"
        );
        assert!(checklist.contains("BankID"), "{terminal:?}");
        assert!(
            !checklist.contains(wechat),
            "{terminal:?}: the service unmarked is left out"
        );
    }
}
