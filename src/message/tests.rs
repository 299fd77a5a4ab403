use std::path::Path;

use mailparse::MailHeaderMap as _;

use super::*;
use crate::operator::Catalog;

fn telenor() -> Operator {
    Catalog::default().operator("telenor").unwrap()
}

fn request<'a>(
    operator: &'a Operator,
    phone: &'a MobileNumber,
    channel: ChannelKind,
    plan: Plan,
    refund_to: Option<&'a BankAccount>,
) -> Request<'a> {
    Request {
        operator,
        channel,
        recipient: recipient(operator, channel),
        phone,
        name: "Ola Nordmann",
        address: None,
        customer: None,
        plan,
        refund_to,
        today: jiff::civil::date(2026, 11, 25),
        on_behalf: None,
    }
}

/// Words that would show that English got into what is sent.
const ENGLISH: [&str; 6] = [
    "Hello",
    "cancel",
    "Please",
    "Kind regards",
    "English",
    "letter",
];

#[test]
fn a_letter_has_both_addresses_place_date_and_a_signature_and_nothing_but_norwegian() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    let address = PostalAddress::parse("Storgata 1, 0150 Oslo").unwrap();
    let customer = CustomerNumber::parse("123456").unwrap();
    let mut letter = request(&telenor, &phone, ChannelKind::Letter, Plan::Postpaid, None);
    letter.address = Some(&address);
    letter.customer = Some(&customer);
    let message = compose(&letter, Lang::En, Path::new("brev.txt"));
    let text = &message.text;
    assert!(
        text.starts_with("Ola Nordmann\nStorgata 1\n0150 Oslo\nMobil: +47 912 34 567\n\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nTelenor Norge AS\nSnarøyveien 30\n1360 Fornebu\n\nOslo, 25. november 2026\n"
        )
    );
    assert!(text.contains("Oppsigelse av mobilnummer +47 912 34 567, kundenummer 123456\n"));
    assert!(text.contains("Kundenummeret mitt er 123456."));
    assert!(text.contains("til adressen over."));
    assert!(text.contains("Med vennlig hilsen\n\n\n\n________________________________\nOla Nordmann\nAbonnementseier\n"));
    for word in ENGLISH {
        assert!(!text.contains(word), "`{word}` in the letter:\n{text}");
    }
    assert!(
        text.lines().all(|line| line.chars().count() <= 72),
        "{text}"
    );
    let translation = message.translation.unwrap().replace('\n', " ");
    assert!(translation.starts_with(
        "Translation for you: do not send this. What you send is the Norwegian text in brev.txt."
    ));
    assert!(translation.contains("Oslo, 25 November 2026"));
    assert!(
        translation
            .contains("I hereby cancel my mobile subscription with mobile number +47 912 34 567")
    );
}

#[test]
fn a_norwegian_user_gets_no_translation_and_a_chinese_user_gets_one_in_chinese() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    let chat = request(&telenor, &phone, ChannelKind::Chat, Plan::Postpaid, None);
    assert_eq!(
        compose(&chat, Lang::Nb, Path::new("m.txt")).translation,
        None
    );
    let zh = compose(&chat, Lang::Zh, Path::new("m.txt"));
    assert!(zh.text.starts_with("Hei! Jeg vil si opp mobilabonnementet"));
    assert!(
        zh.translation
            .unwrap()
            .contains("我想解约手机号码为 +47 912 34 567 的手机套餐")
    );
    assert!(zh.shown.contains("机主：Ola Nordmann"));
}

#[test]
fn a_refund_names_the_account_in_both_languages() {
    let telenor = telenor();
    let phone = MobileNumber::parse("41234567").unwrap();
    let account = BankAccount::parse("12345678903").unwrap();
    let chat = request(
        &telenor,
        &phone,
        ChannelKind::Chat,
        Plan::Prepaid,
        Some(&account),
    );
    let message = compose(&chat, Lang::En, Path::new("m.txt"));
    assert!(
        message
            .text
            .contains("si opp kontantkortet mitt med mobilnummer +47 412 34 567")
    );
    assert!(
        message
            .text
            .contains("gjenværende saldo utbetales til konto 1234.56.78903")
    );
    assert!(!message.text.contains("balance"));
    assert!(
        message
            .shown
            .contains("remaining balance to account 1234.56.78903")
    );
}

