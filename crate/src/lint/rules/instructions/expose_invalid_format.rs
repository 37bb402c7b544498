use super::util::expose_words;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `EXPOSE` port that names an IP address or a host port, as
    /// in `127.0.0.1:8080:80` or `8080:80`.
    ///
    /// ## Why it matters
    /// `EXPOSE` only documents which container ports the image listens on;
    /// publishing them on the host is `docker run -p`'s job. BuildKit drops
    /// the address and host port and warns that this form will become an
    /// error.
    ///
    /// ## Example
    /// ```dockerfile
    /// EXPOSE 8080:80
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// EXPOSE 80
    /// ```
    /// and publish with `docker run -p 8080:80`.
    pub struct ExposeInvalidFormat {
        id: "expose-invalid-format",
        name: "EXPOSE with an IP address or host port",
        aliases: &["ExposeInvalidFormat"],
        severity: Warning,
        category: Instructions,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for ExposeInvalidFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (word, spec) in expose_words(cx) {
            if spec.ip.is_some() || spec.host.is_some() {
                out.push(cx.finding(
                    &Self::META,
                    word.span,
                    format!(
                        "EXPOSE should not name an IP address or a host port (`{}`): expose `{}` and publish it with `docker run -p`",
                        word.value, spec.container
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExposeInvalidFormat;
    use crate::lint::testing::findings;

    #[test]
    fn flags_addresses_and_host_ports() {
        let text = "FROM alpine\nEXPOSE 8080:80 127.0.0.1:9000:9000/udp [::1]:53:53 80\n";
        assert_eq!(findings(&ExposeInvalidFormat, text).len(), 3);
    }

    #[test]
    fn plain_ports_and_ranges_are_fine() {
        let text = "FROM alpine\nEXPOSE 80 443/tcp 8000-8100/udp ${PORT}\n";
        assert!(findings(&ExposeInvalidFormat, text).is_empty());
    }
}
