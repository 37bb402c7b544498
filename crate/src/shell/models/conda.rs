//! `conda`, `mamba` and `micromamba`.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

const OPTS: &[Opt] = &[
    flag("yes|y"),
    flag("quiet|q"),
    flag("verbose|v"),
    val("channel|c"),
    val("name|n"),
    val("prefix|p"),
    val("file|f"),
    val("root-prefix|r"),
    flag("override-channels"),
    flag("strict-channel-priority"),
    flag("no-deps"),
    flag("only-deps"),
    flag("freeze-installed"),
    flag("update-all"),
    flag("all|a"),
    flag("index-cache|i"),
    flag("packages"),
    flag("tarballs|t"),
    flag("force-pkgs-dirs"),
    flag("force"),
    flag("dry-run|d"),
    flag("json"),
    flag("clone"),
    flag("copy"),
    flag("no-pin"),
    flag("show-channel-urls"),
    flag("offline"),
    flag("help|h"),
    flag("version|V"),
    flag("system"),
    flag("set"),
    flag("append"),
    flag("prepend|add"),
    flag("remove"),
    flag("show"),
    flag("get"),
    flag("env"),
    flag("no-rc"),
    flag("live-stream"),
    flag("no-capture-output"),
    val("cwd"),
];

const SUBCOMMANDS: &[&str] = &[
    "install",
    "create",
    "update",
    "upgrade",
    "remove",
    "uninstall",
    "clean",
    "config",
    "env",
    "activate",
    "deactivate",
    "list",
    "info",
    "run",
    "search",
    "init",
    "shell",
    "self-update",
    "repoquery",
    "package",
    "compare",
    "notices",
    "rename",
    "doctor",
];

/// `conda install|create|update|remove|clean|config|env ...`.
pub fn conda(args: &[ArgWord], m: &mut CommandModel) {
    // `conda run -n env cmd args`: the command's words are not conda's.
    let cut = args
        .iter()
        .position(|w| w.value.as_deref() == Some("run"))
        .map_or(args.len(), |i| run_end(args, i));
    if m.parse(&args[..cut], &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && (m.has("version") || m.has("help")) {
        return;
    }
    let Some(sub) = m.subcommand_from(SUBCOMMANDS) else {
        return;
    };
    let mgr = Manager::Conda;
    let packages = Package::parse_all(&m.operands, Syntax::Pip);
    match sub.as_str() {
        "install" | "create" => {
            let mut options = InstallOptions {
                assume_yes: m.has("yes"),
                prefix: m.value("prefix").or(m.value("name")).cloned(),
                ..Default::default()
            };
            options.requirements = m.values("file");
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options,
            });
        }
        "update" | "upgrade" => m.effect(Effect::Upgrade {
            manager: mgr,
            packages,
            dist: m.has("all") || m.has("update-all"),
        }),
        "remove" | "uninstall" => m.effect(Effect::Remove {
            manager: mgr,
            packages,
            purge: false,
            autoremove: false,
        }),
        "clean" => m.effect(Effect::CacheClean { manager: mgr }),
        "run" => {
            m.inner = super::pip::inner_argv(&args[cut..]);
        }
        _ => {}
    }
}

/// Where `conda run`'s own options end: after `run`, its options and their
/// values.
fn run_end(args: &[ArgWord], run: usize) -> usize {
    let mut i = run + 1;
    while let Some(v) = args.get(i).and_then(|w| w.value.as_deref()) {
        if !v.starts_with('-') {
            break;
        }
        let takes = matches!(v, "-n" | "--name" | "-p" | "--prefix" | "--cwd");
        i += if takes { 2 } else { 1 };
    }
    i.min(args.len())
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::super::model::Inner;
    use super::*;

    #[test]
    fn conda_shapes() {
        let m = rec("conda install -y -c conda-forge python=3.11 numpy>=1.26");
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        let Effect::Install { packages, .. } = &m.effects[0] else {
            panic!()
        };
        assert_eq!(packages[0].version.as_deref(), Some("3.11"));
        assert_eq!(packages[1].op.as_deref(), Some(">="));
        assert!(matches!(
            rec("conda clean -afy").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(rec("micromamba create -y -n base -f /tmp/env.yaml").recognized);
        let m = rec("conda run -n app python -m pytest -q");
        assert!(matches!(&m.inner, Some(Inner::Argv { argv }) if argv.words.len() == 4));
        assert!(!rec("conda").recognized);
        assert!(!rec("conda frob").recognized);
    }
}
