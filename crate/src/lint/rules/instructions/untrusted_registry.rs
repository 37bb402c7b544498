use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::Base;
use crate::span::Span;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// With `trustedRegistries` configured, flags images from any other
    /// registry: in `FROM`, in `COPY --from=<image>` and in
    /// `RUN --mount=from=<image>`. Without the setting it does nothing.
    ///
    /// ## Why it matters
    /// Organisations often only allow images from a mirror or a registry
    /// they scan. An image pulled from elsewhere skips those checks.
    ///
    /// ## Example
    /// With `trustedRegistries: [registry.example.com]`:
    /// ```dockerfile
    /// FROM quay.io/org/tool:1.0
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM registry.example.com/org/tool:1.0
    /// ```
    ///
    /// ## Differences from hadolint
    /// Image names are judged after ARG expansion, so `FROM $REGISTRY/app`
    /// is checked against the ARG's default; a name that stays unknown is
    /// not judged. Images without a registry are Docker Hub's and pass when
    /// `docker.io` or `hub.docker.com` is trusted.
    pub struct UntrustedRegistry {
        id: "untrusted-registry",
        name: "Image from a registry that is not trusted",
        aliases: &["DL3026"],
        severity: Error,
        category: BaseImage,
        fixable: false,
        enabled_by_default: true,
    }
}

/// The registry an image reference pulls from; `None` for Docker Hub.
fn registry_of(reference: &str) -> Option<&str> {
    let (first, _) = reference.split_once('/')?;
    (first.contains(['.', ':']) || first == "localhost").then_some(first)
}

fn trusted(cx: &LintContext, reference: &str) -> bool {
    match registry_of(reference) {
        Some(registry) => cx.config.trusts(registry),
        None => cx.config.trusts("docker.io") || cx.config.trusts("hub.docker.com"),
    }
}

/// Whether `name` refers to a stage of the file rather than an image.
fn is_stage(cx: &LintContext, name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.bytes().all(|b| b.is_ascii_digit())
        || cx
            .model()
            .stages
            .iter()
            .any(|s| s.name.as_deref() == Some(lower.as_str()))
}

impl UntrustedRegistry {
    fn report(&self, cx: &LintContext, span: Span, reference: &str, out: &mut Vec<Finding>) {
        if reference.contains('$')
            || reference.eq_ignore_ascii_case("scratch")
            || trusted(cx, reference)
        {
            return;
        }
        let registry = registry_of(reference).unwrap_or("docker.io");
        out.push(cx.finding(
            &Self::META,
            span,
            format!("`{reference}` comes from `{registry}`, which is not a trusted registry"),
        ));
    }
}

impl Rule for UntrustedRegistry {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        if cx.config.trusted_registries.is_empty() {
            return;
        }
        let doc = cx.document();
        for stage in &cx.model().stages {
            let (Base::Image { reference }, Some(&from)) =
                (&stage.base, stage.instructions.first())
            else {
                continue;
            };
            let ins = &doc.instructions[from];
            let span = match &ins.args {
                Args::Words(words) if !words.is_empty() => words[0].span,
                _ => ins.span,
            };
            self.report(cx, span, reference, out);
        }
        for (_, ins) in cx.instructions() {
            let ins = ins.effective();
            for flag in &ins.flags {
                let Some(value) = &flag.value else { continue };
                let span = flag.value_span.unwrap_or(flag.span);
                match (ins.kind, flag.name.as_str()) {
                    (InstructionKind::Copy | InstructionKind::Add, "from")
                        if !is_stage(cx, value) =>
                    {
                        self.report(cx, span, value, out);
                    }
                    (InstructionKind::Run, "mount") => {
                        let from = value
                            .split(',')
                            .find_map(|opt| opt.trim().strip_prefix("from="));
                        if let Some(image) = from.filter(|f| !is_stage(cx, f)) {
                            self.report(cx, span, image, out);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UntrustedRegistry;
    use crate::lint::testing::{findings, findings_with};

    const TEXT: &str = "ARG REG=quay.io\nFROM $REG/org/tool:1 AS tool\nFROM registry.example.com/base:1\n\
        COPY --from=tool /a /a\nCOPY --from=ghcr.io/org/x:1 /b /b\nRUN --mount=type=cache,from=alpine:3,target=/c true\n\
        FROM ubuntu:24.04\n";

    #[test]
    fn flags_images_from_other_registries() {
        let found = findings_with(
            &UntrustedRegistry,
            TEXT,
            "trustedRegistries: [registry.example.com]",
        );
        let lines: Vec<_> = found.iter().map(|f| f.line).collect();
        assert_eq!(lines, [2, 7, 5, 6]);
    }

    #[test]
    fn trusted_hub_and_wildcards_pass() {
        let found = findings_with(
            &UntrustedRegistry,
            TEXT,
            "trustedRegistries: [docker.io, '*.example.com', quay.io, ghcr.io]",
        );
        assert!(found.is_empty(), "{found:?}");
        // Without the setting the rule is silent.
        assert!(findings(&UntrustedRegistry, TEXT).is_empty());
    }
}
