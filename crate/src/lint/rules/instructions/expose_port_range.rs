use super::util::expose_words;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `EXPOSE` port, or an end of a port range, above 65535.
    ///
    /// ## Why it matters
    /// TCP and UDP ports are 16-bit numbers. A larger one is a typo, and the
    /// build fails on it or the metadata it records is meaningless.
    ///
    /// ## Example
    /// ```dockerfile
    /// EXPOSE 80800
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// EXPOSE 8080
    /// ```
    ///
    /// ## Differences from hadolint
    /// Ports written with a variable (`EXPOSE $PORT`) are not checked, as
    /// their value is only known at build time.
    pub struct ExposePortRange {
        id: "expose-port-range",
        name: "EXPOSE port outside 0-65535",
        aliases: &["DL3011"],
        severity: Error,
        category: Instructions,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Whether a decimal port is larger than any port can be.
fn out_of_range(port: &str) -> bool {
    !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().map_or(true, |p| p > 65535)
}

impl Rule for ExposePortRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (word, spec) in expose_words(cx) {
            let (low, high) = spec
                .container
                .split_once('-')
                .unwrap_or((spec.container, spec.container));
            if out_of_range(low) || out_of_range(high) {
                out.push(cx.finding(
                    &Self::META,
                    word.span,
                    format!(
                        "port `{}` is out of range: valid ports are 0 to 65535",
                        spec.container
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExposePortRange;
    use crate::lint::testing::findings;

    #[test]
    fn flags_ports_and_range_ends_above_65535() {
        let text = "FROM alpine\nEXPOSE 80 65536/tcp 8000-70000\nONBUILD EXPOSE 99999999999\n";
        let found = findings(&ExposePortRange, text);
        let cols: Vec<_> = found.iter().map(|f| (f.line, f.column)).collect();
        assert_eq!(cols, [(2, 11), (2, 21), (3, 16)]);
    }

    #[test]
    fn accepts_valid_ports_and_variables() {
        let text = "FROM alpine\nEXPOSE 0 80/udp 65535 8000-8100 $PORT ${HIGH:-70000}\n";
        assert!(findings(&ExposePortRange, text).is_empty());
    }
}
