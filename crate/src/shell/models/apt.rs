//! `apt-get`, `apt` and `apt-mark`.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

const APT_OPTS: &[Opt] = &[
    flag("yes|y|assume-yes"),
    flag("assume-no"),
    flag("quiet|q"),
    flag("no-install-recommends"),
    flag("install-recommends"),
    flag("no-install-suggests"),
    flag("install-suggests"),
    flag("fix-broken|f"),
    flag("fix-missing|m|ignore-missing"),
    flag("download-only|d"),
    flag("simulate|s|dry-run|just-print|no-act|recon"),
    flag("reinstall"),
    flag("auto-remove|autoremove"),
    flag("purge"),
    flag("allow-unauthenticated"),
    flag("allow-downgrades"),
    flag("allow-remove-essential"),
    flag("allow-change-held-packages"),
    flag("allow-releaseinfo-change"),
    flag("force-yes"),
    flag("show-upgraded|u"),
    flag("verbose-versions|V"),
    flag("compile|b|build"),
    flag("no-upgrade"),
    flag("only-upgrade"),
    flag("ignore-hold"),
    flag("print-uris"),
    flag("list-cleanup"),
    flag("no-list-cleanup"),
    flag("trivial-only"),
    flag("no-remove"),
    flag("no-download"),
    flag("update"),
    flag("mark-auto"),
    flag("arch-only"),
    flag("indep-only"),
    flag("fix-policy"),
    flag("help|h"),
    flag("version|v"),
    flag("no-show-upgraded"),
    val("option|o"),
    val("config-file|c"),
    val("target-release|t|default-release"),
    val("host-architecture|a"),
    val("build-profiles|P"),
    val("solver"),
];

const APT_SUBCOMMANDS: &[&str] = &[
    "update",
    "upgrade",
    "install",
    "reinstall",
    "remove",
    "purge",
    "autoremove",
    "auto-remove",
    "autopurge",
    "dist-upgrade",
    "full-upgrade",
    "clean",
    "autoclean",
    "auto-clean",
    "distclean",
    "dist-clean",
    "source",
    "build-dep",
    "download",
    "check",
    "changelog",
    "satisfy",
    "indextargets",
    "list",
    "search",
    "show",
    "showsrc",
    "policy",
    "depends",
    "rdepends",
    "madison",
    "edit-sources",
    "modernize-sources",
    "moo",
];

/// Whether an `-o Key=value` sets `key` (case-insensitively) to a false value.
fn option_is_false(opts: &[ArgWord], key: &str) -> bool {
    opts.iter().any(|o| {
        o.value.as_deref().is_some_and(|v| {
            v.split_once('=').is_some_and(|(k, val)| {
                k.eq_ignore_ascii_case(key)
                    && matches!(val.to_ascii_lowercase().as_str(), "false" | "0" | "no")
            })
        })
    })
}

/// `apt-get` and `apt`: subcommand anywhere among options.
pub fn apt_get(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::gnu(APT_OPTS)).is_none() {
        return;
    }
    if m.has("help") || m.has("version") {
        return;
    }
    let Some(sub) = m.subcommand_from(APT_SUBCOMMANDS) else {
        return;
    };
    let packages = Package::parse_all(&m.operands, Syntax::Apt);
    let o = m.values("option");
    let mgr = Manager::Apt;
    let effect = match sub.as_str() {
        "update" => Effect::IndexUpdate { manager: mgr },
        "install" | "reinstall" => {
            if m.has("update") {
                m.effect(Effect::IndexUpdate { manager: mgr });
            }
            // `apt-get install foo-` removes foo. (A trailing `+` is not
            // stripped: apt looks `g++` up as a name first.)
            let mut removals = Vec::new();
            let mut installs = Vec::new();
            for mut p in packages {
                match p.name.as_deref() {
                    Some(n) if n.len() > 1 && n.ends_with('-') => {
                        p.name = Some(n[..n.len() - 1].to_string());
                        removals.push(p);
                    }
                    _ => installs.push(p),
                }
            }
            let packages = installs;
            if !removals.is_empty() {
                m.effect(Effect::Remove {
                    manager: mgr,
                    packages: removals,
                    purge: false,
                    autoremove: false,
                });
            }
            Effect::Install {
                manager: mgr,
                packages,
                options: InstallOptions {
                    no_recommends: m.has("no-install-recommends")
                        || option_is_false(&o, "APT::Install-Recommends"),
                    assume_yes: m.has("yes") || m.has("force-yes"),
                    update_index: m.has("update"),
                    ..Default::default()
                },
            }
        }
        "remove" | "purge" | "autopurge" => Effect::Remove {
            manager: mgr,
            packages,
            purge: sub != "remove" || m.has("purge"),
            autoremove: m.has("auto-remove") || sub == "autopurge",
        },
        "autoremove" | "auto-remove" => Effect::Autoremove { manager: mgr },
        "upgrade" | "dist-upgrade" | "full-upgrade" => Effect::Upgrade {
            manager: mgr,
            packages,
            dist: sub != "upgrade",
        },
        "clean" | "autoclean" | "auto-clean" | "distclean" | "dist-clean" => {
            Effect::CacheClean { manager: mgr }
        }
        _ => return,
    };
    m.effect(effect);
}

