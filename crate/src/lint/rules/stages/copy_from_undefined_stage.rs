use super::util::flag_value_span;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags `COPY --from=name` where `name` is not a stage defined earlier in
    /// the file, nor a stage index, nor something that looks like an image
    /// reference (it has a `:`, `/` or `@`).
    ///
    /// ## Why it matters
    /// A bare name that is not a stage is pulled as an image from Docker Hub:
    /// a typo in a stage name silently becomes a registry pull, or a build
    /// failure far from the cause.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS builder
    /// FROM alpine:3.20
    /// COPY --from=buildr /out/app /app
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// COPY --from=builder /out/app /app
    /// ```
    ///
    /// ## Differences from hadolint
    /// Image references are not findings. `COPY --from` takes an image
    /// as well as a stage, and a stage name cannot hold `:`, `/` or `@`, so
    /// `COPY --from=nginx:1.27 /etc/nginx /etc/nginx` and
    /// `COPY --from=gloursdocker/docker / /` (from docker's awesome-compose
    /// samples) are fine here; hadolint flags every `--from` that is not an
    /// earlier stage.
    ///
    /// Names with a variable (`--from=$STAGE`) are not reported, and stage
    /// names are compared without regard to case, as BuildKit does.
    pub struct CopyFromUndefinedStage {
        id: "copy-from-undefined-stage",
        name: "COPY --from names no earlier stage",
        aliases: &["DL3022"],
        severity: Warning,
        category: Stages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for CopyFromUndefinedStage {
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
            if from.is_empty()
                || from.bytes().all(|b| b.is_ascii_digit())
                || from.contains(['$', ':', '/', '@'])
            {
                continue;
            }
            let lower = from.to_lowercase();
            let current = cx.stage_of(index).map(|s| s.index);
            let known = cx.model().stages.iter().any(|s| {
                Some(s.index) != current
                    && current.is_none_or(|c| s.index < c)
                    && s.name.as_deref() == Some(lower.as_str())
            });
            if known {
                continue;
            }
            let span = flag_value_span(ins, "from").unwrap_or(ins.span);
            out.push(cx.finding(
                &Self::META,
                span,
                format!("`--from={from}` names no earlier stage"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CopyFromUndefinedStage;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&CopyFromUndefinedStage, text).len()
    }

    #[test]
    fn flags_unknown_names() {
        let text =
            "FROM golang:1.23 AS builder\nFROM alpine:3.20\nCOPY --from=buildr /out/app /app\n";
        let found = findings(&CopyFromUndefinedStage, text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (3, 13));
        assert!(found[0].message.contains("buildr"));
        assert_eq!(
            count("FROM alpine:3\nCOPY --from=later /a /a\nFROM alpine:3 AS later\n"),
            1
        );
        assert_eq!(
            count("FROM alpine:3\nCOPY --from=nginx /etc/nginx /etc/nginx\n"),
            1
        );
    }

    #[test]
    fn accepts_stages_indices_and_images() {
        assert_eq!(
            count("FROM golang:1.23 AS Build\nFROM alpine:3\nCOPY --from=build /a /a\n"),
            0
        );
        assert_eq!(
            count("FROM golang:1.23\nFROM alpine:3\nCOPY --from=0 /a /a\n"),
            0
        );
        assert_eq!(
            count("FROM alpine:3\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n"),
            0
        );
        assert_eq!(
            count("FROM alpine:3\nCOPY --from=ghcr.io/org/tool /bin/tool /bin/\n"),
            0
        );
        assert_eq!(
            count("ARG S=build\nFROM alpine:3\nCOPY --from=$S /a /a\n"),
            0
        );
        assert_eq!(count("FROM alpine:3\nCOPY a /a\nADD --from=x a /a\n"), 0);
    }
}
