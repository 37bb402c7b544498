//! PHP: `composer`, `pecl`, the official image's `docker-php-ext-*` and
//! `docker-php-source` helpers, and Apache's `a2enmod` family.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager, ProjectInstall};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

/// `composer install|require|update|dump-autoload ...`.
pub fn composer(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("no-dev"),
        flag("dev"),
        flag("no-interaction|n"),
        flag("no-scripts"),
        flag("no-autoloader"),
        flag("optimize-autoloader|o|optimize"),
        flag("classmap-authoritative|a"),
        flag("apcu-autoloader"),
        flag("prefer-dist"),
        flag("prefer-source"),
        val("prefer-install"),
        flag("no-progress"),
        flag("no-plugins"),
        flag("no-cache"),
        flag("ignore-platform-reqs"),
        val("ignore-platform-req"),
        val("working-dir|d"),
        flag("quiet|q"),
        flag("verbose|v|vv|vvv"),
        flag("no-ansi"),
        flag("ansi"),
        flag("dry-run"),
        flag("no-suggest"),
        flag("no-audit"),
        flag("audit"),
        flag("strict-psr"),
        flag("with-all-dependencies|W"),
        flag("with-dependencies|w"),
        flag("update-with-dependencies"),
        flag("global|g"),
        flag("help|h"),
        flag("version|V"),
        flag("lock"),
        flag("no-install"),
        flag("sort-packages"),
        val("stability|s"),
        val("repository"),
        flag("remove-vcs"),
        flag("keep-vcs"),
        flag("no-secure-http"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && (m.has("version") || m.has("help")) {
        return;
    }
    let Some(mut sub) = m.subcommand_from(&[
        "install",
        "i",
        "require",
        "r",
        "update",
        "u",
        "upgrade",
        "dump-autoload",
        "dumpautoload",
        "create-project",
        "global",
        "clear-cache",
        "clearcache",
        "cc",
        "config",
        "self-update",
        "selfupdate",
        "diagnose",
        "validate",
        "run-script",
        "run",
        "check-platform-reqs",
        "remove",
        "rm",
        "show",
        "info",
        "outdated",
        "licenses",
        "audit",
        "exec",
        "depends",
        "why",
        "archive",
        "fund",
        "status",
        "search",
        "init",
        "bump",
        "reinstall",
        "list",
        "help",
        "about",
    ]) else {
        return;
    };
    if sub == "global" && !m.operands.is_empty() {
        sub = m.operands.remove(0).text().to_string();
        m.subcommand = Some(format!("global {sub}"));
    }
    let mgr = Manager::Composer;
    match sub.as_str() {
        "install" | "i" => m.effect(Effect::ProjectInstall {
            manager: mgr,
            options: ProjectInstall {
                frozen: true,
                production: m.has("no-dev"),
                no_cache: m.has("no-cache"),
                project: m.value("working-dir").cloned(),
            },
        }),
        "require" | "r" | "create-project" => {
            let take = if sub == "create-project" {
                1
            } else {
                m.operands.len()
            };
            let packages = Package::parse_all(m.operands.iter().take(take), Syntax::Composer);
            if packages.is_empty() {
                m.fail(format!("composer {sub} without packages"));
                return;
            }
            let global = m
                .subcommand
                .as_deref()
                .is_some_and(|s| s.starts_with("global"));
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options: InstallOptions {
                    global,
                    ..Default::default()
                },
            });
        }
        "clear-cache" | "clearcache" | "cc" => m.effect(Effect::CacheClean { manager: mgr }),
        "config" => {
            let ops = m.operands.clone();
            m.config_effects("composer", &ops, false);
        }
        _ => {}
    }
}

/// `docker-php-ext-install [-j N] ext...`, `docker-php-ext-enable ext...`,
/// `docker-php-ext-configure ext --with-...`.
pub fn docker_php_ext(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[val("jobs|j"), val("ini-name"), flag("help|h")];
    if m.command == "docker-php-ext-configure" {
        // Everything after the extension goes to its ./configure.
        match args.first() {
            Some(ext) => m.operands.extend(std::iter::once(ext.clone())),
            None => m.fail("docker-php-ext-configure needs an extension"),
        }
        return;
    }
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() {
        m.fail(format!("{} needs extensions", m.command));
        return;
    }
    let names = m.operands.clone();
    if m.command == "docker-php-ext-install" {
        let packages = Package::parse_all(&names, Syntax::Plain);
        m.effect(Effect::Install {
            manager: Manager::PhpExt,
            packages,
            options: InstallOptions::default(),
        });
    }
    m.effect(Effect::Toggle {
        what: "php-extension",
        enable: true,
        names,
    });
}

