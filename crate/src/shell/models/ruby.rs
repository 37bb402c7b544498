//! Ruby: `gem` and `bundle`/`bundler`.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager, ProjectInstall};
use super::pip::inner_argv;
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

/// `gem install|update|uninstall|sources|cleanup ...`.
pub fn gem(args: &[ArgWord], m: &mut CommandModel) {
    if CommandModel::is_version_query(args) {
        m.subcommand = Some("--version".into());
        return;
    }
    const OPTS: &[Opt] = &[
        val("version|v"),
        flag("no-document|N"),
        flag("no-ri"),
        flag("no-rdoc"),
        opt("document"),
        flag("user-install"),
        flag("no-user-install"),
        val("install-dir|i"),
        val("bindir|n"),
        flag("conservative"),
        flag("minimal-deps"),
        flag("force|f"),
        flag("clear-sources"),
        val("source|s"),
        val("platform"),
        flag("quiet|q"),
        flag("silent"),
        flag("default"),
        flag("prerelease"),
        flag("env-shebang|E"),
        flag("system"),
        flag("all|a"),
        flag("executables|x"),
        flag("ignore-dependencies"),
        flag("verbose|V"),
        flag("help|h"),
        val("add"),
        val("remove"),
        flag("local|l"),
        flag("remote|r"),
        flag("no-format-executable"),
        flag("dry-run|d"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && m.has("version") {
        return;
    }
    let Some(sub) = m.subcommand_from(&[
        "install",
        "i",
        "update",
        "uninstall",
        "sources",
        "cleanup",
        "list",
        "env",
        "build",
        "push",
        "fetch",
        "specific_install",
        "search",
        "query",
        "outdated",
        "pristine",
        "which",
        "contents",
        "dependency",
        "help",
        "info",
        "owner",
        "rdoc",
        "server",
        "unpack",
        "yank",
        "lock",
        "check",
        "cert",
        "signin",
        "signout",
        "open",
        "generate_index",
        "mirror",
        "rebuild",
        "exec",
    ]) else {
        return;
    };
    let mgr = Manager::Gem;
    match sub.as_str() {
        "install" | "i" => {
            if m.operands.is_empty() {
                m.fail("gem install without gems");
                return;
            }
            let mut packages = Package::parse_all(&m.operands, Syntax::Plain);
            // `gem install bundler:2.4.22` names a version inline.
            for p in &mut packages {
                if let Some((n, v)) = p.name.as_deref().and_then(|n| n.split_once(':')) {
                    let (n, v) = (n.to_string(), v.to_string());
                    p.name = Some(n);
                    p.op = Some(":".into());
                    p.version = Some(v);
                }
            }
            if let Some(v) = m.value("version") {
                for p in &mut packages {
                    p.op = Some("-v".into());
                    p.version = v.value.clone();
                }
            }
            let no_docs = m.has("no-document") || (m.has("no-ri") && m.has("no-rdoc"));
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options: InstallOptions {
                    no_docs,
                    user: m.has("user-install"),
                    prefix: m.value("install-dir").cloned(),
                    ..Default::default()
                },
            });
        }
        "update" => {
            let packages = Package::parse_all(&m.operands, Syntax::Plain);
            m.effect(Effect::Upgrade {
                manager: mgr,
                packages,
                dist: m.has("system"),
            });
        }
        "uninstall" => {
            let packages = Package::parse_all(&m.operands, Syntax::Plain);
            m.effect(Effect::Remove {
                manager: mgr,
                packages,
                purge: false,
                autoremove: false,
            });
        }
        "cleanup" => m.effect(Effect::CacheClean { manager: mgr }),
        _ => {}
    }
}

