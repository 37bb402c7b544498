//! Which shell runs a `RUN` line, from the Dockerfile's `SHELL` instruction.

use serde::Serialize;

/// The family of the shell that reads the script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShellKind {
    /// POSIX sh and its relatives (dash, ash, busybox sh, ksh, mksh).
    Sh,
    /// Bash (brace expansion, `[[`, arrays...).
    Bash,
    /// Zsh: read as bash, close enough for what we extract.
    Zsh,
    /// PowerShell or pwsh: not interpreted.
    PowerShell,
    /// Windows `cmd.exe`: not interpreted.
    Cmd,
    /// Something else, by its program name: not interpreted.
    Other(String),
}

impl ShellKind {
    /// Whether this parser understands the shell's language.
    pub fn is_posix(&self) -> bool {
        matches!(self, Self::Sh | Self::Bash | Self::Zsh)
    }

    /// The kind of a shell program, by path or name (`/bin/bash`,
    /// `powershell.exe`, `C:\Windows\System32\cmd.exe`).
    pub fn from_program(program: &str) -> Self {
        let base = program.rsplit(['/', '\\']).next().unwrap_or(program);
        let lower = base.to_ascii_lowercase();
        let name = lower.strip_suffix(".exe").unwrap_or(&lower);
        match name {
            "sh" | "dash" | "ash" | "ksh" | "mksh" | "posh" | "busybox" | "yash" => Self::Sh,
            "bash" => Self::Bash,
            "zsh" => Self::Zsh,
            "powershell" | "pwsh" => Self::PowerShell,
            "cmd" => Self::Cmd,
            _ => Self::Other(base.to_string()),
        }
    }
}

/// The shell a script runs under and the options its command line sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShellSpec {
    pub kind: ShellKind,
    /// `-e` given on the shell's command line.
    pub errexit: bool,
    /// `-o pipefail` given on the shell's command line.
    pub pipefail: bool,
}

impl Default for ShellSpec {
    /// Docker's default, `["/bin/sh", "-c"]`.
    fn default() -> Self {
        Self {
            kind: ShellKind::Sh,
            errexit: false,
            pipefail: false,
        }
    }
}

impl ShellSpec {
    /// Reads a `SHELL` instruction's argv, e.g. `["/bin/bash", "-eo",
    /// "pipefail", "-c"]` or `["powershell", "-Command"]`.
    pub fn from_argv<S: AsRef<str>>(argv: &[S]) -> Self {
        // `["/usr/bin/env", "bash", "-c"]`: the shell is the first operand.
        let skip = match argv.first().map(AsRef::as_ref) {
            Some(p) if p.rsplit('/').next() == Some("env") => {
                1 + argv[1..]
                    .iter()
                    .take_while(|a| a.as_ref().starts_with('-') || a.as_ref().contains('='))
                    .count()
            }
            _ => 0,
        };
        let argv = &argv[skip.min(argv.len())..];
        let Some(program) = argv.first() else {
            return Self::default();
        };
        let mut kind = ShellKind::from_program(program.as_ref());
        let mut args = argv[1..].iter().map(AsRef::as_ref).peekable();
        if kind == ShellKind::Sh && program.as_ref().ends_with("busybox") {
            // `busybox sh -c`: the applet decides.
            if let Some(applet) = args.next() {
                kind = ShellKind::from_program(applet);
            }
        }
        let mut spec = Self {
            kind,
            errexit: false,
            pipefail: false,
        };
        if !spec.kind.is_posix() {
            return spec;
        }
        let (e, p) = scan_shell_flags(args);
        spec.errexit = e.unwrap_or(false);
        spec.pipefail = p.unwrap_or(false);
        spec
    }
}

/// Reads `-e`, `+e`, `-o pipefail`, `-eo pipefail`, `-o errexit` from shell
/// or `set` arguments, stopping at the first operand; `None` when not set.
pub(crate) fn scan_shell_flags<'a>(
    args: impl IntoIterator<Item = &'a str>,
) -> (Option<bool>, Option<bool>) {
    let (mut errexit, mut pipefail) = (None, None);
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--" || a == "-" {
            break;
        }
        let on = match a.as_bytes().first() {
            Some(b'-') => true,
            Some(b'+') => false,
            _ => break,
        };
        if a.starts_with("--") {
            continue;
        }
        for c in a[1..].chars() {
            match c {
                'e' => errexit = Some(on),
                'o' => match args.next() {
                    Some("pipefail") => pipefail = Some(on),
                    Some("errexit") => errexit = Some(on),
                    Some(_) => {}
                    None => return (errexit, pipefail),
                },
                _ => {}
            }
        }
    }
    (errexit, pipefail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        assert_eq!(scan_shell_flags(["-eux"]), (Some(true), None));
        assert_eq!(
            scan_shell_flags(["-Eeuo", "pipefail"]),
            (Some(true), Some(true))
        );
        assert_eq!(
            scan_shell_flags(["+e", "-o", "pipefail"]),
            (Some(false), Some(true))
        );
        assert_eq!(scan_shell_flags(["--", "-e"]), (None, None));
        assert_eq!(scan_shell_flags(["-o"]), (None, None));
    }

    #[test]
    fn programs() {
        assert_eq!(ShellKind::from_program("/bin/dash"), ShellKind::Sh);
        assert_eq!(
            ShellKind::from_program("PowerShell.exe"),
            ShellKind::PowerShell
        );
        assert_eq!(ShellKind::from_program("C:\\cmd.exe"), ShellKind::Cmd);
        assert_eq!(
            ShellKind::from_program("fish"),
            ShellKind::Other("fish".into())
        );
        assert_eq!(ShellSpec::from_argv::<&str>(&[]), ShellSpec::default());
        let spec = ShellSpec::from_argv(&["/usr/bin/env", "-i", "A=1", "bash", "-e", "-c"]);
        assert_eq!((spec.kind, spec.errexit), (ShellKind::Bash, true));
    }
}
