//! Suppressions users already write: hadolint's `# hadolint ignore=...`
//! (next instruction) and `# hadolint global ignore=...` (whole file),
//! BuildKit's `# check=skip=...` directive (whole file) and the same
//! `# check=skip=...` comment right above an instruction, and hadolint's
//! `# hadolint stage ignore=...` right above a FROM (that whole stage).
//! Codes may be
//! hadolint or BuildKit codes or Layerlab ids.

use super::finding::Finding;
use super::rule::RuleMeta;
use crate::span::Span;
use crate::syntax::{Document, InstructionKind};

#[derive(Debug, Default)]
pub struct Suppressions {
    global: Vec<String>,
    /// Codes ignored within a span (an instruction).
    local: Vec<(Span, Vec<String>)>,
    skip_all: bool,
}

/// The codes of `ignore=A,B` up to the first space or `#`.
fn codes(list: &str) -> Vec<String> {
    list.split(|c: char| c.is_whitespace() || c == '#')
        .next()
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect()
}

/// `skip=A,B;error=true` → the skipped codes.
fn check_skips(value: &str) -> Vec<String> {
    value
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("skip="))
        .flat_map(|list| list.split(',').map(|c| c.trim().to_owned()))
        .filter(|c| !c.is_empty())
        .collect()
}

/// The stage whose FROM comes on the line right after `offset`: from that
/// FROM to just before the next one (or the end of the file). `None` when
/// the next line is not a FROM.
fn stage_after(doc: &Document, offset: usize) -> Option<Span> {
    let mut after = doc.instructions.iter().filter(|i| i.span.start >= offset);
    let from = after.next().filter(|i| i.kind == InstructionKind::From)?;
    // hadolint wants it right above the FROM: no blank line in between.
    let gap = doc.source.get(offset..from.span.start)?;
    if !gap.trim().is_empty() || gap.matches('\n').count() > 1 {
        return None;
    }
    let end = after
        .find(|i| i.kind == InstructionKind::From)
        .map_or(doc.source.len(), |next| next.span.start.saturating_sub(1));
    Some(Span::new(from.span.start, end.max(from.span.end)))
}

impl Suppressions {
    pub fn read(doc: &Document) -> Self {
        let mut s = Self::default();
        if let Some(check) = doc.directive("check") {
            s.global.extend(check_skips(&check.value));
        }
        for comment in &doc.comments {
            let text = comment.text.trim();
            let (global, codes) = if let Some(rest) = text.strip_prefix("hadolint") {
                let rest = rest.trim_start();
                if let Some(stage) = rest.strip_prefix("stage") {
                    if let Some(list) = stage.trim_start().strip_prefix("ignore=") {
                        if let Some(span) = stage_after(doc, comment.span.end) {
                            s.local.push((span, codes(list)));
                        }
                    }
                    continue;
                }
                match rest.strip_prefix("global") {
                    Some(g) => match g.trim_start().strip_prefix("ignore=") {
                        Some(list) => (true, codes(list)),
                        None => continue,
                    },
                    None => match rest.strip_prefix("ignore=") {
                        Some(list) => (false, codes(list)),
                        None => continue,
                    },
                }
            } else if let Some(value) = text.strip_prefix("check=") {
                (false, check_skips(value))
            } else {
                continue;
            };
            if global {
                s.global.extend(codes);
            } else if let Some(ins) = doc
                .instructions
                .iter()
                .find(|i| i.span.start >= comment.span.end)
            {
                s.local.push((ins.span, codes));
            }
        }
        s.skip_all = s.global.iter().any(|c| c.eq_ignore_ascii_case("all"));
        s
    }

    pub fn suppresses(&self, rule: &RuleMeta, finding: &Finding) -> bool {
        let named = |codes: &[String]| codes.iter().any(|c| rule.answers_to(c));
        // BuildKit's `skip=all` covers BuildKit's own checks only.
        let buildkit_rule = rule.aliases.iter().any(|a| {
            a.chars().next().is_some_and(char::is_uppercase)
                && !a.starts_with("DL")
                && !a.starts_with("SC")
        });
        (self.skip_all && buildkit_rule)
            || named(&self.global)
            || self.local.iter().any(|(span, codes)| {
                span.start <= finding.span.start && finding.span.start <= span.end && named(codes)
            })
    }
}
