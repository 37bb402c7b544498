//! The RPM family: `yum`, `dnf`, `microdnf`, `tdnf` and `rpm` itself.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

const OPTS: &[Opt] = &[
    flag("assumeyes|y"),
    flag("assumeno"),
    flag("quiet|q"),
    flag("verbose|v"),
    flag("nodocs"),
    flag("nogpgcheck"),
    flag("best"),
    flag("nobest"),
    flag("allowerasing"),
    flag("refresh"),
    flag("cacheonly|C"),
    flag("noplugins"),
    flag("skip-broken"),
    flag("skip-unavailable"),
    flag("downloadonly"),
    flag("security"),
    flag("noautoremove"),
    flag("all"),
    flag("add-repo"),
    flag("help|h"),
    flag("version"),
    flag("obsoletes"),
    flag("noclean"),
    flag("assume-yes"),
    flag("color"),
    flag("showduplicates"),
    flag("enabled"),
    flag("disabled"),
    val("setopt"),
    val("enablerepo"),
    val("disablerepo"),
    val("installroot"),
    val("releasever"),
    val("disableplugin"),
    val("enableplugin"),
    val("exclude|x"),
    val("downloaddir"),
    val("forcearch"),
    val("repo|repoid"),
    val("repofrompath"),
    val("config|c"),
    val("debuglevel|d"),
    val("errorlevel|e"),
    val("rpmverbosity"),
    val("set-enabled"),
    val("set-disabled"),
];

const SUBCOMMANDS: &[&str] = &[
    "install",
    "in",
    "reinstall",
    "localinstall",
    "groupinstall",
    "remove",
    "erase",
    "rm",
    "update",
    "upgrade",
    "up",
    "update-minimal",
    "upgrade-minimal",
    "distro-sync",
    "clean",
    "makecache",
    "autoremove",
    "group",
    "groups",
    "module",
    "config-manager",
    "info",
    "list",
    "search",
    "repolist",
    "repoquery",
    "check-update",
    "provides",
    "whatprovides",
    "downgrade",
    "builddep",
    "download",
    "history",
    "check",
    "mark",
    "swap",
    "versionlock",
    "copr",
];

/// `yum`, `dnf`, `microdnf`, `tdnf`, told apart by `manager`.
fn rpm_family(args: &[ArgWord], m: &mut CommandModel, mgr: Manager) {
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && (m.has("version") || m.has("help")) {
        return;
    }
    let Some(mut sub) = m.subcommand_from(SUBCOMMANDS) else {
        return;
    };
    // `dnf group install x`, `dnf module enable x`: two-word subcommands.
    if matches!(sub.as_str(), "group" | "groups" | "module") && !m.operands.is_empty() {
        let second = m.operands.remove(0);
        sub = format!("{sub} {}", second.text());
        m.subcommand = Some(sub.clone());
    }
    let setopt = m.values("setopt");
    let weak_off = setopt.iter().any(|w| {
        w.value.as_deref().is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.starts_with("install_weak_deps=") && matches!(&v[18..], "0" | "false" | "no")
        })
    });
    let packages = Package::parse_all(&m.operands, Syntax::Plain);
    let effect = match sub.as_str() {
        "install" | "in" | "reinstall" | "localinstall" | "groupinstall" | "group install"
        | "groups install" | "module install" => Effect::Install {
            manager: mgr,
            packages,
            options: InstallOptions {
                no_recommends: weak_off,
                no_docs: m.has("nodocs")
                    || setopt.iter().any(|w| {
                        w.value
                            .as_deref()
                            .is_some_and(|v| v.starts_with("tsflags=") && v.contains("nodocs"))
                    }),
                assume_yes: m.has("assumeyes") || m.has("assume-yes"),
                prefix: m.value("installroot").cloned(),
                ..Default::default()
            },
        },
        "remove" | "erase" | "rm" => Effect::Remove {
            manager: mgr,
            packages,
            purge: false,
            autoremove: false,
        },
        "update" | "upgrade" | "up" | "update-minimal" | "upgrade-minimal" | "distro-sync" => {
            Effect::Upgrade {
                manager: mgr,
                packages,
                dist: sub == "distro-sync",
            }
        }
        "clean" => {
            if m.operands.is_empty() {
                m.fail("clean needs what to clean (all, packages, metadata...)");
                return;
            }
            Effect::CacheClean { manager: mgr }
        }
        "makecache" => Effect::IndexUpdate { manager: mgr },
        "autoremove" => Effect::Autoremove { manager: mgr },
        _ => return,
    };
    m.effect(effect);
}

