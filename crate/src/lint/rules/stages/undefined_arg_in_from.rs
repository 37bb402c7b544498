use super::util::from_words;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::span::Span;
use crate::syntax::{Args, InstructionKind};
use crate::vars::process_word;
use crate::vars::scope::is_predefined_arg;

declare_rule! {
    /// ## What it does
    /// Flags a variable in `FROM` (the image or `--platform`) that no `ARG`
    /// before the first `FROM` declares, suggesting a close declared name.
    /// Predefined arguments such as `$BUILDPLATFORM` and `$TARGETARCH` are
    /// fine.
    ///
    /// ## Why it matters
    /// `FROM` only sees global ARGs. An undeclared variable expands to
    /// nothing, so a typo gives an empty or wrong image name.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG NODE_VERSION=22
    /// FROM node:${NODE_VERISON}-slim
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// ARG NODE_VERSION=22
    /// FROM node:${NODE_VERSION}-slim
    /// ```
    pub struct UndefinedArgInFrom {
        id: "undefined-arg-in-from",
        name: "FROM uses an undeclared ARG",
        aliases: &["UndefinedArgInFrom"],
        severity: Warning,
        category: BaseImage,
        fixable: false,
        enabled_by_default: true,
    }
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The declared name closest to `name`, if close enough to be a typo.
fn suggest<'a>(name: &str, declared: &'a [(String, String)]) -> Option<&'a str> {
    declared
        .iter()
        .map(|(n, _)| {
            (
                distance(&name.to_lowercase(), &n.to_lowercase()),
                n.as_str(),
            )
        })
        .filter(|(d, n)| *d <= (n.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

impl Rule for UndefinedArgInFrom {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let mut declared: Vec<(String, String)> = Vec::new();
        let mut global = true;
        for (_, ins) in cx.instructions() {
            match (ins.kind, &ins.args) {
                (InstructionKind::Arg, Args::Words(words)) if global => {
                    for w in words {
                        let name = w.value.split_once('=').map_or(w.value.as_str(), |(n, _)| n);
                        declared.push((name.to_owned(), String::new()));
                    }
                }
                (InstructionKind::From, _) => {
                    global = false;
                    let mut words: Vec<(&str, Span)> = Vec::new();
                    if let Some(w) = from_words(ins) {
                        words.push((&w[0].value, w[0].span));
                    }
                    if let Some(f) = ins.flag("platform")
                        && let Some(v) = &f.value
                    {
                        words.push((v, f.value_span.unwrap_or(f.span)));
                    }
                    for (text, span) in words {
                        let Ok(expanded) = process_word(text, &declared, cx.document().escape)
                        else {
                            continue;
                        };
                        for name in expanded.unmatched() {
                            if is_predefined_arg(name) {
                                continue;
                            }
                            let hint = suggest(name, &declared)
                                .map(|s| format!(" (did you mean `{s}`?)"))
                                .unwrap_or_default();
                            out.push(cx.finding(
                                &Self::META,
                                span,
                                format!("FROM uses `${name}`, which no global ARG declares{hint}"),
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UndefinedArgInFrom;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&UndefinedArgInFrom, text).len()
    }

    #[test]
    fn flags_undeclared_args() {
        let found = findings(
            &UndefinedArgInFrom,
            "ARG NODE_VERSION=22\nFROM node:${NODE_VERISON}-slim\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 6));
        assert!(found[0].message.contains("did you mean `NODE_VERSION`"));
        assert_eq!(count("FROM $IMAGE\n"), 1);
        assert_eq!(count("FROM alpine:3\nARG TAG=3\nFROM alpine:$TAG\n"), 1);
        assert_eq!(count("FROM --platform=$PLATFORM alpine:3\n"), 1);
    }

    #[test]
    fn accepts_declared_and_predefined() {
        assert_eq!(count("ARG IMAGE\nFROM $IMAGE\n"), 0);
        assert_eq!(count("ARG V=3 W\nFROM alpine:${V}\nFROM $W\n"), 0);
        assert_eq!(count("FROM --platform=$BUILDPLATFORM golang:1.23\n"), 0);
        assert_eq!(count("FROM alpine:3\n"), 0);
    }
}
