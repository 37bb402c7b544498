//! Alpine's `apk` (and `xx-apk`, its cross-compiling wrapper).

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

const OPTS: &[Opt] = &[
    flag("update-cache|U|update"),
    flag("no-cache"),
    flag("quiet|q"),
    flag("verbose|v"),
    flag("interactive|i"),
    flag("no-interactive"),
    flag("allow-untrusted"),
    flag("no-network"),
    flag("no-progress"),
    flag("progress"),
    flag("purge"),
    flag("print-arch"),
    flag("upgrade|u"),
    flag("latest|l"),
    flag("available|a"),
    flag("initdb"),
    flag("no-scripts"),
    flag("no-chown"),
    flag("simulate|s"),
    flag("clean-protected"),
    flag("rdepends|r"),
    flag("recursive|R"),
    flag("force|f"),
    flag("help|h"),
    flag("version|V"),
    flag("usermode"),
    flag("no-check-certificate"),
    flag("installed|I"),
    flag("world"),
    flag("orphaned|O"),
    val("virtual|t"),
    val("arch"),
    val("repository|X"),
    val("repositories-file"),
    val("root|p"),
    val("keys-dir"),
    val("cache-dir"),
    val("cache-max-age"),
    val("wait"),
    val("timeout"),
];

const SUBCOMMANDS: &[&str] = &[
    "add", "del", "fix", "update", "upgrade", "cache", "info", "list", "search", "version",
    "policy", "stats", "manifest", "audit", "verify", "dot", "fetch", "index", "mkpkg", "extract",
    "adbdump", "convdb", "query",
];

/// `apk [options] add|del|update|upgrade|cache ...`.
pub fn apk(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    m.allow_prefixes(&["--force-"]);
    // `apk --print-arch` and `apk --version` need no subcommand.
    if m.operands.is_empty() && (m.has("print-arch") || m.has("version") || m.has("help")) {
        return;
    }
    let Some(sub) = m.subcommand_from(SUBCOMMANDS) else {
        return;
    };
    let mgr = Manager::Apk;
    match sub.as_str() {
        "add" => {
            let (files, names): (Vec<&ArgWord>, Vec<&ArgWord>) = m
                .operands
                .iter()
                .partition(|w| w.value.as_deref().is_some_and(|v| v.ends_with(".apk")));
            if names.is_empty() && files.is_empty() {
                m.fail("apk add without packages");
                return;
            }
            let packages = Package::parse_all(names, Syntax::Apk);
            let files = files.into_iter().cloned().collect();
            let update = m.has("update-cache");
            if update {
                m.effect(Effect::IndexUpdate { manager: mgr });
            }
            let options = InstallOptions {
                no_cache: m.has("no-cache"),
                update_index: update,
                virtual_name: m.value("virtual").cloned(),
                upgrade: m.has("upgrade"),
                files,
                prefix: m.value("root").cloned(),
                ..Default::default()
            };
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options,
            });
        }
        "del" => {
            let packages = Package::parse_all(&m.operands, Syntax::Apk);
            let purge = m.has("purge");
            m.effect(Effect::Remove {
                manager: mgr,
                packages,
                purge,
                autoremove: false,
            });
        }
        "update" => m.effect(Effect::IndexUpdate { manager: mgr }),
        "upgrade" => {
            let packages = Package::parse_all(&m.operands, Syntax::Apk);
            m.effect(Effect::Upgrade {
                manager: mgr,
                packages,
                dist: m.has("available"),
            });
        }
        "cache" if m.operands.first().and_then(|w| w.value.as_deref()) == Some("clean") => {
            m.effect(Effect::CacheClean { manager: mgr });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn add_virtual_no_cache() {
        let m = rec("apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.4-r2 $PHPIZE_DEPS");
        assert!(m.recognized, "{m:?}");
        let Effect::Install {
            packages, options, ..
        } = &m.effects[0]
        else {
            panic!()
        };
        assert!(options.no_cache);
        assert_eq!(options.virtual_name.as_ref().unwrap().text(), ".build-deps");
        assert_eq!(packages.len(), 3);
        assert_eq!(packages[1].version.as_deref(), Some("1.2.4-r2"));
        assert_eq!(packages[2].name, None);
    }

    #[test]
    fn combined_and_update() {
        let m = rec("apk add -U --no-cache curl");
        assert!(matches!(m.effects[0], Effect::IndexUpdate { .. }));
        let m = rec("apk add -qt .deps curl");
        let Effect::Install { options, .. } = &m.effects[0] else {
            panic!()
        };
        assert_eq!(options.virtual_name.as_ref().unwrap().text(), ".deps");
    }

    #[test]
    fn del_update_arch() {
        let m = rec("apk del --no-network .fetch-deps");
        assert!(
            matches!(&m.effects[0], Effect::Remove { packages, .. } if packages[0].name.as_deref() == Some(".fetch-deps"))
        );
        assert!(rec("apk --print-arch").recognized);
        assert!(rec("apk update").recognized);
        assert!(matches!(
            rec("apk cache clean").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(!rec("apk").recognized);
        assert!(!rec("apk add").recognized);
        assert!(!rec("apk add --virtual").recognized);
    }
}
