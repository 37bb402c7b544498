//! The Node.js tool belt: `npm`, `yarn`, `pnpm`, `corepack`, `npx`, `node`.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager, ProjectInstall};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

const NPM_OPTS: &[Opt] = &[
    flag("global|g"),
    flag("save-dev|D"),
    flag("save|S"),
    flag("save-exact|E"),
    flag("save-optional|O"),
    flag("save-prod|P"),
    flag("save-peer"),
    flag("save-bundle|B"),
    opt("production"),
    val("omit"),
    val("include"),
    val("only"),
    flag("ignore-scripts"),
    flag("legacy-peer-deps"),
    flag("strict-peer-deps"),
    flag("force|f"),
    val("loglevel"),
    val("prefix"),
    val("registry"),
    flag("unsafe-perm"),
    flag("prefer-offline"),
    flag("prefer-online"),
    flag("offline"),
    flag("quiet|q|silent|s"),
    flag("verbose|d"),
    val("workspace|w"),
    flag("workspaces"),
    flag("include-workspace-root"),
    flag("if-present"),
    val("location|L"),
    val("cache"),
    flag("yes|y"),
    flag("dry-run"),
    flag("package-lock-only"),
    flag("install-links"),
    flag("foreground-scripts"),
    flag("json"),
    flag("long|l"),
    flag("parseable|p"),
    flag("all|a"),
    flag("help|h"),
    flag("version|v"),
    val("tag"),
    val("access"),
    val("otp"),
    val("userconfig"),
    val("install-strategy"),
    opt("progress"),
    opt("audit"),
    opt("fund"),
    opt("update-notifier"),
    opt("package-lock"),
    opt("optional"),
    opt("color"),
    val("depth"),
    val("call|c"),
    val("package"),
];

const NPM_SUBCOMMANDS: &[&str] = &[
    "install",
    "i",
    "add",
    "in",
    "ins",
    "inst",
    "insta",
    "instal",
    "isnt",
    "isnta",
    "isntal",
    "isntall",
    "ci",
    "clean-install",
    "ic",
    "install-clean",
    "isntall-clean",
    "run",
    "run-script",
    "rum",
    "urn",
    "start",
    "test",
    "t",
    "tst",
    "stop",
    "restart",
    "cache",
    "config",
    "c",
    "set",
    "get",
    "uninstall",
    "un",
    "unlink",
    "remove",
    "rm",
    "r",
    "update",
    "up",
    "upgrade",
    "udpate",
    "audit",
    "prune",
    "link",
    "ln",
    "pack",
    "publish",
    "exec",
    "x",
    "init",
    "create",
    "version",
    "view",
    "v",
    "info",
    "show",
    "ls",
    "list",
    "ll",
    "la",
    "rebuild",
    "rb",
    "dedupe",
    "ddp",
    "outdated",
    "doctor",
    "help",
    "login",
    "logout",
    "whoami",
    "fund",
    "explain",
    "why",
    "pkg",
    "query",
    "shrinkwrap",
    "ping",
    "root",
    "prefix",
    "bin",
    "dist-tag",
    "owner",
    "token",
    "team",
    "search",
    "find",
    "s",
    "se",
    "star",
    "stars",
    "unstar",
    "unpublish",
    "deprecate",
    "edit",
    "explore",
    "docs",
    "home",
    "repo",
    "bugs",
    "sbom",
    "hook",
    "diff",
    "completion",
    "org",
    "access",
    "adduser",
    "profile",
    "install-test",
    "it",
    "install-ci-test",
    "cit",
    "help-search",
];

/// Whether dev dependencies are skipped: `--production`, `--omit=dev`,
/// `--only=prod[uction]`, `NODE_ENV` aside.
fn npm_production(m: &CommandModel) -> bool {
    let on = |name: &str, yes: &[&str]| {
        m.values(name)
            .iter()
            .any(|w| yes.contains(&w.text()) || w.text().split(',').any(|p| yes.contains(&p)))
    };
    (m.has("production") && !on("production", &["false"]))
        || on("omit", &["dev"])
        || on("only", &["prod", "production"])
}

