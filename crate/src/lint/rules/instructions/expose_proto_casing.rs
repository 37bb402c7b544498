use super::util::{expose_words, sub_span};
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `EXPOSE` protocol that is not lowercase, as in `80/TCP`.
    ///
    /// ## Why it matters
    /// Docker records ports as `80/tcp`. BuildKit accepts other casings but
    /// warns about them; tools that compare the image's ports as text can
    /// miss `80/TCP`.
    ///
    /// ## Example
    /// ```dockerfile
    /// EXPOSE 80/TCP 53/Udp
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// EXPOSE 80/tcp 53/udp
    /// ```
    /// The fix lowercases the protocol.
    pub struct ExposeProtoCasing {
        id: "expose-proto-casing",
        name: "EXPOSE protocol is not lowercase",
        aliases: &["ExposeProtoCasing"],
        severity: Warning,
        category: Instructions,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for ExposeProtoCasing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (word, spec) in expose_words(cx) {
            let Some(proto) = spec.proto.filter(|p| *p != p.to_ascii_lowercase()) else {
                continue;
            };
            let span = sub_span(cx, word, proto);
            let finding = cx.finding(
                &Self::META,
                word.span,
                format!("protocol in `EXPOSE {}` should be lowercase", word.value),
            );
            // Only when the protocol itself could be located in the source.
            out.push(if span != word.span {
                finding.with_fix(
                    "Lowercase the protocol",
                    vec![Edit {
                        span,
                        replacement: proto.to_ascii_lowercase(),
                    }],
                )
            } else {
                finding
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExposeProtoCasing;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_lowercases_protocols() {
        let text = "FROM alpine\nEXPOSE 80/TCP 53/Udp 443\n";
        assert_eq!(findings(&ExposeProtoCasing, text).len(), 2);
        assert_eq!(
            apply_fixes(&ExposeProtoCasing, text),
            "FROM alpine\nEXPOSE 80/tcp 53/udp 443\n"
        );
    }

    #[test]
    fn lowercase_and_missing_protocols_are_fine() {
        let text = "FROM alpine\nEXPOSE 80/tcp 53/udp 8080 $P/TCP\n";
        assert!(findings(&ExposeProtoCasing, text).is_empty());
    }
}
