//! Helpers shared by the package-manager rules.

use crate::lint::{Edit, LintContext};
use crate::model::{Base, RunAnalysis};
use crate::shell::models::model::InstallOptions;
use crate::shell::models::{Effect, Manager, Package};
use crate::shell::parse::CommandCall;
use crate::span::Span;
use crate::syntax::{Instruction, InstructionKind};

/// One install command of a RUN: the call, its packages and options.
pub struct InstallSite<'a> {
    pub call: &'a CommandCall,
    pub packages: &'a [Package],
    pub options: &'a InstallOptions,
}

/// Every `Install` effect of `managers` in `run`.
pub fn installs<'a>(run: &'a RunAnalysis, managers: &[Manager]) -> Vec<InstallSite<'a>> {
    let mut out = Vec::new();
    for command in &run.commands {
        for e in &command.model.effects {
            if let Effect::Install {
                manager,
                packages,
                options,
            } = e
            {
                if managers.contains(manager) {
                    out.push(InstallSite {
                        call: &run.script.calls[command.call],
                        packages,
                        options,
                    });
                }
            }
        }
    }
    out
}

/// Whether any command of `run` has an effect matching `pred`.
pub fn has_effect(run: &RunAnalysis, pred: impl Fn(&Effect) -> bool) -> bool {
    run.commands
        .iter()
        .any(|c| c.model.effects.iter().any(&pred))
}

/// Whether the RUN mounts a cache or tmpfs at one of `targets` or above it.
pub fn cache_mount(inst: &Instruction, targets: &[&str]) -> bool {
    inst.flags
        .iter()
        .filter(|f| f.name.eq_ignore_ascii_case("mount"))
        .filter_map(|f| f.value.as_deref())
        .any(|value| {
            let mut kind = "bind";
            let mut target = None;
            for part in value.split(',') {
                let (k, v) = part.split_once('=').unwrap_or((part, ""));
                match k.trim().to_ascii_lowercase().as_str() {
                    "type" => kind = v.trim(),
                    "target" | "dst" | "destination" => target = Some(v.trim()),
                    _ => {}
                }
            }
            let Some(target) = target else {
                return false;
            };
            let target = target.trim_end_matches('/');
            matches!(kind, "cache" | "tmpfs")
                && targets.iter().any(|t| {
                    let t = t.trim_end_matches('/');
                    t == target || t.starts_with(&format!("{target}/"))
                })
        })
}

/// Whether the RUN deletes `dir` itself, or its contents (`dir/*`).
pub fn deletes_dir(run: &RunAnalysis, dir: &str) -> bool {
    has_effect(run, |e| match e {
        Effect::Delete { paths, .. } => paths.iter().any(|p| {
            let v = p.value.as_deref().unwrap_or(&p.raw);
            let v = v.trim_end_matches('*').trim_end_matches('/');
            v == dir || (dir.starts_with(v) && dir[v.len()..].starts_with('/') && !v.is_empty())
        }),
        _ => false,
    })
}

/// An edit inserting `text` right after the first literal `word` of the call.
pub fn insert_after(cx: &LintContext, call: &CommandCall, word: &str, text: &str) -> Option<Edit> {
    let w = call
        .argv
        .words
        .iter()
        .skip(1)
        .find(|w| w.value.as_deref() == Some(word) && cx.text(w.span) == word)?;
    Some(Edit {
        span: Span::new(w.span.end, w.span.end),
        replacement: text.into(),
    })
}

/// The word a package finding points at, with the name shown in messages.
pub fn shown(p: &Package) -> &str {
    &p.spec
}

/// Whether the stage of instruction `index` ends up in an image: it is the
/// last stage or another stage builds FROM it (stages only copied from are not).
pub fn stage_is_image(cx: &LintContext, index: usize) -> bool {
    let stages = &cx.model().stages;
    let Some(stage) = cx.stage_of(index) else {
        return true;
    };
    stage.index + 1 == stages.len()
        || stages
            .iter()
            .any(|s| matches!(s.base, Base::Stage { index } if index == stage.index))
}

