//! The .NET CLI: `dotnet restore|build|publish|tool|nuget ...`.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager, ProjectInstall};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

const OPTS: &[Opt] = &[
    val("configuration|c"),
    val("output|o"),
    val("runtime|r"),
    val("arch|a"),
    val("framework|f"),
    val("os"),
    opt("self-contained|sc"),
    flag("no-self-contained"),
    flag("no-restore"),
    flag("no-build"),
    flag("no-dependencies"),
    flag("no-incremental"),
    val("verbosity|v"),
    val("source|s"),
    val("add-source"),
    val("tool-path"),
    flag("global|g"),
    flag("local"),
    val("version"),
    flag("nologo"),
    flag("use-current-runtime|ucr"),
    val("packages"),
    flag("locked-mode"),
    flag("force"),
    flag("interactive"),
    flag("no-cache"),
    flag("disable-parallel"),
    flag("ignore-failed-sources"),
    val("environment|e"),
    val("property|p"),
    val("project"),
    val("launch-profile"),
    flag("no-launch-profile"),
    val("filter"),
    val("logger|l"),
    val("collect"),
    val("results-directory"),
    val("artifacts-path"),
    opt("tl"),
    flag("bl"),
    opt("maxcpucount|m"),
    flag("clear"),
    flag("list"),
    flag("info"),
    flag("list-sdks"),
    flag("list-runtimes"),
    flag("help|h"),
    val("name|n"),
    val("api-key|k"),
    flag("skip-duplicate"),
    flag("prerelease"),
    val("manifest"),
    val("configfile"),
    flag("trust"),
];

const SUBCOMMANDS: &[&str] = &[
    "restore",
    "build",
    "publish",
    "run",
    "test",
    "pack",
    "tool",
    "nuget",
    "new",
    "add",
    "remove",
    "list",
    "sln",
    "clean",
    "dev-certs",
    "workload",
    "help",
    "watch",
    "msbuild",
    "format",
    "dnx",
    "store",
    "vstest",
    "ef",
    "user-secrets",
    "sdk",
    "package",
    "reference",
    "exec",
    "fsi",
    "build-server",
];

/// `dotnet <command> [project] [options]`; `dotnet app.dll` runs an app.
pub fn dotnet(args: &[ArgWord], m: &mut CommandModel) {
    if CommandModel::is_version_query(args) {
        m.subcommand = Some("--version".into());
        return;
    }
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    // MSBuild properties: `-p:Name=value` arrives as `-p` with `:Name=value`;
    // `/p:Name=value` and `--property:Name=value` as operands or unknowns.
    for f in &mut m.flags {
        if f.name == "property" {
            if let Some(v) = f.value.as_mut().and_then(|w| w.value.as_mut()) {
                if let Some(rest) = v.strip_prefix(':') {
                    *v = rest.to_string();
                }
            }
        }
    }
    let (props, operands): (Vec<ArgWord>, Vec<ArgWord>) =
        std::mem::take(&mut m.operands).into_iter().partition(|w| {
            w.value
                .as_deref()
                .is_some_and(|v| v.starts_with("/p:") || v.starts_with("/property:"))
        });
    m.operands = operands;
    for p in props {
        let at = p
            .value
            .as_deref()
            .and_then(|v| v.find(':'))
            .map_or(0, |i| i + 1);
        m.flags.push(super::flags::Flag {
            name: "property".into(),
            value: Some(super::flags::sub_word(&p, at)),
        });
    }
    m.allow_prefixes(&["--property:", "-property:"]);
    m.optional_next(args, &["--self-contained", "--sc"], "self-contained", |w| {
        matches!(w.value.as_deref(), Some("true" | "false"))
    });
    if m.operands.is_empty()
        && (m.has("info")
            || m.has("version")
            || m.has("list-sdks")
            || m.has("list-runtimes")
            || m.has("help"))
    {
        return;
    }
    // `dotnet app.dll` runs an application.
    if m.operands
        .first()
        .and_then(|w| w.value.as_deref())
        .is_some_and(|v| v.ends_with(".dll"))
    {
        m.subcommand = Some("exec".into());
        return;
    }
    let Some(sub) = m.subcommand_from(SUBCOMMANDS) else {
        return;
    };
    let project = m.operands.first().cloned();
    let release = m
        .value("configuration")
        .is_some_and(|c| c.text().eq_ignore_ascii_case("release"));
    let mgr = Manager::Dotnet;
    match sub.as_str() {
        "restore" => m.effect(Effect::ProjectInstall {
            manager: mgr,
            options: ProjectInstall {
                frozen: m.has("locked-mode"),
                no_cache: m.has("no-cache"),
                project,
                ..Default::default()
            },
        }),
        "build" | "publish" | "pack" => {
            if !m.has("no-restore") && !m.has("no-build") {
                m.effect(Effect::ProjectInstall {
                    manager: mgr,
                    options: ProjectInstall {
                        project: project.clone(),
                        ..Default::default()
                    },
                });
            }
            m.effect(Effect::Build {
                tool: "dotnet",
                targets: project.into_iter().collect(),
                dir: None,
                outputs: m.values("output"),
                release,
            });
        }
        "tool" => {
            let action = m.operands.first().and_then(|w| w.value.clone());
            m.subcommand = action.as_ref().map(|a| format!("tool {a}"));
            if matches!(action.as_deref(), Some("install" | "update")) {
                let mut packages = Package::parse_all(&m.operands[1..], Syntax::Plain);
                if let (Some(v), [p]) = (m.value("version"), packages.as_mut_slice()) {
                    p.op = Some("@".into());
                    p.version = v.value.clone();
                }
                m.effect(Effect::Install {
                    manager: mgr,
                    packages,
                    options: InstallOptions {
                        global: m.has("global"),
                        prefix: m.value("tool-path").cloned(),
                        ..Default::default()
                    },
                });
            }
        }
        "nuget" if m.operands.first().is_some_and(|w| w.text() == "locals") && m.has("clear") => {
            m.effect(Effect::CacheClean { manager: mgr });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn dotnet_shapes() {
        let m = rec(
            "dotnet publish -c release -o /app -a $TARGETARCH --self-contained false --no-restore",
        );
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        assert_eq!(m.value("self-contained").unwrap().text(), "false");
        assert!(
            matches!(&m.effects[0], Effect::Build { release: true, outputs, .. } if texts(outputs) == ["/app"])
        );
        let m = rec(
            "dotnet publish cartservice.csproj -p:PublishSingleFile=true -a x64 /p:UseAppHost=false",
        );
        assert!(m.notes.is_empty(), "{:?}", m.notes);
        assert_eq!(
            texts(&m.values("property")),
            ["PublishSingleFile=true", "UseAppHost=false"]
        );
        assert_eq!(texts(&m.operands), ["cartservice.csproj"]);
        let m = rec("dotnet restore -a $TARGETARCH");
        assert!(matches!(m.effects[0], Effect::ProjectInstall { .. }));
        let m = rec(
            "dotnet tool install --add-source / --tool-path /usr/share/powershell --version $v PowerShell",
        );
        assert_eq!(m.subcommand.as_deref(), Some("tool install"));
        assert!(
            matches!(&m.effects[0], Effect::Install { options, .. } if options.prefix.is_some())
        );
        assert!(matches!(
            rec("dotnet nuget locals all --clear").effects[0],
            Effect::CacheClean { .. }
        ));
        assert!(rec("dotnet --info").recognized);
        assert!(rec("dotnet --version").recognized);
        assert!(rec("dotnet help").recognized);
        assert!(rec("dotnet app.dll").recognized);
        assert!(!rec("dotnet frob").recognized);
    }
}
