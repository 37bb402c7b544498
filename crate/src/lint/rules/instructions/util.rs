//! Helpers the instruction rules share: COPY/ADD operands, EXPOSE port
//! specs, whole-line removal.

use crate::lint::{Edit, Finding, LintContext, RuleMeta};
use crate::span::Span;
use crate::syntax::{Args, Instruction, InstructionKind, Node, Word};

/// `value` without one pair of surrounding quotes.
pub fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// The sources and the destination of a COPY or ADD, in either form.
/// `None` when there is no destination at all.
pub fn copy_operands(ins: &Instruction) -> Option<(&[Word], &Word)> {
    let (Args::Words(words) | Args::Json(words)) = &ins.args else {
        return None;
    };
    let (dest, sources) = words.split_last()?;
    Some((sources, dest))
}

/// The edit that deletes instruction `index` with its whole lines (and any
/// heredoc bodies), so no blank line is left behind.
pub fn remove_instruction(cx: &LintContext, index: usize) -> Option<Edit> {
    let span = cx.document().nodes.iter().find_map(|n| match *n {
        Node::Instruction { index: i, span } if i == index => Some(span),
        _ => None,
    })?;
    Some(Edit {
        span,
        replacement: String::new(),
    })
}

/// One EXPOSE word split BuildKit's way: `[ip:][host:]container[/proto]`.
#[derive(Debug, PartialEq, Eq)]
pub struct PortSpec<'a> {
    pub ip: Option<&'a str>,
    pub host: Option<&'a str>,
    /// A port or a `low-high` range.
    pub container: &'a str,
    pub proto: Option<&'a str>,
}

impl<'a> PortSpec<'a> {
    pub fn parse(raw: &'a str) -> Self {
        let (rest, proto) = match raw.rsplit_once('/') {
            Some((rest, proto)) => (rest, Some(proto)),
            None => (raw, None),
        };
        // An IPv6 address is bracketed, so its colons do not split.
        let (ip, rest) = match rest.strip_prefix('[').and_then(|r| r.split_once("]:")) {
            Some((ip, rest)) => (Some(ip), rest),
            None => (None, rest),
        };
        let parts: Vec<&str> = rest.split(':').collect();
        let (ip, host, container) = match parts.as_slice() {
            [c] => (ip, None, *c),
            [h, c] => (ip, Some(*h), *c),
            [i, h, c] => (Some(*i), Some(*h), *c),
            // More colons than BuildKit splits on: keep it whole, so the
            // range check finds the container port is no number.
            _ => (ip, None, rest),
        };
        let empty_to_none = |s: Option<&'a str>| s.filter(|s| !s.is_empty());
        PortSpec {
            ip: empty_to_none(ip),
            host: empty_to_none(host),
            container,
            proto,
        }
    }
}

/// Every EXPOSE word (ONBUILD EXPOSE included) with its parse; words that
/// use a variable are left out, their value is not known here.
pub fn expose_words<'a>(cx: &LintContext<'a>) -> impl Iterator<Item = (&'a Word, PortSpec<'a>)> {
    cx.instructions().flat_map(|(_, ins)| {
        let ins = ins.effective();
        let words: &[Word] = match (&ins.kind, &ins.args) {
            (InstructionKind::Expose, Args::Words(words)) => words,
            _ => &[],
        };
        words
            .iter()
            .filter(|w| !w.value.contains('$'))
            .map(|w| (w, PortSpec::parse(unquote(&w.value))))
    })
}

/// The span of `part` inside `word`, when `part` is a slice of its value
/// and the value is the source text as written.
pub fn sub_span(cx: &LintContext, word: &Word, part: &str) -> Span {
    let base = word.value.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if cx.text(word.span) == word.value && at >= base && at + part.len() <= base + word.value.len()
    {
        let start = word.span.start + (at - base);
        Span::new(start, start + part.len())
    } else {
        word.span
    }
}

/// Per stage, every `kind` instruction but the last: the ones the last
/// overrides (CMD, ENTRYPOINT, HEALTHCHECK). ONBUILD triggers do not count,
/// they run in another build.
pub fn overridden(cx: &LintContext, kind: InstructionKind) -> Vec<usize> {
    let doc = cx.document();
    let mut out = Vec::new();
    for stage in &cx.model().stages {
        let of_kind: Vec<usize> = stage
            .instructions
            .iter()
            .copied()
            .filter(|&i| doc.instructions[i].kind == kind)
            .collect();
        if let Some((_, earlier)) = of_kind.split_last() {
            out.extend_from_slice(earlier);
        }
    }
    out
}

/// The findings of a rule about repeated `kind` instructions, each with a
/// fix that removes the overridden instruction.
pub fn report_overridden(
    cx: &LintContext,
    meta: &'static RuleMeta,
    kind: InstructionKind,
    out: &mut Vec<Finding>,
) {
    let keyword = kind.as_str();
    for i in overridden(cx, kind) {
        let ins = &cx.document().instructions[i];
        let finding = cx.finding(
            meta,
            ins.keyword_span,
            format!(
                "only the last {keyword} of a stage takes effect: this one is overridden by a later {keyword}"
            ),
        );
        out.push(match remove_instruction(cx, i) {
            Some(edit) => finding.with_fix(format!("Remove the overridden {keyword}"), vec![edit]),
            None => finding,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::PortSpec;

    #[test]
    fn port_specs_split_like_buildkit() {
        let p = PortSpec::parse("80");
        assert_eq!(
            (p.ip, p.host, p.container, p.proto),
            (None, None, "80", None)
        );
        let p = PortSpec::parse("8080:80/TCP");
        assert_eq!(
            (p.host, p.container, p.proto),
            (Some("8080"), "80", Some("TCP"))
        );
        let p = PortSpec::parse("127.0.0.1:8080:80");
        assert_eq!((p.ip, p.host), (Some("127.0.0.1"), Some("8080")));
        let p = PortSpec::parse("[::1]:8080:80/udp");
        assert_eq!(
            (p.ip, p.host, p.container),
            (Some("::1"), Some("8080"), "80")
        );
        let p = PortSpec::parse("127.0.0.1::80");
        assert_eq!((p.ip, p.host, p.container), (Some("127.0.0.1"), None, "80"));
    }
}
