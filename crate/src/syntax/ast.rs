//! The syntax tree of a Dockerfile. Every node keeps its byte span in the
//! source, and the document keeps the source itself, so that a fix can edit
//! exactly the characters it means and everything else prints unchanged.

use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::position::{LineIndex, Position};
use super::source_map::SourceMap;
use crate::span::Span;

/// A parsed Dockerfile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The text as given; spans index into it.
    pub source: String,
    /// `# syntax=`, `# escape=` and `# check=` at the top of the file.
    pub directives: Vec<Directive>,
    /// The escape character in force (`\` unless `# escape=` says otherwise).
    pub escape: char,
    pub instructions: Vec<Instruction>,
    /// Comments outside instructions and inside continuation lines.
    pub comments: Vec<Comment>,
    /// Every piece of the file in order; together they cover it exactly.
    pub nodes: Vec<Node>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the file started with a UTF-8 byte-order mark (kept in `source`).
    pub bom: bool,
    #[serde(skip)]
    pub(crate) lines: LineIndex,
}

impl Document {
    pub fn instructions(&self) -> &[Instruction] {
        &self.instructions
    }

    /// The line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.source, offset)
    }

    /// The source text a span covers.
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }

    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }

    /// Whether BuildKit's parser itself would reject this file.
    pub fn has_parse_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_parse_error())
    }
}

/// A run of whole lines of the source, in order. Printing every node's text
/// gives back the file byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Node {
    Directive {
        index: usize,
        span: Span,
    },
    Comment {
        index: usize,
        span: Span,
    },
    Blank {
        span: Span,
    },
    /// An instruction with its continuation lines and heredoc bodies.
    Instruction {
        index: usize,
        span: Span,
    },
}

impl Node {
    pub fn span(&self) -> Span {
        match *self {
            Node::Directive { span, .. }
            | Node::Comment { span, .. }
            | Node::Blank { span }
            | Node::Instruction { span, .. } => span,
        }
    }
}

/// A parser directive such as `# escape=\``.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// Lower-cased name: `syntax`, `escape` or `check`.
    pub name: String,
    pub value: String,
    /// The whole directive line, without its line break.
    pub span: Span,
    pub value_span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// The text after `#`, trimmed.
    pub text: String,
    pub span: Span,
}

/// What kind of instruction a keyword names, whatever its letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum InstructionKind {
    From,
    Run,
    Cmd,
    Label,
    Maintainer,
    Expose,
    Env,
    Add,
    Copy,
    Entrypoint,
    Volume,
    User,
    Workdir,
    Arg,
    Onbuild,
    Stopsignal,
    Healthcheck,
    Shell,
    Unknown,
}

impl InstructionKind {
    pub const ALL: [InstructionKind; 18] = [
        Self::From,
        Self::Run,
        Self::Cmd,
        Self::Label,
        Self::Maintainer,
        Self::Expose,
        Self::Env,
        Self::Add,
        Self::Copy,
        Self::Entrypoint,
        Self::Volume,
        Self::User,
        Self::Workdir,
        Self::Arg,
        Self::Onbuild,
        Self::Stopsignal,
        Self::Healthcheck,
        Self::Shell,
    ];

    pub fn from_keyword(word: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(word))
            .unwrap_or(Self::Unknown)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::From => "FROM",
            Self::Run => "RUN",
            Self::Cmd => "CMD",
            Self::Label => "LABEL",
            Self::Maintainer => "MAINTAINER",
            Self::Expose => "EXPOSE",
            Self::Env => "ENV",
            Self::Add => "ADD",
            Self::Copy => "COPY",
            Self::Entrypoint => "ENTRYPOINT",
            Self::Volume => "VOLUME",
            Self::User => "USER",
            Self::Workdir => "WORKDIR",
            Self::Arg => "ARG",
            Self::Onbuild => "ONBUILD",
            Self::Stopsignal => "STOPSIGNAL",
            Self::Healthcheck => "HEALTHCHECK",
            Self::Shell => "SHELL",
            Self::Unknown => "UNKNOWN",
        }
    }

    /// Only these may carry heredocs (`ONBUILD` through its trigger).
    pub fn takes_heredocs(self) -> bool {
        matches!(self, Self::Run | Self::Copy | Self::Add)
    }
}