#[test]
fn an_email_file_parses_as_mail_with_the_operator_subject_and_a_norwegian_body() {
    let chilimobil = Catalog::default().operator("chilimobil").unwrap();
    let phone = MobileNumber::parse("91234567").unwrap();
    let customer = CustomerNumber::parse("C-77").unwrap();
    let mut email = request(
        &chilimobil,
        &phone,
        ChannelKind::Email,
        Plan::Postpaid,
        None,
    );
    email.customer = Some(&customer);
    let message = compose(&email, Lang::Zh, Path::new("m.eml"));
    let mail = mailparse::parse_mail(message.text.as_bytes()).unwrap();
    let to = mailparse::addrparse_header(mail.headers.get_first_header("To").unwrap()).unwrap();
    assert_eq!(
        to.extract_single_info().unwrap().addr,
        "kundeservice@chilimobil.no"
    );
    assert_eq!(
        mail.headers.get_first_value("Subject").as_deref(),
        Some("Oppsigelse av mobilnummer +47 912 34 567, kundenummer C-77")
    );
    assert!(
        mail.headers
            .get_first_value("Date")
            .unwrap()
            .contains("25 Nov 2026")
    );
    assert_eq!(
        mail.headers.get_first_value("X-Unsent").as_deref(),
        Some("1")
    );
    assert_eq!(mail.ctype.mimetype, "text/plain");
    assert_eq!(mail.ctype.charset, "utf-8");
    let body = mail.get_body().unwrap();
    assert!(
        body.contains(
            "Jeg sier med dette opp mobilabonnementet mitt med mobilnummer +47 912 34 567"
        ),
        "{body}"
    );
    assert!(body.contains("som svar på denne e-posten"));
    assert!(
        body.contains("Med vennlig hilsen\r\nOla Nordmann")
            || body.contains("Med vennlig hilsen\nOla Nordmann")
    );
    for word in ENGLISH {
        assert!(!body.contains(word), "`{word}` in the e-mail:\n{body}");
    }
    // The same request, the same file.
    assert_eq!(
        compose(&email, Lang::Zh, Path::new("m.eml")).text,
        message.text
    );
    let link = message.mailto.unwrap();
    assert!(link.starts_with("mailto:kundeservice@chilimobil.no?subject=Oppsigelse%20av%20mobilnummer%20%2B47%20912%2034%20567"), "{link}");
    assert!(
        link.contains("&body=Hei%2C%0D%0A%0D%0AJeg%20sier"),
        "{link}"
    );
    assert!(message.translation.unwrap().contains("客户编号 C-77"));
}

#[test]
fn a_phone_script_gives_the_number_from_home_and_abroad_what_to_say_and_what_to_note() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    let call = request(&telenor, &phone, ChannelKind::Phone, Plan::Postpaid, None);
    let text = compose(&call, Lang::En, Path::new("m.txt")).text;
    assert!(
        text.starts_with(
            "What to say to Telenor\n\nCall 915 09 000; from abroad, +47 915 09 000.\n"
        ),
        "{text}"
    );
    assert!(text.contains("«Hei, jeg heter Ola Nordmann. Jeg vil si opp mobilabonnementet mitt med mobilnummer 912 34 567.»\n   Hello, my name is Ola Nordmann."));
    assert!(text.contains("«Kan dere sende meg en skriftlig bekreftelse, med sluttdato?»"));
    assert!(text.contains("Be ready to prove that you own the subscription"));
    assert!(text.contains("reference number"));
    let nb = compose(&call, Lang::Nb, Path::new("m.txt")).text;
    assert!(!nb.contains("Hello"));
}

#[test]
fn a_store_script_says_where_to_go_what_to_bring_and_asks_for_a_receipt() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    let visit = request(&telenor, &phone, ChannelKind::Store, Plan::Postpaid, None);
    let text = compose(&visit, Lang::En, Path::new("m.txt")).text;
    assert!(
        text.contains("Go to: A Telenor store, or an authorised retailer such as Power or Elkjøp.")
    );
    assert!(text.contains("Not confirmed: check on https://www.telenor.no/ first."));
    assert!(text.contains("Have ready: valid photo ID."));
    assert!(text.contains("«Kan jeg få en kvittering på oppsigelsen, med sluttdato?»"));
}