/// `npm <command> ...`.
pub fn npm(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::gnu(NPM_OPTS)).is_none() {
        return;
    }
    // npm reads any `--key=value` as config; `--no-x` negates `--x`.
    m.allow_prefixes(&["--no-"]);
    if m.operands.is_empty() && (m.has("version") || m.has("help")) {
        return;
    }
    let Some(sub) = m.subcommand_from(NPM_SUBCOMMANDS) else {
        return;
    };
    let mgr = Manager::Npm;
    match sub.as_str() {
        "install" | "i" | "add" | "in" | "ins" | "inst" | "insta" | "instal" | "isnt" | "isnta"
        | "isntal" | "isntall" => {
            if m.operands.is_empty() {
                let options = ProjectInstall {
                    production: npm_production(m),
                    ..Default::default()
                };
                m.effect(Effect::ProjectInstall {
                    manager: mgr,
                    options,
                });
            } else {
                let packages = Package::parse_all(&m.operands, Syntax::At);
                let options = InstallOptions {
                    global: m.has("global"),
                    prefix: m.value("prefix").cloned(),
                    ..Default::default()
                };
                m.effect(Effect::Install {
                    manager: mgr,
                    packages,
                    options,
                });
            }
        }
        "ci" | "clean-install" | "ic" | "install-clean" | "isntall-clean" => {
            let options = ProjectInstall {
                frozen: true,
                production: npm_production(m),
                ..Default::default()
            };
            m.effect(Effect::ProjectInstall {
                manager: mgr,
                options,
            });
        }
        "uninstall" | "un" | "unlink" | "remove" | "rm" | "r" => {
            let packages = Package::parse_all(&m.operands, Syntax::At);
            m.effect(Effect::Remove {
                manager: mgr,
                packages,
                purge: false,
                autoremove: false,
            });
        }
        "cache" => match m.operands.first().and_then(|w| w.value.as_deref()) {
            Some("clean" | "clear" | "rm") => {
                if !m.has("force") {
                    m.note("npm 5+ refuses `cache clean` without --force");
                }
                m.effect(Effect::CacheClean { manager: mgr });
            }
            Some(_) => {}
            None => m.fail("npm cache needs a subcommand"),
        },
        "run" | "run-script" | "rum" | "urn" => {
            if m.operands.is_empty() {
                return; // lists scripts
            }
            let targets = vec![m.operands[0].clone()];
            m.effect(Effect::Build {
                tool: "npm",
                targets,
                dir: m.value("prefix").cloned(),
                outputs: Vec::new(),
                release: false,
            });
        }
        "config" | "c" | "set" => {
            // `npm set k v` is `npm config set k v`; both read the same way.
            let ops = m.operands.clone();
            m.config_effects("npm", &ops, false);
        }
        "prune" if npm_production(m) => {
            m.effect(Effect::ProjectInstall {
                manager: mgr,
                options: ProjectInstall {
                    production: true,
                    ..Default::default()
                },
            });
        }
        _ => {}
    }
}

const YARN_OPTS: &[Opt] = &[
    flag("frozen-lockfile"),
    flag("immutable"),
    flag("immutable-cache"),
    opt("production|prod"),
    flag("pure-lockfile"),
    flag("ignore-scripts"),
    flag("ignore-optional"),
    flag("ignore-engines"),
    flag("ignore-platform"),
    val("network-timeout"),
    flag("non-interactive"),
    flag("silent|s"),
    flag("verbose"),
    flag("check-files"),
    flag("no-lockfile"),
    flag("prefer-offline"),
    flag("offline"),
    flag("force"),
    val("cache-folder"),
    val("modules-folder"),
    val("global-folder"),
    val("mutex"),
    val("registry"),
    val("cwd"),
    flag("dev|D"),
    flag("exact|E"),
    flag("tilde|T"),
    flag("peer|P"),
    flag("optional|O"),
    flag("ignore-workspace-root-check|W"),
    flag("help|h"),
    flag("version|v"),
    flag("all|A"),
    flag("recursive|R"),
    flag("inline-builds"),
    flag("json"),
    flag("mode"),
    val("link-duplicates"),
    val("prefix"),
    opt("emoji"),
    opt("progress"),
    flag("no-progress"),
    flag("no-default-rc"),
    flag("flat"),
    flag("har"),
    flag("audit"),
    flag("no-bin-links"),
    flag("link-folder"),
    flag("focus"),
    flag("skip-integrity-check"),
];

