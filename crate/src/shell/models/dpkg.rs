//! `dpkg` and its helpers: `dpkg-reconfigure`, `dpkg-architecture`,
//! `dpkg-query`, `dpkg-buildflags`, `dpkg-deb`, `dpkg-divert`.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

/// `dpkg`: actions are options (`-i`, `--add-architecture`).
pub fn dpkg(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("install|i"),
        flag("unpack"),
        flag("configure"),
        flag("triggers-only"),
        flag("remove|r"),
        flag("purge|P"),
        flag("verify|V"),
        flag("audit|C"),
        flag("list|l"),
        flag("listfiles|L"),
        flag("status|s"),
        flag("search|S"),
        flag("contents|c"),
        flag("info|I"),
        flag("extract|x"),
        flag("field|f"),
        flag("recursive|R"),
        flag("pending|a"),
        flag("skip-same-version|E"),
        flag("refuse-downgrade|G"),
        flag("auto-deconfigure|B"),
        flag("no-triggers"),
        flag("no-act|dry-run|simulate"),
        flag("print-architecture"),
        flag("print-foreign-architectures"),
        flag("get-selections"),
        flag("set-selections"),
        flag("clear-selections"),
        flag("clear-avail"),
        flag("help|h"),
        flag("version"),
        flag("force-all"),
        val("add-architecture"),
        val("remove-architecture"),
        val("compare-versions"),
        opt("root"),
        opt("admindir"),
        opt("instdir"),
        opt("path-exclude"),
        opt("path-include"),
        opt("force"),
        val("status-fd"),
        val("log"),
        val("debug|D"),
    ];
    let Some(_) = m.parse(args, &Spec::gnu(OPTS)) else {
        return;
    };
    m.allow_prefixes(&["--force-", "--no-force-", "--refuse-"]);
    if let Some(arch) = m.value("add-architecture").cloned() {
        m.effect(Effect::AddArchitecture { arch });
    }
    if m.has("install") || m.has("unpack") {
        let files = m.operands.clone();
        m.effect(Effect::Install {
            manager: Manager::Dpkg,
            packages: Vec::new(),
            options: InstallOptions {
                files,
                ..Default::default()
            },
        });
    }
    if m.has("remove") || m.has("purge") {
        let packages = Package::parse_all(&m.operands, Syntax::Plain);
        let purge = m.has("purge");
        m.effect(Effect::Remove {
            manager: Manager::Dpkg,
            packages,
            purge,
            autoremove: false,
        });
    }
}

/// `dpkg-reconfigure [-f frontend] package...`.
pub fn dpkg_reconfigure(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("frontend|f"),
        val("priority|p"),
        flag("default-priority"),
        flag("unseen-only|u"),
        flag("force"),
        flag("no-reload"),
        flag("all|a"),
        flag("help|h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && !m.has("all") {
        m.fail("no package to reconfigure");
        return;
    }
    let packages = Package::parse_all(&m.operands, Syntax::Plain);
    m.effect(Effect::Reconfigure { packages });
}

/// `dpkg-architecture`, `dpkg-query`, `dpkg-buildflags`, `dpkg-deb`,
/// `dpkg-divert`: queries and small edits, modelled by their options only.
pub fn dpkg_helper(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        // dpkg-architecture
        val("query|q"),
        val("host-arch|a"),
        val("host-type|t"),
        val("target-arch|A"),
        val("target-type|T"),
        val("equal|e"),
        val("is|i"),
        flag("list|l"),
        flag("print-set|s"),
        flag("print-unset|u"),
        flag("command|c"),
        flag("force|f"),
        // dpkg-query
        flag("show|W"),
        val("showformat|f"),
        flag("listfiles|L"),
        flag("search|S"),
        flag("status|s"),
        flag("print-avail|p"),
        opt("admindir"),
        opt("root"),
        flag("load-avail"),
        // dpkg-buildflags
        val("get"),
        flag("export"),
        flag("dump"),
        flag("query-field"),
        // dpkg-deb
        flag("build|b"),
        flag("contents|c"),
        flag("extract|x"),
        flag("vextract|X"),
        flag("info|I"),
        flag("field|f"),
        val("compression|Z"),
        // dpkg-divert
        flag("add"),
        flag("remove"),
        flag("rename"),
        flag("no-rename"),
        flag("local"),
        flag("quiet"),
        val("divert"),
        val("package"),
        flag("help|h"),
        flag("version"),
    ];
    m.parse(args, &Spec::gnu(OPTS));
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn dpkg_actions() {
        let m = rec("dpkg -i /tmp/x.deb");
        assert!(m.recognized);
        assert!(
            matches!(&m.effects[0], Effect::Install { options, .. } if options.files.len() == 1)
        );
        let m = rec("dpkg --add-architecture i386");
        assert!(matches!(&m.effects[0], Effect::AddArchitecture { arch } if arch.text() == "i386"));
        let m = rec("dpkg --print-architecture");
        assert!(m.recognized && m.effects.is_empty());
        let m = rec("dpkg --force-confold -i x.deb");
        assert!(m.notes.is_empty(), "{:?}", m.notes);
        assert!(!rec("dpkg --add-architecture").recognized);
    }

    #[test]
    fn helpers() {
        let m = rec("dpkg-reconfigure -f noninteractive tzdata");
        assert!(
            matches!(&m.effects[0], Effect::Reconfigure { packages } if packages[0].name.as_deref() == Some("tzdata"))
        );
        assert!(!rec("dpkg-reconfigure").recognized);
        let m = rec("dpkg-architecture --query DEB_BUILD_GNU_TYPE");
        assert_eq!(m.value("query").unwrap().text(), "DEB_BUILD_GNU_TYPE");
        assert!(rec("dpkg-query -W -f=${Version} curl").recognized);
        assert!(rec("dpkg-buildflags --get CFLAGS").recognized);
    }
}