/// `docker-php-source extract|delete`.
pub fn docker_php_source(args: &[ArgWord], m: &mut CommandModel) {
    m.operands.extend(args.iter().cloned());
    m.subcommand_from(&["extract", "delete"]);
}

/// `pecl install [-o -f] ext[-version]...`, `pecl channel-update ...`.
pub fn pecl(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("onlyreqdeps|o"),
        flag("force|f"),
        flag("nodeps|n"),
        flag("alldeps|a"),
        flag("register-only|r"),
        flag("soft|s"),
        flag("nobuild|B"),
        flag("nocompress|Z"),
        val("installroot|R"),
        val("packagingroot|P"),
        flag("ignore-errors"),
        flag("offline|O"),
        val("configureoptions"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let Some(sub) = m.subcommand_from(&[
        "install",
        "uninstall",
        "upgrade",
        "upgrade-all",
        "channel-update",
        "channel-discover",
        "channel-add",
        "channel-delete",
        "channel-info",
        "channel-alias",
        "channel-login",
        "list",
        "list-all",
        "list-upgrades",
        "list-channels",
        "list-files",
        "info",
        "remote-info",
        "remote-list",
        "search",
        "download",
        "download-all",
        "bundle",
        "clear-cache",
        "config-set",
        "config-get",
        "config-show",
        "config-create",
        "update-channels",
        "run-tests",
        "run-scripts",
        "package",
        "package-validate",
        "build",
        "makerpm",
        "convert",
        "sign",
        "shell-test",
        "help",
        "version",
    ]) else {
        return;
    };
    if sub == "install" {
        // `redis-6.0.2`: a version after the last dash.
        let mut packages = Package::parse_all(&m.operands, Syntax::Plain);
        for p in &mut packages {
            if let Some((n, v)) = p.name.as_deref().and_then(|n| n.rsplit_once('-')) {
                if v.starts_with(|c: char| c.is_ascii_digit()) {
                    let (n, v) = (n.to_string(), v.to_string());
                    p.name = Some(n);
                    p.op = Some("-".into());
                    p.version = Some(v);
                }
            }
        }
        if packages.is_empty() {
            m.fail("pecl install without extensions");
            return;
        }
        m.effect(Effect::Install {
            manager: Manager::Pecl,
            packages,
            options: InstallOptions::default(),
        });
    } else if sub == "clear-cache" {
        m.effect(Effect::CacheClean {
            manager: Manager::Pecl,
        });
    }
}

/// `a2enmod`, `a2dismod`, `a2enconf`, `a2disconf`, `a2ensite`, `a2dissite`.
pub fn a2en(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("quiet|q"),
        flag("force|f"),
        flag("maintmode|m"),
        flag("purge|p"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() {
        m.fail(format!("{} needs names", m.command));
        return;
    }
    let what = if m.command.ends_with("mod") {
        "apache-module"
    } else if m.command.ends_with("conf") {
        "apache-conf"
    } else {
        "apache-site"
    };
    let enable = m.command.starts_with("a2en");
    let names = m.operands.clone();
    m.effect(Effect::Toggle {
        what,
        enable,
        names,
    });
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn php_shapes() {
        let m = rec("composer install --no-dev --no-interaction --optimize-autoloader");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.production)
        );
        let m = rec("composer global require laravel/installer:^5");
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, options, .. } if options.global && packages[0].version.as_deref() == Some("^5"))
        );
        let m = rec("docker-php-ext-install -j$(nproc) pdo_mysql opcache");
        assert!(m.recognized);
        let m = rec("docker-php-ext-install -j 4 pdo_mysql opcache");
        assert!(matches!(&m.effects[0], Effect::Install { packages, .. } if packages.len() == 2));
        assert!(rec("docker-php-ext-enable sodium").recognized);
        assert!(!rec("docker-php-ext-enable").recognized);
        assert!(rec("docker-php-ext-configure gd --with-freetype --with-jpeg").recognized);
        let m = rec("pecl install -o -f redis-6.0.2");
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, .. } if packages[0].version.as_deref() == Some("6.0.2"))
        );
        let m = rec("a2dismod mpm_event");
        assert!(matches!(
            &m.effects[0],
            Effect::Toggle {
                enable: false,
                what: "apache-module",
                ..
            }
        ));
        assert!(rec("docker-php-source extract").recognized);
    }
}
