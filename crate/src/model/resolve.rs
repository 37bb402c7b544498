//! The walk over the instructions that builds stages and resolves ARG and
//! ENV with BuildKit's scoping rules (see [`crate::vars::Scope`]).

use super::runs::{RunContext, analyze_run};
use super::stages::{Base, Stage};
use super::state::InstructionState;
use super::{Model, Options, Problem};
use crate::syntax::{Args, Document, Instruction, InstructionKind, Word};
use crate::vars::{Env, Scope};

const DEFAULT_SHELL: [&str; 2] = ["/bin/sh", "-c"];
/// BuildKit's default on Windows images.
const WINDOWS_SHELL: [&str; 3] = ["cmd", "/S", "/C"];

/// Windows base images, by the names Microsoft publishes them under. The
/// platform is not in the Dockerfile, so this is read from the reference.
fn is_windows_image(reference: &str) -> bool {
    let r = reference.to_ascii_lowercase();
    ["windows", "nanoserver", "servercore"]
        .iter()
        .any(|w| r.contains(w))
}

pub(super) struct Resolver<'a> {
    doc: &'a Document,
    scope: Scope,
    stages: Vec<Stage>,
    /// Per stage: the SHELL in force and the WORKDIR, inherited by stages
    /// built on it.
    shells: Vec<Vec<String>>,
    workdirs: Vec<Option<String>>,
    users: Vec<Option<String>>,
    model: Model,
}

impl<'a> Resolver<'a> {
    pub fn new(doc: &'a Document, options: &Options) -> Self {
        let mut scope = Scope::new(options.build_args.clone());
        scope.set_escape(doc.escape);
        Self {
            doc,
            scope,
            stages: Vec::new(),
            shells: Vec::new(),
            workdirs: Vec::new(),
            users: Vec::new(),
            model: Model {
                stages: Vec::new(),
                global_args: Vec::new(),
                runs: Vec::new(),
                problems: Vec::new(),
                states: Vec::new(),
            },
        }
    }

    fn problem(&mut self, code: &'static str, message: String, offset: usize) {
        let at = self.doc.position(offset);
        self.model.problems.push(Problem {
            code,
            message,
            line: at.line,
            column: at.column,
        });
    }

    pub fn run(mut self) -> Model {
        for (i, ins) in self.doc.instructions.iter().enumerate() {
            if ins.kind != InstructionKind::From {
                let state = self.snapshot();
                self.model.states.push(state);
            }
            match ins.kind {
                InstructionKind::From => self.from(i, ins),
                InstructionKind::Arg => self.arg(ins),
                InstructionKind::Env => self.env(ins),
                InstructionKind::Shell => self.shell(ins),
                InstructionKind::Workdir => self.workdir(ins),
                InstructionKind::User => self.user(ins),
                InstructionKind::Run if !self.stages.is_empty() => self.run_instruction(i, ins),
                _ => {}
            }
            if ins.kind != InstructionKind::From
                && let Some(stage) = self.stages.last_mut()
            {
                stage.instructions.push(i);
            }
        }
        self.model.global_args = self
            .scope
            .global()
            .snapshot()
            .vars
            .into_iter()
            .map(|v| (v.name, v.value))
            .collect();
        self.model.stages = self.stages;
        self.model
    }

    /// The state the next instruction of the current stage executes in.
    fn snapshot(&self) -> Option<InstructionState> {
        let stage = self.stages.len().checked_sub(1)?;
        Some(InstructionState {
            stage,
            vars: self.scope.current()?.snapshot(),
            workdir: self.workdirs[stage].clone(),
            user: self.users[stage].clone(),
            shell: self.shells[stage].clone(),
        })
    }

    fn from(&mut self, index: usize, ins: &Instruction) {
        let Args::Words(words) = &ins.args else {
            self.problem(
                "from-without-image",
                "FROM needs an image or a stage name".into(),
                ins.span.start,
            );
            self.enter(index, ins, None, Base::Unresolved { raw: String::new() });
            return;
        };
        let name = match words.as_slice() {
            [_, r#as, name] if r#as.value.eq_ignore_ascii_case("as") => {
                Some(name.value.to_lowercase())
            }
            [_] => None,
            _ => {
                self.problem(
                    "from-arguments",
                    "FROM takes an image and optionally `AS name`".into(),
                    ins.span.start,
                );
                None
            }
        };
        let raw = &words[0];
        let base = match self
            .scope
            .lexer()
            .process_word(&raw.value, self.scope.global())
        {
            Ok(e) if e.value.is_empty() => Base::Unresolved {
                raw: raw.value.clone(),
            },
            Ok(e) if e.value.eq_ignore_ascii_case("scratch") => Base::Scratch,
            Ok(e) => {
                let lower = e.value.to_lowercase();
                match self
                    .stages
                    .iter()
                    .position(|s| s.name.as_deref() == Some(lower.as_str()))
                {
                    Some(index) => Base::Stage { index },
                    None => Base::Image { reference: e.value },
                }
            }
            Err(e) => {
                self.problem("expansion", e.message.clone(), raw.span.start + e.offset());
                Base::Unresolved {
                    raw: raw.value.clone(),
                }
            }
        };
        self.enter(index, ins, name, base);
    }