/// `yarn` (classic and berry): any unknown subcommand is a script name.
pub fn yarn(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::gnu(YARN_OPTS)).is_none() {
        return;
    }
    let mgr = Manager::Yarn;
    if m.operands.is_empty() {
        if !m.has("version") && !m.has("help") {
            // Bare `yarn` installs.
            install_project(m, mgr);
        }
        return;
    }
    let Some(mut sub) = m.subcommand_from(&[]) else {
        return;
    };
    let mut global = false;
    if sub == "global" && !m.operands.is_empty() {
        global = true;
        sub = m.operands.remove(0).text().to_string();
        m.subcommand = Some(format!("global {sub}"));
    }
    match sub.as_str() {
        "install" => install_project(m, mgr),
        "add" => {
            if m.operands.is_empty() {
                m.fail("yarn add without packages");
                return;
            }
            let packages = Package::parse_all(&m.operands, Syntax::At);
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options: InstallOptions {
                    global,
                    ..Default::default()
                },
            });
        }
        "remove" => {
            let packages = Package::parse_all(&m.operands, Syntax::At);
            m.effect(Effect::Remove {
                manager: mgr,
                packages,
                purge: false,
                autoremove: false,
            });
        }
        "cache" => {
            if m.operands.first().and_then(|w| w.value.as_deref()) == Some("clean") {
                m.effect(Effect::CacheClean { manager: mgr });
            }
        }
        "config" => {
            let ops = m.operands.clone();
            m.config_effects("yarn", &ops, false);
        }
        "workspaces"
        | "set"
        | "plugin"
        | "dlx"
        | "exec"
        | "node"
        | "info"
        | "why"
        | "list"
        | "bin"
        | "upgrade"
        | "up"
        | "upgrade-interactive"
        | "outdated"
        | "audit"
        | "licenses"
        | "link"
        | "unlink"
        | "pack"
        | "publish"
        | "init"
        | "create"
        | "version"
        | "login"
        | "logout"
        | "owner"
        | "tag"
        | "team"
        | "check"
        | "autoclean"
        | "import"
        | "generate-lock-entry"
        | "policies"
        | "dedupe"
        | "npm"
        | "constraints"
        | "explain"
        | "patch"
        | "rebuild"
        | "unplug"
        | "why?" => {}
        // `yarn run build`, `yarn build`: a package.json script.
        _ => {
            let target = if sub == "run" {
                m.operands.first().cloned()
            } else {
                args.iter()
                    .find(|w| w.value.as_deref() == Some(sub.as_str()))
                    .cloned()
            };
            if let Some(t) = target {
                m.effect(Effect::Build {
                    tool: "yarn",
                    targets: vec![t],
                    dir: m.value("cwd").cloned(),
                    outputs: Vec::new(),
                    release: false,
                });
            }
        }
    }
}

fn install_project(m: &mut CommandModel, mgr: Manager) {
    let production =
        m.has("production") && m.value("production").is_none_or(|v| v.text() != "false");
    let options = ProjectInstall {
        frozen: m.has("frozen-lockfile") || m.has("immutable"),
        production: production || m.has("prod"),
        no_cache: false,
        project: m.value("cwd").or(m.value("dir")).cloned(),
    };
    m.effect(Effect::ProjectInstall {
        manager: mgr,
        options,
    });
}

const PNPM_OPTS: &[Opt] = &[
    flag("frozen-lockfile"),
    flag("prefer-frozen-lockfile"),
    opt("prod|P|production"),
    flag("dev|D"),
    flag("no-optional"),
    flag("ignore-scripts"),
    flag("offline"),
    flag("prefer-offline"),
    flag("global|g"),
    flag("recursive|r"),
    flag("shamefully-hoist"),
    flag("save-exact|E"),
    flag("save-optional|O"),
    flag("save-peer"),
    flag("silent|s"),
    flag("force"),
    flag("fix-lockfile"),
    flag("lockfile-only"),
    flag("help|h"),
    flag("version|v"),
    flag("workspace-root|w"),
    flag("if-present"),
    flag("parallel"),
    flag("stream"),
    val("filter|F"),
    val("dir|C"),
    val("reporter"),
    val("store-dir"),
    val("virtual-store-dir"),
    val("modules-dir"),
    val("loglevel"),
    val("registry"),
    val("network-concurrency"),
    val("child-concurrency"),
    val("workspace-concurrency"),
    val("package-import-method"),
    flag("legacy"),
];

