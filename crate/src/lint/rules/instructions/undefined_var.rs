use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::Base;
use crate::sim::catalog::{Catalog, ImageLookup};
use crate::span::Span;
use crate::syntax::{Args, Instruction, InstructionKind};
use crate::vars::process_word;

declare_rule! {
    /// ## What it does
    /// Flags a variable that an instruction expands but that no `ARG` or
    /// `ENV` of the stage (or of the stages it is built on) defines, nor
    /// the base image's environment, suggesting a close defined name.
    ///
    /// ## Why it matters
    /// An undefined variable expands to an empty string without any error,
    /// so a typo or a global `ARG` that was not redeclared in the stage
    /// silently gives `COPY app /` instead of `COPY app /srv/app`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG APP_DIR=/srv/app
    /// COPY . $APP_DRI
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG APP_DIR=/srv/app
    /// COPY . $APP_DIR
    /// ```
    ///
    /// ## Differences from BuildKit
    /// The instructions checked are the ones BuildKit expands itself: `ENV`,
    /// `LABEL`, `ARG` defaults, `COPY`/`ADD` (paths and `--chown`,
    /// `--chmod`, `--checksum`), `WORKDIR`, `USER`, `VOLUME`, `STOPSIGNAL`
    /// and `RUN --mount`. Shell-form commands are left to the shell. The
    /// base image's environment comes from Layerlab's image catalog; a stage
    /// on an image the catalog does not know is not checked, since its
    /// environment is unknown.
    pub struct UndefinedVar {
        id: "undefined-var",
        name: "Variable used but never defined",
        aliases: &["UndefinedVar"],
        severity: Warning,
        category: Instructions,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Arguments BuildKit reads itself and never puts in the environment.
const NON_ENV_ARGS: &[&str] = &["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// The names defined when a stage starts; `None` when that is unknown.
fn base_names(base: &Base, ends: &[Option<Vec<String>>]) -> Option<Vec<String>> {
    // BuildKit gives every stage a PATH when the image has none.
    let mut names = vec!["PATH".to_owned()];
    match base {
        Base::Scratch => {}
        Base::Stage { index } => names.extend(ends.get(*index)?.clone()?),
        Base::Image { reference } => match Catalog::builtin_web().lookup_image(reference) {
            ImageLookup::Known { image, .. } => names.extend(
                image
                    .config
                    .env
                    .iter()
                    .map(|e| e.split('=').next().unwrap_or("").to_owned()),
            ),
            ImageLookup::Scratch => {}
            ImageLookup::Unknown { .. } => return None,
        },
        Base::Unresolved { .. } => return None,
    }
    Some(names)
}

/// The words of `ins` that BuildKit expands, with where they are.
fn expanded_words(ins: &Instruction) -> Vec<(&str, Span)> {
    let mut words = Vec::new();
    match (&ins.kind, &ins.args) {
        (InstructionKind::Env | InstructionKind::Label, Args::KeyValues(pairs)) => {
            for p in pairs {
                words.push((p.key.value.as_str(), p.key.span));
                if let Some(v) = &p.value {
                    words.push((v.value.as_str(), v.span));
                }
            }
        }
        (InstructionKind::Arg, Args::Words(ws)) => {
            for w in ws {
                if let Some((_, default)) = w.value.split_once('=') {
                    words.push((default, w.span));
                }
            }
        }
        (
            InstructionKind::Copy | InstructionKind::Add | InstructionKind::Volume,
            Args::Words(ws) | Args::Json(ws),
        ) => words.extend(ws.iter().map(|w| (w.value.as_str(), w.span))),
        (
            InstructionKind::Workdir | InstructionKind::User | InstructionKind::Stopsignal,
            Args::Text(w),
        ) => {
            words.push((w.value.as_str(), w.span));
        }
        _ => {}
    }
    let flags: &[&str] = match ins.kind {
        InstructionKind::Copy => &["chown", "chmod"],
        InstructionKind::Add => &["chown", "chmod", "checksum"],
        InstructionKind::Run => &["mount"],
        _ => &[],
    };
    for flag in ins
        .flags
        .iter()
        .filter(|f| flags.contains(&f.name.as_str()))
    {
        if let Some(value) = &flag.value {
            words.push((value.as_str(), flag.value_span.unwrap_or(flag.span)));
        }
    }
    words
}

/// Names the instruction defines for the ones after it.
fn defined_by(ins: &Instruction) -> Vec<&str> {
    match (&ins.kind, &ins.args) {
        (InstructionKind::Arg, Args::Words(ws)) => ws
            .iter()
            .map(|w| w.value.split('=').next().unwrap_or(""))
            .collect(),
        (InstructionKind::Env, Args::KeyValues(pairs)) => {
            pairs.iter().map(|p| p.key.value.as_str()).collect()
        }
        _ => Vec::new(),
    }
}

/// The defined name closest to `name`, when it is close enough to be a
/// typo of it: at most one edit in three characters.
fn closest<'a>(name: &str, defined: &'a [String]) -> Option<&'a str> {
    fn edits(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let substitute = prev[j] + usize::from(ca != *cb);
                cur.push(substitute.min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[b.len()]
    }
    let upper = name.to_ascii_uppercase();
    defined
        .iter()
        .map(|d| (edits(&upper, &d.to_ascii_uppercase()), d.as_str()))
        .filter(|&(n, d)| d != name && n <= (d.len() / 3).max(1))
        .min_by_key(|&(n, _)| n)
        .map(|(_, d)| d)
}

impl Rule for UndefinedVar {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.document();
        // Loading the catalog is the costly part: skip it for files that
        // expand nothing.
        let expands = |ins: &Instruction| expanded_words(ins).iter().any(|(t, _)| t.contains('$'));
        if !doc.instructions.iter().any(expands) {
            return;
        }
        let mut ends: Vec<Option<Vec<String>>> = Vec::new();
        for stage in &cx.model().stages {
            let Some(mut defined) = base_names(&stage.base, &ends) else {
                ends.push(None);
                continue;
            };
            for &i in stage.instructions.iter().skip(1) {
                let ins = &doc.instructions[i];
                // Only presence matters; a non-empty stand-in value keeps
                // `${A:+$B}` looking up B as it would with A set.
                let env: Vec<(&str, &str)> = defined.iter().map(|n| (n.as_str(), "x")).collect();
                let mut reported: Vec<String> = Vec::new();
                for (text, span) in expanded_words(ins) {
                    if !text.contains('$') {
                        continue;
                    }
                    let Ok(expanded) = process_word(text, &env, doc.escape) else {
                        continue;
                    };
                    for name in expanded.unmatched() {
                        if NON_ENV_ARGS.contains(&name) || reported.iter().any(|r| r == name) {
                            continue;
                        }
                        reported.push(name.to_owned());
                        let hint = closest(name, &defined)
                            .map(|d| format!(" (did you mean `{d}`?)"))
                            .unwrap_or_default();
                        out.push(cx.finding(
                            &Self::META,
                            span,
                            format!("`${name}` is not defined by an ARG or ENV in this stage or its base image{hint}"),
                        ));
                    }
                }
                defined.extend(defined_by(ins).into_iter().map(str::to_owned));
            }
            ends.push(Some(defined));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{UndefinedVar, closest};
    use crate::lint::testing::findings;

    fn names(text: &str) -> Vec<(usize, String)> {
        findings(&UndefinedVar, text)
            .into_iter()
            .map(|f| (f.line, f.message))
            .collect()
    }

    #[test]
    fn flags_undefined_variables_with_a_suggestion() {
        let text = "FROM alpine:3.24\nARG APP_DIR=/srv\nCOPY . $APP_DRI\nWORKDIR ${HOME_DIR:-/}\n";
        let found = names(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, 3);
        assert!(
            found[0].1.contains("did you mean `APP_DIR`"),
            "{}",
            found[0].1
        );
        assert!(found[1].1.contains("HOME_DIR") && !found[1].1.contains("did you mean"));
    }

    #[test]
    fn global_args_must_be_redeclared() {
        let text = "ARG VERSION=1\nFROM alpine:3.24\nLABEL version=$VERSION\nARG VERSION\nLABEL v2=$VERSION\n";
        let lines: Vec<_> = names(text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(lines, [3]);
    }

    #[test]
    fn checks_flags_mounts_and_arg_defaults() {
        let text = "FROM alpine:3.24\nCOPY --chown=$UID:$GID a /a\nRUN --mount=type=cache,target=$CACHE true\nARG B=${A}\n";
        assert_eq!(names(text).len(), 4);
        // One ENV's values expand before any of its own keys are set.
        assert_eq!(names("FROM alpine:3.24\nENV A=1 B=$A\n").len(), 1);
    }

    #[test]
    fn defined_inherited_and_image_variables_are_fine() {
        for text in [
            "FROM python:3.12-slim\nENV V=$PYTHON_VERSION P=$PATH\n",
            "FROM node:22 AS base\nARG APP=/app\nENV DIR=/srv\nFROM base\nCOPY . $DIR$APP\n",
            "FROM alpine:3.24\nARG UID\nENV HOME=/home/u\nUSER $UID\nWORKDIR $HOME\nRUN echo $UNDEFINED_IN_SHELL\n",
            "FROM scratch\nENV PATH=$PATH:/bin\n",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
    }

    #[test]
    fn unknown_base_images_are_not_judged() {
        for text in [
            "FROM example.com/private/thing:1\nCOPY . $ANYTHING\n",
            "FROM example.com/private/thing:1 AS a\nFROM a\nCOPY . $ANYTHING\n",
        ] {
            assert!(names(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn suggestions_need_a_close_name() {
        let defined = ["APP_DIR".to_owned(), "PATH".to_owned()];
        assert_eq!(closest("APP_DRI", &defined), Some("APP_DIR"));
        assert_eq!(closest("app_dir", &defined), Some("APP_DIR"));
        assert_eq!(closest("HOME", &defined), None);
    }
}
