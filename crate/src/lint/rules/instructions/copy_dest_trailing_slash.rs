use super::util::{copy_operands, unquote};
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a `COPY` or `ADD` with several sources whose destination does
    /// not end in `/`.
    ///
    /// ## Why it matters
    /// Several sources can only go into a directory, and Docker only takes
    /// the destination for one when it ends in `/`. Otherwise the build
    /// fails with "When using COPY with more than one source file, the
    /// destination must be a directory and end with a /".
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// COPY package.json package-lock.json /app/
    /// ```
    /// The fix appends the `/`.
    ///
    /// ## Differences from hadolint
    /// hadolint checks `COPY` only; Docker rejects `ADD` the same way, so
    /// both are checked. Heredoc sources count as sources.
    pub struct CopyDestTrailingSlash {
        id: "copy-dest-trailing-slash",
        name: "COPY with several sources needs a destination ending in /",
        aliases: &["DL3021"],
        severity: Error,
        category: Instructions,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for CopyDestTrailingSlash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let ins = ins.effective();
            if !matches!(ins.kind, InstructionKind::Copy | InstructionKind::Add) {
                continue;
            }
            let Some((sources, dest)) = copy_operands(ins) else {
                continue;
            };
            let path = unquote(&dest.value);
            if sources.len() < 2 || path.ends_with('/') || path.ends_with('\\') {
                continue;
            }
            let keyword = ins.kind.as_str();
            let finding = cx.finding(
                &Self::META,
                dest.span,
                format!("{keyword} with more than one source needs a destination ending in `/`"),
            );
            // Append inside the quotes or JSON string, where the path ends.
            let text = cx.text(dest.span);
            let plain = matches!(ins.args, Args::Words(_)) && text == dest.value;
            let quoted = text.len() >= 2
                && text.starts_with(['"', '\''])
                && text.get(1..text.len() - 1) == Some(path);
            let end = if plain && path == dest.value {
                Some(dest.span.end)
            } else if quoted {
                Some(dest.span.end - 1)
            } else {
                None
            };
            out.push(match end {
                Some(at) => finding.with_fix(
                    "Add a trailing /",
                    vec![Edit {
                        span: crate::span::Span::new(at, at),
                        replacement: "/".into(),
                    }],
                ),
                None => finding,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CopyDestTrailingSlash;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_destinations_without_a_slash() {
        let text = "FROM alpine\nCOPY a b /app\nADD [\"a\", \"b\", \"/opt\"]\nCOPY x y \"/srv\"\n";
        assert_eq!(findings(&CopyDestTrailingSlash, text).len(), 3);
        assert_eq!(
            apply_fixes(&CopyDestTrailingSlash, text),
            "FROM alpine\nCOPY a b /app/\nADD [\"a\", \"b\", \"/opt/\"]\nCOPY x y \"/srv/\"\n"
        );
    }

    #[test]
    fn one_source_or_a_directory_destination_is_fine() {
        let text = "FROM alpine\nCOPY a /app\nCOPY a b /app/\nCOPY --from=x a b $DIR/\nADD [\"a\", \"b\", \"/opt/\"]\n";
        assert!(findings(&CopyDestTrailingSlash, text).is_empty());
    }
}