/// `pnpm <command> ...`.
pub fn pnpm(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::gnu(PNPM_OPTS)).is_none() {
        return;
    }
    m.allow_prefixes(&["--config.", "--no-"]);
    let mgr = Manager::Pnpm;
    if m.operands.is_empty() {
        if !m.has("version") && !m.has("help") {
            m.fail("missing subcommand");
        }
        return;
    }
    let Some(sub) = m.subcommand_from(&[]) else {
        return;
    };
    match sub.as_str() {
        "install" | "i" => install_project(m, mgr),
        "add" => {
            let packages = Package::parse_all(&m.operands, Syntax::At);
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options: InstallOptions {
                    global: m.has("global"),
                    ..Default::default()
                },
            });
        }
        "remove" | "rm" | "uninstall" | "un" => {
            let packages = Package::parse_all(&m.operands, Syntax::At);
            m.effect(Effect::Remove {
                manager: mgr,
                packages,
                purge: false,
                autoremove: false,
            });
        }
        "fetch" => m.effect(Effect::ProjectInstall {
            manager: mgr,
            options: ProjectInstall {
                frozen: true,
                production: m.has("prod"),
                ..Default::default()
            },
        }),
        "config" => {
            let ops = m.operands.clone();
            m.config_effects("pnpm", &ops, false);
        }
        "store" if m.operands.first().and_then(|w| w.value.as_deref()) == Some("prune") => {
            m.effect(Effect::CacheClean { manager: mgr });
        }
        "run" => {
            if let Some(t) = m.operands.first().cloned() {
                m.effect(Effect::Build {
                    tool: "pnpm",
                    targets: vec![t],
                    dir: m.value("dir").cloned(),
                    outputs: Vec::new(),
                    release: false,
                });
            }
        }
        _ => {}
    }
}

/// `bun install|add|remove|run|build|pm ...`; `bun file.ts` runs a file.
pub fn bun(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("frozen-lockfile"),
        flag("production|p"),
        flag("no-save"),
        flag("dev|d|development"),
        flag("optional"),
        flag("exact|E"),
        flag("global|g"),
        val("cwd"),
        flag("silent"),
        flag("verbose"),
        flag("ignore-scripts"),
        flag("no-cache"),
        flag("force|f"),
        flag("dry-run"),
        flag("no-progress"),
        flag("no-summary"),
        flag("trust"),
        val("backend"),
        val("target"),
        val("outdir"),
        val("outfile"),
        val("registry"),
        val("cache-dir"),
        val("filter"),
        flag("minify"),
        flag("compile"),
        flag("sourcemap"),
        flag("bun|b"),
        flag("watch"),
        flag("hot"),
        flag("smol"),
        flag("version|v"),
        flag("revision"),
        flag("help|h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let mgr = Manager::Bun;
    if m.operands.is_empty() {
        if !m.has("version") && !m.has("help") && !m.has("revision") {
            m.fail("missing subcommand");
        }
        return;
    }
    let Some(sub) = m.subcommand_from(&[]) else {
        return;
    };
    match sub.as_str() {
        "install" | "i" if m.operands.is_empty() => m.effect(Effect::ProjectInstall {
            manager: mgr,
            options: ProjectInstall {
                frozen: m.has("frozen-lockfile"),
                production: m.has("production"),
                no_cache: m.has("no-cache"),
                project: m.value("cwd").cloned(),
            },
        }),
        "install" | "i" | "add" | "a" => {
            let packages = Package::parse_all(&m.operands, Syntax::At);
            let global = m.has("global");
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options: InstallOptions {
                    global,
                    ..Default::default()
                },
            });
        }
        "remove" | "rm" => {
            let packages = Package::parse_all(&m.operands, Syntax::At);
            m.effect(Effect::Remove {
                manager: mgr,
                packages,
                purge: false,
                autoremove: false,
            });
        }
        "pm" if m.operands.first().is_some_and(|w| w.text() == "cache")
            && m.operands.get(1).is_some_and(|w| w.text() == "rm") =>
        {
            m.effect(Effect::CacheClean { manager: mgr });
        }
        "build" => {
            let targets = m.operands.clone();
            let outputs = m
                .values("outfile")
                .into_iter()
                .chain(m.values("outdir"))
                .collect();
            m.effect(Effect::Build {
                tool: "bun",
                targets,
                dir: m.value("cwd").cloned(),
                outputs,
                release: m.has("minify"),
            });
        }
        "run" => {
            if let Some(t) = m.operands.first().cloned() {
                m.effect(Effect::Build {
                    tool: "bun",
                    targets: vec![t],
                    dir: m.value("cwd").cloned(),
                    outputs: Vec::new(),
                    release: false,
                });
            }
        }
        // `bun x`, `bun test`, `bun upgrade`, `bun init`, `bun create`,
        // `bun link`, `bun ./index.ts`, `bun <script>`.
        _ => {}
    }
}

