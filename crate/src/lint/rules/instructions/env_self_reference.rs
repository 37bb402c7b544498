use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::Base;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags an `ENV` whose value refers to a variable that the same `ENV`
    /// defines and that was not defined before it.
    ///
    /// ## Why it matters
    /// All values of one `ENV` are expanded with the variables as they were
    /// before the instruction. In `ENV DIR=/app BIN=$DIR/bin`, `$DIR` is
    /// still empty, so `BIN` becomes `/bin`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV DIR=/app BIN=$DIR/bin
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// ENV DIR=/app
    /// ENV BIN=$DIR/bin
    /// ```
    ///
    /// ## Differences from hadolint
    /// A variable counts as defined before when an `ARG` or `ENV` of the
    /// same stage, or of a stage it is built on, sets it; hadolint looks at
    /// every earlier line of the file, whatever the stage.
    pub struct EnvSelfReference {
        id: "env-self-reference",
        name: "ENV refers to a variable it defines itself",
        aliases: &["DL3044"],
        severity: Error,
        category: Instructions,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Whether `text` expands `$name` or `${name...}`: outside single quotes,
/// not escaped, and not the start of a longer name.
pub(super) fn refers_to(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    let mut single = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\'' => single = !single,
            b'$' if !single => {
                let rest = &text[i + 1..];
                let (braced, rest) = match rest.strip_prefix('{') {
                    Some(r) => (true, r),
                    None => (false, rest),
                };
                if let Some(after) = rest.strip_prefix(name) {
                    let next = after.bytes().next();
                    let ends = match next {
                        Some(c) if braced => c == b'}' || c == b':',
                        Some(c) => !(c.is_ascii_alphanumeric() || c == b'_'),
                        None => !braced,
                    };
                    if ends {
                        return true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// Names ARG and ENV set in `stage` before instruction `before`, and in
/// the stages it is built on.
fn defined_before(cx: &LintContext, stage_index: usize, before: usize, names: &mut Vec<String>) {
    let Some(stage) = cx.model().stages.get(stage_index) else {
        return;
    };
    for &i in stage.instructions.iter().filter(|&&i| i < before) {
        match &cx.document().instructions[i].args {
            Args::KeyValues(pairs)
                if cx.document().instructions[i].kind == InstructionKind::Env =>
            {
                names.extend(pairs.iter().map(|p| p.key.value.clone()));
            }
            Args::Words(words) if cx.document().instructions[i].kind == InstructionKind::Arg => {
                names.extend(
                    words
                        .iter()
                        .map(|w| w.value.split('=').next().unwrap_or("").to_owned()),
                );
            }
            _ => {}
        }
    }
    if let Base::Stage { index } = stage.base {
        defined_before(cx, index, usize::MAX, names);
    }
}

impl Rule for EnvSelfReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (i, ins) in cx.instructions() {
            let (InstructionKind::Env, Args::KeyValues(pairs)) = (&ins.kind, &ins.args) else {
                continue;
            };
            if pairs.len() < 2 {
                continue;
            }
            let mut before = Vec::new();
            if let Some(stage) = cx.stage_of(i) {
                defined_before(cx, stage.index, i, &mut before);
            }
            for (n, pair) in pairs.iter().enumerate() {
                let Some(value) = &pair.value else { continue };
                let used: Vec<&str> = pairs
                    .iter()
                    .enumerate()
                    .filter(|&(m, other)| m != n && !before.contains(&other.key.value))
                    .map(|(_, other)| other.key.value.as_str())
                    .filter(|name| refers_to(&value.value, name))
                    .collect();
                for name in used {
                    out.push(cx.finding(
                        &Self::META,
                        value.span,
                        format!(
                            "`{}` uses `${name}`, which this same ENV defines: the value expands before it is set",
                            pair.key.value
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{EnvSelfReference, refers_to};
    use crate::lint::testing::findings;

    #[test]
    fn references_are_found_like_the_shell_would() {
        assert!(refers_to("$DIR/bin", "DIR"));
        assert!(refers_to("${DIR}/bin", "DIR"));
        assert!(refers_to("${DIR:-/x}", "DIR"));
        assert!(refers_to("\"$DIR\"", "DIR"));
        assert!(!refers_to("$DIRECTORY", "DIR"));
        assert!(!refers_to("'$DIR'", "DIR"));
        assert!(!refers_to("\\$DIR", "DIR"));
        assert!(!refers_to("DIR", "DIR"));
    }

    #[test]
    fn flags_a_reference_to_a_sibling() {
        let text = "FROM alpine\nENV DIR=/app BIN=$DIR/bin\nENV A=${B} B=1\n";
        let found = findings(&EnvSelfReference, text);
        let at: Vec<_> = found.iter().map(|f| (f.line, f.column)).collect();
        assert_eq!(at, [(2, 18), (3, 7)]);
    }

    #[test]
    fn earlier_definitions_and_own_name_are_fine() {
        for text in [
            "FROM alpine\nENV DIR=/srv\nENV DIR=/app BIN=$DIR/bin\n",
            "FROM alpine\nARG DIR\nENV DIR=/app BIN=$DIR/bin\n",
            "FROM alpine AS base\nENV DIR=/srv\nFROM base\nENV DIR=/app BIN=$DIR/bin\n",
            "FROM alpine\nENV PATH=/app/bin:$PATH HOME=/app\n",
            "FROM alpine\nENV DIR=/app\nENV BIN=$DIR/bin\n",
        ] {
            assert!(findings(&EnvSelfReference, text).is_empty(), "{text}");
        }
    }
}
