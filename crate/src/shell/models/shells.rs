//! Shells, builtins and commands that run other commands: `sh -c`, `set`,
//! `export`, `cd`, `exit`, `gosu`, `su-exec`, `env`, `xargs`, `find -exec`...
//!
//! Where another command runs, it comes back as [`Inner`] for the caller to
//! recurse into; nothing here parses shell syntax.

use super::flags::{self, Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, Inner};
use super::pip::inner_argv;
use crate::shell::argv::ArgWord;

/// `sh`, `bash`, `dash`, `ash`, `zsh`: `-c script [name args]`, a script
/// file, or standard input.
pub fn shell(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("c"),
        flag("s"),
        flag("e"),
        flag("x"),
        flag("u"),
        flag("v"),
        flag("n"),
        flag("f"),
        flag("a"),
        flag("i"),
        flag("l|login"),
        flag("r|restricted"),
        flag("p"),
        flag("h"),
        flag("E"),
        flag("T"),
        flag("norc"),
        flag("noprofile"),
        flag("posix"),
        flag("noediting"),
        flag("version"),
        flag("help"),
        val("o"),
        val("O"),
        val("rcfile|init-file"),
    ];
    let Some(p) = m.parse(args, &Spec::leading(OPTS)) else {
        return;
    };
    let rest = p.rest;
    if m.has("c") {
        let Some(script) = rest.first() else {
            m.fail("-c needs a script");
            return;
        };
        m.inner = Some(Inner::Script {
            script: script.clone(),
            args: rest[1..].to_vec(),
        });
    } else if m.has("s") || rest.is_empty() || rest[0].value.as_deref() == Some("-") {
        // `curl ... | bash -` reads the script from standard input too.
        let rest = match rest.first() {
            Some(w) if w.value.as_deref() == Some("-") => &rest[1..],
            _ => rest,
        };
        if !m.has("version") && !m.has("help") {
            m.inner = Some(Inner::Stdin {
                args: rest.to_vec(),
            });
        }
    } else {
        m.inner = Some(Inner::ScriptFile {
            path: rest[0].clone(),
            args: rest[1..].to_vec(),
        });
    }
}

/// `.`/`source file [args]`.
pub fn source(args: &[ArgWord], m: &mut CommandModel) {
    match args.first() {
        Some(path) => {
            m.operands.extend(args.iter().cloned());
            m.inner = Some(Inner::ScriptFile {
                path: path.clone(),
                args: args[1..].to_vec(),
            });
        }
        None => m.fail("source needs a file"),
    }
}

/// `set -eux`, `set -o pipefail`, `set +x`, `set -- args`.
pub fn set(args: &[ArgWord], m: &mut CommandModel) {
    const LETTERS: &str = "abefhkmnptuvxBCEHPT";
    let (mut on, mut off, mut long) = (String::new(), String::new(), Vec::new());
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        let Some(v) = w.value.as_deref() else {
            m.operands.extend(args[i..].iter().cloned());
            break;
        };
        if v == "--" || v == "-" {
            m.operands.extend(args[i + 1..].iter().cloned());
            break;
        }
        let (sign, body) = match v.split_at_checked(1) {
            Some(("-", b)) if !b.is_empty() => ('-', b),
            Some(("+", b)) if !b.is_empty() => ('+', b),
            _ => {
                // Positional parameters.
                m.operands.extend(args[i..].iter().cloned());
                break;
            }
        };
        for c in body.chars() {
            if c == 'o' {
                i += 1;
                // `set -o` alone prints the options.
                if let Some(name) = args.get(i) {
                    long.push(format!("{sign}o {}", name.text()));
                }
            } else if LETTERS.contains(c) {
                if sign == '-' { on.push(c) } else { off.push(c) }
            } else {
                m.fail(format!("set: unknown option {sign}{c}"));
                return;
            }
        }
        i += 1;
    }
    if !(on.is_empty() && off.is_empty() && long.is_empty()) {
        m.effect(Effect::ShellOptions { on, off, long });
    }
}

/// Splits `NAME=value` (by the raw text when the value is unknown).
fn assignment(w: &ArgWord) -> Option<(String, Option<ArgWord>)> {
    let text = w.value.as_deref().unwrap_or(&w.raw);
    let (name, _) = text.split_once('=')?;
    let valid = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| (name.to_string(), Some(flags::sub_word(w, name.len() + 1))))
}

