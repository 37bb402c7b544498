use super::util::{cache_mount, env_set, insert_after, installs};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `pip install` without `--no-cache-dir`.
    ///
    /// ## Why it matters
    /// pip keeps every downloaded wheel in `~/.cache/pip`; in an image that
    /// cache is never used again and can weigh hundreds of MiB (PyTorch's
    /// wheels alone are over 700 MiB).
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    /// The fix adds `--no-cache-dir` after `install`. Also fine:
    /// `ENV PIP_NO_CACHE_DIR=1` earlier in the stage (or on the command),
    /// or a cache mount that keeps the cache out of the layer:
    /// `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.
    ///
    /// ## Differences from hadolint
    /// A cache or tmpfs mount on `/root/.cache/pip` (or `/root/.cache`)
    /// silences the rule, as does `PIP_NO_CACHE_DIR=1 pip install ...` on the
    /// command line.
    pub struct PipNoCache {
        id: "pip-no-cache-dir",
        name: "pip install without --no-cache-dir",
        aliases: &["DL3042"],
        severity: Warning,
        category: Packages,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for PipNoCache {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, inst) in cx.runs() {
            if cache_mount(inst, &["/root/.cache/pip"]) {
                continue;
            }
            for site in installs(run, &[Manager::Pip]) {
                if site.options.no_cache
                    || env_set(cx, run.instruction, site.call, "PIP_NO_CACHE_DIR")
                {
                    continue;
                }
                let mut finding = cx.finding(
                    &Self::META,
                    site.call.span,
                    "pip install without `--no-cache-dir` leaves downloaded packages in ~/.cache/pip",
                );
                if let Some(edit) = insert_after(cx, site.call, "install", " --no-cache-dir") {
                    finding = finding.with_fix("Add --no-cache-dir", vec![edit]);
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PipNoCache;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_a_missing_flag() {
        let text = "FROM python:3.12\nRUN pip install -r requirements.txt\n";
        assert_eq!(findings(&PipNoCache, text).len(), 1);
        assert_eq!(
            apply_fixes(&PipNoCache, text),
            "FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n"
        );
        for text in [
            "FROM python:3.12\nRUN python3 -m pip install --upgrade pip==24.0\n",
            "FROM python:3.12\nRUN <<EOF\npip3 install flask==3.0.3\nEOF\n",
            "FROM python:3.12\nRUN --mount=type=cache,target=/root/.npm pip install flask==3.0.3\n",
            "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install x==1\n",
        ] {
            assert_eq!(findings(&PipNoCache, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts_flag_env_and_cache_mounts() {
        for text in [
            "FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3\n",
            "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n",
            "FROM python:3.12\nENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=off\nRUN pip install flask==3.0.3\n",
            "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3\n",
            "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n",
            "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\n",
            "FROM python:3.12\nRUN pip freeze\n",
        ] {
            assert!(findings(&PipNoCache, text).is_empty(), "{text}");
        }
    }
}
