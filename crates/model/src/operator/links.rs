//! Links in operator files, read as a browser reads them: by the WHATWG URL rules (the `url`
//! crate), not by splitting the text. A link may send users only to the operator's own
//! domains or a public authority's, so its host must be exactly one of them or a subdomain of
//! one: no user name or password before it (`https://telenor.no@evil.com`), no port, no IP
//! address, and a backslash, a look-alike letter or an encoded character read as the browser
//! reads them (`https://evil.com\\.telenor.no` goes to evil.com).

use url::{Host, Url};

/// Public authorities' domains: the only links besides an operator's own that users are sent to.
pub const AUTHORITY_DOMAINS: &[&str] = &[
    "nkom.no",
    "norge.no",
    "forbrukerradet.no",
    "forbrukertilsynet.no",
    "regjeringen.no",
    "lovdata.no",
    "brukerklagenemnda.no",
    "digdir.no",
    "idporten.no",
    // Difi, Digdir's forerunner, whose pages on MinID and ID-porten are still served there.
    "difi.no",
    "skatteetaten.no",
    "altinn.no",
    "helsenorge.no",
];

/// Whether `url` is an https link whose host is one of `domains`, a subdomain of one, or a
/// public authority's.
pub(super) fn on_domains(url: &str, domains: &[String]) -> bool {
    let Ok(parsed) = Url::parse(url) else {
        return false;
    };
    // A port or a user name changes where a link goes, or hides it: none is needed.
    if parsed.scheme() != "https"
        || !parsed.username().is_empty()
        || parsed.password().is_some()
        || parsed.port().is_some()
    {
        return false;
    }
    let Some(Host::Domain(host)) = parsed.host() else {
        return false;
    };
    // `telenor.no.` is `telenor.no` to DNS.
    let host = host.strip_suffix('.').unwrap_or(host);
    let matches = |domain: &str| {
        // The domains in the file as the parser writes hosts: lowercase, in punycode.
        let Ok(Host::Domain(domain)) = Host::parse(domain) else {
            return false;
        };
        host == domain
            || host
                .strip_suffix(domain.as_str())
                .is_some_and(|sub| sub.ends_with('.'))
    };
    domains.iter().any(|d| matches(d)) || AUTHORITY_DOMAINS.iter().any(|d| matches(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_as_a_browser_reads_them() {
        let telenor = ["telenor.no".to_owned()];
        for good in [
            "https://www.telenor.no/",
            "https://telenor.no",
            "https://WWW.Telenor.NO/privat?x=1#y",
            "https://www.telenor.no./",
            "https://telenor.no\\@evil.com",
            "https://nkom.no/x",
            "https://www.forbrukerradet.no/y",
            "https://eid.difi.no/en/minid",
            "https://www.helsenorge.no/en/",
        ] {
            assert!(on_domains(good, &telenor), "{good}");
        }
        for bad in [
            "https://telenor.no.evil.com/",
            "https://evil.com\\.telenor.no/",
            "https://evil.com\\@telenor.no",
            "https://telenor.no@evil.com/",
            "https://x@www.telenor.no/",
            "https://user:pass@www.telenor.no/",
            "https://www.telenor.no:8443/",
            "https://www.telenor.no:443@evil.com/",
            "https://93.184.216.34/",
            "https://[::1]/",
            "https://tel\u{435}nor.no/",
            "https://evil.com#.telenor.no",
            "https://evil.com?.telenor.no",
            "https://evil.com%2F.telenor.no",
            "https://eviltelenor.no/",
            "http://www.telenor.no/",
            "https://",
            "not a link",
        ] {
            assert!(!on_domains(bad, &telenor), "{bad}");
        }
        assert!(!on_domains("https://telenor.no/", &[]));
        // A domain in Unicode and a link to it in Unicode or punycode are one host.
        let nordic = ["blåbær.no".to_owned()];
        assert!(on_domains("https://www.blåbær.no/", &nordic));
        let puny = Url::parse("https://www.blåbær.no/").unwrap();
        assert!(puny.host_str().unwrap().starts_with("www.xn--"));
        assert!(on_domains(puny.as_str(), &nordic));
    }
}