/// Whether an ENV in the stage before instruction `index` (or an inline
/// assignment on the call) sets `name`.
pub fn env_set(cx: &LintContext, index: usize, call: &CommandCall, name: &str) -> bool {
    if call.env.iter().any(|a| a.name == name) {
        return true;
    }
    let Some(stage) = cx.stage_of(index) else {
        return false;
    };
    stage.instructions.iter().any(|&i| {
        let inst = &cx.document().instructions[i];
        i < index
            && inst.kind == InstructionKind::Env
            && cx
                .text(inst.span)
                .split(|c: char| c.is_whitespace() || c == '=')
                .any(|w| w == name)
    })
}

/// Reports each install command of `managers` naming packages that
/// `pinned` rejects, once per command, listing those packages.
pub fn pin_findings(
    cx: &LintContext,
    meta: &'static crate::lint::RuleMeta,
    managers: &[Manager],
    pinned: impl Fn(&Package) -> bool,
    hint: &str,
    out: &mut Vec<crate::lint::Finding>,
) {
    for (run, _) in cx.runs() {
        for site in installs(run, managers) {
            let loose: Vec<&str> = site
                .packages
                .iter()
                .filter(|p| p.name.is_some() && !p.local && !pinned(p))
                .map(shown)
                .collect();
            if loose.is_empty() {
                continue;
            }
            let list = loose
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(cx.finding(
                meta,
                site.call.span,
                format!("Pin the version of {list}: {hint}"),
            ));
        }
    }
}

/// Reports install commands of `managers` that would ask for confirmation,
/// with a fix inserting `flag` after the install subcommand.
pub fn yes_findings(
    cx: &LintContext,
    meta: &'static crate::lint::RuleMeta,
    managers: &[Manager],
    flag: &str,
    out: &mut Vec<crate::lint::Finding>,
) {
    for (run, _) in cx.runs() {
        for site in installs(run, managers) {
            if site.options.assume_yes {
                continue;
            }
            let tool = site
                .call
                .argv
                .words
                .first()
                .and_then(|w| w.value.as_deref())
                .unwrap_or("");
            let mut finding = cx.finding(
                meta,
                site.call.span,
                format!("`{tool} install` without `{flag}` waits for a confirmation the build cannot give"),
            );
            let sub = site.call.argv.words.iter().skip(1).find_map(|w| {
                let v = w.value.as_deref()?;
                matches!(
                    v,
                    "install" | "in" | "reinstall" | "localinstall" | "groupinstall"
                )
                .then_some(v)
            });
            if let Some(edit) =
                sub.and_then(|s| insert_after(cx, site.call, s, &format!(" {flag}")))
            {
                finding = finding.with_fix(format!("Add {flag}"), vec![edit]);
            }
            out.push(finding);
        }
    }
}

/// Reports each RUN that installs with `managers` but neither cleans their
/// cache (`CacheClean`), deletes one of `dirs`, nor mounts a cache on one.
pub fn clean_findings(
    cx: &LintContext,
    meta: &'static crate::lint::RuleMeta,
    managers: &[Manager],
    dirs: &[&str],
    message: &str,
    out: &mut Vec<crate::lint::Finding>,
) {
    for (run, inst) in cx.runs() {
        let installs_any = has_effect(run, |e| match e {
            Effect::Install { manager, .. } | Effect::ProjectInstall { manager, .. } => {
                managers.contains(manager)
            }
            _ => false,
        });
        if !installs_any
            || has_effect(
                run,
                |e| matches!(e, Effect::CacheClean { manager } if managers.contains(manager)),
            )
            || dirs.iter().any(|d| deletes_dir(run, d))
            || cache_mount(inst, dirs)
        {
            continue;
        }
        out.push(cx.finding(meta, inst.span, message));
    }
}

/// rpm package words: pinned with `name-version` (a dash then a digit),
/// `name-version-release.arch`, an epoch or module stream (`:`), or a file.
pub fn rpm_pinned(p: &Package) -> bool {
    let s = p.spec.as_str();
    s.ends_with(".rpm")
        || s.starts_with('@')
        || s.contains(':')
        || s.contains(['=', '<', '>'])
        || s.char_indices()
            .any(|(i, c)| c == '-' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
}
