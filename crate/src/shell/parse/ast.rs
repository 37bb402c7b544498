//! The syntax tree the parser builds. Spans are already in the caller's
//! coordinates (see [`super::SourceMap`]); `raw` texts are as written.

use crate::span::Span;

/// A word as written: a sequence of parts, quoting kept apart from expansions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub parts: Vec<Part>,
    /// The word as written (in the text the parser read).
    pub raw: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartKind {
    /// Unquoted literal text, without glob characters.
    Lit(String),
    /// Quoted literal text (single quotes, `$'..'`, a backslash escape): no
    /// splitting, no globbing.
    Quoted(String),
    /// Unquoted glob characters (`*`, `?`, `[..]`): the value depends on files.
    Glob(String),
    /// `{a,b}` / `{1..3}`: brace expansion in bash, literal in POSIX sh.
    Brace(String),
    /// A leading `~` or `~user`.
    Tilde(String),
    /// `"..."`: the parts inside.
    Double(Vec<Part>),
    Param(Box<Param>),
    /// `$(..)` or backticks (or bash `<(..)`/`>(..)` when `process`).
    CmdSubst {
        list: List,
        raw: String,
        process: bool,
    },
    /// `$((..))`: kept raw, value unknown.
    Arith(String),
}

/// `$NAME`, `${NAME}`, `${NAME:-word}` and the like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub op: ParamOp,
    /// The word after the operator (a default, a pattern).
    pub arg: Option<Word>,
    /// The replacement of `${V/pat/rep}`.
    pub rep: Option<Word>,
    pub raw: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamOp {
    Plain,
    /// `${#V}`
    Length,
    /// `${V-w}` / `${V:-w}` (colon: also when empty)
    Default {
        colon: bool,
    },
    Assign {
        colon: bool,
    },
    Error {
        colon: bool,
    },
    Alt {
        colon: bool,
    },
    /// `${V#p}` / `${V##p}`
    TrimPrefix {
        longest: bool,
    },
    /// `${V%p}` / `${V%%p}`
    TrimSuffix {
        longest: bool,
    },
    /// `${V/p/r}`, `${V//p/r}`
    Replace {
        all: bool,
    },
    /// `${V:offset}` / `${V:offset:length}`
    Substring,
    /// `${V^}`, `${V^^}`, `${V,}`, `${V,,}`
    Case {
        upper: bool,
        all: bool,
    },
    /// Anything whose value we do not compute (indirection, arrays,
    /// transformations, anchored replacement).
    Other,
}

/// Commands separated by `;`, `&` or newlines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct List {
    pub items: Vec<AndOr>,
}

/// Pipelines joined by `&&` / `||`; `background` when ended by `&`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(AndOrOp, Pipeline)>,
    pub background: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AndOrOp {
    And,
    Or,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    pub negated: bool,
    pub timed: bool,
    pub cmds: Vec<Command>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Simple(Simple),
    Compound(Box<Compound>, Vec<Redir>, Span),
    Function {
        name: String,
        body: Box<Command>,
        span: Span,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Simple {
    pub assigns: Vec<Assign>,
    pub words: Vec<Word>,
    pub redirs: Vec<Redir>,
    pub span: Span,
}

/// `NAME=word`, `NAME+=word` or `NAME=(words)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assign {
    pub name: String,
    pub value: Option<Word>,
    pub array: Option<Vec<Word>>,
    pub append: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compound {
    Brace(List),
    Subshell(List),
    If {
        branches: Vec<(List, List)>,
        otherwise: Option<List>,
    },
    For {
        var: String,
        words: Option<Vec<Word>>,
        body: List,
    },
    While {
        until: bool,
        cond: List,
        body: List,
    },
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, List)>,
    },
    /// `(( .. ))`
    Arith(String),
    /// `[[ .. ]]`: the words between the brackets.
    Test(Vec<Word>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redir {
    pub fd: Option<u32>,
    pub op: RedirOp,
    /// The target word; for a here-document, its body.
    pub target: Word,
    pub heredoc: Option<HereDoc>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HereDoc {
    pub delimiter: String,
    /// A quoted delimiter: the body is taken literally.
    pub quoted: bool,
    /// `<<-`: leading tabs stripped.
    pub strip_tabs: bool,
    /// Index into the parser's table of bodies, filled at the next newline.
    pub(crate) id: usize,
}

/// A redirection operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum RedirOp {
    #[serde(rename = ">")]
    Out,
    #[serde(rename = ">>")]
    Append,
    #[serde(rename = ">|")]
    Clobber,
    #[serde(rename = "<")]
    In,
    #[serde(rename = "<>")]
    ReadWrite,
    #[serde(rename = ">&")]
    DupOut,
    #[serde(rename = "<&")]
    DupIn,
    #[serde(rename = "&>")]
    OutErr,
    #[serde(rename = "&>>")]
    AppendErr,
    #[serde(rename = "<<<")]
    HereString,
    #[serde(rename = "<<")]
    HereDoc,
    #[serde(rename = "<<-")]
    HereDocStrip,
}

impl RedirOp {
    /// Whether the target names a file that is written.
    pub fn writes_file(self) -> bool {
        matches!(
            self,
            Self::Out
                | Self::Append
                | Self::Clobber
                | Self::OutErr
                | Self::AppendErr
                | Self::ReadWrite
        )
    }
}
