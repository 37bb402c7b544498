use super::util::from_alias;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a stage name (`FROM ... AS name`) already used by an earlier
    /// stage. Names are compared without regard to case, as BuildKit does.
    ///
    /// ## Why it matters
    /// BuildKit refuses to build a file with two stages of the same name, and
    /// `COPY --from=name` or `--target name` could not say which one it means.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM node:22 AS build
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM golang:1.23 AS build-api
    /// FROM node:22 AS build-web
    /// ```
    ///
    /// ## Differences from hadolint
    /// Names differing only in case (`AS Build`, `AS build`) are duplicates,
    /// as they are to BuildKit.
    pub struct DuplicateStageName {
        id: "duplicate-stage-name",
        name: "Stage name used twice",
        aliases: &["DL3024", "DuplicateStageName"],
        severity: Error,
        category: Stages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for DuplicateStageName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (_, ins) in cx.instructions() {
            let Some((_, name)) = from_alias(ins) else {
                continue;
            };
            let lower = name.value.to_lowercase();
            if let Some((_, line)) = seen.iter().find(|(n, _)| *n == lower) {
                out.push(cx.finding(
                    &Self::META,
                    name.span,
                    format!("stage name `{}` is already used on line {line}", name.value),
                ));
            } else {
                seen.push((lower, ins.start_line));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateStageName;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&DuplicateStageName, text).len()
    }

    #[test]
    fn flags_duplicates() {
        let found = findings(
            &DuplicateStageName,
            "FROM golang:1.23 AS build\nRUN go build\nFROM node:22 AS build\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (3, 17));
        assert!(found[0].message.contains("line 1"));
        assert_eq!(count("FROM a:1 AS Build\nFROM b:1 as build\n"), 1);
        assert_eq!(count("FROM a:1 AS x\nFROM b:1 AS x\nFROM c:1 AS x\n"), 2);
    }

    #[test]
    fn accepts_distinct_names() {
        assert_eq!(
            count("FROM a:1 AS build\nFROM build AS test\nFROM a:1\n"),
            0
        );
        assert_eq!(count("FROM a:1\nFROM a:1\n"), 0);
    }
}
