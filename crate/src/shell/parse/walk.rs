//! From the syntax tree to the flat list of calls: walks the tree in
//! execution order, tracking what the shell would know (variables, `cd`,
//! `set -e`), and looks inside wrappers (`sudo`, `env`, `xargs`, `find
//! -exec`) and shell strings (`sh -c '...'`).

use std::collections::BTreeMap;

use super::ast::*;
use super::expand::{Lookup, Scope, Var};
use super::model::*;
use super::shellkind::{ShellKind, scan_shell_flags};

mod nested;
use crate::shell::argv::{ArgWord, Argv};

/// What the shell knows at a point of the script.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct State {
    /// Variables set by the script: value and whether exported.
    pub vars: BTreeMap<String, (Var, bool)>,
    pub cwd: Option<String>,
    pub errexit: bool,
    pub pipefail: bool,
}

impl State {
    /// Variables the script exported so far, with their values if known.
    fn exported(&self) -> BTreeMap<String, Option<String>> {
        self.vars
            .iter()
            .filter(|(_, (_, e))| *e)
            .map(|(k, (v, _))| {
                let v = match v {
                    Var::Known(s) => Some(s.clone()),
                    _ => None,
                };
                (k.clone(), v)
            })
            .collect()
    }

    fn set(&mut self, name: &str, v: Var, export: bool) {
        let exported = export || self.vars.get(name).is_some_and(|(_, e)| *e);
        self.vars.insert(name.to_string(), (v, exported));
    }

    /// What holds after exactly one of `outs` happened (`self` is the state
    /// before): facts on which the paths disagree become unknown, and shell
    /// options they disagree on keep their value from before.
    fn join(&mut self, outs: &[State]) {
        let Some((first, rest)) = outs.split_first() else {
            return;
        };
        let names: std::collections::BTreeSet<&String> =
            outs.iter().flat_map(|o| o.vars.keys()).collect();
        let mut vars = BTreeMap::new();
        for n in names {
            let vals: Vec<Option<&(Var, bool)>> = outs.iter().map(|o| o.vars.get(n)).collect();
            let exported = vals.iter().any(|v| v.is_some_and(|x| x.1));
            let v = if vals.windows(2).all(|w| w[0] == w[1]) {
                vals[0].map_or(Var::Unknown, |x| x.0.clone())
            } else {
                Var::Unknown
            };
            vars.insert(n.clone(), (v, exported));
        }
        self.vars = vars;
        let agree = |f: &dyn Fn(&State) -> bool| rest.iter().all(|o| f(o) == f(first));
        if agree(&|o| o.errexit) {
            self.errexit = first.errexit;
        }
        if agree(&|o| o.pipefail) {
            self.pipefail = first.pipefail;
        }
        self.cwd = if rest.iter().all(|o| o.cwd == first.cwd) {
            first.cwd.clone()
        } else {
            None
        };
    }
}

/// Where the walk is: the context calls get, and where nested calls hang.
#[derive(Debug, Clone, Default)]
struct Ctx {
    call: CallContext,
    parent: Option<usize>,
    via: Option<Via>,
}

