use super::util::expand_at;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a stage whose last `USER` is `root` (or uid `0`).
    ///
    /// ## Why it matters
    /// A container running as root turns any escape from the application
    /// into root on the container, and often on the host. Switch to root for
    /// the steps that need it, then back to an unprivileged user.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// USER root
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM node:22
    /// USER root
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// USER node
    /// ```
    ///
    /// ## Differences from hadolint
    /// The user is read after ARG/ENV substitution: `ARG RUN_AS=root` then
    /// `USER $RUN_AS` is a finding. A stage with no `USER` at all is reported
    /// by `final-stage-runs-as-root` instead, for the final stage only.
    pub struct RootUser {
        id: "root-user",
        name: "Last USER is root",
        aliases: &["DL3002"],
        severity: Warning,
        category: Security,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Whether a `USER` value names root: `root`, `0`, with or without a group.
pub fn is_root(value: &str) -> bool {
    let user = value.split(':').next().unwrap_or("").trim();
    user == "root" || user == "0"
}

impl Rule for RootUser {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.document();
        for stage in &cx.model().stages {
            let last = stage.instructions.iter().rev().find_map(|&i| {
                let ins = &doc.instructions[i];
                match (&ins.kind, &ins.args) {
                    (InstructionKind::User, Args::Text(word)) => Some((i, word)),
                    _ => None,
                }
            });
            let Some((index, word)) = last else {
                continue;
            };
            let Some(user) = expand_at(cx, index, word.value.trim()) else {
                continue;
            };
            if is_root(&user) {
                out.push(cx.finding(
                    &Self::META,
                    word.span,
                    format!("last USER of the stage is `{user}`: switch to an unprivileged user"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RootUser;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&RootUser, text).len()
    }

    #[test]
    fn flags_root_last() {
        let found = findings(&RootUser, "FROM node:22\nUSER root\nRUN npm ci\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 6));
        assert_eq!(count("FROM a:1\nUSER app\nUSER 0:0\n"), 1);
        assert_eq!(
            count("FROM a:1 AS b\nUSER root\nFROM b\nUSER root:root\n"),
            2
        );
        assert_eq!(count("FROM a:1\nARG RUN_AS=root\nUSER $RUN_AS\n"), 1);
        assert_eq!(count("FROM a:1\nENV U=0\nUSER ${U}\n"), 1);
    }

    #[test]
    fn accepts_unprivileged_last() {
        assert_eq!(
            count("FROM node:22\nUSER root\nRUN apt-get update\nUSER node\n"),
            0
        );
        assert_eq!(count("FROM a:1\nUSER 1000:1000\n"), 0);
        assert_eq!(count("FROM a:1\nUSER rootless\n"), 0);
        assert_eq!(count("FROM a:1\nRUN true\n"), 0);
        assert_eq!(count("FROM a:1\nUSER $UNKNOWN\n"), 0);
        assert_eq!(count("FROM a:1\nONBUILD USER root\n"), 0);
    }
}
