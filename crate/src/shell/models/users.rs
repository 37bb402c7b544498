//! Accounts: `useradd`, `groupadd`, `usermod`, and `adduser`/`addgroup` in
//! both their Debian (long options) and busybox (short options) flavours.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect};
use crate::shell::argv::ArgWord;

/// Exactly one operand: the account name.
fn one_name(m: &mut CommandModel) -> Option<ArgWord> {
    match m.operands.len() {
        1 => Some(m.operands[0].clone()),
        0 => {
            m.fail(format!("{}: missing name", m.command));
            None
        }
        _ => {
            m.fail(format!("{}: too many operands", m.command));
            None
        }
    }
}

/// `useradd [options] name` (shadow-utils).
pub fn useradd(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("uid|u"),
        val("gid|g"),
        val("groups|G"),
        val("home-dir|d|home"),
        flag("create-home|m"),
        flag("no-create-home|M"),
        val("shell|s"),
        flag("system|r"),
        flag("no-user-group|N"),
        flag("user-group|U"),
        flag("no-log-init|l"),
        val("comment|c"),
        val("expiredate|e"),
        val("inactive|f"),
        val("skel|k"),
        flag("non-unique|o"),
        val("password|p"),
        val("base-dir|b"),
        val("key|K"),
        val("root|R"),
        val("prefix|P"),
        flag("defaults|D"),
        flag("help|h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.has("defaults") && m.operands.is_empty() {
        return;
    }
    let Some(name) = one_name(m) else {
        return;
    };
    m.effect(Effect::CreateUser {
        name,
        uid: m.value("uid").cloned(),
        group: m.value("gid").cloned(),
        groups: split_list(m.value("groups")),
        home: m.value("home-dir").cloned(),
        create_home: m.has("create-home"),
        shell: m.value("shell").cloned(),
        system: m.has("system"),
    });
}

/// `-G a,b` as separate words (sharing the option value's span).
fn split_list(w: Option<&ArgWord>) -> Vec<ArgWord> {
    let Some(w) = w else {
        return Vec::new();
    };
    match &w.value {
        Some(v) => v
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| ArgWord {
                value: Some(s.to_string()),
                raw: s.to_string(),
                span: w.span,
            })
            .collect(),
        None => vec![w.clone()],
    }
}

/// Busybox tools use short options only; Debian's Perl scripts use long.
fn is_busybox(args: &[ArgWord]) -> bool {
    args.iter().any(|w| {
        w.value
            .as_deref()
            .is_some_and(|v| v.starts_with('-') && !v.starts_with("--") && v.len() > 1 && v != "-q")
    })
}

/// `adduser`: Debian (`--system --uid 1000 --ingroup g name`) or busybox
/// (`-u 82 -D -S -G www-data name`). `adduser user group` adds a user to a
/// group in both.
pub fn adduser(args: &[ArgWord], m: &mut CommandModel) {
    const DEBIAN: &[Opt] = &[
        flag("system"),
        val("uid"),
        val("gid"),
        flag("group"),
        val("ingroup"),
        val("home"),
        val("shell"),
        flag("disabled-password"),
        flag("disabled-login"),
        flag("no-create-home"),
        val("gecos"),
        val("comment"),
        val("firstuid"),
        val("lastuid"),
        val("firstgid"),
        val("lastgid"),
        flag("add-extra-groups"),
        flag("quiet|q"),
        flag("debug"),
        flag("force-badname"),
        flag("allow-badname"),
        flag("allow-all-names"),
        val("conf"),
        val("key"),
        flag("encrypt-home"),
        flag("help|h"),
        flag("version"),
    ];
    const BUSYBOX: &[Opt] = &[
        val("home|h"),
        val("gecos|g"),
        val("shell|s"),
        val("ingroup|G"),
        flag("system|S"),
        flag("disabled-password|D"),
        flag("no-create-home|H"),
        val("uid|u"),
        val("skel|k"),
    ];
    let busybox = is_busybox(args);
    let table = if busybox { BUSYBOX } else { DEBIAN };
    if m.parse(args, &Spec::gnu(table)).is_none() {
        return;
    }
    m.note(if busybox {
        "read as busybox adduser"
    } else {
        "read as Debian adduser"
    });
    match m.operands.len() {
        1 => {
            let name = m.operands[0].clone();
            let system = m.has("system");
            // Debian creates a home unless --no-create-home (system users
            // get none); busybox creates one unless -H.
            let create_home = !m.has("no-create-home") && (busybox || !system);
            let group = m.value("ingroup").or(m.value("gid")).cloned();
            m.effect(Effect::CreateUser {
                name,
                uid: m.value("uid").cloned(),
                group,
                groups: Vec::new(),
                home: m.value("home").cloned(),
                create_home,
                shell: m.value("shell").cloned(),
                system,
            });
        }
        2 => {
            let user = m.operands[0].clone();
            let groups = vec![m.operands[1].clone()];
            m.effect(Effect::AddToGroup { user, groups });
        }
        0 => m.fail("adduser: missing name"),
        _ => m.fail("adduser: too many operands"),
    }
}

/// `groupadd [-r] [-g gid] name`.
pub fn groupadd(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("gid|g"),
        flag("system|r"),
        flag("force|f"),
        flag("non-unique|o"),
        val("key|K"),
        val("password|p"),
        val("root|R"),
        val("prefix|P"),
        val("users|U"),
        flag("help|h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let Some(name) = one_name(m) else {
        return;
    };
    m.effect(Effect::CreateGroup {
        name,
        gid: m.value("gid").cloned(),
        system: m.has("system"),
    });
}

