use super::util::copy_paths;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags `COPY --from=stage / /`: copying another stage's whole
    /// filesystem over this one.
    ///
    /// ## Why it matters
    /// It drags in every file of the other stage (package caches, compilers,
    /// `/etc/passwd`, `/proc` placeholders), overwrites this stage's system
    /// files, and defeats the point of a multi-stage build. Copy what you
    /// need, by path.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// FROM gcr.io/distroless/static:nonroot
    /// COPY --from=build / /
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// COPY --from=build /out/app /app
    /// ```
    pub struct CopyWholeFilesystem {
        id: "copy-whole-filesystem",
        name: "COPY --from copies a whole filesystem",
        aliases: &["DL3067"],
        severity: Warning,
        category: Stages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for CopyWholeFilesystem {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            if ins.kind != InstructionKind::Copy {
                continue;
            }
            let Some(from) = ins.flag("from").and_then(|f| f.value.as_deref()) else {
                continue;
            };
            let Some((sources, dest)) = copy_paths(ins) else {
                continue;
            };
            if sources.iter().any(|s| s == "/") && super::util::unquoted(&dest.value) == "/" {
                out.push(cx.finding(
                    &Self::META,
                    ins.span,
                    format!(
                        "COPY copies the whole filesystem of `{from}`: copy the paths you need"
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CopyWholeFilesystem;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&CopyWholeFilesystem, text).len()
    }

    #[test]
    fn flags_root_to_root() {
        let found = findings(
            &CopyWholeFilesystem,
            "FROM golang:1.23 AS build\nFROM alpine:3\nCOPY --from=build / /\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (3, 1));
        assert_eq!(
            count("FROM a:1 AS b\nFROM c:1\nCOPY --from=b [\"/\", \"/\"]\n"),
            1
        );
        assert_eq!(count("FROM c:1\nCOPY --link --from=busybox:1 / /\n"), 1);
        let text = "FROM scratch AS x-supported\nFROM x-${V} AS x\n\nFROM scratch AS exits\nCOPY --from=x / /\n";
        assert_eq!(count(text), 1);
    }

    #[test]
    fn accepts_specific_paths() {
        assert_eq!(
            count("FROM a:1 AS b\nFROM c:1\nCOPY --from=b /out/app /app\n"),
            0
        );
        assert_eq!(
            count("FROM a:1 AS b\nFROM c:1\nCOPY --from=b / /rootfs\n"),
            0
        );
        assert_eq!(count("FROM c:1\nCOPY / /\n"), 0);
    }
}
