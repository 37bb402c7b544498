use super::util::check_format;
use crate::declare_rule;
use crate::lint::{Finding, LabelFormat, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With a `label-schema` that gives a label the `rfc3339` format, flags
    /// a value of that label that is not an RFC 3339 time.
    ///
    /// ## Why it matters
    /// Tools sort and compare build times; a date without a time and zone,
    /// or a local format, cannot be compared reliably.
    ///
    /// ## Example
    /// With `label-schema: {org.opencontainers.image.created: rfc3339}`:
    /// ```dockerfile
    /// LABEL org.opencontainers.image.created="2024-05-01"
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"
    /// ```
    pub struct LabelNotRfc3339 {
        id: "label-not-rfc3339",
        name: "Schema label is not an RFC 3339 time",
        aliases: &["DL3053"],
        severity: Warning,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`, with fields in range.
fn valid(value: &str) -> bool {
    let b = value.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let s = value.get(from..from + len)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let fields = (|| {
        let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (at(4, b'-')
            && at(7, b'-')
            && at(13, b':')
            && at(16, b':')
            && matches!(b.get(10), Some(b'T' | b't' | b' '))
            && (1..=days).contains(&day)
            && hour < 24
            && minute < 60
            && second <= 60)
            .then_some(())
    })();
    if fields.is_none() {
        return false;
    }
    let mut rest = &value[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &frac[digits..];
    }
    match rest {
        "Z" | "z" => true,
        zone => {
            let z = zone.as_bytes();
            zone.len() == 6
                && matches!(z[0], b'+' | b'-')
                && z[3] == b':'
                && zone[1..3].parse::<u32>().is_ok_and(|h| h < 24)
                && zone[4..6].parse::<u32>().is_ok_and(|m| m < 60)
                && zone[1..3]
                    .bytes()
                    .chain(zone[4..6].bytes())
                    .all(|c| c.is_ascii_digit())
        }
    }
}

impl Rule for LabelNotRfc3339 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        check_format(
            cx,
            &Self::META,
            LabelFormat::Rfc3339,
            valid,
            "an RFC 3339 time",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{LabelNotRfc3339, valid};
    use crate::lint::testing::{findings, findings_with};

    #[test]
    fn accepts_and_rejects_values() {
        for good in [
            "2024-05-01T12:00:00Z",
            "2024-02-29T23:59:60.123+02:00",
            "1999-12-31t00:00:00-05:30",
        ] {
            assert!(valid(good), "{good}");
        }
        for bad in [
            "2024-05-01",
            "2023-02-29T00:00:00Z",
            "2024-05-01T12:00:00",
            "2024-13-01T00:00:00Z",
            "2024-05-01T12:00:00+2:00",
            "yesterday",
        ] {
            assert!(!valid(bad), "{bad}");
        }
    }

    #[test]
    fn checks_only_labels_the_schema_gives_this_format() {
        let text = "FROM alpine\nLABEL x=\"2024-05-01\" y=\"2024-05-01\" x=\"2024-05-01T12:00:00Z\" x=$V\n";
        let found = findings_with(
            &LabelNotRfc3339,
            text,
            "label-schema:\n  x: rfc3339\n  y: text\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 9));
        assert!(findings(&LabelNotRfc3339, text).is_empty());
    }
}