/// `addgroup`: Debian (`--system --gid N name`) or busybox (`-S -g N name`);
/// `addgroup user group` adds a user to a group.
pub fn addgroup(args: &[ArgWord], m: &mut CommandModel) {
    const DEBIAN: &[Opt] = &[
        flag("system"),
        val("gid"),
        flag("quiet|q"),
        flag("debug"),
        flag("force-badname"),
        flag("allow-badname"),
        val("conf"),
        flag("help|h"),
        flag("version"),
    ];
    const BUSYBOX: &[Opt] = &[val("gid|g"), flag("system|S")];
    let busybox = is_busybox(args);
    let table = if busybox { BUSYBOX } else { DEBIAN };
    if m.parse(args, &Spec::gnu(table)).is_none() {
        return;
    }
    match m.operands.len() {
        1 => {
            let name = m.operands[0].clone();
            m.effect(Effect::CreateGroup {
                name,
                gid: m.value("gid").cloned(),
                system: m.has("system"),
            });
        }
        2 => {
            let user = m.operands[0].clone();
            let groups = vec![m.operands[1].clone()];
            m.effect(Effect::AddToGroup { user, groups });
        }
        0 => m.fail("addgroup: missing name"),
        _ => m.fail("addgroup: too many operands"),
    }
}

/// `usermod [-aG groups] [-u uid] ... name`.
pub fn usermod(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("append|a"),
        val("groups|G"),
        val("gid|g"),
        val("uid|u"),
        val("home|d"),
        flag("move-home|m"),
        val("shell|s"),
        val("login|l"),
        flag("lock|L"),
        flag("unlock|U"),
        val("comment|c"),
        val("expiredate|e"),
        val("inactive|f"),
        val("password|p"),
        flag("non-unique|o"),
        val("root|R"),
        val("prefix|P"),
        val("add-subuids|v"),
        val("add-subgids|w"),
        flag("help|h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let Some(user) = one_name(m) else {
        return;
    };
    let groups = split_list(m.value("groups"));
    if !groups.is_empty() {
        m.effect(Effect::AddToGroup { user, groups });
    }
}

/// `userdel`, `groupdel`, `deluser`, `delgroup`, `passwd`, `chpasswd`,
/// `groupmod`: account edits modelled by their options only.
pub fn account_misc(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("remove|r"),
        flag("force|f"),
        flag("remove-home"),
        flag("system"),
        flag("quiet|q"),
        flag("delete|d"),
        flag("lock|l"),
        flag("unlock|u"),
        flag("expire|e"),
        flag("stdin"),
        flag("encrypted|e"),
        val("gid|g"),
        val("new-name|n"),
        val("crypt-method|c"),
        val("root|R"),
    ];
    m.parse(args, &Spec::gnu(OPTS));
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn useradd_groupadd() {
        let m = rec("useradd --uid 1000 --gid node --shell /bin/bash --create-home node");
        assert!(m.recognized);
        let Effect::CreateUser {
            name,
            uid,
            group,
            create_home,
            shell,
            ..
        } = &m.effects[0]
        else {
            panic!()
        };
        assert_eq!(
            (
                name.text(),
                uid.as_ref().unwrap().text(),
                group.as_ref().unwrap().text()
            ),
            ("node", "1000", "node")
        );
        assert!(*create_home);
        assert_eq!(shell.as_ref().unwrap().text(), "/bin/bash");
        let m = rec("useradd -r -g redis -u 999 redis");
        assert!(matches!(
            &m.effects[0],
            Effect::CreateUser { system: true, .. }
        ));
        let m = rec("useradd --no-log-init --uid=1654 --gid=1654 --shell /bin/false app");
        assert!(m.recognized && m.notes.is_empty());
        let m = rec("groupadd -r -g 999 redis");
        assert!(matches!(
            &m.effects[0],
            Effect::CreateGroup {
                system: true,
                gid: Some(_),
                ..
            }
        ));
        assert!(!rec("useradd -m").recognized);
        assert!(!rec("groupadd a b").recognized);
    }

    #[test]
    fn adduser_flavours() {
        let m = rec("adduser -u 82 -D -S -G www-data www-data");
        assert!(m.recognized);
        assert!(m.notes.contains(&"read as busybox adduser".to_string()));
        let Effect::CreateUser {
            system, group, uid, ..
        } = &m.effects[0]
        else {
            panic!()
        };
        assert!(*system);
        assert_eq!(group.as_ref().unwrap().text(), "www-data");
        assert_eq!(uid.as_ref().unwrap().text(), "82");
        let m = rec("adduser --system --uid=$UID --ingroup=app --disabled-password app");
        assert!(m.notes.contains(&"read as Debian adduser".to_string()));
        assert!(matches!(
            &m.effects[0],
            Effect::CreateUser {
                system: true,
                create_home: false,
                ..
            }
        ));
        let m = rec("adduser app docker");
        assert!(matches!(&m.effects[0], Effect::AddToGroup { .. }));
        let m = rec("addgroup -g 1000 node");
        assert!(matches!(
            &m.effects[0],
            Effect::CreateGroup { gid: Some(_), .. }
        ));
        let m = rec("addgroup --gid=$APP_UID app");
        assert!(m.recognized && m.notes.is_empty());
        let m = rec("usermod -aG docker,wheel app");
        assert!(
            matches!(&m.effects[0], Effect::AddToGroup { groups, .. } if texts(groups) == ["docker", "wheel"])
        );
    }
}