/// `corepack enable|disable|prepare|use|install`.
pub fn corepack(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("activate"),
        flag("all"),
        flag("global|g"),
        flag("json"),
        flag("help|h"),
        flag("version|v"),
        val("install-directory"),
        val("output|o"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && m.has("version") {
        return;
    }
    m.subcommand_from(&[
        "enable", "disable", "prepare", "use", "install", "up", "hydrate", "pack", "cache", "npm",
        "pnpm", "yarn",
    ]);
}

/// `npx [-y] [-p pkg] command args`: runs a package's binary.
pub fn npx(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("yes|y"),
        flag("no"),
        flag("quiet|q"),
        val("package|p"),
        val("call|c"),
        flag("ignore-existing"),
    ];
    let Some(p) = m.parse(args, &Spec::leading(OPTS)) else {
        return;
    };
    if p.rest.is_empty() && !m.has("call") {
        m.fail("npx needs a command");
        return;
    }
    m.operands.extend(p.rest.iter().cloned());
}

/// `node [options] [script | -e code] [args]`.
pub fn node(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("eval|e"),
        val("print|p"),
        val("require|r"),
        val("import"),
        val("input-type"),
        flag("check|c"),
        flag("interactive|i"),
        flag("version|v"),
        flag("help|h"),
        opt("max-old-space-size"),
        opt("enable-source-maps"),
        opt("inspect"),
        flag("no-warnings"),
        flag("experimental-modules"),
    ];
    let Some(p) = m.parse(args, &Spec::leading(OPTS)) else {
        return;
    };
    m.operands.extend(p.rest.iter().cloned());
    m.allow_prefixes(&["--experimental-", "--max-", "--no-", "--stack-", "--trace-"]);
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn npm_shapes() {
        let m = rec("npm ci --omit=dev");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.frozen && options.production)
        );
        let m = rec("npm install --only=production");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.production)
        );
        let m = rec("npm install -g @angular/cli@13 nodemon azurite@${V}");
        let Effect::Install {
            packages, options, ..
        } = &m.effects[0]
        else {
            panic!()
        };
        assert!(options.global);
        assert_eq!(packages[0].name.as_deref(), Some("@angular/cli"));
        assert_eq!(packages[0].version.as_deref(), Some("13"));
        assert_eq!(packages[2].name.as_deref(), Some("azurite"));
        assert_eq!(packages[2].version, None);
        let m = rec("npm cache clean --force");
        assert!(m.recognized && m.notes.is_empty());
        assert!(matches!(m.effects[0], Effect::CacheClean { .. }));
        assert!(rec("npm run build").recognized);
        let m = rec("npm config set registry https://r");
        assert!(
            matches!(&m.effects[0], Effect::Config { key, value: Some(v), .. } if key.text() == "registry" && v.text() == "https://r")
        );
        let m = rec("npm set audit=false");
        assert!(
            matches!(&m.effects[0], Effect::Config { key, value: Some(v), .. } if key.text() == "audit" && v.text() == "false")
        );
        assert!(!rec("npm frobnicate").recognized);
        assert!(rec("npm install --no-audit --no-fund").notes.is_empty());
    }

    #[test]
    fn yarn_pnpm_corepack() {
        let m = rec("yarn install --frozen-lockfile --production");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.frozen && options.production)
        );
        let m = rec("yarn global add @vue/cli");
        assert_eq!(m.subcommand.as_deref(), Some("global add"));
        assert!(matches!(&m.effects[0], Effect::Install { options, .. } if options.global));
        assert!(matches!(
            rec("yarn").effects[0],
            Effect::ProjectInstall { .. }
        ));
        assert!(matches!(
            rec("yarn cache clean").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(matches!(rec("yarn build").effects[0], Effect::Build { .. }));
        let m = rec("pnpm install --frozen-lockfile --prod");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.frozen && options.production)
        );
        assert!(matches!(
            rec("pnpm store prune").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(rec("corepack enable pnpm").recognized);
        assert!(rec("corepack prepare pnpm@8 --activate").recognized);
        assert!(!rec("corepack frob").recognized);
        assert!(!rec("yarn add").recognized);
        let m = rec("bun install --frozen-lockfile --production");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.frozen && options.production)
        );
        let m = rec("bun build ./src/index.ts --compile --minify --outfile server");
        assert!(matches!(&m.effects[0], Effect::Build { outputs, .. } if outputs.len() == 1));
        assert!(matches!(
            rec("bun pm cache rm").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(!rec("bun").recognized);
    }
}
