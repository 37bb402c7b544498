use super::util::check_format;
use crate::declare_rule;
use crate::lint::{Finding, LabelFormat, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With a `label-schema` that gives a label the `semver` format, flags
    /// a value of that label that is not a semantic version (`MAJOR.MINOR.PATCH`).
    ///
    /// ## Why it matters
    /// Tools order and compare image versions by semantic versioning;
    /// `v1.2` or `latest` cannot be ordered.
    ///
    /// ## Example
    /// With `label-schema: {org.opencontainers.image.version: semver}`:
    /// ```dockerfile
    /// LABEL org.opencontainers.image.version="v1.2"
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL org.opencontainers.image.version="1.2.0"
    /// ```
    pub struct LabelNotSemver {
        id: "label-not-semver",
        name: "Schema label is not a semantic version",
        aliases: &["DL3056"],
        severity: Warning,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Semantic Versioning 2.0.0: `1.2.3`, `1.2.3-rc.1`, `1.2.3+build.5`.
fn valid(value: &str) -> bool {
    let (rest, build) = match value.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (value, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let numeric = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let ident =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(|p| {
            p.split('.')
                .all(|id| ident(id) && (!id.bytes().all(|b| b.is_ascii_digit()) || numeric(id)))
        })
        && build.is_none_or(|b| b.split('.').all(ident))
}

impl Rule for LabelNotSemver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        check_format(
            cx,
            &Self::META,
            LabelFormat::Semver,
            valid,
            "a semantic version (`MAJOR.MINOR.PATCH`)",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{LabelNotSemver, valid};
    use crate::lint::testing::{findings, findings_with};

    #[test]
    fn accepts_and_rejects_values() {
        for good in [
            "1.2.0",
            "0.0.1",
            "1.0.0-rc.1",
            "1.0.0-alpha-1+build.5",
            "10.20.30+20240501",
        ] {
            assert!(valid(good), "{good}");
        }
        for bad in [
            "v1.2.0", "1.2", "01.2.3", "1.2.3-01", "1.2.3-", "1.2.3+", "latest", "1.2.3.4",
        ] {
            assert!(!valid(bad), "{bad}");
        }
    }

    #[test]
    fn checks_only_labels_the_schema_gives_this_format() {
        let text = "FROM alpine\nLABEL x=\"v1.2\" y=\"v1.2\" x=\"1.2.0\" x=$V\n";
        let found = findings_with(
            &LabelNotSemver,
            text,
            "label-schema:\n  x: semver\n  y: text\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 9));
        assert!(findings(&LabelNotSemver, text).is_empty());
    }
}
