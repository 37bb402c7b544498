//! The parse loop, following BuildKit's: read physical lines, recognise
//! directives and comments, join continuation lines into logical lines,
//! read each as an instruction, then collect heredoc bodies. Where BuildKit
//! stops at the first error, this records a diagnostic and carries on.

use std::collections::BTreeSet;

use super::ast::{Comment, Directive, Document, Heredoc, Instruction, Node};
use super::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use super::heredoc;
use super::instruction::{LineProblem, read_instruction};
use super::position::LineIndex;
use super::source_map::SourceMap;
use crate::span::Span;

/// BuildKit reads lines with Go's `bufio.Scanner`, whose longest token is
/// 64 KiB including the line break.
const MAX_LINE: usize = 64 * 1024;

/// One physical line: `start..end` includes the line break, `start..content`
/// excludes every trailing `\r` and `\n` (Go's `TrimRight(line, "\r\n")`).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    content: usize,
    end: usize,
}

fn split_lines(src: &str) -> Vec<Line> {
    let bytes = src.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i + 1);
        let mut content = end;
        while content > start && matches!(bytes[content - 1], b'\r' | b'\n') {
            content -= 1;
        }
        lines.push(Line {
            start,
            content,
            end,
        });
        start = end;
    }
    lines
}

/// Directives are read only from the top of the file, until the first line
/// that is not one.
struct DirectiveReader {
    done: bool,
    seen: BTreeSet<String>,
}