/// `bundle install|config|exec|update ...`.
pub fn bundle(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("without"),
        val("with"),
        flag("deployment"),
        flag("frozen"),
        val("path"),
        val("jobs|j"),
        val("retry"),
        opt("binstubs"),
        flag("standalone"),
        flag("local"),
        flag("quiet"),
        flag("system"),
        flag("no-cache"),
        flag("clean"),
        val("gemfile"),
        flag("redownload"),
        flag("full-index"),
        val("trust-policy"),
        flag("global"),
        flag("no-color"),
        flag("verbose|V"),
        flag("help|h"),
        flag("version|v"),
        flag("conservative"),
        flag("all"),
        flag("force"),
        flag("prefer-local"),
        val("target-rbconfig"),
    ];
    // `bundle exec cmd -x` passes everything after the command on.
    if let Some(i) = args.iter().position(|w| w.value.as_deref() == Some("exec")) {
        if m.parse(&args[..i], &Spec::gnu(OPTS)).is_none() {
            return;
        }
        m.subcommand = Some("exec".into());
        match inner_argv(&args[i + 1..]) {
            Some(inner) => m.inner = Some(inner),
            None => m.fail("bundle exec needs a command"),
        }
        return;
    }
    let args = merge_array_options(args);
    if m.parse(&args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() {
        if !m.has("version") && !m.has("help") {
            // Bare `bundle` installs.
            bundle_install(m);
        }
        return;
    }
    let Some(sub) = m.subcommand_from(&[
        "install", "config", "update", "package", "lock", "binstubs", "clean", "check", "cache",
        "add", "remove", "list", "show", "outdated", "init", "platform", "version", "info",
        "doctor", "open", "gem", "plugin", "pristine", "fund", "help", "console", "viz",
        "outdated",
    ]) else {
        return;
    };
    match sub.as_str() {
        "install" => bundle_install(m),
        "config" => {
            let ops = m.operands.clone();
            m.config_effects("bundler", &ops, false);
        }
        "clean" => m.effect(Effect::CacheClean {
            manager: Manager::Bundler,
        }),
        _ => {}
    }
}

/// Bundler's `--with`/`--without` take every following word up to the next
/// option (`--without development test`); merges them into one word so the
/// generic parser sees one value.
fn merge_array_options(args: &[ArgWord]) -> Vec<ArgWord> {
    let mut out: Vec<ArgWord> = Vec::with_capacity(args.len());
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        out.push(w.clone());
        i += 1;
        if !matches!(w.value.as_deref(), Some("--without" | "--with")) {
            continue;
        }
        let start = i;
        while args.get(i).is_some_and(|a| !a.text().starts_with('-')) {
            i += 1;
        }
        let group = &args[start..i];
        if group.len() > 1 {
            let value = group
                .iter()
                .map(|a| a.value.clone())
                .collect::<Option<Vec<_>>>()
                .map(|v| v.join(" "));
            let raw = group
                .iter()
                .map(|a| a.raw.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let span = group[0].span.cover(group[group.len() - 1].span);
            out.push(ArgWord { value, raw, span });
        } else {
            out.extend(group.iter().cloned());
        }
    }
    out
}

fn bundle_install(m: &mut CommandModel) {
    let production = m
        .values("without")
        .iter()
        .any(|w| w.text().split([' ', ':', ',']).any(|g| g == "development"));
    let options = ProjectInstall {
        frozen: m.has("deployment") || m.has("frozen"),
        production,
        no_cache: m.has("no-cache"),
        project: m.value("gemfile").cloned(),
    };
    m.effect(Effect::ProjectInstall {
        manager: Manager::Bundler,
        options,
    });
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn gem_bundle() {
        let m = rec("gem install bundler -v 2.4.22 --no-document");
        assert!(m.recognized);
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, .. } if packages[0].version.as_deref() == Some("2.4.22"))
        );
        let m = rec("gem install bundler:2.5.0");
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, .. } if packages[0].name.as_deref() == Some("bundler"))
        );
        let m = rec("bundle install --deployment --without development test --jobs 4");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.frozen && options.production)
        );
        let m = rec("bundle config set --local without development");
        assert!(
            matches!(&m.effects[0], Effect::Config { key, value: Some(v), .. } if key.text() == "without" && v.text() == "development")
        );
        let m = rec("bundle exec rake assets:precompile");
        assert!(m.inner.is_some());
        assert!(!rec("gem install").recognized);
        assert!(rec("gem --version").recognized);
        assert!(!rec("bundle frob").recognized);
    }
}
