use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a final `USER` given by name rather than by numeric id, as in
    /// `USER app` instead of `USER 10001`.
    ///
    /// ## Why it matters
    /// A name only means something inside the image's `/etc/passwd`.
    /// Kubernetes' `runAsNonRoot` cannot verify a name is not root, and
    /// volumes, host tooling and security policies all work with numbers.
    ///
    /// ## Example
    /// ```dockerfile
    /// USER app:app
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// USER 10001:10001
    /// ```
    ///
    /// ## Differences from hadolint
    /// Only the last `USER` of the final stage is checked. It is the one
    /// the image runs as; hadolint narrowed the rule the same way after
    /// 2.15.1. A `USER ContainerAdministrator` in a builder stage is not
    /// reported.
    ///
    /// A user given through a variable is not judged. `USER $APP_UID` may
    /// well hold a number.
    pub struct NonNumericUser {
        id: "non-numeric-user",
        name: "USER is not a numeric id",
        aliases: &["DL3066"],
        severity: Info,
        category: Security,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for NonNumericUser {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let Some(last) = cx.model().stages.last() else {
            return;
        };
        let doc = cx.document();
        let user = last
            .instructions
            .iter()
            .rev()
            .map(|&i| &doc.instructions[i])
            .find(|ins| ins.kind == InstructionKind::User);
        let Some(ins) = user else { return };
        let Args::Text(word) = &ins.args else { return };
        let uid = word.value.split(':').next().unwrap_or("");
        if uid.contains('$') || !uid.is_empty() && uid.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        out.push(cx.finding(
            &Self::META,
            word.span,
            format!("user `{uid}` is a name: a numeric id can be checked by the host and by policies that forbid root"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::NonNumericUser;
    use crate::lint::testing::findings;

    #[test]
    fn flags_a_named_final_user() {
        assert_eq!(
            findings(&NonNumericUser, "FROM alpine\nUSER 1000\nUSER app:1000\n").len(),
            1
        );
        assert_eq!(
            findings(&NonNumericUser, "FROM alpine\nUSER root\n").len(),
            1
        );
    }

    #[test]
    fn numeric_variable_and_earlier_users_are_fine() {
        for text in [
            "FROM alpine\nUSER 10001:10001\n",
            "FROM alpine\nARG UID\nUSER ${UID}\n",
            "FROM alpine AS build\nUSER builder\nFROM alpine\nUSER 1000\n",
            "FROM alpine\nUSER app\nUSER 1000\n",
            "FROM alpine\nRUN true\n",
        ] {
            assert!(findings(&NonNumericUser, text).is_empty(), "{text}");
        }
    }
}
