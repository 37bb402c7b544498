//! The `go` command (and `xx-go`, its cross-compiling wrapper).

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect, InstallOptions, Manager, ProjectInstall};
use super::pkg::{Package, Syntax};
use crate::shell::argv::ArgWord;

/// Build flags shared by build, install, run, test, vet, list, get.
const OPTS: &[Opt] = &[
    val("o"),
    flag("v"),
    flag("x"),
    flag("a"),
    flag("n"),
    flag("race"),
    flag("msan"),
    flag("asan"),
    flag("cover"),
    flag("trimpath"),
    opt("buildvcs"),
    val("ldflags"),
    val("gcflags"),
    val("asmflags"),
    val("tags"),
    val("mod"),
    flag("modcacherw"),
    val("modfile"),
    val("p"),
    val("pkgdir"),
    val("buildmode"),
    val("compiler"),
    val("installsuffix"),
    flag("work"),
    val("C"),
    val("pgo"),
    val("overlay"),
    flag("json"),
    val("coverpkg"),
    val("covermode"),
    flag("linkshared"),
    val("toolexec"),
    val("run"),
    val("skip"),
    val("count"),
    val("timeout"),
    flag("short"),
    val("bench"),
    flag("benchmem"),
    val("coverprofile"),
    flag("failfast"),
    val("parallel"),
    val("cpu"),
    flag("u"),
    flag("t"),
    flag("d"),
    flag("insecure"),
    flag("reuse"),
    flag("cache"),
    flag("modcache"),
    flag("testcache"),
    flag("fuzzcache"),
    flag("r"),
    flag("w"),
    val("f"),
    flag("m"),
    flag("e"),
    val("go"),
    val("compat"),
    flag("l"),
    flag("s"),
    val("require"),
    val("replace"),
    val("dropreplace"),
    val("droprequire"),
    flag("fmt"),
    flag("print"),
    val("exec"),
    val("vet"),
    val("i"),
    val("shuffle"),
    val("fuzz"),
    val("fuzztime"),
    val("benchtime"),
    val("outputdir"),
    val("memprofile"),
    val("cpuprofile"),
    flag("h"),
    flag("help"),
];

const SUBCOMMANDS: &[&str] = &[
    "build",
    "install",
    "get",
    "mod",
    "run",
    "test",
    "vet",
    "version",
    "env",
    "generate",
    "clean",
    "fmt",
    "list",
    "tool",
    "work",
    "fix",
    "doc",
    "help",
    "bug",
    "telemetry",
];

/// `go <command> [flags] [packages]`.
pub fn go(args: &[ArgWord], m: &mut CommandModel) {
    // `go run pkg -- args` and `go test ... -args ...` pass the rest on.
    let mut cut = args
        .iter()
        .position(|w| matches!(w.value.as_deref(), Some("-args")))
        .unwrap_or(args.len());
    // `go run [flags] pkg args...`: words after the package are the program's.
    if let Some(run) = args.iter().position(|w| w.value.as_deref() == Some("run")) {
        let mut i = run + 1;
        while let Some(v) = args.get(i).and_then(|w| w.value.as_deref()) {
            if !v.starts_with('-') {
                break;
            }
            let takes = OPTS.iter().any(|o| {
                o.takes == super::flags::Takes::Value
                    && !v.contains('=')
                    && o.names.split('|').any(|n| v.trim_start_matches('-') == n)
            });
            i += if takes { 2 } else { 1 };
        }
        cut = cut.min(i + 1).min(args.len());
    }
    if m.parse(&args[..cut], &Spec::single_dash(OPTS)).is_none() {
        return;
    }
    m.operands.extend(args[cut..].iter().cloned());
    let Some(mut sub) = m.subcommand_from(SUBCOMMANDS) else {
        return;
    };
    if matches!(sub.as_str(), "mod" | "work" | "tool" | "telemetry") {
        let Some(second) = (!m.operands.is_empty()).then(|| m.operands.remove(0)) else {
            if sub != "tool" {
                m.fail(format!("go {sub} needs a subcommand"));
            }
            return;
        };
        sub = format!("{sub} {}", second.text());
        m.subcommand = Some(sub.clone());
    }
    let mgr = Manager::Go;
    match sub.as_str() {
        "build" => {
            let outputs = m.values("o");
            let targets = m.operands.clone();
            m.effect(Effect::Build {
                tool: "go",
                targets,
                dir: m.value("C").cloned(),
                outputs,
                release: false,
            });
        }
        "install" | "get" => {
            let versioned = m
                .operands
                .iter()
                .any(|w| w.value.as_deref().is_some_and(|v| v.contains('@')));
            if sub == "get" || versioned {
                let packages = Package::parse_all(&m.operands, Syntax::At);
                m.effect(Effect::Install {
                    manager: mgr,
                    packages,
                    options: InstallOptions {
                        upgrade: m.has("u"),
                        ..Default::default()
                    },
                });
            } else {
                let targets = m.operands.clone();
                m.effect(Effect::Build {
                    tool: "go",
                    targets,
                    dir: m.value("C").cloned(),
                    outputs: Vec::new(),
                    release: false,
                });
            }
        }
        "env" if m.has("w") || m.has("u") => {
            let unset = m.has("u");
            for w in m.operands.clone() {
                m.config_effects("go", std::slice::from_ref(&w), unset);
            }
        }
        "mod download" => m.effect(Effect::ProjectInstall {
            manager: mgr,
            options: ProjectInstall::default(),
        }),
        "clean" if (m.has("modcache") || m.has("cache")) => {
            m.effect(Effect::CacheClean { manager: mgr });
        }
        "mod" => {}
        _ => {}
    }
}

/// `xx-go`: `go` for the target platform, plus `xx-go --wrap` which installs
/// the wrapper as `go`.
pub fn xx_go(args: &[ArgWord], m: &mut CommandModel) {
    if matches!(args, [w] if w.value.as_deref() == Some("--wrap")) {
        m.subcommand = Some("--wrap".into());
        return;
    }
    go(args, m);
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn go_shapes() {
        let m = rec("go build -trimpath -ldflags=-s -o /out/app ./cmd/app");
        assert!(m.recognized, "{m:?}");
        assert!(
            matches!(&m.effects[0], Effect::Build { outputs, targets, .. } if texts(outputs) == ["/out/app"] && texts(targets) == ["./cmd/app"])
        );
        let m = rec("go build -o bin/backend main.go");
        assert!(m.notes.is_empty());
        let m = rec("go install aead.dev/minisign/cmd/minisign@v0.2.1");
        assert!(
            matches!(&m.effects[0], Effect::Install { packages, .. } if packages[0].version.as_deref() == Some("v0.2.1"))
        );
        let m = rec("go mod download -x");
        assert_eq!(m.subcommand.as_deref(), Some("mod download"));
        assert!(matches!(m.effects[0], Effect::ProjectInstall { .. }));
        assert!(rec("go version").recognized);
        let m = rec("go env -w GOPROXY=direct GOFLAGS=-mod=mod");
        assert!(
            matches!(&m.effects[1], Effect::Config { key, value: Some(v), .. } if key.text() == "GOFLAGS" && v.text() == "-mod=mod")
        );
        assert!(rec("go tool covdata percent -i=/tmp/coverage").recognized);
        assert!(
            rec("go run gotest.tools/gotestsum@latest --format testname -- -tags x").recognized
        );
        assert!(!rec("go mod").recognized);
        assert!(!rec("go frob").recognized);
        assert!(!rec("go build -o").recognized);
        assert!(rec("xx-go --wrap").recognized);
        assert!(rec("xx-go build -o /out/x .").recognized);
    }
}
