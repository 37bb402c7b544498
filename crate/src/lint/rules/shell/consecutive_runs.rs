use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::RunAnalysis;
use crate::syntax::{Instruction, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a RUN that directly follows another RUN of the same stage
    /// (comments between them do not count) when both run a single command
    /// and have the same flags (`--mount`, `--network`, ...).
    ///
    /// ## Why it matters
    /// Every RUN makes a layer. Files deleted in a later layer still take
    /// space in the earlier one, and many tiny layers slow pulls. Chaining
    /// related commands in one RUN keeps the image smaller.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl
    /// ```
    /// RUNs that already chain two or more commands are left alone, as in
    /// hadolint: they were split on purpose, usually for caching.
    pub struct ConsecutiveRuns {
        id: "consecutive-runs",
        name: "Multiple consecutive RUN instructions",
        aliases: &["DL3059"],
        severity: Info,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

/// The commands a RUN runs, nested ones (`$(pwd)`) included, as hadolint
/// counts them.
fn command_count(run: &RunAnalysis) -> usize {
    if !run.interpreted {
        return 1;
    }
    run.script
        .calls
        .iter()
        .filter(|c| !c.argv.words.is_empty())
        .count()
}

fn flags(ins: &Instruction) -> Vec<&str> {
    let mut flags: Vec<&str> = ins.flags.iter().map(|f| f.text.as_str()).collect();
    flags.sort_unstable();
    flags
}

impl Rule for ConsecutiveRuns {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let instructions = &cx.document().instructions;
        let runs: Vec<_> = cx.runs().collect();
        for pair in runs.windows(2) {
            let [(prev, prev_ins), (run, ins)] = pair else {
                continue;
            };
            let adjacent = run.instruction == prev.instruction + 1
                && run.stage == prev.stage
                && instructions[prev.instruction].kind == InstructionKind::Run
                && instructions[run.instruction].kind == InstructionKind::Run;
            if !adjacent
                || flags(prev_ins) != flags(ins)
                || command_count(prev) > 1
                || command_count(run) > 1
            {
                continue;
            }
            out.push(cx.finding(
                &Self::META,
                ins.span,
                "multiple consecutive RUN instructions: consider chaining them in one",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ConsecutiveRuns;
    use crate::lint::testing::findings;

    #[test]
    fn flags_single_command_runs_in_a_row() {
        let text = "FROM debian\nRUN echo a\n# note\nRUN echo b\nRUN [\"echo\", \"c\"]\n";
        let lines: Vec<_> = findings(&ConsecutiveRuns, text)
            .iter()
            .map(|f| f.line)
            .collect();
        assert_eq!(lines, [4, 5]);
    }

    #[test]
    fn chained_runs_other_flags_and_gaps_are_fine() {
        for text in [
            "FROM debian\nRUN echo a\nRUN echo b && echo c\n",
            "FROM debian\nRUN echo a; echo b\nRUN echo c\n",
            "FROM debian\nRUN echo a\nRUN A=$(pwd) make\n",
            "FROM debian\nRUN echo a\nRUN --mount=type=cache,target=/x echo b\n",
            "FROM debian\nRUN echo a\nENV X=1\nRUN echo b\n",
            "FROM debian\nRUN echo a\nFROM debian\nRUN echo b\n",
        ] {
            assert!(findings(&ConsecutiveRuns, text).is_empty(), "{text}");
        }
    }
}