#[test]
fn files_beside_the_message_share_its_name() {
    let message = Path::new("out/nocard-telenor-2026-11-25-567.txt");
    assert_eq!(
        companions(message),
        [
            Path::new("out/nocard-telenor-2026-11-25-567-checklist.txt"),
            Path::new("out/nocard-telenor-2026-11-25-567.ics"),
            Path::new("out/nocard-telenor-2026-11-25-567-fullmakt.txt"),
            Path::new("out/nocard-telenor-2026-11-25-567-en.txt"),
            Path::new("out/nocard-telenor-2026-11-25-567-fullmakt-en.txt"),
            Path::new("out/nocard-telenor-2026-11-25-567-zh.txt"),
            Path::new("out/nocard-telenor-2026-11-25-567-fullmakt-zh.txt"),
        ]
    );
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    let email = request(&telenor, &phone, ChannelKind::Email, Plan::Postpaid, None);
    assert_eq!(
        default_path(&email),
        Path::new("nocard-telenor-2026-11-25-567.eml")
    );
}

#[test]
fn an_estate_writes_for_the_deceased_owner_and_says_what_is_attached() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    let address = PostalAddress::parse("Storgata 1, 0150 Oslo").unwrap();
    let mut letter = request(&telenor, &phone, ChannelKind::Letter, Plan::Postpaid, None);
    letter.name = "Per Nordmann";
    letter.address = Some(&address);
    letter.on_behalf = Some(OnBehalf::Estate("Kari Nordmann"));
    let message = compose(&letter, Lang::Zh, Path::new("brev.txt"));
    let text = message
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.starts_with("Per Nordmann Storgata 1"), "{text}");
    assert!(text.contains("Jeg skriver på vegne av dødsboet etter Kari Nordmann, som var abonnementseier for mobilnummer +47 912 34 567."), "{text}");
    // The death certificate shows the death; the skifteattest, who may act for the estate.
    assert!(
        text.contains("Vedlagt er dødsattest, som viser dødsfallet, og/eller skifteattest fra tingretten, som viser hvem som kan handle for dødsboet."),
        "{text}"
    );
    assert!(
        !text.contains("Mobil:"),
        "the number is the owner's, not the writer's: {text}"
    );
    assert!(
        text.ends_with("Per Nordmann På vegne av dødsboet etter Kari Nordmann"),
        "{text}"
    );
    assert!(
        !text.contains("mitt med mobilnummer"),
        "not the writer's own subscription"
    );
    assert!(
        message.authorisation.is_none(),
        "an estate has no one to sign an authorisation"
    );
    assert!(
        message
            .translation
            .unwrap()
            .contains("代表 Kari Nordmann 的遗产")
    );
}

/// A deceased owner's or an authorising owner's prepaid card is a card, not a subscription,
/// in the letter, the chat text and the call alike.
#[test]
fn for_someone_else_a_prepaid_card_is_cancelled_as_a_card() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    let address = PostalAddress::parse("Storgata 1, 0150 Oslo").unwrap();
    for (channel, on_behalf, said) in [
        (
            ChannelKind::Letter,
            OnBehalf::Estate("Kari Nordmann"),
            "På vegne av dødsboet sier jeg med dette opp kontantkortet",
        ),
        (
            ChannelKind::Chat,
            OnBehalf::Proxy("Kari Nordmann"),
            "og vil si opp kontantkortet",
        ),
        (
            ChannelKind::Phone,
            OnBehalf::Estate("Kari Nordmann"),
            "for å si opp kontantkortet",
        ),
    ] {
        let mut request = request(&telenor, &phone, channel, Plan::Prepaid, None);
        request.name = "Per Nordmann";
        request.address = Some(&address);
        request.on_behalf = Some(on_behalf);
        let message = compose(&request, Lang::En, Path::new("m.txt"));
        let text = message
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(said), "{channel:?}: {text}");
        assert!(!text.contains("opp abonnementet"), "{channel:?}: {text}");
        let shown = message
            .shown
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            shown.contains("prepaid card (kontantkort)"),
            "{channel:?}: {shown}"
        );
    }
}

