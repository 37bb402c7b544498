//! Reading one logical line into an [`Instruction`]: the keyword, the
//! flags, and the arguments in the shape BuildKit gives each instruction.

use super::ast::{Args, Flag, Instruction, InstructionKind, KeyValue, ShellText, Word};
use super::json::{self, JsonItem};
use super::source_map::SourceMap;
use super::words::{extract_flags, parse_words, split_whitespace, trim_range};
use crate::span::Span;

/// A problem found in one line, in logical-line offsets; the parser turns
/// it into a [`super::Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineProblem {
    pub code: &'static str,
    pub message: String,
    pub start: usize,
    pub end: usize,
    /// BuildKit's parser rejects the file (else only the build would fail).
    pub fatal: bool,
}

pub(crate) const NOT_STRING_ARRAY: &str =
    "when using JSON array syntax, arrays must be comprised of strings only";

/// Reads `line[start..end]` (a whole logical line, or the part after
/// ONBUILD) as one instruction.
pub(crate) fn read_instruction(
    line: &str,
    start: usize,
    end: usize,
    map: &SourceMap,
    escape: char,
    problems: &mut Vec<LineProblem>,
) -> Instruction {
    let (ts, te) = trim_range(line, start, end);
    let kw_end = line[ts..te]
        .find(super::words::is_split_space)
        .map_or(te, |i| ts + i);
    let keyword = &line[ts..kw_end];
    let rest_start = kw_end + line[kw_end..te].len()
        - line[kw_end..te]
            .trim_start_matches(super::words::is_split_space)
            .len();

    let (raw_flags, args_rel) = extract_flags(&line[rest_start..te]);
    let (args_start, args_end) = trim_range(line, rest_start + args_rel, te);
    let flags = raw_flags
        .into_iter()
        .map(|f| make_flag(line, f.text, rest_start + f.start, rest_start + f.end, map))
        .collect();

    let kind = InstructionKind::from_keyword(keyword);
    let mut reader = ArgsReader {
        line,
        start: args_start,
        end: args_end,
        map,
        escape,
        kind,
        problems,
    };
    let args = reader.read(keyword);

    Instruction {
        kind,
        keyword: keyword.to_owned(),
        keyword_span: map.span(ts, kw_end),
        span: map.span(ts, te),
        start_line: 0,
        end_line: 0,
        original: line[start..end].to_owned(),
        source_map: SourceMap::default(),
        flags,
        args,
        heredocs: Vec::new(),
        comments_before: Vec::new(),
    }
}

fn make_flag(line: &str, text: String, start: usize, end: usize, map: &SourceMap) -> Flag {
    let body = text.strip_prefix("--").unwrap_or(&text);
    let (name, value) = match body.split_once('=') {
        Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
        None => (body.to_owned(), None),
    };
    // The written flag may hold quotes and escapes (and even a line join),
    // so the spans come from the first `=` of the written text, outside
    // quotes and not escaped, never from the lengths of the decoded parts.
    let span = map.span(start, end);
    let eq = written_equals(&line[start..end]).map(|i| start + i);
    let (name_span, value_span) = match (&value, eq) {
        (Some(_), Some(eq)) => (map.span(start, eq), Some(map.span(eq + 1, end))),
        (Some(_), None) => (span, Some(Span::new(span.end, span.end))),
        (None, _) => (span, None),
    };
    Flag {
        name,
        value,
        text,
        span,
        name_span,
        value_span,
    }
}

/// Offset of the first `=` of a written flag that is neither quoted nor
/// escaped.
fn written_equals(raw: &str) -> Option<usize> {
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in raw.char_indices() {
        match (quote, c) {
            _ if escaped => escaped = false,
            (_, '\\') => escaped = true,
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '=') => return Some(i),
            _ => {}
        }
    }
    None
}

struct ArgsReader<'a> {
    line: &'a str,
    start: usize,
    end: usize,
    map: &'a SourceMap,
    escape: char,
    kind: InstructionKind,
    problems: &'a mut Vec<LineProblem>,
}