/// `yum`.
pub fn yum(args: &[ArgWord], m: &mut CommandModel) {
    rpm_family(args, m, Manager::Yum);
}

/// `dnf` (and `dnf5`).
pub fn dnf(args: &[ArgWord], m: &mut CommandModel) {
    rpm_family(args, m, Manager::Dnf);
}

/// `microdnf`.
pub fn microdnf(args: &[ArgWord], m: &mut CommandModel) {
    rpm_family(args, m, Manager::Microdnf);
}

/// `tdnf` (Photon, Azure Linux).
pub fn tdnf(args: &[ArgWord], m: &mut CommandModel) {
    rpm_family(args, m, Manager::Tdnf);
}

/// `rpm`: modes are options (`-i`, `-e`, `-q`, `--import`).
pub fn rpm(args: &[ArgWord], m: &mut CommandModel) {
    const RPM: &[Opt] = &[
        flag("install|i"),
        flag("upgrade|U"),
        flag("freshen|F"),
        flag("erase|e"),
        flag("query|q"),
        flag("verify|V"),
        flag("import"),
        flag("all|a"),
        flag("nodeps"),
        flag("verbose|v"),
        flag("hash|h"),
        flag("force"),
        flag("nosignature"),
        flag("nodigest"),
        flag("excludedocs"),
        flag("test"),
        flag("initdb"),
        flag("rebuilddb"),
        flag("list|l"),
        flag("file|f"),
        flag("package|p"),
        flag("info"),
        flag("whatprovides"),
        flag("version"),
        val("queryformat|qf"),
        val("root"),
        val("dbpath"),
    ];
    if m.parse(args, &Spec::gnu(RPM)).is_none() {
        return;
    }
    if m.has("import") {
        let keys = m.operands.clone();
        m.effect(Effect::ImportKeys { keys });
    } else if m.has("install") || m.has("upgrade") || m.has("freshen") {
        let files = m.operands.clone();
        m.effect(Effect::Install {
            manager: Manager::Rpm,
            packages: Vec::new(),
            options: InstallOptions {
                files,
                ..Default::default()
            },
        });
    } else if m.has("erase") {
        let packages = Package::parse_all(&m.operands, Syntax::Plain);
        m.effect(Effect::Remove {
            manager: Manager::Rpm,
            packages,
            purge: false,
            autoremove: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn install_with_setopt() {
        let m = rec("dnf install -y --setopt=install_weak_deps=False --nodocs gzip tar");
        assert!(m.recognized, "{m:?}");
        let Effect::Install {
            packages, options, ..
        } = &m.effects[0]
        else {
            panic!()
        };
        assert!(options.no_recommends && options.assume_yes && options.no_docs);
        assert_eq!(packages.len(), 2);
        let m = rec("microdnf install -y --setopt tsflags=nodocs shadow-utils");
        assert_eq!(m.value("setopt").unwrap().text(), "tsflags=nodocs");
    }

    #[test]
    fn clean_update_group() {
        assert!(matches!(
            rec("yum clean all").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(!rec("yum clean").recognized);
        assert!(matches!(
            rec("tdnf update -y").effects[0],
            Effect::Upgrade { .. }
        ));
        let m = rec("dnf group install -y Development");
        assert_eq!(m.subcommand.as_deref(), Some("group install"));
        assert!(matches!(
            rec("tdnf autoremove -y shadow-utils").effects[0],
            Effect::Autoremove { .. }
        ));
        assert!(!rec("dnf").recognized);
        assert!(!rec("dnf frob").recognized);
    }

    #[test]
    fn rpm_modes() {
        assert!(matches!(
            rec("rpm --import https://x/key").effects[0],
            Effect::ImportKeys { .. }
        ));
        assert!(rec("rpm --query --all --queryformat %{NAME}").recognized);
        assert!(matches!(
            rec("rpm -ivh x.rpm").effects[0],
            Effect::Install { .. }
        ));
    }
}