#[test]
fn a_proxy_writes_with_the_owners_authorisation_and_gets_one_to_sign() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    for channel in [ChannelKind::Chat, ChannelKind::Phone, ChannelKind::Email] {
        let mut request = request(&telenor, &phone, channel, Plan::Postpaid, None);
        request.on_behalf = Some(OnBehalf::Proxy("Kari Nordmann"));
        let message = compose(&request, Lang::En, Path::new("m.txt"));
        let text = message
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains("fullmakt fra Kari Nordmann"),
            "{channel:?}: {text}"
        );
        let (norwegian, english) = message.authorisation.expect("an authorisation to sign");
        let norwegian = norwegian.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(norwegian.starts_with("Fullmakt Jeg, Kari Nordmann, gir med dette Ola Nordmann fullmakt til å si opp mobilabonnementet mitt med mobilnummer +47 912 34 567 hos Telenor Norge AS"), "{norwegian}");
        assert!(norwegian.ends_with("Kari Nordmann"));
        assert!(
            english
                .unwrap()
                .contains("I, Kari Nordmann, hereby authorise Ola Nordmann")
        );
    }
}

#[test]
fn a_follow_up_goes_on_the_web_form_or_the_app_as_the_request_did_and_says_so() {
    let ice = Catalog::default().operator("ice").unwrap();
    let mut case = crate::casebook::tests::case(1, "91234567");
    case.operator = ice.id.clone();
    case.recipient = None;
    for (kind, en, nb, zh) in [
        (
            ChannelKind::Web,
            "in the message form on the web page",
            "i meldingsskjemaet på nettsiden",
            "通过网页上的留言表单",
        ),
        (
            ChannelKind::App,
            "in the app's message or contact form",
            "i meldings- eller kontaktskjemaet i appen",
            "通过应用里的留言或联系表单",
        ),
        (
            ChannelKind::Chat,
            "in the chat",
            "i chatten",
            "通过在线聊天",
        ),
    ] {
        case.channel = kind;
        assert_eq!(follow_up_channel(&case, &ice), Some(kind));
        assert_eq!(follow_up_how(&case, &ice, Lang::En), en);
        let message = follow_up(
            &case,
            &ice,
            jiff::civil::date(2026, 12, 3),
            Lang::Zh,
            Path::new("f.txt"),
        );
        let text = message
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(&format!("+47 912 34 567, {nb}.")), "{text}");
        assert!(message.shown.contains(zh), "{}", message.shown);
    }
}

#[test]
fn a_call_is_followed_up_in_writing_where_the_operator_takes_it_and_cited_as_a_call() {
    let mut case = crate::casebook::tests::case(1, "91234567");
    case.channel = ChannelKind::Phone;
    case.recipient = None;
    // Telenor takes letters: the follow-up to a call is one.
    let telenor = telenor();
    assert_eq!(
        follow_up_channel(&case, &telenor),
        Some(ChannelKind::Letter)
    );
    let letter = follow_up(
        &case,
        &telenor,
        jiff::civil::date(2026, 12, 3),
        Lang::En,
        Path::new("f.txt"),
    );
    assert!(
        letter.shown.contains("+47 912 34 567, by phone."),
        "{}",
        letter.shown
    );
    // Lycamobile gives a phone number only: no written channel to name.
    let lyca = Catalog::default().operator("lycamobile").unwrap();
    case.operator = lyca.id.clone();
    assert_eq!(follow_up_channel(&case, &lyca), None);
    assert_eq!(
        follow_up_how(&case, &lyca, Lang::En),
        "in whatever written form the operator takes"
    );
    case.channel = ChannelKind::Store;
    let shown = follow_up(
        &case,
        &lyca,
        jiff::civil::date(2026, 12, 3),
        Lang::Zh,
        Path::new("f.txt"),
    )
    .shown;
    assert!(shown.contains("在门店解约"), "{shown}");
    assert!(!shown.contains("发送"), "{shown}");
}

