//! Python packaging: `pip`/`pip3`, `python -m pip|venv`, `pipx`, `uv`,
//! `poetry`.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, Inner, InstallOptions, Manager, ProjectInstall};
use super::pkg::{Package, Syntax};
use crate::shell::argv::{ArgWord, Argv};

const PIP_OPTS: &[Opt] = &[
    val("requirement|r"),
    val("constraint|c"),
    val("editable|e"),
    flag("upgrade|U"),
    flag("user"),
    flag("no-cache-dir"),
    flag("no-deps"),
    flag("pre"),
    val("target|t"),
    val("prefix"),
    val("root"),
    val("index-url|i"),
    val("extra-index-url"),
    val("trusted-host"),
    val("find-links|f"),
    flag("no-index"),
    val("upgrade-strategy"),
    flag("force-reinstall"),
    flag("ignore-installed|I"),
    flag("no-build-isolation"),
    val("no-binary"),
    val("only-binary"),
    flag("prefer-binary"),
    flag("break-system-packages"),
    flag("require-hashes"),
    val("progress-bar"),
    flag("quiet|q"),
    flag("verbose|v"),
    flag("disable-pip-version-check"),
    flag("no-warn-script-location"),
    flag("no-warn-conflicts"),
    flag("no-compile"),
    flag("compile"),
    val("root-user-action"),
    val("src"),
    val("platform"),
    val("python-version"),
    val("implementation"),
    val("abi"),
    flag("use-pep517"),
    flag("no-use-pep517"),
    val("config-settings|C"),
    val("global-option"),
    flag("dry-run"),
    val("report"),
    flag("isolated"),
    val("timeout|default-timeout"),
    val("retries"),
    val("proxy"),
    val("cert"),
    val("index"),
    val("exists-action"),
    val("log"),
    val("cache-dir"),
    val("python"),
    flag("no-color"),
    flag("no-input"),
    flag("require-virtualenv"),
    flag("yes|y"),
    val("dest|d"),
    val("wheel-dir|w"),
    val("group"),
    flag("help|h"),
    flag("version|V"),
    flag("system"),
    flag("all"),
    flag("outdated|o"),
    val("format"),
    flag("local|l"),
    flag("strict"),
    val("output|o"),
];

const PIP_SUBCOMMANDS: &[&str] = &[
    "install",
    "uninstall",
    "download",
    "wheel",
    "freeze",
    "list",
    "show",
    "check",
    "config",
    "cache",
    "hash",
    "debug",
    "inspect",
    "index",
    "completion",
    "search",
    "help",
    "sync",
    "compile",
    "tree",
];

/// `pip`/`pip3`/`pip3.12`; also `uv pip` and `python -m pip`.
pub fn pip(args: &[ArgWord], m: &mut CommandModel) {
    pip_as(args, m, Manager::Pip);
}

fn pip_as(args: &[ArgWord], m: &mut CommandModel, mgr: Manager) {
    if m.parse(args, &Spec::gnu(PIP_OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && (m.has("version") || m.has("help")) {
        return;
    }
    let Some(sub) = m.subcommand_from(PIP_SUBCOMMANDS) else {
        return;
    };
    match sub.as_str() {
        "install" | "sync" => {
            let packages = Package::parse_all(&m.operands, Syntax::Pip);
            let mut requirements = m.values("requirement");
            requirements.extend(m.values("constraint"));
            let editable = m.values("editable");
            if packages.is_empty() && requirements.is_empty() && editable.is_empty() {
                m.fail("pip install without packages, -r or -e");
                return;
            }
            let options = InstallOptions {
                no_cache: m.has("no-cache-dir") || m.has("no-cache"),
                user: m.has("user"),
                upgrade: m.has("upgrade"),
                requirements,
                editable,
                prefix: m
                    .value("target")
                    .or(m.value("prefix"))
                    .or(m.value("root"))
                    .cloned(),
                ..Default::default()
            };
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options,
            });
        }
        "config" => {
            let ops = m.operands.clone();
            m.config_effects("pip", &ops, false);
        }
        "uninstall" => {
            let packages = Package::parse_all(&m.operands, Syntax::Pip);
            m.effect(Effect::Remove {
                manager: mgr,
                packages,
                purge: false,
                autoremove: false,
            });
        }
        "cache" => {
            if matches!(
                m.operands.first().and_then(|w| w.value.as_deref()),
                Some("purge" | "remove")
            ) {
                m.effect(Effect::CacheClean { manager: mgr });
            }
        }
        _ => {}
    }
}

