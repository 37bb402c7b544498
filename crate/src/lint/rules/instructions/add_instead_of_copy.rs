use super::util::{copy_operands, unquote};
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags an `ADD` whose sources are all local files or folders, where
    /// `COPY` does the same.
    ///
    /// ## Why it matters
    /// `ADD` also downloads URLs and unpacks local archives. Using it for
    /// plain files hides which of those the author meant, and a file that
    /// later happens to be an archive gets unpacked instead of copied.
    /// `COPY` says exactly what happens.
    ///
    /// ## Example
    /// ```dockerfile
    /// ADD requirements.txt /app/
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// COPY requirements.txt /app/
    /// ```
    /// The fix rewrites the keyword, unless the `ADD` carries a flag only
    /// `ADD` has (`--checksum`, `--keep-git-dir`, `--unpack`).
    ///
    /// ## Differences from hadolint
    /// Git sources (`git@host:repo`, `*.git`) count as remote, like URLs,
    /// since `COPY` cannot fetch them. Sources written with a variable are
    /// not judged.
    pub struct AddInsteadOfCopy {
        id: "add-instead-of-copy",
        name: "Use COPY instead of ADD for files and folders",
        aliases: &["DL3020"],
        severity: Error,
        category: Instructions,
        fixable: true,
        enabled_by_default: true,
    }
}

/// Extensions ADD unpacks (the compressions BuildKit detects, and tar).
const ARCHIVES: &[&str] = &[
    ".tar", ".z", ".bz2", ".gz", ".lz", ".lzma", ".tz", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz", ".zst", ".tzst",
];

/// Whether ADD does something with `source` that COPY cannot.
fn needs_add(source: &str) -> bool {
    let s = unquote(source).to_ascii_lowercase();
    s.contains('$')
        || s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("git@")
        || s.starts_with("git://")
        || s.ends_with(".git")
        || ARCHIVES.iter().any(|ext| s.ends_with(ext))
}

impl Rule for AddInsteadOfCopy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let ins = ins.effective();
            if ins.kind != InstructionKind::Add {
                continue;
            }
            let Some((sources, _)) = copy_operands(ins) else {
                continue;
            };
            if sources.is_empty() || sources.iter().any(|s| needs_add(&s.value)) {
                continue;
            }
            let finding = cx.finding(
                &Self::META,
                ins.keyword_span,
                "use COPY instead of ADD for local files and folders",
            );
            let add_only = ["checksum", "keep-git-dir", "unpack"]
                .iter()
                .any(|f| ins.flag(f).is_some());
            out.push(if add_only {
                finding
            } else {
                // Keep the file's casing of keywords.
                let copy = if ins.keyword.chars().all(|c| c.is_ascii_lowercase()) {
                    "copy"
                } else {
                    "COPY"
                };
                finding.with_fix(
                    "Replace ADD with COPY",
                    vec![Edit {
                        span: ins.keyword_span,
                        replacement: copy.to_owned(),
                    }],
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AddInsteadOfCopy;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_local_sources_and_rewrites_to_copy() {
        let text = "FROM alpine\nADD --chown=1:1 a.txt dir/ /app/\nadd [\"b c\", \"/d\"]\nONBUILD ADD x /y\n";
        assert_eq!(findings(&AddInsteadOfCopy, text).len(), 3);
        assert_eq!(
            apply_fixes(&AddInsteadOfCopy, text),
            "FROM alpine\nCOPY --chown=1:1 a.txt dir/ /app/\ncopy [\"b c\", \"/d\"]\nONBUILD COPY x /y\n"
        );
    }

    #[test]
    fn add_only_flags_get_no_fix() {
        let found = findings(&AddInsteadOfCopy, "FROM alpine\nADD --unpack=false a /b\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn urls_archives_git_and_variables_need_add() {
        for text in [
            "FROM alpine\nADD https://example.com/a.bin /a\n",
            "FROM alpine\nADD rootfs.tar.gz /\n",
            "FROM alpine\nADD \"app.TGZ\" /opt/\n",
            "FROM alpine\nADD git@github.com:org/repo.git /src\n",
            "FROM alpine\nADD https://github.com/org/repo.git#v1 /src\n",
            "FROM alpine\nADD $SRC /dst\n",
            "FROM alpine\nCOPY a /b\n",
        ] {
            assert!(findings(&AddInsteadOfCopy, text).is_empty(), "{text}");
        }
    }
}
