//! Native builds: `make`, `cmake`, `./configure`, C compilers and binutils.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect};
use crate::shell::argv::ArgWord;

/// Whether a make operand is a variable assignment rather than a target.
fn is_assignment(w: &ArgWord) -> bool {
    let t = w
        .value
        .as_deref()
        .unwrap_or(w.raw.trim_start_matches(['"', '\'']));
    match t.find('=') {
        Some(i) => {
            let name = t[..i].trim_end_matches([':', '+', '?']);
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        None => false,
    }
}

/// `make [-C dir] [-j N] [VAR=value] [target...]`.
pub fn make(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("directory|C"),
        val("file|f|makefile"),
        opt("jobs|j"),
        flag("keep-going|k"),
        flag("silent|s|quiet"),
        flag("just-print|n|dry-run|recon"),
        flag("always-make|B"),
        flag("environment-overrides|e"),
        flag("ignore-errors|i"),
        val("include-dir|I"),
        opt("load-average|l"),
        val("old-file|o|assume-old"),
        val("what-if|W|new-file|assume-new"),
        opt("output-sync|O"),
        flag("no-builtin-rules|r"),
        flag("no-builtin-variables|R"),
        flag("print-directory|w"),
        flag("no-print-directory"),
        flag("question|q"),
        flag("touch|t"),
        flag("version|v"),
        flag("print-data-base|p"),
        flag("trace"),
        flag("no-keep-going|S"),
        flag("check-symlink-times|L"),
        opt("debug"),
        flag("d"),
        flag("help|h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    m.optional_next(args, &["-j", "--jobs"], "jobs", |w| {
        w.value
            .as_deref()
            .is_none_or(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()))
    });
    let targets: Vec<ArgWord> = m
        .operands
        .iter()
        .filter(|w| !is_assignment(w))
        .cloned()
        .collect();
    m.effect(Effect::Build {
        tool: "make",
        targets,
        dir: m.value("directory").cloned(),
        outputs: Vec::new(),
        release: false,
    });
}

/// `cmake` in its configure (`-S . -B build -D...`), `--build` and
/// `--install` modes.
pub fn cmake(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("S"),
        val("B"),
        val("D"),
        val("U"),
        val("G"),
        val("T"),
        val("A"),
        val("C"),
        val("W"),
        val("build"),
        val("install"),
        val("target|t"),
        val("config"),
        opt("parallel|j"),
        val("prefix"),
        val("component"),
        val("strip"),
        flag("clean-first"),
        flag("verbose|v"),
        flag("fresh"),
        val("log-level"),
        val("toolchain"),
        val("preset"),
        flag("version"),
        flag("help|h"),
        flag("E"),
        flag("P"),
        val("install-prefix"),
        flag("warn-uninitialized"),
        flag("no-warn-unused-cli"),
    ];
    // `cmake -E cmd args`: a portable shell command.
    if args.first().and_then(|w| w.value.as_deref()) == Some("-E") {
        m.subcommand = Some("-E".into());
        m.operands.extend(args[1..].iter().cloned());
        if args.len() < 2 {
            m.fail("cmake -E needs a command");
        }
        return;
    }
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    m.optional_next(args, &["-j", "--parallel"], "parallel", |w| {
        w.value
            .as_deref()
            .is_none_or(|v| v.chars().all(|c| c.is_ascii_digit()))
    });
    if let Some(dir) = m.value("build").cloned() {
        m.subcommand = Some("--build".into());
        let targets = m.values("target");
        let release = m.value("config").is_some_and(|c| c.text() == "Release");
        m.effect(Effect::Build {
            tool: "cmake",
            targets,
            dir: Some(dir),
            outputs: Vec::new(),
            release,
        });
    } else if let Some(dir) = m.value("install").cloned() {
        m.subcommand = Some("--install".into());
        m.effect(Effect::Build {
            tool: "cmake-install",
            targets: Vec::new(),
            dir: Some(dir),
            outputs: m.values("prefix"),
            release: false,
        });
    } else if !(m.has("version") || m.has("help")) {
        let dir = m.value("B").or(m.operands.first()).cloned();
        if dir.is_none() && m.value("S").is_none() && m.value("preset").is_none() {
            m.fail("cmake without a source or build directory");
            return;
        }
        let release = m.values("D").iter().any(|d| {
            d.text() == "CMAKE_BUILD_TYPE=Release" || d.text() == "CMAKE_BUILD_TYPE:STRING=Release"
        });
        m.effect(Effect::Build {
            tool: "cmake-configure",
            targets: Vec::new(),
            dir,
            outputs: Vec::new(),
            release,
        });
    }
}

