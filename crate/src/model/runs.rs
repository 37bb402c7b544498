//! What each `RUN` runs: its shell script (shell form, exec form or a
//! heredoc body) parsed by the shell parser, with spans in the Dockerfile,
//! and a command model for every call.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Problem;
use crate::shell::argv::ArgWord;
use crate::shell::models::shells::XARGS_INPUT;
use crate::shell::models::{CommandModel, recognize};
use crate::shell::parse::SourceMap as ShellMap;
use crate::shell::parse::{CommandCall, Via};
use crate::shell::{ParseOptions, Script, ShellSpec, parse_exec_form, parse_script};
use crate::syntax::{Args, Document, Instruction};

/// How the RUN gives its command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunForm {
    Shell,
    Exec,
    /// `RUN <<EOF` or a command reading a heredoc.
    Heredoc,
}

/// One command call of a RUN, with its model.
#[derive(Debug, Clone, Serialize)]
pub struct CommandInfo {
    /// The command as a model looks it up (`apt-get` for `/usr/bin/apt-get`).
    pub name: String,
    /// A model exists and the arguments parse under it.
    pub recognized: bool,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Run inside another call (`sh -c`, `$(...)`, `xargs`, `gosu`...).
    pub nested: bool,
    /// Index of the call in the RUN's [`Script::calls`].
    pub call: usize,
    pub model: CommandModel,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunAnalysis {
    /// Index of the RUN in the document's instructions.
    pub instruction: usize,
    pub stage: usize,
    pub line: usize,
    pub end_line: usize,
    pub form: RunForm,
    /// False when the shell is not a POSIX shell (PowerShell, cmd) or the
    /// script is for another interpreter; `reason` says which.
    pub interpreted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub commands: Vec<CommandInfo>,
    /// Shell syntax problems in the script.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
    /// The parsed script, for rules and the simulator.
    #[serde(skip)]
    pub script: Script,
}

/// Where a RUN is and what surrounds it.
pub(super) struct RunContext<'a> {
    pub doc: &'a Document,
    pub index: usize,
    pub stage: usize,
    pub shell: &'a [String],
    pub workdir: Option<String>,
    pub lookup: &'a dyn Fn(&str) -> Option<String>,
}

pub(super) fn analyze_run(ins: &Instruction, cx: &RunContext) -> RunAnalysis {
    let options = |source_map| ParseOptions {
        shell: ShellSpec::from_argv(cx.shell),
        vars: Some(cx.lookup),
        cwd: cx.workdir.clone(),
        source_map,
    };
    let (form, script) = match &ins.args {
        Args::Json(words) => {
            let argv = words
                .iter()
                .map(|w| ArgWord {
                    value: Some(w.value.clone()),
                    raw: cx.doc.text(w.span).to_owned(),
                    span: w.span,
                })
                .collect();
            (
                RunForm::Exec,
                parse_exec_form(argv, &options(ShellMap::default())),
            )
        }
        Args::Shell(shell) if !ins.heredocs.is_empty() => {
            (RunForm::Heredoc, heredoc_script(ins, shell, cx, &options))
        }
        Args::Shell(shell) => {
            let pieces = ins
                .source_map
                .pieces(shell.logical_start, shell.logical_start + shell.text.len());
            (
                RunForm::Shell,
                parse_script(&shell.text, &options(ShellMap::from_segments(&pieces))),
            )
        }
        _ => (
            RunForm::Shell,
            parse_script("", &options(ShellMap::default())),
        ),
    };
    let position = |offset| cx.doc.position(offset);
    // Functions the script defines are known commands: their bodies' calls
    // are listed (and modelled) on their own.
    let functions: BTreeSet<&str> = script
        .calls
        .iter()
        .filter_map(|c| c.context.function.as_deref())
        .collect();
    let commands = script
        .calls
        .iter()
        .filter(|c| !c.argv.words.is_empty())
        .map(|call| {
            let model = model_call(call, &functions);
            let (start, end) = (position(call.span.start), position(call.span.end));
            CommandInfo {
                name: model.command.clone(),
                recognized: model.recognized,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                nested: call.parent.is_some(),
                call: call.id,
                model,
            }
        })
        .collect();
    let problems = script
        .diagnostics
        .iter()
        .map(|d| {
            let at = position(d.span.start);
            Problem {
                code: "shell-syntax",
                message: d.message.clone(),
                line: at.line,
                column: at.column,
            }
        })
        .collect();
    RunAnalysis {
        instruction: cx.index,
        stage: cx.stage,
        line: ins.start_line,
        end_line: ins.end_line,
        form,
        interpreted: script.interpreted,
        reason: script.reason.clone(),
        commands,
        problems,
        script,
    }
}

fn model_call(call: &CommandCall, functions: &BTreeSet<&str>) -> CommandModel {
    if let Some(name) = call.argv.name().filter(|n| functions.contains(n)) {
        let mut model = CommandModel::new(name.to_owned());
        model.model = Some("function");
        model.note("a function defined earlier in this RUN");
        return model;
    }
    if call.via == Some(Via::Xargs) {
        // xargs appends what it reads from standard input: unknown until run time.
        let mut argv = call.argv.clone();
        let end = call.span.end;
        argv.words.push(ArgWord {
            value: None,
            raw: XARGS_INPUT.to_owned(),
            span: crate::span::Span::new(end, end),
        });
        return recognize(&argv);
    }
    recognize(&call.argv)
}

/// `RUN <<EOF` runs the body as the script; any other command line runs in
/// the shell with the heredocs as its input, so the shell reads the command
/// line and the bodies together, exactly as they stand in the file.
fn heredoc_script<'a>(
    ins: &Instruction,
    shell: &crate::syntax::ShellText,
    cx: &RunContext,
    options: &dyn Fn(ShellMap) -> ParseOptions<'a>,
) -> Script {
    let only_marker = ins.heredocs.len() == 1 && is_lone_marker(&shell.text);
    if only_marker {
        let body = &ins.heredocs[0];
        if let Some(interpreter) = foreign_shebang(&body.body) {
            let mut script = parse_script("", &options(ShellMap::default()));
            script.interpreted = false;
            script.reason = Some(format!(
                "the heredoc is a script for {interpreter}, not the shell"
            ));
            return script;
        }
        return parse_script(&body.body, &options(ShellMap::offset(body.body_span.start)));
    }
    let start = shell.span.start;
    let text = cx
        .doc
        .text(crate::span::Span::new(start, ins.span.end.max(start)));
    parse_script(text, &options(ShellMap::offset(start)))
}

/// `<<EOF`, `<<-'EOF'`... with nothing else on the command line.
fn is_lone_marker(text: &str) -> bool {
    let text = text.trim();
    !text.contains(char::is_whitespace)
        && text
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with("<<")
}

/// The interpreter of a `#!` line that is not a POSIX shell.
fn foreign_shebang(body: &str) -> Option<String> {
    let line = body.lines().next()?.strip_prefix("#!")?;
    let mut words = line.split_whitespace();
    let mut program = words.next()?.rsplit('/').next()?;
    if program == "env" {
        program = words.find(|w| !w.starts_with('-'))?;
    }
    (!matches!(program, "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh")).then(|| program.to_owned())
}