pub(crate) struct Walker<'a> {
    pub calls: Vec<CommandCall>,
    pub diags: Vec<Diagnostic>,
    lookup: Option<Lookup<'a>>,
    bash: bool,
    heredocs: Vec<Option<Word>>,
    nest: u32,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(lookup: Option<Lookup<'a>>, kind: &ShellKind) -> Self {
        Self {
            calls: Vec::new(),
            diags: Vec::new(),
            lookup,
            bash: *kind != ShellKind::Sh,
            heredocs: Vec::new(),
            nest: 0,
        }
    }

    /// Records an exec-form command (no shell) and what it runs in turn.
    pub(crate) fn exec_form(&mut self, words: Vec<ArgWord>, st: &mut State) -> Node {
        // Each word stands for itself: a quoted literal over its span.
        let sources: Vec<Word> = words
            .iter()
            .map(|w| Word {
                parts: vec![Part {
                    kind: PartKind::Quoted(w.value.clone().unwrap_or_else(|| w.raw.clone())),
                    span: w.span,
                }],
                raw: w.raw.clone(),
                span: w.span,
            })
            .collect();
        let refs: Vec<&Word> = sources.iter().collect();
        let id = self.calls.len();
        let span = words
            .iter()
            .map(|w| w.span)
            .reduce(crate::span::Span::cover)
            .unwrap_or_default();
        self.calls.push(CommandCall {
            id,
            argv: Argv {
                words: words.clone(),
            },
            redirects: Vec::new(),
            env: Vec::new(),
            cwd: st.cwd.clone(),
            exported: BTreeMap::new(),
            errexit: false,
            pipefail: false,
            context: CallContext::default(),
            parent: None,
            via: None,
            span,
        });
        if !words.is_empty() {
            self.nested(id, &words, &refs, &[], st, &Ctx::default());
        }
        Node::Call { id }
    }

    /// Walks a parsed program (`heredocs` is its parser's body table).
    pub(crate) fn program(
        &mut self,
        list: &List,
        heredocs: Vec<Option<Word>>,
        st: &mut State,
    ) -> Node {
        let saved = std::mem::replace(&mut self.heredocs, heredocs);
        let node = self.list(list, st, &Ctx::default());
        self.heredocs = saved;
        node
    }

    fn scope<'s>(&'s self, st: &'s State) -> Scope<'s> {
        Scope {
            vars: &st.vars,
            lookup: self.lookup,
            bash: self.bash,
        }
    }

    fn list(&mut self, list: &List, st: &mut State, ctx: &Ctx) -> Node {
        let mut items = Vec::new();
        for (i, ao) in list.items.iter().enumerate() {
            let mut c = ctx.clone();
            if i > 0 {
                c.call.connector = Connector::Seq;
            }
            let node = if ao.background {
                c.call.background = true;
                let mut bg = st.clone();
                Node::Background {
                    node: Box::new(self.and_or(ao, &mut bg, &c)),
                }
            } else {
                self.and_or(ao, st, &c)
            };
            items.push(node);
        }
        match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::List { items },
        }
    }

    fn and_or(&mut self, ao: &AndOr, st: &mut State, ctx: &Ctx) -> Node {
        let mut c = ctx.clone();
        c.call.tested |= !ao.rest.is_empty();
        let mut items = vec![self.pipeline(&ao.first, st, &c)];
        let mut ops = Vec::new();
        for (k, (op, p)) in ao.rest.iter().enumerate() {
            let mut c = ctx.clone();
            c.call.tested |= k + 1 < ao.rest.len();
            match op {
                AndOrOp::And => {
                    c.call.connector = Connector::And;
                    items.push(self.pipeline(p, st, &c));
                    ops.push(Connector::And);
                }
                AndOrOp::Or => {
                    c.call.connector = Connector::Or;
                    c.call.conditional = true;
                    let mut branch = st.clone();
                    items.push(self.pipeline(p, &mut branch, &c));
                    let skipped = st.clone();
                    st.join(&[skipped, branch]);
                    ops.push(Connector::Or);
                }
            }
        }
        if ops.is_empty() {
            items.pop().unwrap_or(Node::Empty)
        } else {
            Node::AndOr { items, ops }
        }
    }

    fn pipeline(&mut self, p: &Pipeline, st: &mut State, ctx: &Ctx) -> Node {
        let mut c = ctx.clone();
        if p.negated {
            c.call.negated = true;
            c.call.tested = true;
        }
        if p.cmds.len() == 1 {
            let node = self.command(&p.cmds[0], st, &c);
            return if p.negated {
                Node::Pipeline {
                    negated: true,
                    cmds: vec![node],
                }
            } else {
                node
            };
        }
        let len = p.cmds.len();
        let cmds = p
            .cmds
            .iter()
            .enumerate()
            .map(|(index, cmd)| {
                let mut c = c.clone();
                c.call.pipeline = Some(PipePos { index, len });
                // Each element runs in its own subshell: no state escapes.
                self.command(cmd, &mut st.clone(), &c)
            })
            .collect();
        Node::Pipeline {
            negated: p.negated,
            cmds,
        }
    }

    fn command(&mut self, cmd: &Command, st: &mut State, ctx: &Ctx) -> Node {
        match cmd {
            Command::Simple(s) => self.simple(s, st, ctx),
            Command::Function { name, body, .. } => {
                let mut c = ctx.clone();
                c.call.function = Some(name.clone());
                c.call.conditional = true;
                let body = self.command(body, &mut st.clone(), &c);
                Node::Function {
                    name: name.clone(),
                    body: Box::new(body),
                }
            }
            Command::Compound(compound, redirs, _) => {
                let redirects: Vec<Redirect> = redirs
                    .iter()
                    .map(|r| {
                        let mut r = self.redirect(r, st, ctx);
                        r.inherited = true;
                        r
                    })
                    .collect();
                let first = self.calls.len();
                let node = self.compound(compound, st, ctx);
                // `{ ...; } > file`: every command of the group writes there.
                for c in &mut self.calls[first..] {
                    if c.parent == ctx.parent && c.via == ctx.via {
                        c.redirects.extend(redirects.iter().cloned());
                    }
                }
                node
            }
        }
    }

    fn compound(&mut self, compound: &Compound, st: &mut State, ctx: &Ctx) -> Node {
        let tested = |c: &Ctx| {
            let mut c = c.clone();
            c.call.tested = true;
            c
        };
        let branch = |c: &Ctx| {
            let mut c = c.clone();
            c.call.conditional = true;
            c
        };
        match compound {
            Compound::Brace(list) => Node::Group {
                body: Box::new(self.list(list, st, ctx)),
            },
            Compound::Subshell(list) => {
                let mut c = ctx.clone();
                c.call.subshell += 1;
                Node::Subshell {
                    body: Box::new(self.list(list, &mut st.clone(), &c)),
                }
            }
            Compound::If {
                branches,
                otherwise,
            } => {
                let mut outs = Vec::new();
                let mut nodes = Vec::new();
                for (i, (cond, body)) in branches.iter().enumerate() {
                    let cc = if i == 0 {
                        tested(ctx)
                    } else {
                        tested(&branch(ctx))
                    };
                    let cn = self.list(cond, st, &cc);
                    let mut b = st.clone();
                    let bn = self.list(body, &mut b, &branch(ctx));
                    outs.push(b);
                    nodes.push((cn, bn));
                }
                let otherwise = otherwise.as_ref().map(|l| {
                    let mut b = st.clone();
                    let n = self.list(l, &mut b, &branch(ctx));
                    outs.push(b);
                    Box::new(n)
                });
                if otherwise.is_none() {
                    outs.push(st.clone());
                }
                st.join(&outs);
                Node::If {
                    branches: nodes,
                    otherwise,
                }
            }
            Compound::While { until, cond, body } => {
                let mut c = ctx.clone();
                c.call.in_loop = true;
                let mut b = st.clone();
                let head = self.list(cond, &mut b, &tested(&c));
                let body = self.list(body, &mut b, &branch(&c));
                let skipped = st.clone();
                st.join(&[skipped, b]);
                Node::Loop {
                    kind: if *until { "until" } else { "while" },
                    head: Box::new(head),
                    body: Box::new(body),
                }
            }
            Compound::For { var, words, body } => {
                let mut c = ctx.clone();
                c.call.in_loop = true;
                let mut values = Some(Vec::new());
                for w in words.iter().flatten() {
                    self.substs(w, st, ctx);
                    let f = self.scope(st).fields(w);
                    values = values.zip(f).map(|(mut a, b)| {
                        a.extend(b);
                        a
                    });
                }
                if words.is_none() {
                    values = None;
                }
                let runs = values.as_ref().is_some_and(|v| !v.is_empty());
                c.call.conditional |= !runs;
                let mut b = st.clone();
                let v = match values.as_deref() {
                    Some([one]) => Var::Known(one.clone()),
                    _ => Var::Unknown,
                };
                if !var.is_empty() {
                    b.set(var, v, false);
                }
                let body = self.list(body, &mut b, &c);
                if runs && values.as_ref().is_some_and(|v| v.len() == 1) {
                    *st = b;
                } else {
                    let skipped = st.clone();
                    st.join(&[skipped, b]);
                }
                Node::Loop {
                    kind: "for",
                    head: Box::new(Node::Empty),
                    body: Box::new(body),
                }
            }
            Compound::Case { word, arms } => {
                self.substs(word, st, ctx);
                let mut outs = Vec::new();
                let mut nodes = Vec::new();
                for (_, body) in arms {
                    let mut b = st.clone();
                    nodes.push(self.list(body, &mut b, &branch(ctx)));
                    outs.push(b);
                }
                // No arm may match.
                outs.push(st.clone());
                st.join(&outs);
                Node::Case { arms: nodes }
            }
            Compound::Test(words) => {
                for w in words {
                    self.substs(w, st, &tested(ctx));
                }
                Node::Test
            }
            Compound::Arith(_) => Node::Test,
        }
    }

    /// Walks the command substitutions inside a word (they run first).
    fn substs(&mut self, w: &Word, st: &State, ctx: &Ctx) {
        self.substs_in(&w.parts, st, ctx);
    }

    fn substs_in(&mut self, parts: &[Part], st: &State, ctx: &Ctx) {
        for p in parts {
            match &p.kind {
                PartKind::Double(ps) => self.substs_in(ps, st, ctx),
                PartKind::Param(param) => {
                    for w in param.arg.iter().chain(param.rep.iter()) {
                        self.substs(w, st, ctx);
                    }
                }
                PartKind::CmdSubst { list, process, .. } => {
                    let mut c = ctx.clone();
                    c.parent = None;
                    c.via = Some(if *process {
                        Via::ProcessSubstitution
                    } else {
                        Via::CommandSubstitution
                    });
                    c.call.subshell += 1;
                    c.call.connector = Connector::First;
                    c.call.pipeline = None;
                    c.call.background = false;
                    self.list(list, &mut st.clone(), &c);
                }
                _ => {}
            }
        }
    }

    fn arg_words(&self, w: &Word, st: &State) -> Vec<ArgWord> {
        match self.scope(st).fields(w) {
            Some(fields) => fields
                .into_iter()
                .map(|f| ArgWord {
                    value: Some(f),
                    raw: w.raw.clone(),
                    span: w.span,
                })
                .collect(),
            None => vec![ArgWord {
                value: None,
                raw: w.raw.clone(),
                span: w.span,
            }],
        }
    }

    fn simple(&mut self, s: &Simple, st: &mut State, ctx: &Ctx) -> Node {
        let first = self.calls.len();
        let mut env = Vec::new();
        // Assignments take effect left to right: `A=1 B=$A` sees A=1.
        let mut seen = st.clone();
        for a in &s.assigns {
            if let Some(v) = &a.value {
                self.substs(v, &seen, ctx);
            }
            for w in a.array.iter().flatten() {
                self.substs(w, &seen, ctx);
            }
            let scope = self.scope(&seen);
            let value = match (&a.value, a.append) {
                (Some(v), false) => scope.string(v),
                (Some(v), true) => match scope.get(&a.name) {
                    Var::Known(old) => scope.string(v).map(|n| old + &n),
                    Var::Unset => scope.string(v),
                    Var::Unknown => None,
                },
                (None, _) => None,
            };
            seen.set(
                &a.name,
                value.clone().map_or(Var::Unknown, Var::Known),
                false,
            );
            env.push(EnvAssign {
                name: a.name.clone(),
                value,
                span: a.span,
            });
        }
        let mut words = Vec::new();
        let mut origin = Vec::new();
        for (i, w) in s.words.iter().enumerate() {
            self.substs(w, st, ctx);
            for aw in self.arg_words(w, st) {
                words.push(aw);
                origin.push(i);
            }
        }
        let mut redirects = Vec::new();
        for r in &s.redirs {
            redirects.push(self.redirect(r, st, ctx));
        }
        let id = self.calls.len();
        for c in &mut self.calls[first..] {
            if c.parent.is_none()
                && matches!(
                    c.via,
                    Some(Via::CommandSubstitution | Via::ProcessSubstitution)
                )
            {
                c.parent = Some(id);
            }
        }
        self.calls.push(CommandCall {
            id,
            argv: Argv {
                words: words.clone(),
            },
            redirects,
            env: env.clone(),
            cwd: st.cwd.clone(),
            exported: st.exported(),
            errexit: st.errexit,
            pipefail: st.pipefail,
            context: ctx.call.clone(),
            parent: ctx.parent,
            via: ctx.via,
            span: s.span,
        });
        if words.is_empty() {
            for e in env {
                let v = e.value.map_or(Var::Unknown, Var::Known);
                st.set(&e.name, v, false);
            }
        } else {
            self.builtin(&words, st);
            let sources: Vec<&Word> = origin.iter().map(|&i| &s.words[i]).collect();
            self.nested(id, &words, &sources, &env, st, ctx);
        }
        Node::Call { id }
    }

    fn redirect(&mut self, r: &Redir, st: &State, ctx: &Ctx) -> Redirect {
        let body = r
            .heredoc
            .as_ref()
            .and_then(|h| self.heredocs.get(h.id).cloned().flatten());
        let target = body.as_ref().unwrap_or(&r.target);
        self.substs(target, st, ctx);
        let value = self.scope(st).string(target);
        // `>& file` (not an fd number) is bash for `&> file`.
        let dup_to_file =
            r.op == RedirOp::DupOut && !target.raw.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        Redirect {
            op: r.op,
            fd: r.fd,
            target: ArgWord {
                value,
                raw: target.raw.clone(),
                span: target.span,
            },
            writes_file: r.op.writes_file() || dup_to_file,
            heredoc_delimiter: r.heredoc.as_ref().map(|h| h.delimiter.clone()),
            inherited: false,
            span: r.span,
        }
    }

    /// Builtins that change what later commands see.
    fn builtin(&mut self, words: &[ArgWord], st: &mut State) {
        let name = words[0].value.as_deref().unwrap_or("");
        let args: Vec<Option<&str>> = words[1..].iter().map(|w| w.value.as_deref()).collect();
        match name {
            "cd" | "pushd" => {
                let target = args
                    .iter()
                    .find(|a| !matches!(a, Some(s) if s.starts_with('-') && s.len() > 1));
                st.cwd = match target {
                    Some(Some(dir)) if *dir != "-" => resolve(st.cwd.as_deref(), dir),
                    _ => None,
                };
            }
            "popd" => st.cwd = None,
            "set" if args.iter().all(Option::is_some) => {
                let (e, p) = scan_shell_flags(args.iter().flatten().copied());
                st.errexit = e.unwrap_or(st.errexit);
                st.pipefail = p.unwrap_or(st.pipefail);
            }
            "export" | "readonly" | "declare" | "typeset" | "local" => {
                let export = name == "export"
                    || args
                        .iter()
                        .any(|a| matches!(a, Some(s) if s.starts_with('-') && s.contains('x')));
                for (w, a) in words[1..].iter().zip(&args) {
                    match a {
                        Some(s) if s.starts_with('-') => {}
                        Some(s) => match s.split_once('=') {
                            Some((n, v)) => st.set(n, Var::Known(v.to_string()), export),
                            None => {
                                let v = st.vars.get(*s).map_or_else(
                                    || match self.scope(st).get(s) {
                                        Var::Known(v) => Var::Known(v),
                                        _ => Var::Unknown,
                                    },
                                    |(v, _)| v.clone(),
                                );
                                st.set(s, v, export);
                            }
                        },
                        None => {
                            if let Some((n, _)) = w.raw.split_once('=') {
                                if n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                                    st.set(n, Var::Unknown, export);
                                }
                            }
                        }
                    }
                }
            }
            "unset" => {
                for a in args.iter().flatten() {
                    if !a.starts_with('-') {
                        st.vars.insert(a.to_string(), (Var::Unset, false));
                    }
                }
            }
            "read" | "getopts" | "mapfile" | "readarray" => {
                for a in args.iter().flatten() {
                    if !a.starts_with('-')
                        && a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    {
                        st.set(a, Var::Unknown, false);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `dir` taken from `cwd`, with `.` and `..` resolved; `None` if relative to
/// an unknown directory.
pub(crate) fn resolve(cwd: Option<&str>, dir: &str) -> Option<String> {
    let joined = if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("{}/{}", cwd?, dir)
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn paths() {
        assert_eq!(resolve(Some("/a/b"), "../c/./d").as_deref(), Some("/a/c/d"));
        assert_eq!(resolve(None, "/x/../../y/").as_deref(), Some("/y"));
        assert_eq!(resolve(None, "rel"), None);
        assert_eq!(resolve(Some("/"), "..").as_deref(), Some("/"));
    }
}