#[test]
fn an_estate_on_the_phone_or_in_a_store_has_the_estates_papers_ready_and_speaks_as_it_goes() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    for channel in [ChannelKind::Phone, ChannelKind::Store] {
        let mut request = request(&telenor, &phone, channel, Plan::Postpaid, None);
        request.name = "Per Nordmann";
        request.on_behalf = Some(OnBehalf::Estate("Kari Nordmann"));
        let zh = compose(&request, Lang::Zh, Path::new("m.txt")).text;
        assert!(
            zh.contains("请准备好：死亡证明（dødsattest）或遗产处理证明（skifteattest），以及您本人的身份证件。"),
            "{channel:?}: {zh}"
        );
        for wrong in ["所有人", "运营商会核实您是机主", "随信", "撰写", "签署"] {
            assert!(!zh.contains(wrong), "{channel:?}: {wrong} in {zh}");
        }
        let nb = compose(&request, Lang::Nb, Path::new("m.txt")).text;
        assert!(
            nb.contains("Ha klar: dødsattest eller skifteattest, og din egen legitimasjon."),
            "{nb}"
        );
        assert!(!nb.contains("eier abonnementet"), "{nb}");
        let said = if channel == ChannelKind::Store {
            "Jeg kommer på vegne av dødsboet etter Kari Nordmann"
        } else {
            "Jeg ringer på vegne av dødsboet etter Kari Nordmann"
        };
        assert!(nb.contains(said), "{channel:?}: {nb}");
    }
}

#[test]
fn someone_with_an_authorisation_has_it_ready_on_the_phone_and_in_a_store() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    for channel in [ChannelKind::Phone, ChannelKind::Store] {
        let mut request = request(&telenor, &phone, channel, Plan::Postpaid, None);
        request.on_behalf = Some(OnBehalf::Proxy("Kari Nordmann"));
        let en = compose(&request, Lang::En, Path::new("m.txt")).text;
        assert!(
            en.contains("Have ready: the authorisation (fullmakt) signed by Kari Nordmann, and your own identification."),
            "{channel:?}: {en}"
        );
        assert!(!en.contains("you own the subscription"), "{en}");
        assert!(!en.contains("valid photo ID"), "the owner's proof: {en}");
    }
}

#[test]
fn a_letter_or_an_e_mail_for_someone_else_leaves_the_owners_number_out_of_the_sender() {
    let telenor = telenor();
    let phone = MobileNumber::parse("91234567").unwrap();
    let address = PostalAddress::parse("Storgata 1, 0150 Oslo").unwrap();
    for on_behalf in [
        None,
        Some(OnBehalf::Estate("Kari Nordmann")),
        Some(OnBehalf::Proxy("Kari Nordmann")),
    ] {
        for channel in [ChannelKind::Letter, ChannelKind::Email] {
            let mut request = request(&telenor, &phone, channel, Plan::Postpaid, None);
            request.address = Some(&address);
            request.on_behalf = on_behalf;
            let message = compose(&request, Lang::En, Path::new("m.txt"));
            let text = message.translation.unwrap();
            assert_eq!(
                text.contains("Mobile: +47 912 34 567"),
                on_behalf.is_none(),
                "{on_behalf:?} {channel:?}: {text}"
            );
            assert!(text.contains("+47 912 34 567"), "the request names it");
        }
    }
}

#[test]
fn a_prepaid_follow_up_cites_the_card_and_the_refund_the_request_asked_for() {
    let telenor = telenor();
    let mut case = crate::casebook::tests::case(1, "91234567");
    case.plan = Some(Plan::Prepaid);
    case.refund = true;
    let today = jiff::civil::date(2026, 12, 3);
    let message = follow_up(&case, &telenor, today, Lang::En, Path::new("f.txt"));
    let text = message
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(
            "25. november 2026 sa jeg opp kontantkortet mitt med mobilnummer +47 912 34 567"
        ),
        "{text}"
    );
    assert!(
        text.contains("ba jeg også om at gjenværende saldo utbetales til kontoen jeg oppga der"),
        "{text}"
    );
    assert!(!text.contains("abonnementet mitt"), "{text}");
    assert!(
        message.shown.contains("I cancelled my prepaid card")
            && message.shown.contains("remaining balance"),
        "{}",
        message.shown
    );
    // No refund asked: none followed up; a subscription is one.
    case.refund = false;
    let text = follow_up(&case, &telenor, today, Lang::En, Path::new("f.txt")).text;
    assert!(!text.contains("saldo"), "{text}");
    case.plan = Some(Plan::Postpaid);
    let text = follow_up(&case, &telenor, today, Lang::En, Path::new("f.txt")).text;
    assert!(text.contains("sa jeg opp abonnementet mitt"), "{text}");
}
