use super::util::{flag_value_span, from_alias};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags `FROM --platform=` with a constant value such as `linux/amd64`.
    /// Variables (`$BUILDPLATFORM`, `$TARGETPLATFORM`) are fine.
    ///
    /// ## Why it matters
    /// A constant platform pins the stage to one architecture: building for
    /// another platform with `--platform` silently produces the wrong one, or
    /// runs under slow emulation.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 node:22
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM node:22
    /// ```
    /// or, for a stage that runs on the build machine,
    /// `FROM --platform=$BUILDPLATFORM node:22 AS build`.
    ///
    /// ## Differences from hadolint
    /// Like BuildKit, a stage whose name mentions the platform's OS or
    /// architecture is taken as deliberate and not reported:
    /// `FROM --platform=linux/arm64 alpine:3 AS tools-arm64`.
    pub struct PlatformFlagConst {
        id: "platform-flag-const",
        name: "FROM --platform has a constant value",
        aliases: &["DL3029", "FromPlatformFlagConstDisallowed"],
        severity: Warning,
        category: BaseImage,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for PlatformFlagConst {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            if ins.kind != InstructionKind::From {
                continue;
            }
            let Some(value) = ins.flag("platform").and_then(|f| f.value.as_deref()) else {
                continue;
            };
            if value.is_empty() || value.contains('$') {
                continue;
            }
            if let Some((_, name)) = from_alias(ins) {
                let name = name.value.to_lowercase();
                let deliberate = value
                    .to_lowercase()
                    .split(['/', ','])
                    .any(|part| !part.is_empty() && name.contains(part));
                if deliberate {
                    continue;
                }
            }
            let span = flag_value_span(ins, "platform").unwrap_or(ins.span);
            out.push(cx.finding(
                &Self::META,
                span,
                format!("FROM --platform={value} pins the stage to one platform"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PlatformFlagConst;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&PlatformFlagConst, text).len()
    }

    #[test]
    fn flags_constant_platforms() {
        let found = findings(&PlatformFlagConst, "FROM --platform=linux/amd64 node:22\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (1, 17));
        assert_eq!(
            count("FROM --platform=linux/arm64/v8 alpine:3 AS build\n"),
            1
        );
    }

    #[test]
    fn accepts_variables_and_named_stages() {
        assert_eq!(
            count("FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n"),
            0
        );
        assert_eq!(count("FROM --platform=${TARGETPLATFORM} alpine:3\n"), 0);
        assert_eq!(count("FROM alpine:3\n"), 0);
        assert_eq!(
            count("FROM --platform=linux/arm64 alpine:3 AS tools-arm64\n"),
            0
        );
    }
}
