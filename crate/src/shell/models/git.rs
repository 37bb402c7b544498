//! `git`: `clone` is modelled in detail; other subcommands by name.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect};
use crate::shell::argv::ArgWord;

const GLOBAL: &[Opt] = &[
    val("C"),
    val("c"),
    val("git-dir"),
    val("work-tree"),
    val("namespace"),
    flag("no-pager|P"),
    flag("paginate|p"),
    flag("bare"),
    flag("version|v"),
    flag("help|h"),
    flag("no-replace-objects"),
    flag("literal-pathspecs"),
    val("exec-path"),
];

const SUB: &[Opt] = &[
    val("depth"),
    val("branch|b"),
    flag("single-branch"),
    flag("no-single-branch"),
    flag("recursive|recurse-submodules"),
    flag("shallow-submodules"),
    flag("quiet|q"),
    flag("verbose|v"),
    flag("no-checkout|n"),
    flag("bare"),
    flag("mirror"),
    val("origin|o"),
    val("filter"),
    val("config|c"),
    val("shallow-since"),
    val("reference"),
    val("jobs|j"),
    flag("no-tags"),
    flag("tags"),
    flag("progress"),
    flag("force|f"),
    flag("all"),
    flag("prune"),
    flag("unshallow"),
    flag("global"),
    flag("system"),
    flag("local"),
    flag("add"),
    flag("unset"),
    flag("hard"),
    flag("soft"),
    flag("detach"),
    flag("init"),
    flag("remote"),
    flag("short"),
    flag("abbrev-ref"),
    flag("porcelain"),
    val("message|m"),
    val("format"),
    val("pretty"),
    flag("oneline"),
    val("date"),
    flag("ff-only"),
    flag("rebase"),
    val("sparse"),
    flag("no-hardlinks"),
    val("separate-git-dir"),
    val("template"),
];

/// `git [-C dir] <command> ...`.
pub fn git(args: &[ArgWord], m: &mut CommandModel) {
    let Some(g) = m.parse(args, &Spec::leading(GLOBAL)) else {
        return;
    };
    let rest = g.rest;
    let Some(sub) = rest.first() else {
        if !m.has("version") && !m.has("help") {
            m.fail("missing subcommand");
        }
        return;
    };
    let Some(sub) = sub.value.clone() else {
        m.fail("subcommand only known at run time");
        return;
    };
    m.subcommand = Some(sub.clone());
    if m.parse(&rest[1..], &Spec::gnu(SUB)).is_none() {
        return;
    }
    // Subcommand options vary too much to list; unknown ones are fine.
    m.notes.clear();
    if sub == "config" {
        let ops = m.operands.clone();
        let unset = m.has("unset");
        m.config_effects("git", &ops, unset);
    }
    if sub == "clone" {
        let Some(url) = m.operands.first().cloned() else {
            m.fail("git clone without a repository");
            return;
        };
        let dir = m.operands.get(1).cloned();
        m.effect(Effect::GitClone {
            url,
            dir,
            branch: m.value("branch").cloned(),
            depth: m.value("depth").cloned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn clone_shapes() {
        let m = rec("git clone --depth 1 --branch v1.2 https://github.com/a/b.git /src");
        assert!(m.recognized);
        let Effect::GitClone {
            url,
            dir,
            branch,
            depth,
        } = &m.effects[0]
        else {
            panic!()
        };
        assert_eq!(url.text(), "https://github.com/a/b.git");
        assert_eq!(dir.as_ref().unwrap().text(), "/src");
        assert_eq!(branch.as_ref().unwrap().text(), "v1.2");
        assert_eq!(depth.as_ref().unwrap().text(), "1");
        let m = rec("git clone --depth=1 -b main https://x/y");
        assert!(matches!(
            &m.effects[0],
            Effect::GitClone {
                dir: None,
                branch: Some(_),
                ..
            }
        ));
        assert!(rec("git -C /src checkout $V").recognized);
        assert!(rec("git version").recognized);
        let m = rec("git config --global --add safe.directory /src");
        assert!(
            matches!(&m.effects[0], Effect::Config { key, .. } if key.text() == "safe.directory")
        );
        assert!(!rec("git clone").recognized);
        assert!(!rec("git").recognized);
    }
}