/// One instruction: a logical line, possibly spread over several physical
/// lines, plus any heredoc bodies that follow it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instruction {
    pub kind: InstructionKind,
    /// The keyword as written (`from`, `Run`, ...).
    pub keyword: String,
    pub keyword_span: Span,
    /// From the keyword to the end of the last line that belongs to the
    /// instruction (its last continuation line or heredoc terminator).
    pub span: Span,
    /// First and last physical line, 1-based and inclusive, as BuildKit reports them.
    pub start_line: usize,
    pub end_line: usize,
    /// The logical line after joining continuations, as BuildKit's parser
    /// keeps it (its `Original`).
    pub original: String,
    /// Where each piece of `original` came from.
    pub source_map: SourceMap,
    pub flags: Vec<Flag>,
    pub args: Args,
    pub heredocs: Vec<Heredoc>,
    /// Comment lines directly above the instruction (BuildKit's `PrevComment`).
    pub comments_before: Vec<String>,
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// For ONBUILD, the instruction it defers; for anything else, itself.
    pub fn effective(&self) -> &Instruction {
        match &self.args {
            Args::Onbuild(inner) => inner,
            _ => self,
        }
    }
}

/// A `--name[=value]` flag after the keyword, quotes and escapes removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub name: String,
    pub value: Option<String>,
    /// The flag as BuildKit's AST keeps it (`--mount=type=cache,target=/x`).
    pub text: String,
    pub span: Span,
    pub name_span: Span,
    pub value_span: Option<Span>,
}

/// A word of an instruction's arguments: its value as BuildKit's parser
/// leaves it (quotes kept except in JSON form) and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    pub value: String,
    pub span: Span,
}

/// Text in shell form, handed to the shell as one string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShellText {
    pub text: String,
    pub span: Span,
    /// Offset of `text` in the instruction's logical line.
    pub logical_start: usize,
}

/// `name=value` (or the legacy `name value`) in ENV and LABEL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyValue {
    pub key: Word,
    /// As written: quotes and escapes are removed only when the value is used.
    pub value: Option<Word>,
    /// `ENV name value` rather than `ENV name=value`.
    pub legacy: bool,
}

/// An instruction's arguments, shaped by its kind the way BuildKit's
/// parser shapes them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "form", content = "value", rename_all = "snake_case")]
pub enum Args {
    /// Nothing after the keyword (and flags).
    Empty,
    /// Whitespace-separated words (FROM, EXPOSE, and ADD/COPY/VOLUME
    /// outside JSON form), quote-aware words (ARG).
    Words(Vec<Word>),
    /// A JSON array of strings, decoded.
    Json(Vec<Word>),
    /// Shell form of RUN, CMD, ENTRYPOINT and SHELL.
    Shell(ShellText),
    /// The rest of the line as one string (USER, WORKDIR, MAINTAINER, STOPSIGNAL).
    Text(Word),
    /// ENV and LABEL pairs.
    KeyValues(Vec<KeyValue>),
    /// HEALTHCHECK: the type word (`CMD`, `NONE`) and, after it, a command.
    Healthcheck { kind: Word, command: Box<Args> },
    /// ONBUILD and the instruction it defers.
    Onbuild(Box<Instruction>),
    /// An unknown instruction: the rest of the line, unread.
    Unknown(Word),
}

/// A here-document after RUN, COPY or ADD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heredoc {
    /// The terminator word, quotes removed.
    pub name: String,
    /// False when the name was quoted (`<<'EOF'`): the body is then not expanded.
    pub expand: bool,
    /// `<<-`: leading tabs are stripped from the body and terminator.
    pub chomp: bool,
    /// A file descriptor prefix as in `3<<EOF`.
    pub fd: Option<u32>,
    /// The body as BuildKit keeps it: every line with its line break.
    pub body: String,
    pub body_span: Span,
    /// The terminator line; `None` when the file ends first.
    pub terminator_span: Option<Span>,
    /// The `<<EOF` word in the instruction's line.
    pub marker_span: Span,
}
