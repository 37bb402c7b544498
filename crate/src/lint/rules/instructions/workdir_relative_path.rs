use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::{Base, Stage};
use crate::syntax::{Args, Instruction, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a relative `WORKDIR` when no absolute `WORKDIR` came before it
    /// in the stage (or in the stage it is built on).
    ///
    /// ## Why it matters
    /// A relative path is resolved against the working directory of the
    /// base image, which the Dockerfile does not show and which can change
    /// when the base image is updated. The same Dockerfile then puts files
    /// somewhere else.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR app
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR /app
    /// ```
    ///
    /// ## Differences from hadolint
    /// A relative `WORKDIR` after an absolute one is accepted. hadolint
    /// flags every relative `WORKDIR`. Like BuildKit's check, this rule
    /// accepts one that follows an absolute `WORKDIR` in the same stage or a
    /// parent stage, because its meaning is then fixed by the file:
    /// ```dockerfile
    /// FROM golang:1.26 AS gopls
    /// WORKDIR /src
    /// WORKDIR tools/gopls
    /// ```
    /// is always `/src/tools/gopls` (from BuildKit's own lint Dockerfile).
    ///
    /// A path that starts with a variable (`WORKDIR $HOME/app`) is
    /// accepted, as hadolint does.
    pub struct WorkdirRelativePath {
        id: "workdir-relative-path",
        name: "WORKDIR should be absolute",
        aliases: &["DL3000", "WorkdirRelativePath"],
        severity: Error,
        category: Instructions,
        fixable: false,
        enabled_by_default: true,
    }
}

/// The WORKDIR path as written, without surrounding quotes.
fn workdir_path(ins: &Instruction) -> Option<&str> {
    match (&ins.kind, &ins.args) {
        (InstructionKind::Workdir, Args::Text(word)) => {
            Some(word.value.trim_matches(|c| c == '"' || c == '\''))
        }
        _ => None,
    }
}

/// `/x`, `$VAR/x` or a Windows drive path such as `C:\app`.
fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with(['/', '$'])
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

/// Whether an absolute WORKDIR comes before instruction `before` in the
/// stage or anywhere in the stages it is built on.
fn absolute_before(cx: &LintContext, stage: &Stage, before: usize) -> bool {
    let doc = cx.document();
    let here = stage
        .instructions
        .iter()
        .filter(|&&j| j < before)
        .filter_map(|&j| workdir_path(&doc.instructions[j]))
        .any(is_absolute);
    here || match stage.base {
        Base::Stage { index } => cx
            .model()
            .stages
            .get(index)
            .is_some_and(|parent| absolute_before(cx, parent, usize::MAX)),
        _ => false,
    }
}

impl Rule for WorkdirRelativePath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (i, ins) in cx.instructions() {
            let Some(path) = workdir_path(ins) else {
                continue;
            };
            if is_absolute(path)
                || cx
                    .stage_of(i)
                    .is_some_and(|stage| absolute_before(cx, stage, i))
            {
                continue;
            }
            let Args::Text(word) = &ins.args else {
                continue;
            };
            out.push(cx.finding(
                &Self::META,
                word.span,
                format!("relative WORKDIR `{path}` depends on the base image's working directory: use an absolute path"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WorkdirRelativePath;
    use crate::lint::testing::findings;

    #[test]
    fn flags_a_relative_workdir_with_nothing_absolute_before_it() {
        let found = findings(&WorkdirRelativePath, "FROM node:22\nWORKDIR app\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 9));
        assert_eq!(
            findings(
                &WorkdirRelativePath,
                "FROM a:1 AS one\nWORKDIR /srv\nFROM b:1\nWORKDIR src\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn accepts_absolute_variable_and_anchored_paths() {
        for text in [
            "FROM alpine\nWORKDIR /app\n",
            "FROM alpine\nWORKDIR \"/my app\"\n",
            "FROM alpine\nWORKDIR $HOME/app\n",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n",
            "FROM alpine\nWORKDIR /srv\nWORKDIR app\n",
            "FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\n",
        ] {
            assert!(findings(&WorkdirRelativePath, text).is_empty(), "{text}");
        }
    }
}