/// `export`, `declare`, `local`, `readonly`, `typeset`: `NAME[=value]...`.
pub fn export(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("p"),
        flag("n"),
        flag("f"),
        flag("x"),
        flag("r"),
        flag("a"),
        flag("A"),
        flag("i"),
        flag("g"),
        flag("l"),
        flag("u"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let exported = m.command == "export" || m.has("x");
    for w in m.operands.clone() {
        match assignment(&w) {
            Some((name, value)) => m.effect(Effect::SetVar {
                name,
                value,
                exported,
            }),
            None => match &w.value {
                Some(name) => m.effect(Effect::SetVar {
                    name: name.clone(),
                    value: None,
                    exported,
                }),
                None => m.note(format!("name only known at run time: {}", w.raw)),
            },
        }
    }
}

/// `cd [dir]`.
pub fn cd(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[flag("L"), flag("P"), flag("e"), flag("@")];
    let Some(p) = m.parse(args, &Spec::leading(OPTS)) else {
        return;
    };
    m.operands.extend(p.rest.iter().cloned());
    if m.operands.len() > 1 {
        m.fail("cd: too many arguments");
        return;
    }
    let dir = m.operands.first().cloned();
    m.effect(Effect::Chdir { dir });
}

/// `exit [n]`, `return [n]`.
pub fn exit(args: &[ArgWord], m: &mut CommandModel) {
    m.operands.extend(args.iter().cloned());
    if args.len() > 1 {
        m.fail(format!("{}: too many arguments", m.command));
        return;
    }
    let code = args.first().cloned();
    if let Some(v) = code.as_ref().and_then(|c| c.value.as_deref()) {
        if !v.chars().all(|c| c.is_ascii_digit()) || v.is_empty() {
            m.fail(format!("{}: numeric argument required", m.command));
            return;
        }
    }
    if m.command == "exit" {
        m.effect(Effect::Exit { code });
    }
}

/// `test expr` and `[ expr ]`: the closing bracket is required.
pub fn test(args: &[ArgWord], m: &mut CommandModel) {
    let body = if m.command == "[" || m.command == "[[" {
        let close = if m.command == "[" { "]" } else { "]]" };
        match args.split_last() {
            Some((last, body)) if last.value.as_deref() == Some(close) => body,
            _ => {
                m.fail(format!("{} without closing {close}", m.command));
                return;
            }
        }
    } else {
        args
    };
    m.operands.extend(body.iter().cloned());
}

/// Builtins and tiny commands whose arguments are free-form:
/// `true`, `false`, `:`, `wait`, `shift`, `umask`, `ulimit`, `trap`,
/// `unset`, `read`, `eval`, `alias`, `hash`, `type`, `shopt`...
pub fn free_form(args: &[ArgWord], m: &mut CommandModel) {
    m.operands.extend(args.iter().cloned());
    if m.command == "eval" {
        if let Some(first) = args.first() {
            m.inner = Some(Inner::Script {
                script: first.clone(),
                args: args[1..].to_vec(),
            });
        }
    }
}

/// How a wrapper finds the command it runs.
struct Wrapper {
    opts: &'static [Opt],
    /// Operands the wrapper consumes before the command (`gosu USER cmd`,
    /// `timeout DURATION cmd`).
    leading: usize,
    /// `VAR=value` words before the command belong to the wrapper (`env`).
    assignments: bool,
    /// A command is required.
    needs_command: bool,
}

fn wrap(args: &[ArgWord], m: &mut CommandModel, w: &Wrapper) {
    let Some(p) = m.parse(args, &Spec::leading(w.opts)) else {
        return;
    };
    let mut rest = p.rest;
    if m.has("version") || m.has("help") {
        return;
    }
    if rest.len() < w.leading {
        m.fail(format!("{}: missing operand", m.command));
        return;
    }
    m.operands.extend(rest[..w.leading].iter().cloned());
    rest = &rest[w.leading..];
    if w.assignments {
        while let Some(first) = rest.first() {
            if assignment(first).is_none()
                || first.value.as_deref().is_some_and(|v| v.starts_with('='))
            {
                break;
            }
            m.operands.push(first.clone());
            rest = &rest[1..];
        }
    }
    // `--` between wrapper and command (`tini --`, `runuser -u x --`).
    if rest.first().and_then(|w| w.value.as_deref()) == Some("--") {
        rest = &rest[1..];
    }
    match inner_argv(rest) {
        Some(inner) => m.inner = Some(inner),
        None if w.needs_command => m.fail(format!("{}: missing command", m.command)),
        None => {}
    }
}

/// `gosu user cmd args`, `su-exec user cmd args`.
pub fn gosu(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[flag("version"), flag("help|h")];
    wrap(
        args,
        m,
        &Wrapper {
            opts: OPTS,
            leading: 1,
            assignments: false,
            needs_command: true,
        },
    );
}

/// `env [-i] [-u NAME] [NAME=value]... [cmd args]`.
pub fn env(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("ignore-environment|i"),
        val("unset|u"),
        val("chdir|C"),
        flag("null|0"),
        val("split-string|S"),
        flag("debug|v"),
        flag("help"),
        flag("version"),
    ];
    wrap(
        args,
        m,
        &Wrapper {
            opts: OPTS,
            leading: 0,
            assignments: true,
            needs_command: false,
        },
    );
}

