use super::util::{copy_paths, expand_at, unquoted};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::{Base, Stage};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags `COPY` to a relative destination when no `WORKDIR` has been set
    /// earlier in the stage or in a stage it is built on.
    ///
    /// ## Why it matters
    /// A relative destination is resolved against the working directory,
    /// which then comes from the base image and can change with it. Setting
    /// `WORKDIR` (or copying to an absolute path) makes the layout explicit.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// COPY package.json .
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR /app
    /// COPY package.json .
    /// ```
    ///
    /// ## Differences from hadolint
    /// A WORKDIR the base image sets counts. `FROM golang:1.26` then
    /// `COPY . .` copies into `/go`, the image's WORKDIR as the catalog
    /// records it; hadolint cannot know it and reports the COPY.
    ///
    /// A `WORKDIR` in a parent stage counts:
    /// `FROM node:22 AS base` / `WORKDIR /app` / `FROM base` / `COPY . .` is
    /// fine. The destination is read after ARG/ENV substitution: with
    /// `ENV APP=/srv/app`, `COPY . $APP` is fine, with `ENV APP=app` it is a
    /// finding; a variable that is not known is not reported.
    pub struct CopyRelativeWithoutWorkdir {
        id: "copy-relative-without-workdir",
        name: "COPY to a relative path without WORKDIR",
        aliases: &["DL3045"],
        severity: Warning,
        category: Instructions,
        fixable: false,
        enabled_by_default: true,
    }
}

fn is_relative(dest: &str) -> bool {
    let b = dest.as_bytes();
    let drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    !(dest.is_empty() || dest.starts_with(['/', '\\', '~']) || drive)
}

/// Whether a WORKDIR comes before instruction `index` in the stage, or
/// anywhere in the stages it is built on.
fn has_workdir(cx: &LintContext, stage: &Stage, index: usize) -> bool {
    let doc = cx.document();
    let mut current = Some(stage);
    let mut limit = index;
    while let Some(s) = current {
        if s.instructions
            .iter()
            .any(|&i| i < limit && doc.instructions[i].kind == InstructionKind::Workdir)
        {
            return true;
        }
        limit = usize::MAX;
        current = match &s.base {
            Base::Stage { index } if *index < s.index => cx.model().stages.get(*index),
            // The base image's own WORKDIR, as the catalog records it.
            Base::Image { reference } => return base_workdir(reference),
            _ => None,
        };
    }
    false
}

/// Whether the catalog knows `reference` to set a WORKDIR other than `/`.
fn base_workdir(reference: &str) -> bool {
    match crate::sim::catalog::Catalog::builtin_web().lookup_image(reference) {
        crate::sim::catalog::ImageLookup::Known { image, .. } => {
            !matches!(image.config.workdir.as_str(), "" | "/")
        }
        _ => false,
    }
}

impl Rule for CopyRelativeWithoutWorkdir {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (index, ins) in cx.instructions() {
            if ins.kind != InstructionKind::Copy {
                continue;
            }
            let Some((_, dest)) = copy_paths(ins) else {
                continue;
            };
            let Some(stage) = cx.stage_of(index) else {
                continue;
            };
            let Some(path) = expand_at(cx, index, unquoted(&dest.value)) else {
                continue;
            };
            if !is_relative(&path) || has_workdir(cx, stage, index) {
                continue;
            }
            out.push(cx.finding(
                &Self::META,
                dest.span,
                format!("COPY to relative `{path}` with no WORKDIR set: set WORKDIR or use an absolute path"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CopyRelativeWithoutWorkdir;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&CopyRelativeWithoutWorkdir, text).len()
    }

    #[test]
    fn flags_relative_destinations() {
        let found = findings(
            &CopyRelativeWithoutWorkdir,
            "FROM node:22\nCOPY package.json .\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 19));
        assert_eq!(
            count("FROM a:1\nCOPY x ./y\nCOPY x \"y\"\nCOPY [\"x\", \"z/\"]\n"),
            3
        );
        assert_eq!(count("FROM a:1\nENV APP=app\nCOPY . $APP\n"), 1);
        assert_eq!(count("FROM a:1 AS base\nFROM base\nCOPY x y\n"), 1);
        assert_eq!(count("FROM a:1\nCOPY x y\nWORKDIR /app\n"), 1);
    }

    #[test]
    fn accepts_workdir_or_absolute() {
        assert_eq!(
            count("FROM node:22\nWORKDIR /app\nCOPY package.json .\n"),
            0
        );
        assert_eq!(
            count("FROM node:22 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n"),
            0
        );
        assert_eq!(
            count("FROM a:1\nCOPY x /y\nCOPY x c:/y\nCOPY x $HOME/y\n"),
            0
        );
        assert_eq!(count("FROM a:1\nENV APP=/srv/app\nCOPY . $APP\n"), 0);
        assert_eq!(count("FROM a:1\nADD x y\n"), 0);
    }

    #[test]
    fn a_base_image_workdir_counts() {
        assert!(findings(&CopyRelativeWithoutWorkdir, "FROM golang:1.26\nCOPY . .\n").is_empty());
        assert_eq!(
            findings(
                &CopyRelativeWithoutWorkdir,
                "FROM debian:bookworm\nCOPY . .\n"
            )
            .len(),
            1
        );
    }
}