/// `#[ \t]*name[ \t]*=[ \t]*value[ \t]*` with a name BuildKit knows.
fn match_directive(text: &str) -> Option<(String, usize, usize)> {
    let rest = text.strip_prefix('#')?;
    let name_start = 1 + rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let name_len = text[name_start..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if name_len == 0 || !text.as_bytes()[name_start].is_ascii_alphabetic() {
        return None;
    }
    let after = &text[name_start + name_len..];
    let after_eq = after.trim_start_matches([' ', '\t']).strip_prefix('=')?;
    let value_start = text.len() - after_eq.trim_start_matches([' ', '\t']).len();
    let value_end = value_start + text[value_start..].trim_end_matches([' ', '\t']).len();
    if value_end == value_start {
        return None;
    }
    let name = text[name_start..name_start + name_len].to_ascii_lowercase();
    matches!(name.as_str(), "syntax" | "escape" | "check").then_some((name, value_start, value_end))
}

fn is_comment(text: &str) -> bool {
    text.trim_start().starts_with('#')
}

/// An escape character at the end of a line (spaces and tabs may follow)
/// continues it, unless another escape character comes right before it:
/// `\\` at the end is an escaped backslash (BuildKit's
/// `(^|[^\\])\\[ \t]*$`).
fn trim_continuation(text: &str, escape: char) -> (&str, bool) {
    let trimmed = text.trim_end_matches([' ', '\t']);
    match trimmed.strip_suffix(escape) {
        Some(kept) if !kept.ends_with(escape) => (kept, false),
        _ => (text, true),
    }
}

struct Parser<'a> {
    src: &'a str,
    lines: Vec<Line>,
    next: usize,
    escape: char,
    directives: DirectiveReader,
    doc_directives: Vec<Directive>,
    instructions: Vec<Instruction>,
    comments: Vec<Comment>,
    nodes: Vec<Node>,
    diagnostics: Vec<(DiagnosticKind, &'static str, String, Span)>,
    pending_comments: Vec<String>,
    bom: bool,
}

pub fn parse(src: &str) -> Document {
    let mut p = Parser {
        src,
        lines: split_lines(src),
        next: 0,
        escape: '\\',
        directives: DirectiveReader {
            done: false,
            seen: BTreeSet::new(),
        },
        doc_directives: Vec::new(),
        instructions: Vec::new(),
        comments: Vec::new(),
        nodes: Vec::new(),
        diagnostics: Vec::new(),
        pending_comments: Vec::new(),
        bom: src.starts_with('\u{feff}'),
    };
    p.run();
    p.finish()
}

impl<'a> Parser<'a> {
    fn error(
        &mut self,
        kind: DiagnosticKind,
        code: &'static str,
        message: impl Into<String>,
        span: Span,
    ) {
        self.diagnostics.push((kind, code, message.into(), span));
    }

    /// A line's text without its line break, and without the BOM on line 1.
    fn content(&self, i: usize) -> (usize, &'a str) {
        let l = self.lines[i];
        let start = if i == 0 && self.bom {
            l.start + '\u{feff}'.len_utf8()
        } else {
            l.start
        };
        (start, &self.src[start..l.content])
    }

    fn check_length(&mut self, i: usize) {
        let l = self.lines[i];
        if l.end - l.start > MAX_LINE {
            let span = Span::new(l.start, l.content);
            self.error(
                DiagnosticKind::ParseError,
                "line-too-long",
                "dockerfile line greater than max allowed size of 65535",
                span,
            );
        }
    }

    /// Feeds a line to the directive reader (BuildKit does this for every
    /// line, so the first non-directive ends the header).
    fn read_directive(&mut self, i: usize) -> bool {
        if self.directives.done {
            return false;
        }
        let (start, text) = self.content(i);
        let lead = text.len() - text.trim_start().len();
        let text = &text[lead..];
        let start = start + lead;
        let Some((name, vs, ve)) = match_directive(text) else {
            self.directives.done = true;
            return false;
        };
        let span = Span::new(start, start + text.len());
        if !self.directives.seen.insert(name.clone()) {
            self.error(
                DiagnosticKind::ParseError,
                "duplicate-directive",
                format!("only one {name} parser directive can be used"),
                span,
            );
            return true;
        }
        let value = text[vs..ve].to_owned();
        if name == "escape" {
            match value.as_str() {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                _ => {
                    self.error(
                        DiagnosticKind::ParseError,
                        "invalid-escape",
                        format!("invalid escape token '{value}' does not match ` or \\"),
                        span,
                    );
                    return true;
                }
            }
        }
        self.doc_directives.push(Directive {
            name,
            value,
            span,
            value_span: Span::new(start + vs, start + ve),
        });
        true
    }

    fn run(&mut self) {
        while self.next < self.lines.len() {
            let i = self.next;
            self.next += 1;
            self.check_length(i);
            let is_directive = self.read_directive(i);
            let (start, text) = self.content(i);
            let line = self.lines[i];
            let whole = Span::new(line.start, line.end);
            if is_comment(text) {
                let hash = start + text.find('#').unwrap_or(0);
                let body = self.src[hash + 1..line.content].trim();
                if body.is_empty() {
                    self.pending_comments.clear();
                } else if !is_directive {
                    self.pending_comments.push(body.to_owned());
                }
                let span = Span::new(hash, line.content);
                if is_directive {
                    let index = self.doc_directives.len().saturating_sub(1);
                    self.nodes.push(Node::Directive { index, span: whole });
                } else {
                    self.comments.push(Comment {
                        text: body.to_owned(),
                        span,
                    });
                    self.nodes.push(Node::Comment {
                        index: self.comments.len() - 1,
                        span: whole,
                    });
                }
                continue;
            }
            let lead = text.len() - text.trim_start().len();
            let (first, end_of_line) = trim_continuation(&text[lead..], self.escape);
            if end_of_line && first.is_empty() {
                self.nodes.push(Node::Blank { span: whole });
                continue;
            }
            self.instruction(i, start + lead, first.len(), end_of_line);
        }
        if self.instructions.is_empty() {
            let end = self.src.len();
            self.error(
                DiagnosticKind::ParseError,
                "no-instructions",
                "file with no instructions",
                Span::new(end, end),
            );
        }
    }

    /// Reads the instruction starting on line `first_line`, whose first
    /// piece is `len` bytes at `start`.
    fn instruction(&mut self, first_line: usize, start: usize, len: usize, mut end_of_line: bool) {
        let mut logical = String::from(&self.src[start..start + len]);
        let mut map = SourceMap::default();
        map.push(0, start, len);
        let mut last_line = first_line;
        while !end_of_line && self.next < self.lines.len() {
            let i = self.next;
            self.next += 1;
            last_line = i;
            self.check_length(i);
            self.read_directive(i);
            let (cstart, text) = self.content(i);
            if is_comment(text) {
                let hash = cstart + text.find('#').unwrap_or(0);
                let line = self.lines[i];
                self.comments.push(Comment {
                    text: self.src[hash + 1..line.content].trim().to_owned(),
                    span: Span::new(hash, line.content),
                });
                continue;
            }
            if text.trim_start().is_empty() {
                let line = self.lines[i];
                self.error(
                    DiagnosticKind::Warning,
                    "empty-continuation",
                    "empty continuation line: BuildKit skips it, and says it will become an error in a future release",
                    Span::new(line.start, line.content),
                );
                continue;
            }
            let (piece, eol) = trim_continuation(text, self.escape);
            end_of_line = eol;
            map.push(logical.len(), cstart, piece.len());
            logical.push_str(piece);
        }

        let mut problems: Vec<LineProblem> = Vec::new();
        let mut ins =
            read_instruction(&logical, 0, logical.len(), &map, self.escape, &mut problems);
        ins.start_line = first_line + 1;
        ins.source_map = map.clone();
        ins.comments_before = std::mem::take(&mut self.pending_comments);
        for p in problems {
            let kind = if p.fatal {
                DiagnosticKind::ParseError
            } else {
                DiagnosticKind::BuildError
            };
            self.error(kind, p.code, p.message, map.span(p.start, p.end));
        }

        let takes_heredocs = ins.effective().kind.takes_heredocs()
            && !matches!(ins.effective().args, super::ast::Args::Json(_));
        if takes_heredocs {
            for marker in heredoc::markers(&logical) {
                let heredoc = self.heredoc_body(&marker, map.span(marker.start, marker.end));
                if heredoc.terminator_span.is_none() {
                    self.error(
                        DiagnosticKind::ParseError,
                        "unterminated-heredoc",
                        format!("unterminated heredoc: no line \"{}\" ends it", marker.name),
                        heredoc.marker_span,
                    );
                }
                ins.heredocs.push(heredoc);
            }
            last_line = self.next.max(first_line + 1) - 1;
        }

        ins.end_line = last_line + 1;
        let end = self.lines[last_line].content;
        ins.span = Span::new(ins.keyword_span.start, end.max(ins.keyword_span.start));
        // `ONBUILD ONBUILD ...` nests (BuildKit rejects it only when the
        // trigger runs), so every level gets the lines and heredocs.
        let (start_line, end_line) = (ins.start_line, ins.end_line);
        let heredocs = ins.heredocs.clone();
        let mut level = &mut ins;
        while let super::ast::Args::Onbuild(inner) = &mut level.args {
            inner.start_line = start_line;
            inner.end_line = end_line;
            inner.heredocs = heredocs.clone();
            level = inner;
        }
        let span = Span::new(self.lines[first_line].start, self.lines[last_line].end);
        self.instructions.push(ins);
        self.nodes.push(Node::Instruction {
            index: self.instructions.len() - 1,
            span,
        });
    }

    /// Consumes lines up to the marker's terminator; the body keeps every
    /// line whole, as BuildKit does.
    fn heredoc_body(&mut self, marker: &heredoc::Marker, marker_span: Span) -> Heredoc {
        let body_start = self
            .lines
            .get(self.next)
            .map_or(self.src.len(), |l| l.start);
        let mut body_end = body_start;
        let mut terminator_span = None;
        while self.next < self.lines.len() {
            let line = self.lines[self.next];
            self.next += 1;
            let mut candidate = &self.src[line.start..line.content];
            if marker.chomp {
                candidate = candidate.trim_start_matches('\t');
            }
            if candidate == marker.name {
                terminator_span = Some(Span::new(line.start, line.content));
                break;
            }
            body_end = line.end;
        }
        Heredoc {
            name: marker.name.clone(),
            expand: marker.expand,
            chomp: marker.chomp,
            fd: marker.fd,
            body: self.src[body_start..body_end].to_owned(),
            body_span: Span::new(body_start, body_end),
            marker_span,
            terminator_span,
        }
    }

    fn finish(self) -> Document {
        let lines = LineIndex::new(self.src);
        let diagnostics = self
            .diagnostics
            .into_iter()
            .map(|(kind, code, message, span)| {
                let start = lines.position(self.src, span.start);
                let end = lines.position(self.src, span.end);
                Diagnostic {
                    severity: if kind == DiagnosticKind::Warning {
                        Severity::Warning
                    } else {
                        Severity::Error
                    },
                    kind,
                    code,
                    message,
                    span,
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                }
            })
            .collect();
        Document {
            source: self.src.to_owned(),
            directives: self.doc_directives,
            escape: self.escape,
            instructions: self.instructions,
            comments: self.comments,
            nodes: self.nodes,
            diagnostics,
            bom: self.bom,
            lines,
        }
    }
}