/// `xargs [options] [cmd args]`: the command runs with input words appended.
pub fn xargs(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("null|0"),
        val("delimiter|d"),
        val("max-args|n"),
        val("max-procs|P"),
        val("replace|I"),
        val("max-lines|L"),
        val("arg-file|a"),
        val("max-chars|s"),
        val("eof|E"),
        flag("no-run-if-empty|r"),
        flag("verbose|t"),
        flag("interactive|p"),
        flag("exit|x"),
        flag("open-tty|o"),
        flag("help"),
        flag("version"),
    ];
    wrap(
        args,
        m,
        &Wrapper {
            opts: OPTS,
            leading: 0,
            assignments: false,
            needs_command: false,
        },
    );
    // Without -I, xargs appends the words it reads: stand them in with one
    // word of unknown value so the inner command parses as it will run.
    if m.value("replace").is_none() {
        if let Some(Inner::Argv { argv }) = &mut m.inner {
            let end = argv.words.last().map_or(0, |w| w.span.end);
            argv.words.push(ArgWord {
                value: None,
                raw: XARGS_INPUT.into(),
                span: crate::span::Span::new(end, end),
            });
        }
    }
}

/// The raw text of the word `xargs` adds to its inner command for the
/// arguments it reads from standard input.
pub const XARGS_INPUT: &str = "<xargs input>";

/// `exec`, `command`, `nohup`, `nice`, `time`, `builtin`, `stdbuf`,
/// `sudo`, `doas`, `chroot DIR`, `timeout DURATION`, `tini`, `dumb-init`,
/// `runuser`, `setpriv`, `catatonit`: run the rest as a command.
pub fn wrapper(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        // sudo / runuser
        val("user|u"),
        val("group|g"),
        flag("preserve-env|E"),
        flag("login|l"),
        flag("non-interactive"),
        flag("H"),
        // nice / stdbuf / timeout
        val("adjustment|n"),
        val("input|i"),
        val("output|o"),
        val("error|e"),
        val("signal|s"),
        val("kill-after|k"),
        flag("preserve-status"),
        flag("foreground"),
        // command
        flag("v"),
        flag("V"),
        // tini / dumb-init
        flag("subreaper"),
        flag("rewrite"),
        flag("single-child"),
        flag("verbose"),
        flag("version"),
        flag("help"),
        // setpriv
        val("reuid"),
        val("regid"),
        flag("clear-groups"),
        flag("init-groups"),
        // exec
        flag("c"),
        val("a"),
    ];
    let leading = match m.command.as_str() {
        "chroot" | "timeout" => 1,
        _ => 0,
    };
    // `command -v name` and `exec` alone only query or redirect.
    let needs = !matches!(
        m.command.as_str(),
        "exec" | "command" | "time" | "tini" | "dumb-init"
    );
    wrap(
        args,
        m,
        &Wrapper {
            opts: OPTS,
            leading,
            assignments: false,
            needs_command: needs,
        },
    );
    if m.command == "command" && m.has("v") {
        // `command -v x` looks x up; it does not run it.
        if let Some(Inner::Argv { argv }) = m.inner.take() {
            m.operands.extend(argv.words);
        }
    }
}