/// `apt-mark auto|manual|hold|unhold|show*`.
pub fn apt_mark(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("file|f"),
        val("option|o"),
        val("config-file|c"),
        flag("quiet|q"),
        flag("help|h"),
        flag("version|v"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let known = [
        "auto",
        "manual",
        "hold",
        "unhold",
        "showauto",
        "showmanual",
        "showhold",
        "minimize-manual",
        "install",
        "remove",
        "purge",
        "showinstall",
        "showremove",
        "showpurge",
    ];
    let Some(sub) = m.subcommand_from(&known) else {
        return;
    };
    if matches!(sub.as_str(), "auto" | "manual" | "hold" | "unhold") {
        let packages = Package::parse_all(&m.operands, Syntax::Apt);
        m.effect(Effect::Mark {
            manager: Manager::Apt,
            mark: sub,
            packages,
        });
    }
}

/// `apt-key add FILE|-`, `apt-key adv --keyserver K --recv-keys ID`
/// (deprecated, still common).
pub fn apt_key(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("keyring"),
        flag("quiet|q"),
        val("keyserver"),
        flag("recv-keys|recv-key"),
        flag("fetch-keys"),
        flag("batch"),
        flag("no-tty"),
        val("homedir"),
        flag("help|h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let Some(sub) = m.subcommand_from(&[
        "add",
        "adv",
        "del",
        "export",
        "exportall",
        "list",
        "finger",
        "fingerprint",
        "update",
        "net-update",
    ]) else {
        return;
    };
    match sub.as_str() {
        "add" if m.operands.is_empty() => m.fail("apt-key add needs a file or -"),
        "add" => {
            let keys = m.operands.clone();
            m.effect(Effect::ImportKeys { keys });
        }
        "adv" if m.has("recv-keys") || m.has("fetch-keys") => {
            let keys = m.operands.clone();
            m.effect(Effect::ImportKeys { keys });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn install_with_pins_and_options() {
        let m = rec(
            "apt-get install -qy --no-install-recommends -o Dpkg::Options::=--force-confnew curl=7.88* $DEPS git/bookworm",
        );
        assert!(m.recognized, "{m:?}");
        assert_eq!(m.subcommand.as_deref(), Some("install"));
        assert_eq!(
            m.value("option").unwrap().text(),
            "Dpkg::Options::=--force-confnew"
        );
        let Effect::Install {
            packages, options, ..
        } = &m.effects[0]
        else {
            panic!()
        };
        assert!(options.no_recommends && options.assume_yes);
        assert_eq!(packages.len(), 3);
        assert_eq!(packages[0].version.as_deref(), Some("7.88*"));
        assert_eq!(packages[1].name, None);
        assert_eq!(packages[1].spec, "$DEPS");
        assert_eq!(packages[2].op.as_deref(), Some("/"));
    }

    #[test]
    fn options_before_subcommand_and_install_recommends_option() {
        let m = rec("apt-get --no-install-recommends install -y git");
        assert_eq!(texts(&m.operands), ["git"]);
        let m = rec("apt-get -o APT::Install-Recommends=false install -y git");
        let Effect::Install { options, .. } = &m.effects[0] else {
            panic!()
        };
        assert!(options.no_recommends);
    }

    #[test]
    fn purge_autoremove_and_clean() {
        let m = rec("apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false");
        assert!(m.recognized);
        assert!(matches!(
            m.effects[0],
            Effect::Remove {
                purge: true,
                autoremove: true,
                ..
            }
        ));
        assert!(matches!(
            rec("apt-get dist-clean").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(matches!(
            rec("apt update").effects[0],
            Effect::IndexUpdate { .. }
        ));
        assert!(matches!(
            rec("apt-get dist-upgrade -y").effects[0],
            Effect::Upgrade { dist: true, .. }
        ));
        let m = rec("apt-get install --update -y x");
        assert!(matches!(m.effects[0], Effect::IndexUpdate { .. }));
    }

    #[test]
    fn trailing_minus_removes() {
        let m = rec("apt-get install -y g++ exim4-");
        let Effect::Remove { packages, .. } = &m.effects[0] else {
            panic!("{m:?}")
        };
        assert_eq!(packages[0].name.as_deref(), Some("exim4"));
        let Effect::Install { packages, .. } = &m.effects[1] else {
            panic!()
        };
        assert_eq!(packages[0].name.as_deref(), Some("g++"));
    }

    #[test]
    fn malformed() {
        assert!(!rec("apt-get").recognized);
        assert!(!rec("apt-get frobnicate").recognized);
        assert!(!rec("apt-get install -o").recognized);
        let m = rec("apt-get install --frob x");
        assert!(m.recognized);
        assert_eq!(m.notes, ["unknown option --frob"]);
    }

    #[test]
    fn apt_key() {
        assert!(matches!(
            &rec("apt-key add -").effects[0],
            Effect::ImportKeys { .. }
        ));
        let m = rec("apt-key adv --keyserver keyserver.ubuntu.com --recv-keys ABCD");
        assert!(matches!(&m.effects[0], Effect::ImportKeys { keys } if keys[0].text() == "ABCD"));
        assert!(!rec("apt-key add").recognized);
    }

    #[test]
    fn apt_mark() {
        let m = rec("apt-mark manual $savedAptMark");
        assert!(m.recognized);
        assert!(matches!(&m.effects[0], Effect::Mark { mark, .. } if mark == "manual"));
        assert!(rec("apt-mark showmanual").recognized);
        assert!(!rec("apt-mark").recognized);
    }
}
