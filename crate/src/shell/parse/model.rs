//! What the parser hands on: a flat list of command calls in execution
//! order, each with what it needs to be understood alone, plus a light tree.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ast::RedirOp;
use super::shellkind::ShellKind;
use crate::shell::argv::{ArgWord, Argv};
use crate::span::Span;

/// The result of [`super::parse_script`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Script {
    pub shell: ShellKind,
    /// False for shells we do not read (PowerShell, cmd): `calls` is empty
    /// and `reason` says why.
    pub interpreted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Every simple command, in the order it would run.
    pub calls: Vec<CommandCall>,
    /// How the calls are combined (lists, pipelines, compound commands).
    pub tree: Node,
    pub diagnostics: Vec<Diagnostic>,
}

impl Script {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The calls of a command, by the name a model looks up (`apt-get`),
    /// wherever they are nested.
    pub fn calls_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a CommandCall> {
        self.calls
            .iter()
            .filter(move |c| c.argv.name() == Some(name))
    }

    /// The chain of calls `call` runs inside, innermost first.
    pub fn ancestors<'a>(&'a self, call: &CommandCall) -> impl Iterator<Item = &'a CommandCall> {
        let mut next = call.parent;
        std::iter::from_fn(move || {
            let c = self.calls.get(next?)?;
            next = c.parent;
            Some(c)
        })
    }
}

impl CommandCall {
    /// The files this call's redirections write (`> f`, `>> f`, `&> f`).
    pub fn written_files(&self) -> impl Iterator<Item = &ArgWord> {
        self.redirects
            .iter()
            .filter(|r| r.writes_file)
            .map(|r| &r.target)
    }
}

/// A problem found while parsing; parsing always goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One simple command as it would run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandCall {
    /// Index in [`Script::calls`].
    pub id: usize,
    /// Empty for a command made only of assignments or redirections.
    pub argv: Argv,
    pub redirects: Vec<Redirect>,
    /// `A=1 cmd` prefix assignments (and `env A=1` for the inner command).
    pub env: Vec<EnvAssign>,
    /// The working directory when known (`WORKDIR`, then `cd`).
    pub cwd: Option<String>,
    /// Variables the script exported before this call (`export A=1`), with
    /// their values when known; the caller's `ENV` is not repeated here.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub exported: BTreeMap<String, Option<String>>,
    /// `set -e` in effect.
    pub errexit: bool,
    /// `set -o pipefail` in effect.
    pub pipefail: bool,
    pub context: CallContext,
    /// The call this one runs inside (`sh -c`, `$(..)`, `sudo`, `xargs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
    pub span: Span,
}

/// How a nested call is reached from its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// The script string of `sh -c`, `bash -c`, `su -c`, `eval`. The
    /// string is parsed after the outer quoting is removed: `raw` texts are
    /// as the inner shell reads them, spans still point into the caller's
    /// text (exactly where the string is a literal, else over the part of
    /// the word a piece came from).
    ShellString,
    /// `$(..)` or backticks, run before the parent (listed before it).
    CommandSubstitution,
    /// `<(..)` / `>(..)`.
    ProcessSubstitution,
    /// `sudo`, `env`, `exec`, `nohup`, `nice`, `timeout`, `gosu`, ...: the
    /// parent runs this command in its place.
    Wrapper,
    /// `xargs cmd`: runs with more arguments read from input.
    Xargs,
    /// `find -exec cmd {} ;`: runs per found file.
    FindExec,
}

/// Where a call sits in the control flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct CallContext {
    /// The operator before this call's pipeline in its list.
    pub connector: Connector,
    /// Run in the background (`&`).
    #[serde(skip_serializing_if = "is_false")]
    pub background: bool,
    /// Position in a pipeline of two or more commands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<PipePos>,
    /// Inside `! ...`.
    #[serde(skip_serializing_if = "is_false")]
    pub negated: bool,
    /// Nesting of `( )`, `$( )` and other subshells.
    #[serde(skip_serializing_if = "is_zero")]
    pub subshell: u32,
    /// May not run: inside an `if`/`case` branch, a loop body, after `||`,
    /// or a function body.
    #[serde(skip_serializing_if = "is_false")]
    pub conditional: bool,
    /// Its status is tested (an `if`/`while` condition, the left of `&&` or
    /// `||`, negated), so `set -e` does not stop the script if it fails.
    #[serde(skip_serializing_if = "is_false")]
    pub tested: bool,
    /// Inside a `for`/`while`/`until` body: may run many times.
    #[serde(skip_serializing_if = "is_false")]
    pub in_loop: bool,
    /// Defined in this function's body (run only when it is called).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// How a pipeline is joined to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Connector {
    /// First in its list.
    #[default]
    First,
    /// After `;`, `&` or a newline: runs regardless.
    Seq,
    /// After `&&`: runs only if the previous succeeded.
    And,
    /// After `||`: runs only if the previous failed.
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PipePos {
    pub index: usize,
    pub len: usize,
}

/// A redirection of a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redirect {
    pub op: RedirOp,
    /// The explicit fd (`2>`), if written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fd: Option<u32>,
    /// The file, fd or here-string; for a here-document, its body (value
    /// expanded unless the delimiter was quoted).
    pub target: ArgWord,
    /// `>`, `>>`, `&>` ... to a file: the target is written.
    pub writes_file: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heredoc_delimiter: Option<String>,
    /// Written on an enclosing compound command (`{ ...; } > file`), which
    /// applies it to every command inside.
    #[serde(skip_serializing_if = "is_false")]
    pub inherited: bool,
    pub span: Span,
}

/// `NAME=value` for one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvAssign {
    pub name: String,
    pub value: Option<String>,
    pub span: Span,
}

/// The shape of the script; leaves point into [`Script::calls`]. Lists and
/// pipelines of one element collapse to the element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Node {
    List {
        items: Vec<Node>,
    },
    /// `a && b || c`: `ops[i]` joins `items[i]` and `items[i + 1]`.
    AndOr {
        items: Vec<Node>,
        ops: Vec<Connector>,
    },
    Background {
        node: Box<Node>,
    },
    Pipeline {
        negated: bool,
        cmds: Vec<Node>,
    },
    /// A simple command's call; calls nested in it (`$(..)`, `sh -c`, a
    /// wrapper's command) name it as their `parent`.
    Call {
        id: usize,
    },
    Subshell {
        body: Box<Node>,
    },
    Group {
        body: Box<Node>,
    },
    If {
        branches: Vec<(Node, Node)>,
        otherwise: Option<Box<Node>>,
    },
    Loop {
        kind: &'static str,
        head: Box<Node>,
        body: Box<Node>,
    },
    Case {
        arms: Vec<Node>,
    },
    Function {
        name: String,
        body: Box<Node>,
    },
    /// `(( .. ))`, `[[ .. ]]`: evaluated by the shell itself.
    Test,
    Empty,
}