/// `su [-] [-s shell] [-c cmd] [user]`.
pub fn su(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("command|c"),
        val("shell|s"),
        flag("login|l"),
        flag("preserve-environment|m|p"),
        val("group|g"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if let Some(script) = m.value("command").cloned() {
        m.inner = Some(Inner::Script {
            script,
            args: Vec::new(),
        });
    }
}

/// `find [-H|-L|-P] [path...] [expression]`: `-delete` and `-exec cmd {} ;`.
pub fn find(args: &[ArgWord], m: &mut CommandModel) {
    const WITH_ARG: &[&str] = &[
        "name",
        "iname",
        "path",
        "ipath",
        "regex",
        "iregex",
        "type",
        "xtype",
        "size",
        "user",
        "group",
        "perm",
        "mtime",
        "mmin",
        "atime",
        "amin",
        "ctime",
        "cmin",
        "newer",
        "anewer",
        "cnewer",
        "maxdepth",
        "mindepth",
        "links",
        "inum",
        "uid",
        "gid",
        "wholename",
        "iwholename",
        "samefile",
        "fstype",
        "printf",
        "fprint",
        "fprint0",
        "fprintf",
        "fls",
        "regextype",
        "used",
        "context",
        "lname",
        "ilname",
        "newermt",
        "newerct",
        "newerat",
        "files0-from",
    ];
    const NO_ARG: &[&str] = &[
        "print",
        "print0",
        "delete",
        "prune",
        "quit",
        "ls",
        "empty",
        "true",
        "false",
        "xdev",
        "mount",
        "depth",
        "follow",
        "nouser",
        "nogroup",
        "readable",
        "writable",
        "executable",
        "not",
        "a",
        "and",
        "o",
        "or",
        "daystart",
        "noleaf",
        "ignore_readdir_race",
        "d",
        "noignore_readdir_race",
        "warn",
        "nowarn",
        "help",
        "version",
    ];
    let mut i = 0;
    // Leading symlink options.
    while let Some(v) = args.get(i).and_then(|w| w.value.as_deref()) {
        if matches!(v, "-H" | "-L" | "-P" | "-O0" | "-O1" | "-O2" | "-O3") {
            m.flags.push(flags::Flag {
                name: v[1..].to_string().into(),
                value: None,
            });
            i += 1;
        } else {
            break;
        }
    }
    let mut roots = Vec::new();
    while let Some(w) = args.get(i) {
        let v = w.text();
        if v.starts_with('-') || v == "(" || v == "!" || v == "\\(" {
            break;
        }
        roots.push(w.clone());
        i += 1;
    }
    m.operands.extend(roots.iter().cloned());
    let mut delete = false;
    while i < args.len() {
        let w = &args[i];
        let Some(v) = w.value.as_deref() else {
            m.note(format!("expression word only known at run time: {}", w.raw));
            i += 1;
            continue;
        };
        if matches!(v, "(" | ")" | "!" | ",") {
            i += 1;
            continue;
        }
        let Some(name) = v.strip_prefix('-') else {
            m.fail(format!("find: unexpected word {v}"));
            return;
        };
        if matches!(name, "exec" | "execdir" | "ok" | "okdir") {
            let start = i + 1;
            let Some(len) = args[start..]
                .iter()
                .position(|a| matches!(a.value.as_deref(), Some(";" | "+" | "\\;")))
            else {
                m.fail(format!("find: -{name} without a terminating ; or +"));
                return;
            };
            if len == 0 {
                m.fail(format!("find: -{name} without a command"));
                return;
            }
            m.flags.push(flags::Flag {
                name: name.to_string().into(),
                value: Some(args[start].clone()),
            });
            // The first -exec is returned; a second one is rare enough to note.
            if m.inner.is_some() {
                m.note("more than one -exec: only the first is returned");
            } else {
                // `{}` stands for each path found: unknown until run time.
                let words: Vec<ArgWord> = args[start..start + len]
                    .iter()
                    .map(|w| {
                        let mut w = w.clone();
                        if w.value.as_deref() == Some("{}") {
                            w.value = None;
                        }
                        w
                    })
                    .collect();
                m.inner = inner_argv(&words);
            }
            i = start + len + 1;
            continue;
        }
        if WITH_ARG.contains(&name) {
            let Some(arg) = args.get(i + 1) else {
                m.fail(format!("find: -{name} needs an argument"));
                return;
            };
            m.flags.push(flags::Flag {
                name: name.to_string().into(),
                value: Some(arg.clone()),
            });
            i += 2;
            continue;
        }
        if NO_ARG.contains(&name) {
            delete |= name == "delete";
            m.flags.push(flags::Flag {
                name: name.to_string().into(),
                value: None,
            });
        } else {
            m.note(format!("unknown option -{name}"));
        }
        i += 1;
    }
    if delete {
        let paths = if roots.is_empty() {
            vec![ArgWord {
                value: Some(".".into()),
                raw: String::new(),
                span: args.first().map(|w| w.span).unwrap_or_default(),
            }]
        } else {
            roots
        };
        m.note("-delete removes the matches under these paths, not the paths");
        m.effect(Effect::Delete {
            paths,
            recursive: false,
            force: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn sh_c_and_files() {
        let m = rec("bash -exc script a b");
        assert!(
            matches!(&m.inner, Some(Inner::Script { script, args }) if script.text() == "script" && args.len() == 2)
        );
        let m = rec("sh -o pipefail -c x");
        assert!(matches!(&m.inner, Some(Inner::Script { .. })));
        let m = rec("sh /tmp/gen.sh user1");
        assert!(
            matches!(&m.inner, Some(Inner::ScriptFile { path, .. }) if path.text() == "/tmp/gen.sh")
        );
        assert!(matches!(&rec("sh -s v1.2").inner, Some(Inner::Stdin { args }) if args.len() == 1));
        assert!(!rec("sh -c").recognized);
        assert!(matches!(&rec("bash -").inner, Some(Inner::Stdin { .. })));
    }

    #[test]
    fn set_export_cd_exit() {
        let m = rec("set -euxo pipefail");
        assert!(
            matches!(&m.effects[0], Effect::ShellOptions { on, long, .. } if on == "eux" && long == &["-o pipefail"])
        );
        assert!(
            matches!(&rec("set +x").effects[0], Effect::ShellOptions { off, .. } if off == "x")
        );
        assert!(!rec("set -j").recognized);
        let m = rec("export GNUPGHOME=$(mktemp) PATH=/x:$PATH CGO_ENABLED=0 FOO");
        assert_eq!(m.effects.len(), 4);
        assert!(
            matches!(&m.effects[0], Effect::SetVar { name, value: Some(v), .. } if name == "GNUPGHOME" && v.value.is_none())
        );
        assert!(matches!(&m.effects[2], Effect::SetVar { value: Some(v), .. } if v.text() == "0"));
        assert!(matches!(
            &rec("cd /usr/src").effects[0],
            Effect::Chdir { dir: Some(_) }
        ));
        assert!(!rec("exit foo").recognized);
        assert!(matches!(&rec("exit 1").effects[0], Effect::Exit { .. }));
        assert!(rec("[ -n $X ]").recognized);
        assert!(!rec("[ -n x").recognized);
    }

    #[test]
    fn wrappers() {
        let m = rec("gosu nobody true");
        assert_eq!(texts(&m.operands), ["nobody"]);
        assert!(matches!(&m.inner, Some(Inner::Argv { argv }) if argv.words[0].text() == "true"));
        assert!(rec("gosu --version").recognized);
        assert!(!rec("gosu nobody").recognized);
        assert!(rec("su-exec app:app node server.js").inner.is_some());
        let m = rec("env -u X A=1 B=2 make install");
        assert!(matches!(&m.inner, Some(Inner::Argv { argv }) if argv.words.len() == 2));
        let m = rec("xargs -rt apk add --virtual .rundeps");
        let Some(Inner::Argv { argv }) = &m.inner else {
            panic!()
        };
        assert_eq!(argv.words.last().unwrap().raw, XARGS_INPUT);
        assert!(crate::shell::models::recognize(argv).recognized);
        let m = rec("command -v curl");
        assert!(m.inner.is_none() && m.recognized);
        assert!(rec("tini -- node app.js").inner.is_some());
        assert!(rec("timeout 10 sh -c x").inner.is_some());
    }

    #[test]
    fn find_shapes() {
        let m = rec("find /usr/local -type f -name *.pyc -delete");
        assert!(m.recognized, "{m:?}");
        assert!(
            matches!(&m.effects[0], Effect::Delete { paths, .. } if texts(paths) == ["/usr/local"])
        );
        let m = rec("find /usr/local -type f -executable -exec scanelf --needed --nobanner {} + ");
        assert!(
            matches!(&m.inner, Some(Inner::Argv { argv }) if argv.words.len() == 4 && argv.words[3].value.is_none())
        );
        assert!(!rec("find . -exec rm").recognized);
        assert!(!rec("find . -name").recognized);
        assert!(rec("find . -regex ${LICENSE_FILES}").recognized);
    }
}
