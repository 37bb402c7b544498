use super::util::installs;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `pip install` naming packages without a version specifier
    /// (`flask==3.0.3`, `flask>=3,<4`, `flask~=3.0`).
    ///
    /// ## Why it matters
    /// An unpinned package installs the newest release on build day; a new
    /// major version can break the image without any change to the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN pip install --no-cache-dir flask gunicorn
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0
    /// ```
    /// or list them in a requirements file: `pip install -r requirements.txt`
    /// (a command with `-r` or `-c` is not checked). Local paths, archives,
    /// wheels, VCS and other URLs, and `name @ url` direct references are
    /// fine, as are editable installs (`-e .`).
    ///
    /// ## Differences from hadolint
    /// hadolint also flags local paths and VCS URLs (`pip install ./src`,
    /// `pip install git+https://github.com/org/repo@v1`); they do not come
    /// from the index, so this rule accepts them. Words are read after
    /// ARG/ENV substitution (`ARG TORCH=torch==2.3.1` then
    /// `pip install $TORCH` is pinned).
    pub struct PipPin {
        id: "pip-pin-versions",
        name: "pip install without pinned versions",
        aliases: &["DL3013"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for PipPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for site in installs(run, &[Manager::Pip]) {
                if !site.options.requirements.is_empty() {
                    continue;
                }
                let loose: Vec<String> = site
                    .packages
                    .iter()
                    .filter(|p| {
                        p.name.is_some() && !p.local && p.op.is_none() && !p.spec.contains("://")
                    })
                    .map(|p| format!("`{}`", p.spec))
                    .collect();
                if loose.is_empty() {
                    continue;
                }
                out.push(cx.finding(
                    &Self::META,
                    site.call.span,
                    format!(
                        "Pin the version of {}: use `pip install <package>==<version>` or a requirements file",
                        loose.join(", ")
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PipPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags_unpinned_packages() {
        let found = findings(
            &PipPin,
            "FROM python:3.12\nRUN pip install --no-cache-dir flask requests==2.32.3\n",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`flask`"));
        assert!(!found[0].message.contains("requests"));
        for text in [
            "FROM python:3.12\nRUN pip3 install --upgrade pip\n",
            "FROM python:3.12\nRUN python -m pip install 'uvicorn[standard]'\n",
            "FROM python:3.12\nRUN <<EOF\npip install numpy\nEOF\n",
            "FROM python:3.12\nARG P=pandas\nRUN pip install $P\n",
        ] {
            assert_eq!(findings(&PipPin, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts_specifiers_files_paths_and_urls() {
        for text in [
            "FROM python:3.12\nRUN pip install flask==3.0.3 'gunicorn>=22,<23' 'attrs~=23.2'\n",
            "FROM python:3.12\nRUN pip install 'uvicorn[standard]==0.30.1'\n",
            "FROM python:3.12\nRUN pip install -r requirements.txt\n",
            "FROM python:3.12\nRUN pip install -r requirements.txt extra\n",
            "FROM python:3.12\nRUN pip install -e .\n",
            "FROM python:3.12\nRUN pip install . ./libs/core dist/app-1.0-py3-none-any.whl\n",
            "FROM python:3.12\nRUN pip install git+https://github.com/org/repo@v1.2\n",
            "FROM python:3.12\nRUN pip install 'pkg @ https://example.com/pkg-1.0.tar.gz'\n",
            "FROM python:3.12\nARG P=pandas==2.2.2\nRUN pip install $P\n",
        ] {
            assert!(findings(&PipPin, text).is_empty(), "{text}");
        }
    }
}
