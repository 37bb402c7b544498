use super::util::check_format;
use crate::declare_rule;
use crate::lint::{Finding, LabelFormat, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With a `label-schema` that gives a label the `email` format, flags
    /// a value of that label that is not an email address.
    ///
    /// ## Why it matters
    /// Tools send notifications to the address in the label; a name or a
    /// team alias without a domain cannot be mailed.
    ///
    /// ## Example
    /// With `label-schema: {maintainer: email}`:
    /// ```dockerfile
    /// LABEL maintainer="Jane Doe"
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL maintainer="jane@example.com"
    /// ```
    pub struct LabelNotEmail {
        id: "label-not-email",
        name: "Schema label is not an email address",
        aliases: &["DL3058"],
        severity: Warning,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

/// An RFC 5322 address: a dot-atom or quoted local part, `@`, and a
/// dot-atom domain or an address literal in brackets.
fn valid(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let atom_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    let dot_atom = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|a| !a.is_empty() && a.chars().all(atom_char))
    };
    let local_ok = dot_atom(local)
        || (local.len() >= 2
            && local.starts_with('"')
            && local.ends_with('"')
            && !local[1..local.len() - 1].contains(|c: char| c == '"' || c.is_control()));
    let domain_ok =
        dot_atom(domain) || (domain.starts_with('[') && domain.ends_with(']') && domain.len() > 2);
    local_ok && domain_ok
}

impl Rule for LabelNotEmail {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        check_format(
            cx,
            &Self::META,
            LabelFormat::Email,
            valid,
            "an email address",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{LabelNotEmail, valid};
    use crate::lint::testing::{findings, findings_with};

    #[test]
    fn accepts_and_rejects_values() {
        for good in [
            "jane@example.com",
            "first.last+tag@sub.example.org",
            "\"odd name\"@example.com",
            "root@localhost",
            "me@[192.0.2.1]",
        ] {
            assert!(valid(good), "{good}");
        }
        for bad in [
            "Jane Doe",
            "jane@",
            "@example.com",
            "jane..doe@example.com",
            "jane@exa mple.com",
            "Jane <jane@example.com>",
        ] {
            assert!(!valid(bad), "{bad}");
        }
    }

    #[test]
    fn checks_only_labels_the_schema_gives_this_format() {
        let text = "FROM alpine\nLABEL x=\"Jane Doe\" y=\"Jane Doe\" x=\"jane@example.com\" x=$V\n";
        let found = findings_with(
            &LabelNotEmail,
            text,
            "label-schema:\n  x: email\n  y: text\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 9));
        assert!(findings(&LabelNotEmail, text).is_empty());
    }
}