/// `python`/`python3` (any version suffix): `-m pip` and `-m venv` are
/// modelled; a script or `-c` code is kept as operands.
pub fn python(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("B"),
        flag("u"),
        flag("O"),
        flag("I"),
        flag("E"),
        flag("s"),
        flag("S"),
        flag("q"),
        flag("v"),
        flag("b"),
        flag("P"),
        flag("version|V"),
        flag("help|h"),
        val("W"),
        val("X"),
        val("check-hash-based-pycs"),
    ];
    // `-m` and `-c` end the interpreter's options; find them by hand since
    // what follows belongs to the module or the code.
    let mut i = 0;
    while let Some(v) = args.get(i).and_then(|w| w.value.as_deref()) {
        if v.starts_with("-m") || v.starts_with("-c") || !v.starts_with('-') || v == "-" {
            break;
        }
        i += if v == "-W" || v == "-X" { 2 } else { 1 };
    }
    let i = i.min(args.len());
    if m.parse(&args[..i], &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let rest = &args[i..];
    let Some(first) = rest.first() else {
        return; // `python` alone, or `python --version`
    };
    // `-mpip` is `-m pip`.
    let attached = first
        .value
        .as_deref()
        .filter(|v| v.len() > 2 && v.starts_with("-m"))
        .map(|_| super::flags::sub_word(first, 2));
    let owned: Vec<ArgWord>;
    let rest: &[ArgWord] = match attached {
        Some(module) => {
            owned = [vec![first.clone(), module], rest[1..].to_vec()].concat();
            &owned
        }
        None => rest,
    };
    let first = &rest[0];
    let is_m = first.value.as_deref().is_some_and(|v| v.starts_with("-m"));
    match if is_m {
        Some("-m")
    } else {
        first.value.as_deref()
    } {
        Some("-m") => {
            let Some(module) = rest.get(1) else {
                m.fail("-m needs a module");
                return;
            };
            let margs = &rest[2..];
            match module.value.as_deref() {
                Some("pip") => {
                    m.subcommand = None;
                    pip(margs, m);
                    m.subcommand = m.subcommand.take().map(|s| format!("-m pip {s}"));
                }
                Some("venv" | "virtualenv") => {
                    m.subcommand = Some(format!("-m {}", module.text()));
                    const VENV: &[Opt] = &[
                        flag("system-site-packages"),
                        flag("symlinks"),
                        flag("copies"),
                        flag("clear"),
                        flag("upgrade"),
                        flag("without-pip"),
                        flag("upgrade-deps"),
                        val("prompt"),
                        flag("without-scm-ignore-files"),
                    ];
                    if let Some(p) = m.parse(margs, &Spec::gnu(VENV)) {
                        match p.operands.first() {
                            Some(dir) => {
                                let dir = (*dir).clone();
                                m.effect(Effect::CreateVenv { dir });
                            }
                            None => m.fail("venv needs a directory"),
                        }
                    }
                }
                _ => {
                    m.subcommand = Some(format!("-m {}", module.text()));
                    m.operands.extend(margs.iter().cloned());
                }
            }
        }
        Some("-c") => {
            if rest.len() < 2 {
                m.fail("-c needs code");
                return;
            }
            m.subcommand = Some("-c".into());
            m.operands.extend(rest[1..].iter().cloned());
        }
        _ => m.operands.extend(rest.iter().cloned()),
    }
}

