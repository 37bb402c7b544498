//! The build state one instruction executes in: what BuildKit folds into a
//! step's cache key besides the instruction itself, and what the simulator
//! needs to place files (working directory, user).

use serde::Serialize;

use crate::vars::{self, Env, Origin, Snapshot};

/// Variables, working directory, user and shell in force for one
/// instruction, before it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstructionState {
    /// The stage (index into `Model::stages`).
    pub stage: usize,
    /// ENV, ARG values and base-image ENV visible to the instruction.
    pub vars: Snapshot,
    /// The resolved WORKDIR; `None` when the Dockerfile has not set one
    /// (the base image's applies).
    pub workdir: Option<String>,
    /// The expanded USER; `None` when not set in the Dockerfile.
    pub user: Option<String>,
    /// The SHELL in force.
    pub shell: Vec<String>,
}

impl InstructionState {
    /// The environment a RUN gets: every visible variable (ENV and ARG
    /// values alike, as BuildKit adds ARGs to the step's environment).
    pub fn run_env(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars
            .vars
            .iter()
            .filter(|v| v.origin != Origin::Builtin)
            .map(|v| (v.name.as_str(), v.value.as_str()))
    }

    /// `word` expanded with this state's variables; the raw word when the
    /// expansion fails (the analysis already reported that).
    pub fn expand(&self, word: &str, escape: char) -> String {
        match vars::process_word(word, self, escape) {
            Ok(e) => e.value,
            Err(_) => word.to_string(),
        }
    }
}

impl Env for InstructionState {
    fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .vars
            .iter()
            .rev()
            .find(|v| v.name == name)
            .map(|v| v.value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use crate::report;

    #[test]
    fn states_follow_env_workdir_and_user() {
        let r = report::analyze(
            "ARG V=1\nFROM alpine\nARG V\nENV A=x\nWORKDIR /app\nUSER $A\nRUN true\n",
        );
        let run = r.model.state(6).unwrap();
        assert_eq!(run.workdir.as_deref(), Some("/app"));
        assert_eq!(run.user.as_deref(), Some("x"));
        let env: Vec<_> = run.run_env().collect();
        assert!(
            env.contains(&("V", "1")) && env.contains(&("A", "x")),
            "{env:?}"
        );
        assert_eq!(run.expand("$A/$V", '\\'), "x/1");
        // The ENV line itself runs before its own assignment.
        assert!(r.model.state(3).unwrap().run_env().all(|(k, _)| k != "A"));
        assert!(r.model.state(0).is_none());
        assert_eq!(r.model.states.len(), r.document.instructions.len());
    }
}