/// `./configure --prefix=... --enable-x VAR=value`: autoconf accepts any
/// `--option[=value]`, so all options are taken as given.
pub fn configure(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("help|h"),
        flag("version|V"),
        flag("quiet|q|silent"),
        flag("config-cache|C"),
        val("cache-file"),
        flag("no-create|n"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    m.allow_prefixes(&["--"]);
}

/// `gcc`, `g++`, `cc`, `c++`, `clang`, `clang++` (also with a target triple
/// prefix): outputs from `-o`, else `a.out` or one `.o` per source with `-c`.
pub fn cc(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("o"),
        flag("c"),
        flag("S"),
        flag("E"),
        flag("shared"),
        flag("static"),
        flag("static-libgcc"),
        flag("static-libstdc++"),
        flag("static-pie"),
        flag("pie"),
        flag("no-pie"),
        opt("O"),
        val("W"),
        val("I"),
        val("L"),
        val("l"),
        val("D"),
        val("U"),
        val("std"),
        val("f"),
        val("m"),
        opt("g"),
        flag("pthread"),
        flag("pipe"),
        val("x"),
        flag("nostdlib"),
        flag("nostartfiles"),
        flag("nodefaultlibs"),
        flag("rdynamic"),
        flag("s"),
        flag("v"),
        flag("w"),
        flag("M"),
        flag("MM"),
        flag("MD"),
        flag("MMD"),
        flag("MP"),
        val("MF"),
        val("MT"),
        val("include"),
        val("isystem"),
        val("iquote"),
        val("idirafter"),
        val("isysroot"),
        opt("sysroot"),
        val("target"),
        val("Xlinker"),
        flag("dumpmachine"),
        flag("dumpversion"),
        flag("version"),
        opt("print-file-name"),
        opt("print-prog-name"),
        flag("print-search-dirs"),
        flag("print-multiarch"),
        flag("ansi"),
        flag("pedantic"),
        opt("fuse-ld"),
        val("B"),
        val("e"),
        val("u"),
        val("T"),
        val("z"),
        val("Z"),
    ];
    if m.parse(args, &Spec::single_dash(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty()
        && !m.flags.iter().any(|f| {
            f.name.starts_with("dump")
                || f.name.starts_with("print")
                || f.name == "version"
                || f.name == "v"
        })
    {
        m.fail("compiler without input files");
        return;
    }
    let mut outputs = m.values("o");
    if outputs.is_empty() && !m.has("E") && !m.operands.is_empty() {
        if m.has("c") || m.has("S") {
            let ext = if m.has("c") { "o" } else { "s" };
            outputs = m
                .operands
                .iter()
                .map(|w| {
                    let mut o = w.clone();
                    o.value = w.value.as_deref().map(|v| {
                        let base = v.rsplit('/').next().unwrap_or(v);
                        let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
                        format!("{stem}.{ext}")
                    });
                    o
                })
                .collect();
        } else {
            let mut o = m.operands[0].clone();
            o.value = Some("a.out".into());
            outputs.push(o);
        }
    }
    let targets = m.operands.clone();
    m.effect(Effect::Build {
        tool: "cc",
        targets,
        dir: None,
        outputs,
        release: false,
    });
}

/// `xx-clang` (and `xx-clang++`): the target's compiler, plus its own
/// `--setup-target-triple`-style setup options.
pub fn xx_clang(args: &[ArgWord], m: &mut CommandModel) {
    if args
        .first()
        .and_then(|w| w.value.as_deref())
        .is_some_and(|v| v.starts_with("--setup-target-triple") || v.starts_with("--print-"))
    {
        m.subcommand = args[0].value.clone();
        return;
    }
    cc(args, m);
}

/// Binutils: `as`, `ld`, `ar`, `objcopy`, `strip`, `ranlib` (also with a
/// target triple prefix).
pub fn binutils(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("o"),
        flag("s|strip-all"),
        flag("strip-unneeded"),
        flag("strip-debug|g|S"),
        flag("only-keep-debug"),
        flag("noexecstack"),
        flag("static"),
        flag("shared"),
        flag("EB"),
        flag("EL"),
        val("m"),
        val("L"),
        val("l"),
        val("T"),
        val("e"),
        flag("v|version"),
        flag("p|preserve-dates"),
        val("R|remove-section"),
        val("K|keep-symbol"),
        val("add-gnu-debuglink"),
        flag("D"),
        flag("verbose"),
        flag("help"),
    ];
    if m.parse(args, &Spec::single_dash(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() && !m.has("v") && !m.has("help") {
        m.fail(format!("{} without input files", m.command));
        return;
    }
    let outputs = m.values("o");
    if m.command.ends_with("strip") && outputs.is_empty() {
        let files = m.operands.clone();
        m.effect(Effect::EditInPlace { files });
        return;
    }
    let targets = m.operands.clone();
    m.effect(Effect::Build {
        tool: "binutils",
        targets,
        dir: None,
        outputs,
        release: false,
    });
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn make_shapes() {
        let m = rec("make -j $nproc EXTRA_CFLAGS=${EXTRA_CFLAGS:-} LDFLAGS=${LDFLAGS:-}");
        assert!(m.recognized, "{m:?}");
        assert_eq!(m.value("jobs").unwrap().raw, "$nproc");
        assert!(matches!(&m.effects[0], Effect::Build { targets, .. } if targets.is_empty()));
        let m = rec("make -C /src/redis -j4 install DESTDIR=/out");
        assert!(
            matches!(&m.effects[0], Effect::Build { targets, dir: Some(d), .. } if texts(targets) == ["install"] && d.text() == "/src/redis")
        );
        let m = rec("make -j install");
        assert!(
            matches!(&m.effects[0], Effect::Build { targets, .. } if texts(targets) == ["install"])
        );
    }

    #[test]
    fn cmake_shapes() {
        let m = rec("cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -G Ninja");
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        assert!(matches!(
            &m.effects[0],
            Effect::Build {
                release: true,
                tool: "cmake-configure",
                ..
            }
        ));
        let m = rec("cmake --build build --target install -j 4");
        assert!(matches!(&m.effects[0], Effect::Build { tool: "cmake", .. }));
        assert!(!rec("cmake").recognized);
    }

    #[test]
    fn cc_shapes() {
        let m = rec("gcc -O2 -Wall -static -o /out/hello hello.c -lssl -fPIC -std=c99");
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        assert!(
            matches!(&m.effects[0], Effect::Build { outputs, .. } if texts(outputs) == ["/out/hello"])
        );
        let m = rec("cc -c src/a.c");
        assert!(
            matches!(&m.effects[0], Effect::Build { outputs, .. } if texts(outputs) == ["a.o"])
        );
        assert!(!rec("gcc -O2").recognized);
        assert!(rec("gcc -dumpmachine").recognized);
        assert!(rec("xx-clang --setup-target-triple").recognized);
        let m =
            rec("x86_64-linux-gnu-gcc -static -nostdlib -Wa,--noexecstack -o exit exit.amd64.S");
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        let m = rec("aarch64-linux-gnu-strip --strip-unneeded exit");
        assert!(matches!(&m.effects[0], Effect::EditInPlace { .. }));
        assert!(rec("i686-linux-gnu-ld -o exit -s exit.o").recognized);
        assert!(
            rec("./configure --build=$gnuArch --enable-optimizations --with-lto")
                .notes
                .is_empty()
        );
    }
}