/// `pipx install|inject|run|ensurepath ...`.
pub fn pipx(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("pip-args"),
        val("python"),
        val("suffix"),
        val("index-url|i"),
        val("spec"),
        flag("force|f"),
        flag("include-deps"),
        flag("system-site-packages"),
        flag("editable|e"),
        flag("global"),
        flag("verbose|v"),
        flag("quiet|q"),
        flag("help|h"),
        flag("version"),
        flag("all"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && m.has("version") {
        return;
    }
    let known = [
        "install",
        "inject",
        "upgrade",
        "upgrade-all",
        "uninstall",
        "uninstall-all",
        "reinstall",
        "reinstall-all",
        "list",
        "run",
        "runpip",
        "ensurepath",
        "environment",
        "completion",
        "interpreter",
        "uninject",
        "pin",
        "unpin",
    ];
    let Some(sub) = m.subcommand_from(&known) else {
        return;
    };
    if sub == "install" || sub == "inject" {
        let packages = Package::parse_all(&m.operands, Syntax::Pip);
        let global = m.has("global");
        m.effect(Effect::Install {
            manager: Manager::Pipx,
            packages,
            options: InstallOptions {
                global,
                ..Default::default()
            },
        });
    }
}

/// `uv pip ...`, `uv sync`, `uv venv`, `uv tool install`, `uv add`.
pub fn uv(args: &[ArgWord], m: &mut CommandModel) {
    const GLOBAL: &[Opt] = &[
        flag("quiet|q"),
        flag("verbose|v"),
        flag("no-cache|n"),
        val("cache-dir"),
        val("directory"),
        val("project"),
        val("python|p"),
        flag("offline"),
        flag("native-tls"),
        flag("help|h"),
        flag("version|V"),
        val("color"),
        val("config-file"),
        flag("no-config"),
        flag("no-progress"),
        flag("preview"),
        val("allow-insecure-host"),
    ];
    let Ok(g) = super::flags::parse(args, &Spec::leading(GLOBAL)) else {
        m.fail("option needs a value");
        return;
    };
    m.absorb(&g);
    let Some(sub) = g.rest.first() else {
        if !m.has("version") && !m.has("help") {
            m.fail("missing subcommand");
        }
        return;
    };
    let rest = &g.rest[1..];
    let sub = sub.text().to_string();
    match sub.as_str() {
        "pip" => {
            pip_as(rest, m, Manager::Uv);
            m.subcommand = m.subcommand.take().map(|s| format!("pip {s}"));
        }
        "sync" | "venv" | "add" | "remove" | "lock" | "export" | "run" | "tool" | "python"
        | "init" | "build" | "publish" | "tree" | "cache" | "self" => {
            m.subcommand = Some(sub.clone());
            const SYNC: &[Opt] = &[
                flag("frozen"),
                flag("locked"),
                flag("no-dev"),
                flag("dev"),
                flag("no-install-project"),
                flag("no-install-workspace"),
                flag("no-editable"),
                flag("all-extras"),
                flag("all-groups"),
                flag("inexact"),
                flag("compile-bytecode"),
                flag("no-sources"),
                flag("system"),
                flag("seed"),
                flag("force"),
                flag("upgrade|U"),
                flag("no-cache|n"),
                flag("quiet|q"),
                flag("verbose|v"),
                flag("clear"),
                val("extra"),
                val("group"),
                val("only-group"),
                val("no-group"),
                val("with"),
                val("python|p"),
                val("project"),
                val("directory"),
                val("package"),
                val("index-url"),
                val("extra-index-url"),
                val("link-mode"),
                val("format"),
                val("output-file|o"),
                val("prompt"),
                flag("no-hashes"),
                flag("only-dev"),
                flag("no-default-groups"),
            ];
            if m.parse(rest, &Spec::gnu(SYNC)).is_none() {
                return;
            }
            let tool_install = sub == "tool"
                && m.operands.first().and_then(|w| w.value.as_deref()) == Some("install");
            if sub == "sync" {
                let options = ProjectInstall {
                    frozen: m.has("frozen") || m.has("locked"),
                    production: m.has("no-dev"),
                    no_cache: m.has("no-cache"),
                    project: m.value("project").or(m.value("directory")).cloned(),
                };
                m.effect(Effect::ProjectInstall {
                    manager: Manager::Uv,
                    options,
                });
            } else if sub == "venv" {
                if let Some(dir) = m.operands.first().cloned() {
                    m.effect(Effect::CreateVenv { dir });
                }
            } else if sub == "add" || tool_install {
                let skip = usize::from(tool_install);
                let packages = Package::parse_all(&m.operands[skip..], Syntax::Pip);
                m.effect(Effect::Install {
                    manager: Manager::Uv,
                    packages,
                    options: InstallOptions {
                        no_cache: m.has("no-cache"),
                        global: tool_install,
                        ..Default::default()
                    },
                });
            } else if sub == "cache"
                && matches!(
                    m.operands.first().and_then(|w| w.value.as_deref()),
                    Some("clean" | "prune")
                )
            {
                m.effect(Effect::CacheClean {
                    manager: Manager::Uv,
                });
            }
        }
        _ => m.fail(format!("unknown subcommand {sub}")),
    }
}

/// `poetry install|config|add|lock|export|build ...`.
pub fn poetry(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("no-root"),
        flag("no-dev"),
        flag("sync"),
        flag("no-interaction|n"),
        flag("no-ansi"),
        flag("ansi"),
        flag("all-extras"),
        flag("compile"),
        flag("no-directory"),
        flag("quiet|q"),
        flag("verbose|v"),
        flag("without-hashes"),
        flag("without-urls"),
        flag("dry-run"),
        flag("no-cache"),
        flag("help|h"),
        flag("version|V"),
        flag("unset"),
        flag("local"),
        flag("lock"),
        flag("no-update"),
        flag("dev|D"),
        flag("all-groups"),
        val("only"),
        val("without"),
        val("with"),
        val("extras|E"),
        val("format|f"),
        val("output|o"),
        val("directory|C"),
        val("project|P"),
        val("group|G"),
        val("source"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && m.has("version") {
        return;
    }
    let Some(sub) = m.subcommand_from(&[
        "about",
        "add",
        "build",
        "check",
        "config",
        "debug",
        "env",
        "export",
        "help",
        "init",
        "install",
        "list",
        "lock",
        "new",
        "publish",
        "remove",
        "run",
        "search",
        "self",
        "shell",
        "show",
        "source",
        "sync",
        "update",
        "version",
        "cache",
        "completions",
        "plugin",
    ]) else {
        return;
    };
    match sub.as_str() {
        "install" | "sync" => {
            let only_main = m.values("only").iter().any(|w| w.text() == "main");
            let without_dev = m
                .values("without")
                .iter()
                .any(|w| w.text().split(',').any(|g| g == "dev"));
            let options = ProjectInstall {
                frozen: false,
                production: m.has("no-dev") || only_main || without_dev,
                no_cache: m.has("no-cache"),
                project: m.value("directory").cloned(),
            };
            m.effect(Effect::ProjectInstall {
                manager: Manager::Poetry,
                options,
            });
        }
        "config" => {
            let ops = m.operands.clone();
            let unset = m.has("unset");
            m.config_effects("poetry", &ops, unset);
        }
        "add" => {
            let packages = Package::parse_all(&m.operands, Syntax::Pip);
            m.effect(Effect::Install {
                manager: Manager::Poetry,
                packages,
                options: InstallOptions::default(),
            });
        }
        _ => {}
    }
}

/// `venv`-style `virtualenv DIR`.
pub fn virtualenv(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("python|p"),
        flag("system-site-packages"),
        flag("quiet|q"),
        flag("clear"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    match m.operands.first().cloned() {
        Some(dir) => m.effect(Effect::CreateVenv { dir }),
        None => m.fail("virtualenv needs a directory"),
    }
}

/// Builds the inner argv of a wrapper command from its remaining words.
pub fn inner_argv(words: &[ArgWord]) -> Option<Inner> {
    (!words.is_empty()).then(|| Inner::Argv {
        argv: Argv {
            words: words.to_vec(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn pip_install_shapes() {
        let m = rec(
            "pip install --no-cache-dir -r requirements.txt Django==4.2 uvicorn[standard]>=0.2 -e .",
        );
        assert!(m.recognized, "{m:?}");
        let Effect::Install {
            packages, options, ..
        } = &m.effects[0]
        else {
            panic!()
        };
        assert!(options.no_cache);
        assert_eq!(texts(&options.requirements), ["requirements.txt"]);
        assert_eq!(texts(&options.editable), ["."]);
        assert_eq!(packages[0].version.as_deref(), Some("4.2"));
        assert_eq!(packages[1].extras, ["standard"]);
        let m = rec("pip3 install --user -U --prefix=/install pip");
        let Effect::Install { options, .. } = &m.effects[0] else {
            panic!()
        };
        assert!(options.user && options.upgrade);
        assert_eq!(options.prefix.as_ref().unwrap().text(), "/install");
        assert!(!rec("pip install").recognized);
        assert!(!rec("pip install -r").recognized);
        assert!(matches!(
            rec("pip cache purge").effects[0],
            Effect::CacheClean { .. }
        ));
    }

    #[test]
    fn python_modules() {
        let m = rec("python3 -m pip install --no-cache-dir requests~=2.31");
        assert!(m.recognized, "{m:?}");
        assert_eq!(m.subcommand.as_deref(), Some("-m pip install"));
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, .. } if packages[0].op.as_deref() == Some("~="))
        );
        let m = rec("python -m venv /opt/venv");
        assert!(matches!(&m.effects[0], Effect::CreateVenv { dir } if dir.text() == "/opt/venv"));
        assert!(!rec("python -m venv").recognized);
        assert!(rec("python make-data.py --x").recognized);
        assert!(rec("python3 -c print(1)").recognized);
    }

    #[test]
    fn uv_poetry_pipx() {
        let m = rec("uv pip install --system --no-cache -r requirements.txt");
        assert!(m.recognized, "{m:?}");
        assert_eq!(m.subcommand.as_deref(), Some("pip install"));
        let m = rec("uv sync --frozen --no-dev");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.frozen && options.production)
        );
        let m = rec("poetry install --no-root --only main");
        assert!(
            matches!(&m.effects[0], Effect::ProjectInstall { options, .. } if options.production)
        );
        let m = rec("poetry config virtualenvs.create false");
        assert!(
            matches!(&m.effects[0], Effect::Config { key, value: Some(v), .. } if key.text() == "virtualenvs.create" && v.text() == "false")
        );
        let m = rec("pipx install poetry==1.8.2");
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, .. } if packages[0].version.as_deref() == Some("1.8.2"))
        );
        assert!(!rec("uv frob").recognized);
        assert!(!rec("poetry frob").recognized);
    }
}