    fn enter(&mut self, index: usize, ins: &Instruction, name: Option<String>, base: Base) {
        let parent = match base {
            Base::Stage { index } => Some(index),
            _ => None,
        };
        let stage = self.scope.enter_stage(name.as_deref(), parent);
        let inherit = |v: &Vec<Option<String>>| parent.and_then(|p| v[p].clone());
        let workdir = inherit(&self.workdirs);
        self.workdirs.push(workdir);
        let user = inherit(&self.users);
        self.users.push(user);
        let shell = match (&base, parent) {
            (_, Some(p)) => self.shells[p].clone(),
            (Base::Image { reference }, _) if is_windows_image(reference) => {
                WINDOWS_SHELL.map(String::from).to_vec()
            }
            _ => DEFAULT_SHELL.map(String::from).to_vec(),
        };
        self.shells.push(shell);
        self.stages.push(Stage {
            index: stage,
            name,
            base,
            platform: ins.flag("platform").and_then(|f| f.value.clone()),
            instructions: vec![index],
            line: ins.start_line,
        });
        let state = self.snapshot();
        self.model.states.push(state);
    }

    fn arg(&mut self, ins: &Instruction) {
        let Args::Words(words) = &ins.args else {
            return;
        };
        for Word { value, span } in words {
            let (name, default) = match value.split_once('=') {
                Some((n, d)) => (n, Some(d)),
                None => (value.as_str(), None),
            };
            if let Err(e) = self.scope.declare_arg(name, default) {
                self.problem(
                    "expansion",
                    e.message.clone(),
                    span.start + name.len() + 1 + e.offset(),
                );
            }
        }
    }

    fn env(&mut self, ins: &Instruction) {
        let Args::KeyValues(pairs) = &ins.args else {
            return;
        };
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .filter_map(|p| Some((p.key.value.as_str(), p.value.as_ref()?.value.as_str())))
            .collect();
        if let Err(e) = self.scope.env_instruction(&pairs) {
            self.problem("expansion", e.message.clone(), ins.span.start);
        }
    }

    fn shell(&mut self, ins: &Instruction) {
        match (&ins.args, self.shells.last_mut()) {
            (Args::Json(words), Some(shell)) if !words.is_empty() => {
                *shell = words.iter().map(|w| w.value.clone()).collect();
            }
            (Args::Json(_), _) | (_, None) => {}
            _ => self.problem(
                "shell-not-json",
                "SHELL requires the arguments to be in JSON form".into(),
                ins.span.start,
            ),
        }
    }

    /// WORKDIR is expanded with the stage's variables and resolved against
    /// the previous one when relative.
    fn workdir(&mut self, ins: &Instruction) {
        let Args::Text(word) = &ins.args else { return };
        let Some(stage) = self.scope.current() else {
            return;
        };
        let path = match self.scope.lexer().process_word(&word.value, stage) {
            Ok(e) => e.value,
            Err(e) => {
                self.problem("expansion", e.message.clone(), word.span.start + e.offset());
                return;
            }
        };
        if let Some(current) = self.workdirs.last_mut() {
            *current = Some(join_path(current.as_deref().unwrap_or("/"), &path));
        }
    }

    /// USER is expanded with the stage's variables, as BuildKit does.
    fn user(&mut self, ins: &Instruction) {
        let Args::Text(word) = &ins.args else { return };
        let Some(stage) = self.scope.current() else {
            return;
        };
        let user = match self.scope.lexer().process_word(&word.value, stage) {
            Ok(e) => e.value,
            Err(_) => word.value.clone(),
        };
        if let Some(current) = self.users.last_mut() {
            *current = Some(user);
        }
    }

    fn run_instruction(&mut self, index: usize, ins: &Instruction) {
        let stage = self.stages.len() - 1;
        let scope = self.scope.current();
        let lookup = |name: &str| scope.and_then(|s| s.get(name)).map(str::to_owned);
        let cx = RunContext {
            doc: self.doc,
            index,
            stage,
            shell: &self.shells[stage],
            workdir: self.workdirs[stage].clone(),
            lookup: &lookup,
        };
        let analysis = analyze_run(ins, &cx);
        self.model.runs.push(analysis);
    }
}

/// `base` joined with `path` the way WORKDIR does it: absolute paths
/// replace, relative ones append; `.` and `..` are resolved.
pub(crate) fn join_path(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::join_path;

    #[test]
    fn workdir_paths_join_like_buildkit() {
        assert_eq!(join_path("/", "app"), "/app");
        assert_eq!(join_path("/app", "src/../lib"), "/app/lib");
        assert_eq!(join_path("/app", "/srv"), "/srv");
    }
}
