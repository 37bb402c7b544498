//! Helpers shared by the shell rules.

use crate::model::RunAnalysis;
use crate::shell::parse::CommandCall;

/// The calls of an interpreted RUN that run a command (not bare
/// assignments), wherever they are nested.
pub fn calls(run: &RunAnalysis) -> impl Iterator<Item = &CommandCall> {
    run.script
        .calls
        .iter()
        .filter(move |c| run.interpreted && !c.argv.words.is_empty())
}

/// The calls named `name` in an interpreted RUN.
pub fn calls_named<'a>(
    run: &'a RunAnalysis,
    name: &'a str,
) -> impl Iterator<Item = &'a CommandCall> {
    calls(run).filter(move |c| c.argv.name() == Some(name))
}

/// Whether a call's arguments hold `flag` (`--progress`, `--progress=x`) or,
/// for a one-letter flag, the letter in a short-option cluster (`-l` in `-lm`).
pub fn has_flag(call: &CommandCall, long: &[&str], short: &[char]) -> bool {
    for word in call.argv.args() {
        let Some(v) = word.value.as_deref() else {
            continue;
        };
        if v == "--" {
            break;
        }
        if let Some(name) = v.strip_prefix("--") {
            let name = name.split('=').next().unwrap_or(name);
            if long.iter().any(|l| l.trim_start_matches('-') == name) {
                return true;
            }
        } else if let Some(cluster) = v.strip_prefix('-')
            && cluster.chars().next().is_some_and(|c| short.contains(&c))
        {
            return true;
        } else if let Some(cluster) = v.strip_prefix('-')
            && cluster.chars().all(|c| c.is_ascii_alphabetic())
            && cluster.chars().any(|c| short.contains(&c))
        {
            return true;
        }
    }
    false
}
