//! Rust: `cargo` (with `cargo chef`) and `rustup`.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager, ProjectInstall};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

const OPTS: &[Opt] = &[
    flag("release|r"),
    flag("locked"),
    flag("frozen"),
    flag("offline"),
    val("target"),
    val("target-dir"),
    val("package|p"),
    val("bin"),
    flag("bins"),
    flag("lib"),
    val("example"),
    flag("examples"),
    val("test"),
    flag("tests"),
    val("bench"),
    flag("benches"),
    flag("all-targets"),
    val("features|F"),
    flag("all-features"),
    flag("no-default-features"),
    flag("workspace"),
    flag("all"),
    val("exclude"),
    val("jobs|j"),
    val("profile"),
    val("manifest-path"),
    flag("verbose|v"),
    flag("quiet|q"),
    val("color"),
    val("root"),
    val("path"),
    val("git"),
    val("branch"),
    val("tag"),
    val("rev"),
    val("version|vers"),
    flag("force|f"),
    flag("no-track"),
    val("Z"),
    val("config"),
    val("recipe-path"),
    val("message-format"),
    opt("timings"),
    flag("keep-going"),
    val("registry"),
    val("index"),
    flag("list"),
    flag("debug"),
    flag("no-run"),
    flag("doc"),
    flag("help|h"),
    flag("V"),
    flag("dry-run"),
    flag("no-build"),
    flag("check"),
    flag("precise"),
    val("lockfile-path"),
    val("name"),
    val("vcs"),
    val("edition"),
    flag("no-deps"),
    flag("open"),
];

/// `cargo [+toolchain] <command> ...`.
pub fn cargo(args: &[ArgWord], m: &mut CommandModel) {
    if CommandModel::is_version_query(args) {
        m.subcommand = Some("--version".into());
        return;
    }
    let args = match args.first().and_then(|w| w.value.as_deref()) {
        Some(t) if t.starts_with('+') => {
            m.note(format!("toolchain {t}"));
            &args[1..]
        }
        _ => args,
    };
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && (m.has("V") || m.has("help") || m.has("list")) {
        return;
    }
    let Some(mut sub) = m.subcommand_from(&[]) else {
        return;
    };
    if sub == "chef" && !m.operands.is_empty() {
        sub = format!("chef {}", m.operands.remove(0).text());
        m.subcommand = Some(sub.clone());
    }
    let mgr = Manager::Cargo;
    let release = m.has("release") || m.value("profile").is_some_and(|p| p.text() == "release");
    match sub.as_str() {
        "build" | "b" | "chef cook" | "auditable" | "zigbuild" => {
            if sub == "chef cook" {
                m.effect(Effect::ProjectInstall {
                    manager: mgr,
                    options: ProjectInstall {
                        frozen: m.has("locked") || m.has("frozen"),
                        project: m.value("recipe-path").cloned(),
                        ..Default::default()
                    },
                });
            }
            let targets = m.values("bin");
            m.effect(Effect::Build {
                tool: "cargo",
                targets,
                dir: m.value("manifest-path").cloned(),
                outputs: m.values("target-dir"),
                release,
            });
        }
        "install" | "binstall" => {
            let packages = Package::parse_all(&m.operands, Syntax::At);
            let files = m.values("path");
            if packages.is_empty() && files.is_empty() && m.value("git").is_none() {
                m.fail("cargo install without a crate, --path or --git");
                return;
            }
            let mut packages = packages;
            if let (Some(v), [p]) = (m.value("version"), packages.as_mut_slice()) {
                p.op = Some("@".into());
                p.version = v.value.clone();
            }
            m.effect(Effect::Install {
                manager: mgr,
                packages,
                options: InstallOptions {
                    files,
                    prefix: m.value("root").cloned(),
                    ..Default::default()
                },
            });
        }
        "fetch" | "vendor" => m.effect(Effect::ProjectInstall {
            manager: mgr,
            options: ProjectInstall {
                frozen: m.has("locked") || m.has("frozen"),
                project: m.value("manifest-path").cloned(),
                ..Default::default()
            },
        }),
        _ => {}
    }
}

/// `rustup <command> ...` and `rustup-init -y ...`.
pub fn rustup(args: &[ArgWord], m: &mut CommandModel) {
    const R: &[Opt] = &[
        flag("yes|y"),
        flag("quiet|q"),
        flag("verbose|v"),
        flag("no-modify-path"),
        flag("no-update-default-toolchain"),
        flag("no-self-update"),
        flag("force"),
        flag("help|h"),
        flag("version|V"),
        val("default-toolchain"),
        val("default-host"),
        val("profile"),
        val("component|c"),
        val("target|t"),
        val("toolchain"),
        flag("installed"),
    ];
    if m.parse(args, &Spec::gnu(R)).is_none() {
        return;
    }
    if m.command.starts_with("rustup-init") || m.operands.is_empty() && m.has("version") {
        return;
    }
    let Some(sub) = m.subcommand_from(&[
        "toolchain",
        "default",
        "target",
        "component",
        "set",
        "update",
        "self",
        "show",
        "override",
        "run",
        "which",
        "doc",
        "check",
        "install",
        "uninstall",
        "completions",
    ]) else {
        return;
    };
    if matches!(sub.as_str(), "target" | "component")
        && m.operands.first().is_some_and(|w| w.text() == "add")
    {
        let packages = Package::parse_all(&m.operands[1..], Syntax::Plain);
        m.effect(Effect::Install {
            manager: Manager::Rustup,
            packages,
            options: InstallOptions::default(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn cargo_shapes() {
        let m = rec("cargo build --release --locked --target wasm32-wasi");
        assert!(m.recognized);
        assert!(matches!(&m.effects[0], Effect::Build { release: true, .. }));
        let m = rec("cargo install ripgrep@14 --locked --root /usr/local");
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, options, .. } if packages[0].version.as_deref() == Some("14") && options.prefix.is_some())
        );
        let m = rec("cargo install cargo-chef --version 0.1.62");
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, .. } if packages[0].version.as_deref() == Some("0.1.62"))
        );
        let m = rec("cargo chef cook --release --recipe-path recipe.json");
        assert_eq!(m.subcommand.as_deref(), Some("chef cook"));
        assert_eq!(m.effects.len(), 2);
        assert!(rec("cargo +nightly build").recognized);
        assert!(matches!(
            rec("cargo fetch --locked").effects[0],
            Effect::ProjectInstall { .. }
        ));
        assert!(!rec("cargo install").recognized);
        assert!(rec("cargo --version").recognized);
        assert!(rec("rustup target add wasm32-unknown-unknown").recognized);
        assert!(rec("rustup-init -y --default-toolchain stable --profile minimal").recognized);
    }
}
