use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a comment directly above an `ARG` or a named `FROM` that does
    /// not start with the name it describes, as in `# <name> <description>`.
    /// Off by default, as it is experimental in BuildKit.
    ///
    /// ## Why it matters
    /// Docker's tooling (`docker buildx build --call=outline`) reads such
    /// comments as the description of build arguments and targets. A comment
    /// in another shape is not shown there.
    ///
    /// ## Example
    /// ```dockerfile
    /// # The Go version to build with
    /// ARG GO_VERSION=1.26
    /// # Compiles the binary
    /// FROM golang:${GO_VERSION} AS build
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// # GO_VERSION The Go version to build with
    /// ARG GO_VERSION=1.26
    /// # build Compiles the binary
    /// FROM golang:${GO_VERSION} AS build
    /// ```
    /// An unrelated comment can be cut off from the instruction with an
    /// empty `#` line; as in BuildKit, a blank line does not do it.
    pub struct InvalidDefinitionDescription {
        id: "invalid-definition-description",
        name: "Comment above ARG or stage is not a description",
        aliases: &["InvalidDefinitionDescription"],
        severity: Warning,
        category: Syntax,
        fixable: false,
        enabled_by_default: false,
    }
}

impl Rule for InvalidDefinitionDescription {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            // BuildKit reads only the last comment line of the block.
            let Some(comment) = ins.comments_before.last() else {
                continue;
            };
            let names: Vec<String> = match (&ins.kind, &ins.args) {
                (InstructionKind::Arg, Args::Words(words)) => words
                    .iter()
                    .map(|w| w.value.split('=').next().unwrap_or("").to_owned())
                    .collect(),
                (InstructionKind::From, Args::Words(words)) if words.len() == 3 => {
                    vec![words[2].value.to_lowercase()]
                }
                _ => continue,
            };
            let first = comment.split(' ').next().unwrap_or("");
            if names.is_empty() || names.iter().any(|n| n == first) {
                continue;
            }
            let example = if names.len() == 1 {
                names[0].as_str()
            } else {
                "<arg_key>"
            };
            out.push(cx.finding(
                &Self::META,
                ins.keyword_span,
                format!(
                    "the comment above {} should read `# {example} <description>`",
                    ins.kind.as_str()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidDefinitionDescription;
    use crate::lint::testing::findings;

    #[test]
    fn flags_comments_that_do_not_name_the_definition() {
        let text = "# The Go version\n\nARG GO_VERSION=1.26\n# Compiles it\nFROM golang AS build\n# two\nARG A B\n";
        let lines: Vec<_> = findings(&InvalidDefinitionDescription, text)
            .iter()
            .map(|f| (f.line, f.message.clone()))
            .collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[2].1.contains("<arg_key>"));
    }

    #[test]
    fn descriptions_and_separate_comments_are_fine() {
        let text = "# GO_VERSION The Go version\nARG GO_VERSION=1.26\n# build Compiles it\nFROM golang AS Build\n# unrelated\n#\nARG X\n# B second of two\nARG A B\n# a comment\nFROM alpine\n";
        assert!(findings(&InvalidDefinitionDescription, text).is_empty());
    }
}
