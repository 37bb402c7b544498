use super::util;
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::shell::parse::CommandCall;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags `useradd` with a high UID (100000 or more, or one not known
    /// until the build runs) and without `-l`/`--no-log-init`.
    ///
    /// ## Why it matters
    /// `useradd` reserves a record for the new UID in `/var/log/lastlog`
    /// and `/var/log/faillog`. These are sparse files on disk, but a layer
    /// stores them in full: a UID of 123456789 adds gigabytes to the image.
    /// `-l` skips those logs.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN useradd -u 123456 app
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN useradd -l -u 123456 app
    /// ```
    /// The fix adds `-l` after `useradd`.
    ///
    /// ## Differences from hadolint
    /// hadolint reads only `-u`; Layerlab also reads `--uid 123456` and
    /// `--uid=123456`. A UID from an `ARG` or `ENV` with a known value is
    /// judged by that value.
    pub struct UseraddHighUid {
        id: "useradd-high-uid",
        name: "useradd without -l and with a high UID",
        aliases: &["DL3046"],
        severity: Warning,
        category: Shell,
        fixable: true,
        enabled_by_default: true,
    }
}

/// The UID given: `Some(None)` when given but unknown.
fn uid(call: &CommandCall) -> Option<Option<u64>> {
    let args = call.argv.args();
    for (i, word) in args.iter().enumerate() {
        let Some(v) = word.value.as_deref() else {
            continue;
        };
        let value = if v == "-u" || v == "--uid" {
            args.get(i + 1).map(|w| w.value.as_deref())
        } else {
            v.strip_prefix("--uid=")
                .or_else(|| v.strip_prefix("-u").filter(|r| !r.is_empty()))
                .map(Some)
        };
        if let Some(value) = value {
            return Some(value.and_then(|v| v.parse().ok()));
        }
    }
    None
}

impl Rule for UseraddHighUid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for call in util::calls_named(run, "useradd") {
                let high = match uid(call) {
                    Some(Some(n)) => n >= 100_000,
                    Some(None) => true,
                    None => false,
                };
                if !high || util::has_flag(call, &["no-log-init"], &['l']) {
                    continue;
                }
                let mut finding = cx.finding(
                    &Self::META,
                    call.span,
                    "useradd with a high UID and without -l fills /var/log/lastlog: add -l",
                );
                let name = &call.argv.words[0];
                if cx.text(name.span) == name.raw {
                    finding = finding.with_fix(
                        "Add -l",
                        vec![Edit {
                            span: Span::new(name.span.end, name.span.end),
                            replacement: " -l".into(),
                        }],
                    );
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UseraddHighUid;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_high_uids() {
        let text = "FROM debian\nRUN useradd -u 123456 app\n";
        assert_eq!(findings(&UseraddHighUid, text).len(), 1);
        assert_eq!(
            apply_fixes(&UseraddHighUid, text),
            "FROM debian\nRUN useradd -l -u 123456 app\n"
        );
        for text in [
            "FROM debian\nRUN useradd --uid=1000000 app\n",
            "FROM debian\nRUN useradd --uid 1000000 app\n",
            "FROM debian\nRUN useradd -u $NEWUID app\n",
            "FROM debian\nARG U=200000\nRUN useradd -u $U app\n",
        ] {
            assert_eq!(findings(&UseraddHighUid, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn low_uids_and_no_log_init_are_fine() {
        for text in [
            "FROM debian\nRUN useradd -u 1000 app\n",
            "FROM debian\nARG U=1000\nRUN useradd -u $U app\n",
            "FROM debian\nRUN useradd -l -u 123456 app\n",
            "FROM debian\nRUN useradd -lu 123456 app\n",
            "FROM debian\nRUN useradd --no-log-init -u 123456 app\n",
            "FROM debian\nRUN useradd app\n",
        ] {
            assert!(findings(&UseraddHighUid, text).is_empty(), "{text}");
        }
    }
}
