//! Calls inside calls: wrappers (`sudo`, `env`, `xargs`, `find -exec`)
//! and shell strings (`sh -c '...'`, `su -c`, `eval`).

use super::{Ctx, State, Walker};
use crate::shell::argv::{ArgWord, Argv};
use crate::shell::parse::ast::{Part, PartKind, Word};
use crate::shell::parse::expand::Var;
use crate::shell::parse::model::{CallContext, CommandCall, EnvAssign, Severity, Via};
use crate::shell::parse::parser::{Parser, PosMap};
use crate::shell::parse::shellkind::{ShellKind, scan_shell_flags};
use crate::span::Span;

/// How a shell string runs.
pub(super) struct Run<'a> {
    errexit: bool,
    pipefail: bool,
    kind: ShellKind,
    /// `$0`, `$1`, ... of a new shell; `None` for `eval` (same shell).
    args: Option<&'a [ArgWord]>,
}

/// How deep `sh -c` strings and wrappers are followed.
const MAX_NEST: u32 = 12;

impl Walker<'_> {
    /// Looks inside a call that runs another command.
    pub(super) fn nested(
        &mut self,
        outer: usize,
        words: &[ArgWord],
        sources: &[&Word],
        env: &[EnvAssign],
        st: &State,
        ctx: &Ctx,
    ) {
        if self.nest >= MAX_NEST || words.is_empty() {
            return;
        }
        let Some(name) = words[0]
            .value
            .as_deref()
            .map(|v| v.rsplit('/').next().unwrap_or(v))
        else {
            return;
        };
        let val = |i: usize| words.get(i).and_then(|w| w.value.as_deref());
        let is_opt = |i: usize| val(i).is_some_and(|v| v.starts_with('-') && v.len() > 1);
        let mut env = env.to_vec();
        // Index of the inner command, and how it is reached.
        let mut inner: Option<(usize, Via)> = None;
        match name {
            "sudo" | "doas" => {
                let mut i = 1;
                while is_opt(i) {
                    let o = val(i).unwrap_or("");
                    i += 1;
                    if o == "--" {
                        break;
                    }
                    if matches!(
                        o,
                        "-u" | "-g" | "-C" | "-h" | "-p" | "-U" | "-r" | "-t" | "-D" | "-T"
                    ) {
                        i += 1;
                    }
                }
                while let Some((n, v)) = val(i)
                    .and_then(|v| v.split_once('='))
                    .filter(|(n, _)| is_name(n))
                {
                    env.push(EnvAssign {
                        name: n.to_string(),
                        value: Some(v.to_string()),
                        span: words[i].span,
                    });
                    i += 1;
                }
                inner = Some((i, Via::Wrapper));
            }
            "env" => {
                let mut i = 1;
                loop {
                    match val(i) {
                        Some("--") => {
                            i += 1;
                            break;
                        }
                        Some("-u" | "--unset" | "-C" | "--chdir" | "-S" | "--split-string") => {
                            i += 2
                        }
                        Some(o) if o.starts_with('-') => i += 1,
                        Some(a) if a.split_once('=').is_some_and(|(n, _)| is_name(n)) => {
                            let (n, v) = a.split_once('=').unwrap_or_default();
                            env.push(EnvAssign {
                                name: n.to_string(),
                                value: Some(v.to_string()),
                                span: words[i].span,
                            });
                            i += 1;
                        }
                        _ => break,
                    }
                }
                inner = Some((i, Via::Wrapper));
            }
            "nohup" | "builtin" | "time" | "stdbuf" | "setsid" => {
                let mut i = 1;
                while is_opt(i) {
                    i += 1;
                }
                inner = Some((i, Via::Wrapper));
            }
            "exec" => {
                let mut i = 1;
                while is_opt(i) {
                    i += if val(i) == Some("-a") { 2 } else { 1 };
                }
                inner = Some((i, Via::Wrapper));
            }
            "nice" | "ionice" => {
                let mut i = 1;
                while is_opt(i) {
                    i += if matches!(val(i), Some("-n" | "-c")) {
                        2
                    } else {
                        1
                    };
                }
                inner = Some((i, Via::Wrapper));
            }
            "timeout" => {
                let mut i = 1;
                while is_opt(i) {
                    i += if matches!(val(i), Some("-s" | "-k")) {
                        2
                    } else {
                        1
                    };
                }
                inner = Some((i + 1, Via::Wrapper));
            }
            "command" => {
                let mut i = 1;
                let mut query = false;
                while is_opt(i) {
                    query |= matches!(val(i), Some("-v" | "-V"));
                    i += 1;
                }
                if !query {
                    inner = Some((i, Via::Wrapper));
                }
            }
            "gosu" | "su-exec" => inner = Some((2, Via::Wrapper)),
            "chroot" => {
                let mut i = 1;
                while is_opt(i) {
                    i += 1;
                }
                inner = Some((i + 1, Via::Wrapper));
            }
            "xargs" => {
                let mut i = 1;
                while is_opt(i) {
                    let o = val(i).unwrap_or("");
                    i += 1;
                    if o == "--" {
                        break;
                    }
                    if matches!(o, "-I" | "-n" | "-P" | "-L" | "-s" | "-d" | "-E" | "-a") {
                        i += 1;
                    }
                }
                if i < words.len() {
                    inner = Some((i, Via::Xargs));
                }
            }
            "find" => {
                let mut i = 1;
                while i < words.len() {
                    if matches!(val(i), Some("-exec" | "-execdir" | "-ok" | "-okdir")) {
                        let start = i + 1;
                        let mut end = start;
                        while end < words.len() && !matches!(val(end), Some(";" | "+")) {
                            end += 1;
                        }
                        if end > start {
                            let ws: Vec<ArgWord> = words[start..end]
                                .iter()
                                .map(|w| {
                                    let mut w = w.clone();
                                    if w.value.as_deref().is_some_and(|v| v.contains("{}")) {
                                        w.value = None;
                                    }
                                    w
                                })
                                .collect();
                            self.emit(
                                outer,
                                ws,
                                &sources[start..end],
                                &env,
                                st,
                                ctx,
                                Via::FindExec,
                            );
                        }
                        i = end;
                    }
                    i += 1;
                }
            }
            "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "mksh" | "busybox" => {
                let mut i = 1;
                if name == "busybox" {
                    if val(1) != Some("sh") && val(1) != Some("ash") {
                        return;
                    }
                    i = 2;
                }
                let flags_start = i;
                let mut has_c = false;
                while let Some(o) =
                    val(i).filter(|o| (o.starts_with('-') || o.starts_with('+')) && o.len() > 1)
                {
                    i += 1;
                    if o == "--" {
                        break;
                    }
                    if o.starts_with("--") {
                        continue;
                    }
                    has_c |= o.contains('c');
                    if o.contains('o') || o.contains('O') {
                        i += 1;
                    }
                }
                if has_c && i < words.len() {
                    let flags: Vec<&str> = (flags_start..i).filter_map(val).collect();
                    let (e, p) = scan_shell_flags(flags);
                    let kind = if name == "bash" || name == "zsh" {
                        ShellKind::Bash
                    } else {
                        ShellKind::Sh
                    };
                    let run = Run {
                        errexit: e.unwrap_or(false),
                        pipefail: p.unwrap_or(false),
                        kind,
                        args: Some(&words[i + 1..]),
                    };
                    self.shell_string(outer, &words[i], sources[i], run, st, ctx);
                }
            }
            "eval" if words.len() == 2 => {
                let kind = if self.bash {
                    ShellKind::Bash
                } else {
                    ShellKind::Sh
                };
                let run = Run {
                    errexit: st.errexit,
                    pipefail: st.pipefail,
                    kind,
                    args: None,
                };
                self.shell_string(outer, &words[1], sources[1], run, st, ctx);
            }
            "su" | "runuser" => {
                let mut i = 1;
                while i < words.len() {
                    match val(i) {
                        Some("-c" | "--command") if i + 1 < words.len() => {
                            let w = &words[i + 1];
                            let run = Run {
                                errexit: false,
                                pipefail: false,
                                kind: ShellKind::Sh,
                                args: Some(&[]),
                            };
                            self.shell_string(outer, w, sources[i + 1], run, st, ctx);
                            break;
                        }
                        _ => i += 1,
                    }
                }
            }
            _ => {}
        }
        if let Some((i, via)) = inner {
            if i < words.len() {
                self.emit(
                    outer,
                    words[i..].to_vec(),
                    &sources[i..],
                    &env,
                    st,
                    ctx,
                    via,
                );
            }
        }
    }

    /// Records the command a wrapper runs, then looks inside it in turn.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        outer: usize,
        words: Vec<ArgWord>,
        sources: &[&Word],
        env: &[EnvAssign],
        st: &State,
        ctx: &Ctx,
        via: Via,
    ) {
        let id = self.calls.len();
        let span = words
            .iter()
            .map(|w| w.span)
            .reduce(Span::cover)
            .unwrap_or_default();
        let parent = &self.calls[outer];
        let call = CommandCall {
            id,
            argv: Argv {
                words: words.clone(),
            },
            redirects: Vec::new(),
            env: env.to_vec(),
            cwd: parent.cwd.clone(),
            exported: parent.exported.clone(),
            errexit: parent.errexit,
            pipefail: parent.pipefail,
            context: parent.context.clone(),
            parent: Some(outer),
            via: Some(via),
            span,
        };
        self.calls.push(call);
        self.nest += 1;
        self.nested(id, &words, sources, env, st, ctx);
        self.nest -= 1;
    }

    /// Parses and walks the script string of `sh -c`. Its text is rebuilt
    /// from the word with positions of the original, so inner spans point
    /// into the Dockerfile; expansions of unknown value stay as written.
    #[allow(clippy::too_many_arguments)]
    fn shell_string(
        &mut self,
        outer: usize,
        arg: &ArgWord,
        source: &Word,
        run: Run<'_>,
        st: &State,
        ctx: &Ctx,
    ) {
        let (text, table) = match &arg.value {
            // Field splitting may have cut the word: only a whole word maps.
            Some(v) if *v == self.scope(st).string(source).unwrap_or_default() => {
                self.word_source(source, st)
            }
            Some(v) => (v.clone(), vec![(arg.span.start, arg.span.end); v.len() + 1]),
            None => self.word_source(source, st),
        };
        let mut parser = Parser::new(&text, PosMap::ranges(table));
        let list = parser.parse_program();
        // The outer script is fine either way; the string fails when run
        // (and may only look wrong because of values we could not know).
        for mut d in parser.diags.drain(..) {
            d.severity = Severity::Warning;
            d.message = format!("in a shell string: {}", d.message);
            self.diags.push(d);
        }
        let mut inner = st.clone();
        inner.errexit = run.errexit;
        inner.pipefail = run.pipefail;
        if let Some(args) = run.args {
            // A new shell: it sees exported variables only, and its
            // positional parameters are the words after the string.
            for (_, (v, exported)) in inner.vars.iter_mut() {
                if !*exported {
                    *v = Var::Unknown;
                }
            }
            for (i, a) in args.iter().enumerate() {
                let v = a.value.clone().map_or(Var::Unknown, Var::Known);
                inner.vars.insert(i.to_string(), (v, false));
            }
        }
        let mut c = Ctx {
            call: CallContext {
                conditional: ctx.call.conditional,
                in_loop: ctx.call.in_loop,
                function: ctx.call.function.clone(),
                ..CallContext::default()
            },
            parent: Some(outer),
            via: Some(Via::ShellString),
        };
        c.call.subshell = ctx.call.subshell;
        let saved_bash = self.bash;
        self.bash = run.kind != ShellKind::Sh;
        self.nest += 1;
        let heredocs = std::mem::take(&mut parser.heredocs);
        let saved = std::mem::replace(&mut self.heredocs, heredocs);
        self.list(&list, &mut inner, &c);
        self.heredocs = saved;
        self.nest -= 1;
        self.bash = saved_bash;
    }

    /// The text a word stands for, with the range of the caller's text each
    /// byte stands for.
    fn word_source(&self, w: &Word, st: &State) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut table = Vec::new();
        self.parts_source(&w.parts, st, &mut text, &mut table);
        let end = table.last().map_or(w.span.start, |r| r.1);
        table.push((end, end));
        (text, table)
    }

    fn parts_source(
        &self,
        parts: &[Part],
        st: &State,
        text: &mut String,
        table: &mut Vec<(usize, usize)>,
    ) {
        for p in parts {
            let span = p.span;
            // Text as long as its source maps byte for byte; anything else
            // (an escape, an expanded value) stands for its whole part.
            let mut push = |s: &str, text: &mut String| {
                if s.len() == span.len() {
                    table.extend((span.start..span.end).map(|i| (i, i + 1)));
                } else {
                    table.extend(std::iter::repeat_n((span.start, span.end), s.len()));
                }
                text.push_str(s);
            };
            match &p.kind {
                PartKind::Lit(s) | PartKind::Quoted(s) | PartKind::Glob(s) | PartKind::Brace(s) => {
                    push(s, text)
                }
                PartKind::Tilde(u) => push(&format!("~{u}"), text),
                PartKind::Double(ps) => self.parts_source(ps, st, text, table),
                PartKind::Param(param) => match self.scope(st).param(param) {
                    Some(v) => push(&v, text),
                    None => push(&param.raw, text),
                },
                PartKind::CmdSubst { raw, .. } => push(raw, text),
                PartKind::Arith(raw) => push(raw, text),
            }
        }
    }
}

fn is_name(n: &str) -> bool {
    !n.is_empty()
        && !n.as_bytes()[0].is_ascii_digit()
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
