use super::util::{flag_value_span, from_alias, from_words};
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags a stage name (`FROM ... AS Name`) that is not all lowercase.
    ///
    /// ## Why it matters
    /// BuildKit lower-cases stage names, so `AS Build` and `--from=build`
    /// name the same stage; writing them in one casing avoids the confusion.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS Build
    /// FROM alpine:3.20
    /// COPY --from=Build /out/app /app
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM alpine:3.20
    /// COPY --from=build /out/app /app
    /// ```
    /// The fix lower-cases the name and every `FROM` and `COPY --from` that
    /// refers to it.
    pub struct StageNameCasing {
        id: "stage-name-casing",
        name: "Stage name is not lowercase",
        aliases: &["StageNameCasing"],
        severity: Style,
        category: Stages,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for StageNameCasing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (index, ins) in cx.instructions() {
            let Some((_, name)) = from_alias(ins) else {
                continue;
            };
            let lower = name.value.to_lowercase();
            if lower == name.value {
                continue;
            }
            let mut edits = vec![Edit {
                span: name.span,
                replacement: lower.clone(),
            }];
            for (_, later) in cx.instructions().skip(index + 1) {
                let span = match later.kind {
                    InstructionKind::From => from_words(later).map(|w| w[0].span),
                    InstructionKind::Copy => flag_value_span(later, "from"),
                    _ => None,
                };
                if let Some(span) = span
                    && cx.text(span).eq_ignore_ascii_case(&lower)
                    && cx.text(span) != lower
                {
                    edits.push(Edit {
                        span,
                        replacement: lower.clone(),
                    });
                }
            }
            out.push(
                cx.finding(
                    &Self::META,
                    name.span,
                    format!("stage name `{}` should be lowercase", name.value),
                )
                .with_fix(format!("Rename the stage to `{lower}`"), edits),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::StageNameCasing;
    use crate::lint::testing::{apply_fixes, findings};

    fn count(text: &str) -> usize {
        findings(&StageNameCasing, text).len()
    }

    #[test]
    fn flags_mixed_case_names() {
        let found = findings(&StageNameCasing, "FROM golang:1.23 AS Build\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (1, 21));
        assert_eq!(count("FROM a:1 AS BUILDER\nFROM b:1 as Runtime\n"), 2);
    }

    #[test]
    fn fix_renames_references() {
        let text = "FROM golang:1.23 AS Build\nFROM Build AS test\nFROM alpine:3\nCOPY --from=Build /out/app /app\nCOPY --from=other /x /x\n";
        assert_eq!(
            apply_fixes(&StageNameCasing, text),
            "FROM golang:1.23 AS build\nFROM build AS test\nFROM alpine:3\nCOPY --from=build /out/app /app\nCOPY --from=other /x /x\n"
        );
    }

    #[test]
    fn accepts_lowercase() {
        assert_eq!(
            count("FROM golang:1.23 AS build-env_2\nFROM build-env_2\n"),
            0
        );
        assert_eq!(count("FROM Alpine:3\n"), 0);
    }
}
