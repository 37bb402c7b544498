use super::util::flag_value_span;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags `COPY --from=name` inside the stage called `name` itself.
    ///
    /// ## Why it matters
    /// A stage cannot copy from itself: BuildKit fails with a dependency
    /// cycle. The intent was almost always an earlier stage.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// COPY --from=build /src /src
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// COPY . /src
    /// ```
    ///
    /// ## Differences from hadolint
    /// The stage's own index counts too (`COPY --from=1` in the second
    /// stage), and names are compared without regard to case.
    pub struct CopyFromOwnStage {
        id: "copy-from-own-stage",
        name: "COPY --from names its own stage",
        aliases: &["DL3023"],
        severity: Error,
        category: Stages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for CopyFromOwnStage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (index, ins) in cx.instructions() {
            if ins.kind != InstructionKind::Copy {
                continue;
            }
            let Some(from) = ins.flag("from").and_then(|f| f.value.as_deref()) else {
                continue;
            };
            let Some(stage) = cx.stage_of(index) else {
                continue;
            };
            let own = stage.name.as_deref() == Some(from.to_lowercase().as_str())
                || from.parse::<usize>().ok() == Some(stage.index);
            if !own {
                continue;
            }
            let span = flag_value_span(ins, "from").unwrap_or(ins.span);
            out.push(cx.finding(
                &Self::META,
                span,
                format!("`--from={from}` names the stage this COPY is in"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CopyFromOwnStage;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&CopyFromOwnStage, text).len()
    }

    #[test]
    fn flags_own_stage() {
        let found = findings(
            &CopyFromOwnStage,
            "FROM golang:1.23 AS build\nCOPY --from=build /src /src\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 13));
        assert_eq!(count("FROM a:1 AS Build\nCOPY --from=build /a /a\n"), 1);
        assert_eq!(count("FROM a:1\nFROM b:1\nCOPY --from=1 /a /a\n"), 1);
    }

    #[test]
    fn accepts_other_stages() {
        assert_eq!(
            count("FROM a:1 AS build\nFROM b:1 AS run\nCOPY --from=build /a /a\n"),
            0
        );
        assert_eq!(count("FROM a:1\nFROM b:1\nCOPY --from=0 /a /a\n"), 0);
        assert_eq!(count("FROM a:1 AS build\nCOPY --from=nginx:1 /a /a\n"), 0);
    }
}
