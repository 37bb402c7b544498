use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags an empty line inside an instruction continued with `\`.
    ///
    /// ## Why it matters
    /// BuildKit skips such lines today but has announced they will become an
    /// error. They are also easy to misread as the end of the instruction.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && \
    ///
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apt-get update && \
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    pub struct EmptyContinuation {
        id: "empty-continuation",
        name: "Empty continuation line",
        aliases: &["NoEmptyContinuation"],
        severity: Warning,
        category: Syntax,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for EmptyContinuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let source = &cx.document().source;
        for d in &cx.document().diagnostics {
            if d.code != "empty-continuation" {
                continue;
            }
            let rest = &source[d.span.end..];
            let eol = if rest.starts_with("\r\n") {
                2
            } else {
                usize::from(rest.starts_with('\n'))
            };
            let finding = cx.finding(&Self::META, d.span, "empty continuation line: remove it");
            let finding = if eol > 0 {
                finding.with_fix(
                    "Remove the empty line",
                    vec![Edit {
                        span: Span::new(d.span.start, d.span.end + eol),
                        replacement: String::new(),
                    }],
                )
            } else {
                finding
            };
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EmptyContinuation;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_empty_lines() {
        let text = "FROM a:1\nRUN apt-get update && \\\n\n    apt-get install -y curl\n";
        let found = findings(&EmptyContinuation, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 3);
        let text = "FROM a:1\nRUN a \\\n  \n\\\n\n b\n";
        assert_eq!(findings(&EmptyContinuation, text).len(), 2);
    }

    #[test]
    fn fix_removes_the_line() {
        let text = "FROM a:1\nRUN apt-get update && \\\n   \n    apt-get install -y curl\n";
        assert_eq!(
            apply_fixes(&EmptyContinuation, text),
            "FROM a:1\nRUN apt-get update && \\\n    apt-get install -y curl\n"
        );
    }

    #[test]
    fn accepts_blank_lines_between_instructions() {
        let text = "FROM a:1\n\nRUN a \\\n  # comment\n  b\n\nCMD x\n";
        assert!(findings(&EmptyContinuation, text).is_empty());
    }
}