impl ArgsReader<'_> {
    fn text(&self) -> &str {
        &self.line[self.start..self.end]
    }

    fn word(&self, start: usize, end: usize) -> Word {
        Word {
            value: self.line[start..end].to_owned(),
            span: self.map.span(start, end),
        }
    }

    fn problem(&mut self, code: &'static str, message: String, fatal: bool) {
        self.problems.push(LineProblem {
            code,
            message,
            start: self.start,
            end: self.end,
            fatal,
        });
    }

    fn read(&mut self, keyword: &str) -> Args {
        use InstructionKind as K;
        if self.text().is_empty() {
            return match self.kind {
                K::Unknown => self.unknown(keyword),
                _ => Args::Empty,
            };
        }
        match self.kind {
            K::From | K::Expose => self.whitespace_words(),
            K::Add | K::Copy | K::Volume => match self.json() {
                Some(args) => args,
                None => self.whitespace_words(),
            },
            K::Run | K::Cmd | K::Entrypoint | K::Shell => self.maybe_json(self.start),
            K::Healthcheck => self.healthcheck(),
            K::Env | K::Label => self.name_values(),
            K::Arg => Args::Words(
                parse_words(self.text(), self.escape)
                    .into_iter()
                    .map(|w| Word {
                        value: w.text,
                        span: self.map.span(self.start + w.start, self.start + w.end),
                    })
                    .collect(),
            ),
            K::Maintainer | K::User | K::Workdir | K::Stopsignal => {
                Args::Text(self.word(self.start, self.end))
            }
            K::Onbuild => {
                let inner = read_instruction(
                    self.line,
                    self.start,
                    self.end,
                    self.map,
                    self.escape,
                    self.problems,
                );
                Args::Onbuild(Box::new(inner))
            }
            K::Unknown => self.unknown(keyword),
        }
    }

    fn unknown(&mut self, keyword: &str) -> Args {
        let message = match suggest_keyword(keyword) {
            Some(s) if !keyword.is_empty() => {
                format!("unknown instruction: {keyword} (did you mean {s}?)")
            }
            _ if keyword.is_empty() => "empty instruction".to_owned(),
            _ => format!("unknown instruction: {keyword}"),
        };
        self.problems.push(LineProblem {
            code: "unknown-instruction",
            message,
            start: self.start,
            end: self.end,
            fatal: false,
        });
        Args::Unknown(self.word(self.start, self.end))
    }

    fn whitespace_words(&self) -> Args {
        let words = split_whitespace(self.text())
            .into_iter()
            .map(|(s, e)| self.word(self.start + s, self.start + e))
            .collect();
        Args::Words(words)
    }

    /// `Some` when the arguments are a valid JSON array; a valid array with
    /// a non-string element is BuildKit's one hard JSON error.
    fn json(&mut self) -> Option<Args> {
        if !self.text().starts_with('[') {
            return None;
        }
        let items = json::parse_array(self.text())?;
        if items.iter().any(|i| i.value.is_none()) {
            self.problem("json-not-strings", NOT_STRING_ARRAY.to_owned(), true);
            return None;
        }
        Some(Args::Json(
            items.into_iter().map(|i| self.json_word(i)).collect(),
        ))
    }

    fn json_word(&self, item: JsonItem) -> Word {
        Word {
            value: item.value.unwrap_or_default(),
            span: self
                .map
                .span(self.start + item.start, self.start + item.end),
        }
    }

    /// RUN, CMD, ENTRYPOINT, SHELL and a HEALTHCHECK's command: JSON if it
    /// is a valid array, else the text as one shell string.
    fn maybe_json(&mut self, from: usize) -> Args {
        let saved = self.start;
        self.start = from;
        let args = if self.text().is_empty() {
            Args::Empty
        } else {
            self.json().unwrap_or_else(|| {
                Args::Shell(ShellText {
                    text: self.text().to_owned(),
                    span: self.map.span(self.start, self.end),
                    logical_start: self.start,
                })
            })
        };
        self.start = saved;
        args
    }

    fn healthcheck(&mut self) -> Args {
        let text = self.text();
        let sep = text.find(char::is_whitespace).unwrap_or(text.len());
        let next = sep + text[sep..].len() - text[sep..].trim_start().len();
        let kind = self.word(self.start, self.start + sep);
        let command = self.maybe_json(self.start + next);
        Args::Healthcheck {
            kind,
            command: Box::new(command),
        }
    }

    /// ENV and LABEL: `k=v k2="v 2"` pairs, or the legacy `k v w` where
    /// the whole rest is the value.
    fn name_values(&mut self) -> Args {
        let name = self.kind.as_str();
        let words = parse_words(self.text(), self.escape);
        let Some(first) = words.first() else {
            return Args::Empty;
        };
        if !first.text.contains('=') {
            let parts = split_whitespace(self.text());
            let key_end = self.start + parts[0].1;
            let value_start = parts.get(1).map(|p| self.start + p.0);
            let key = self.word(self.start, key_end);
            let value = value_start.map(|s| self.word(s, self.end));
            if value.is_none() {
                self.problem(
                    "missing-value",
                    format!("{name} must have two arguments"),
                    true,
                );
            }
            return Args::KeyValues(vec![KeyValue {
                key,
                value,
                legacy: true,
            }]);
        }
        let mut pairs = Vec::new();
        for w in &words {
            let (s, e) = (self.start + w.start, self.start + w.end);
            match w.text.find('=') {
                Some(_) => {
                    // The word is verbatim source text, so '=' sits at the same offset.
                    let eq = s + self.line[s..e].find('=').unwrap_or(0);
                    pairs.push(KeyValue {
                        key: self.word(s, eq),
                        value: Some(self.word(eq + 1, e)),
                        legacy: false,
                    });
                }
                None => self.problems.push(LineProblem {
                    code: "missing-equals",
                    message: format!(
                        "Syntax error - can't find = in {}. Must be of the form: name=value",
                        super::dump::go_quote(&w.text)
                    ),
                    start: s,
                    end: e,
                    fatal: true,
                }),
            }
        }
        Args::KeyValues(pairs)
    }
}

/// The known keyword closest to a misspelt one, if any is close.
fn suggest_keyword(word: &str) -> Option<&'static str> {
    let upper = word.to_ascii_uppercase();
    InstructionKind::ALL
        .iter()
        .map(|k| (edit_distance(&upper, k.as_str()), k.as_str()))
        .filter(|&(d, k)| d <= 2 && d < k.len() / 2 + 1)
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_keyword() {
        assert_eq!(suggest_keyword("FORM"), Some("FROM"));
        assert_eq!(suggest_keyword("copy"), Some("COPY"));
        assert_eq!(suggest_keyword("RUNN"), Some("RUN"));
        assert_eq!(suggest_keyword("BANANA"), None);
    }
}
