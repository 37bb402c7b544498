//! File system commands: `rm`, `rmdir`, `mkdir`, `cp`, `mv`, `ln`, `chmod`,
//! `chown`, `chgrp`, `touch`, `install`.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect};
use crate::shell::argv::ArgWord;

/// `rm [-rf] path...`.
pub fn rm(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("recursive|r|R"),
        flag("force|f"),
        flag("verbose|v"),
        flag("i"),
        flag("I"),
        flag("dir|d"),
        flag("no-preserve-root"),
        flag("preserve-root"),
        flag("one-file-system"),
        opt("interactive"),
        flag("help"),
        flag("version"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() {
        // `rm -f` with nothing to remove is a successful no-op.
        if !m.has("force") {
            m.fail("rm: missing operand");
        }
        return;
    }
    let paths = m.operands.clone();
    let (recursive, force) = (m.has("recursive"), m.has("force"));
    m.effect(Effect::Delete {
        paths,
        recursive,
        force,
    });
}

/// `rmdir [-p] dir...`.
pub fn rmdir(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("parents|p"),
        flag("ignore-fail-on-non-empty"),
        flag("verbose|v"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() {
        m.fail("rmdir: missing operand");
        return;
    }
    let paths = m.operands.clone();
    m.effect(Effect::Delete {
        paths,
        recursive: false,
        force: false,
    });
}

/// `mkdir [-p] [-m mode] dir...`.
pub fn mkdir(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("parents|p"),
        val("mode|m"),
        flag("verbose|v"),
        flag("Z"),
        opt("context"),
        flag("help"),
        flag("version"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() {
        m.fail("mkdir: missing operand");
        return;
    }
    let paths = m.operands.clone();
    let parents = m.has("parents");
    let mode = m.value("mode").cloned();
    m.effect(Effect::MakeDirs {
        paths,
        parents,
        mode,
    });
}

/// Splits operands into sources and destination, honouring `-t DIR`.
fn sources_and_dest(m: &mut CommandModel, what: &str) -> Option<(Vec<ArgWord>, ArgWord)> {
    if let Some(dir) = m.value("target-directory").cloned() {
        if m.operands.is_empty() {
            m.fail(format!("{what}: missing file operand"));
            return None;
        }
        return Some((m.operands.clone(), dir));
    }
    if m.operands.len() < 2 {
        m.fail(format!("{what}: missing destination operand"));
        return None;
    }
    let mut sources = m.operands.clone();
    let dest = sources.pop()?;
    Some((sources, dest))
}

/// `cp [-r] src... dest`.
pub fn cp(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("recursive|r|R"),
        flag("archive|a"),
        flag("force|f"),
        flag("interactive|i"),
        flag("no-clobber|n"),
        flag("p"),
        opt("preserve"),
        opt("no-preserve"),
        flag("no-dereference|P"),
        flag("dereference|L"),
        flag("H"),
        flag("d"),
        flag("verbose|v"),
        flag("update|u"),
        flag("link|l"),
        flag("symbolic-link|s"),
        flag("no-target-directory|T"),
        val("target-directory|t"),
        flag("parents"),
        flag("remove-destination"),
        opt("sparse"),
        opt("reflink"),
        flag("one-file-system|x"),
        flag("b"),
        opt("backup"),
        val("suffix|S"),
        flag("strip-trailing-slashes"),
        flag("help"),
        flag("version"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let Some((sources, dest)) = sources_and_dest(m, "cp") else {
        return;
    };
    let recursive = m.has("recursive") || m.has("archive");
    m.effect(Effect::Copy {
        sources,
        dest,
        recursive,
    });
}

/// `mv src... dest`.
pub fn mv(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("force|f"),
        flag("interactive|i"),
        flag("no-clobber|n"),
        flag("verbose|v"),
        flag("update|u"),
        flag("no-target-directory|T"),
        val("target-directory|t"),
        flag("b"),
        opt("backup"),
        val("suffix|S"),
        flag("strip-trailing-slashes"),
        flag("help"),
        flag("version"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let Some((sources, dest)) = sources_and_dest(m, "mv") else {
        return;
    };
    m.effect(Effect::Move { sources, dest });
}

/// `ln [-sf] target [link]`, `ln -s target... dir`.
pub fn ln(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("symbolic|s"),
        flag("force|f"),
        flag("no-dereference|n"),
        flag("no-target-directory|T"),
        flag("verbose|v"),
        flag("relative|r"),
        flag("logical|L"),
        flag("physical|P"),
        flag("interactive|i"),
        flag("b"),
        opt("backup"),
        val("suffix|S"),
        val("target-directory|t"),
        flag("help"),
        flag("version"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let symbolic = m.has("symbolic");
    let force = m.has("force");
    let (targets, link) = match (m.operands.len(), m.value("target-directory")) {
        (0, _) => {
            m.fail("ln: missing file operand");
            return;
        }
        (_, Some(dir)) => (m.operands.clone(), dir.clone()),
        (1, None) => {
            // `ln -s /x/y` links `./y`.
            let t = m.operands[0].clone();
            let mut l = t.clone();
            l.value = t.value.as_deref().map(|v| {
                v.trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or(v)
                    .to_string()
            });
            (vec![t], l)
        }
        _ => {
            let mut ts = m.operands.clone();
            let l = ts.pop().unwrap_or_else(|| m.operands[0].clone());
            (ts, l)
        }
    };
    for target in targets {
        m.effect(Effect::Link {
            target,
            link: link.clone(),
            symbolic,
            force,
        });
    }
}

/// Whether a word is a symbolic mode that looks like an option (`-x`,
/// `-rwx`): chmod reads those as modes.
fn is_minus_mode(w: &ArgWord) -> bool {
    w.value.as_deref().is_some_and(|v| {
        v.len() > 1 && v.starts_with('-') && v[1..].chars().all(|c| "rwxXst".contains(c))
    })
}

/// `chmod [-R] mode path...`.
pub fn chmod(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("recursive|R"),
        flag("verbose|v"),
        flag("changes|c"),
        flag("silent|f|quiet"),
        val("reference"),
        flag("preserve-root"),
        flag("no-preserve-root"),
        flag("help"),
        flag("version"),
    ];
    let (modes, rest): (Vec<ArgWord>, Vec<ArgWord>) = args.iter().cloned().partition(is_minus_mode);
    if m.parse(&rest, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let mut operands = m.operands.clone();
    let mode = match (modes.into_iter().next(), m.value("reference")) {
        (Some(mode), _) => mode,
        (None, Some(r)) => r.clone(),
        (None, None) if !operands.is_empty() => operands.remove(0),
        _ => {
            m.fail("chmod: missing operand");
            return;
        }
    };
    if operands.is_empty() {
        m.fail("chmod: missing operand after mode");
        return;
    }
    let recursive = m.has("recursive");
    m.effect(Effect::Chmod {
        mode,
        paths: operands,
        recursive,
    });
}

const CHOWN_OPTS: &[Opt] = &[
    flag("recursive|R"),
    flag("no-dereference|h"),
    flag("dereference"),
    flag("verbose|v"),
    flag("changes|c"),
    flag("silent|f|quiet"),
    val("from"),
    val("reference"),
    flag("H"),
    flag("L"),
    flag("P"),
    flag("preserve-root"),
    flag("no-preserve-root"),
    flag("help"),
    flag("version"),
];

/// `chown [-R] user[:group] path...`, `chgrp [-R] group path...`.
pub fn chown(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::gnu(CHOWN_OPTS)).is_none() {
        return;
    }
    let mut operands = m.operands.clone();
    let owner = match m.value("reference") {
        Some(r) => r.clone(),
        None if operands.len() >= 2 => operands.remove(0),
        _ => {
            m.fail(format!("{}: missing operand", m.command));
            return;
        }
    };
    if operands.is_empty() {
        m.fail(format!("{}: missing operand", m.command));
        return;
    }
    let mut owner = owner;
    if m.command == "chgrp" {
        // Reported in chown's `:group` form.
        owner.value = owner.value.map(|g| format!(":{g}"));
    }
    let recursive = m.has("recursive");
    m.effect(Effect::Chown {
        owner,
        paths: operands,
        recursive,
    });
}

/// `touch file...`.
pub fn touch(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("a"),
        flag("m"),
        flag("no-create|c"),
        val("date|d"),
        val("t"),
        val("reference|r"),
        flag("no-dereference|h"),
        opt("time"),
        flag("help"),
        flag("version"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() {
        m.fail("touch: missing file operand");
        return;
    }
    if !m.has("no-create") {
        let paths = m.operands.clone();
        m.effect(Effect::Touch { paths });
    }
}

/// `install [-d] [-m mode] [-o owner] [-g group] src... dest`.
pub fn install(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("directory|d"),
        val("mode|m"),
        val("owner|o"),
        val("group|g"),
        flag("D"),
        flag("strip|s"),
        val("strip-program"),
        val("target-directory|t"),
        flag("no-target-directory|T"),
        flag("verbose|v"),
        flag("c"),
        flag("compare|C"),
        flag("preserve-timestamps|p"),
        flag("b"),
        opt("backup"),
        val("suffix|S"),
        flag("Z"),
        flag("help"),
        flag("version"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let mode = m.value("mode").cloned();
    let paths = if m.has("directory") {
        if m.operands.is_empty() {
            m.fail("install: missing operand");
            return;
        }
        let paths = m.operands.clone();
        m.effect(Effect::MakeDirs {
            paths: paths.clone(),
            parents: true,
            mode: mode.clone(),
        });
        paths
    } else {
        let Some((sources, dest)) = sources_and_dest(m, "install") else {
            return;
        };
        m.effect(Effect::Copy {
            sources,
            dest: dest.clone(),
            recursive: false,
        });
        vec![dest]
    };
    if let Some(mode) = mode {
        m.effect(Effect::Chmod {
            mode,
            paths: paths.clone(),
            recursive: false,
        });
    }
    let owner = m.value("owner").cloned();
    let group = m.value("group").cloned();
    if owner.is_some() || group.is_some() {
        let mut o = owner.or(group.clone()).unwrap_or_else(|| paths[0].clone());
        o.value = match (m.value("owner"), &group) {
            (Some(u), Some(g)) => u
                .value
                .clone()
                .zip(g.value.clone())
                .map(|(u, g)| format!("{u}:{g}")),
            (Some(u), None) => u.value.clone(),
            (None, Some(g)) => g.value.as_ref().map(|g| format!(":{g}")),
            (None, None) => None,
        };
        m.effect(Effect::Chown {
            owner: o,
            paths,
            recursive: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn rm_mkdir() {
        let m = rec("rm -rf /var/lib/apt/lists/* $GNUPGHOME");
        assert!(
            matches!(&m.effects[0], Effect::Delete { paths, recursive: true, force: true } if paths.len() == 2)
        );
        assert!(rec("rm -f").recognized);
        assert!(!rec("rm").recognized);
        let m = rec("mkdir -p -m 0755 /a /b");
        assert!(
            matches!(&m.effects[0], Effect::MakeDirs { parents: true, mode: Some(_), paths } if paths.len() == 2)
        );
        assert!(rec("mkdir --parents /dotnet").recognized);
        assert!(!rec("mkdir -p").recognized);
    }

    #[test]
    fn cp_mv_ln() {
        let m = rec("cp -v php-fpm.conf.default php-fpm.conf");
        assert!(
            matches!(&m.effects[0], Effect::Copy { dest, .. } if dest.text() == "php-fpm.conf")
        );
        let m = rec("cp -t /out a b");
        assert!(matches!(&m.effects[0], Effect::Copy { sources, .. } if sources.len() == 2));
        assert!(!rec("cp a").recognized);
        assert!(matches!(&rec("mv a b").effects[0], Effect::Move { .. }));
        let m = rec("ln -svT $src /usr/local/bin/x");
        assert!(
            matches!(&m.effects[0], Effect::Link { symbolic: true, link, .. } if link.text() == "/usr/local/bin/x")
        );
        let m = rec("ln -s /usr/share/dotnet/dotnet");
        assert!(matches!(&m.effects[0], Effect::Link { link, .. } if link.text() == "dotnet"));
    }

    #[test]
    fn chmod_chown_touch_install() {
        let m = rec("chmod -R 1777 $GOPATH");
        assert!(
            matches!(&m.effects[0], Effect::Chmod { mode, recursive: true, .. } if mode.text() == "1777")
        );
        let m = rec("chmod -x /a");
        assert!(m.recognized && m.notes.is_empty());
        assert!(matches!(&m.effects[0], Effect::Chmod { mode, .. } if mode.text() == "-x"));
        assert!(matches!(
            &rec("chmod +x /usr/local/bin/gosu").effects[0],
            Effect::Chmod { .. }
        ));
        assert!(!rec("chmod 755").recognized);
        let m = rec("chown -R nonroot:nonroot /home/app /x");
        assert!(
            matches!(&m.effects[0], Effect::Chown { owner, paths, recursive: true } if owner.text() == "nonroot:nonroot" && paths.len() == 2)
        );
        let m = rec("chgrp -R 0 /app");
        assert!(matches!(&m.effects[0], Effect::Chown { owner, .. } if owner.text() == ":0"));
        assert!(
            matches!(&rec("touch /a /b").effects[0], Effect::Touch { paths } if texts(paths) == ["/a", "/b"])
        );
        let m = rec("install --directory --mode 0755 --owner 1654 --group 1654 /rootfs/home/app");
        assert!(m.recognized);
        assert_eq!(m.effects.len(), 3);
        assert!(
            matches!(&m.effects[2], Effect::Chown { owner, .. } if owner.text() == "1654:1654")
        );
    }
}
