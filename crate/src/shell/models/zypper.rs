//! openSUSE's `zypper`.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

const OPTS: &[Opt] = &[
    flag("non-interactive|n"),
    flag("quiet|q"),
    flag("verbose|v"),
    flag("gpg-auto-import-keys"),
    flag("no-gpg-checks"),
    flag("no-refresh"),
    flag("xmlout|x"),
    flag("no-recommends"),
    flag("recommends"),
    flag("auto-agree-with-licenses|l"),
    flag("force|f"),
    flag("download-only|d"),
    flag("dry-run|D"),
    flag("oldpackage"),
    flag("replacefiles"),
    flag("allow-vendor-change"),
    flag("no-confirm|y"),
    flag("all|a"),
    flag("clean-deps|u"),
    flag("no-clean-deps"),
    flag("help|h"),
    flag("version|V"),
    flag("refresh"),
    flag("keep-packages|k"),
    flag("metadata|m"),
    flag("raw-metadata|M"),
    flag("force-resolution"),
    val("root|R"),
    val("installroot"),
    val("releasever"),
    val("type|t"),
    val("repo|r"),
    val("from"),
    val("name"),
];

const SUBCOMMANDS: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "refresh",
    "ref",
    "clean",
    "cc",
    "update",
    "up",
    "dist-upgrade",
    "dup",
    "addrepo",
    "ar",
    "removerepo",
    "rr",
    "modifyrepo",
    "mr",
    "search",
    "se",
    "info",
    "if",
    "repos",
    "lr",
    "patch",
    "source-install",
    "si",
    "addlock",
    "al",
    "locks",
    "ll",
    "verify",
    "ve",
    "install-new-recommends",
    "inr",
    "packages",
    "pa",
];

/// `zypper [global options] command [options] args`.
pub fn zypper(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && (m.has("version") || m.has("help")) {
        return;
    }
    let Some(sub) = m.subcommand_from(SUBCOMMANDS) else {
        return;
    };
    let mgr = Manager::Zypper;
    let packages = Package::parse_all(&m.operands, Syntax::Plain);
    let effect = match sub.as_str() {
        "install" | "in" => Effect::Install {
            manager: mgr,
            packages,
            options: InstallOptions {
                no_recommends: m.has("no-recommends"),
                assume_yes: m.has("non-interactive") || m.has("no-confirm"),
                prefix: m.value("root").or(m.value("installroot")).cloned(),
                ..Default::default()
            },
        },
        "remove" | "rm" => Effect::Remove {
            manager: mgr,
            packages,
            purge: false,
            autoremove: m.has("clean-deps"),
        },
        "refresh" | "ref" => Effect::IndexUpdate { manager: mgr },
        "clean" | "cc" => Effect::CacheClean { manager: mgr },
        "update" | "up" | "dist-upgrade" | "dup" | "patch" => Effect::Upgrade {
            manager: mgr,
            packages,
            dist: matches!(sub.as_str(), "dist-upgrade" | "dup"),
        },
        _ => return,
    };
    m.effect(effect);
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn zypper_shapes() {
        let m = rec("zypper -n in --no-recommends curl tar");
        assert!(m.recognized);
        let Effect::Install {
            packages, options, ..
        } = &m.effects[0]
        else {
            panic!()
        };
        assert!(options.no_recommends && options.assume_yes);
        assert_eq!(packages.len(), 2);
        assert!(matches!(
            rec("zypper --non-interactive ref").effects[0],
            Effect::IndexUpdate { .. }
        ));
        assert!(matches!(
            rec("zypper clean -a").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(!rec("zypper").recognized);
    }
}
