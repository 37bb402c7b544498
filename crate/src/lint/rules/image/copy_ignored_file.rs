use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a COPY or ADD source that selects only files the build
    /// context's `.dockerignore` excludes.
    ///
    /// ## Why it matters
    /// Excluded files are never sent to the builder, so the COPY fails with
    /// "not found", or, with a wildcard, silently copies nothing. The
    /// Dockerfile and the ignore file disagree about what the image needs.
    ///
    /// ## Example
    /// With `.dockerignore` holding `config/`:
    /// ```dockerfile
    /// FROM alpine:3.24
    /// COPY config/app.toml /etc/app.toml
    /// ```
    ///
    /// ## Fix
    /// Stop ignoring what the image needs (`!config/app.toml` after
    /// `config/`), or remove the COPY.
    ///
    /// ## Differences from BuildKit
    /// The rule needs the real build context: `layerlab lint --context DIR`
    /// or the playground's `.dockerignore` box. Without one, nothing is
    /// excluded and it reports nothing. BuildKit skips the check when the
    /// ignore file has `!` exceptions; Layerlab applies the exceptions and
    /// checks what is left.
    pub struct CopyIgnoredFile {
        id: "copy-ignored-file",
        name: "COPY of a path excluded by .dockerignore",
        aliases: &["CopyIgnoredFile"],
        severity: Warning,
        category: Instructions,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for CopyIgnoredFile {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let context = &cx.simulation().context;
        if context.excluded.is_empty() {
            return;
        }
        for (i, ins) in cx.instructions() {
            if !matches!(ins.kind, InstructionKind::Copy | InstructionKind::Add)
                || ins.flag("from").is_some()
            {
                continue;
            }
            let (Args::Words(words) | Args::Json(words)) = &ins.args else {
                continue;
            };
            let Some((_, sources)) = words.split_last() else {
                continue;
            };
            for w in sources {
                let src = match cx.model().state(i) {
                    Some(s) => s.expand(&w.value, cx.document().escape),
                    None => w.value.clone(),
                };
                if src.starts_with("<<") || src.contains("://") {
                    continue;
                }
                if context.select(&src).is_empty() && !context.select_excluded(&src).is_empty() {
                    out.push(cx.finding(
                        &Self::META,
                        w.span,
                        format!("{src} is excluded by .dockerignore, so the builder never sees it"),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CopyIgnoredFile;
    use crate::lint::{LintContext, Rule};
    use crate::report;
    use crate::sim::catalog::Catalog;
    use crate::sim::context::{BuildContext, DockerIgnore};
    use crate::sim::{SimOptions, simulate};

    fn run(text: &str, ignore: &str) -> Vec<String> {
        let r = report::analyze(text);
        let mut ctx = BuildContext::new();
        ctx.insert("config/app.toml", 100, false);
        ctx.insert("src/main.go", 100, false);
        let ctx = ctx.with_dockerignore(&DockerIgnore::parse(ignore));
        let options = SimOptions {
            context: Some(ctx),
            ..SimOptions::default()
        };
        let sim = simulate(&r, Catalog::builtin_web(), &options);
        let mut out = Vec::new();
        CopyIgnoredFile.check(&LintContext::new(&r).with_simulation(&sim), &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn flags_sources_the_ignore_file_removes() {
        let f = run(
            "FROM alpine:3.24\nCOPY config/app.toml /etc/\n",
            "config/\n",
        );
        assert_eq!(
            f,
            vec!["config/app.toml is excluded by .dockerignore, so the builder never sees it"]
        );
    }

    #[test]
    fn accepts_included_sources_and_exceptions() {
        assert!(run("FROM alpine:3.24\nCOPY src /src\n", "config/\n").is_empty());
        assert!(
            run(
                "FROM alpine:3.24\nCOPY config/app.toml /etc/\n",
                "config/\n!config/app.toml\n"
            )
            .is_empty()
        );
        assert!(run("FROM alpine:3.24\nCOPY . /app\n", "config/\n").is_empty());
        assert!(run("FROM alpine:3.24\nCOPY config/app.toml /etc/\n", "").is_empty());
    }
}
