use super::util;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `cd` in a RUN.
    ///
    /// ## Why it matters
    /// A `cd` lasts only until the end of its RUN, so the next RUN starts
    /// in the old directory again; readers (and later edits) easily lose
    /// track of where commands run. `WORKDIR` sets the directory for every
    /// following instruction, creates it if needed, and shows in the
    /// image's config.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN cd /usr/src/app && make
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// WORKDIR /usr/src/app
    /// RUN make
    /// ```
    /// A `cd` inside a subshell (`(cd sub && make)`) is sometimes the
    /// clearest way to build in a subdirectory; ignore the rule there with
    /// `# hadolint ignore=DL3003`.
    pub struct CdInsteadOfWorkdir {
        id: "cd-instead-of-workdir",
        name: "Use WORKDIR to switch to a directory",
        aliases: &["DL3003"],
        severity: Warning,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for CdInsteadOfWorkdir {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            if let Some(call) = util::calls_named(run, "cd").next() {
                out.push(cx.finding(
                    &Self::META,
                    call.span,
                    "use WORKDIR to switch to a directory",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CdInsteadOfWorkdir;
    use crate::lint::testing::findings;

    #[test]
    fn flags_cd() {
        let found = findings(
            &CdInsteadOfWorkdir,
            "FROM debian\nRUN cd /src && make && cd /tmp\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 5));
        assert_eq!(
            findings(
                &CdInsteadOfWorkdir,
                "FROM debian\nRUN <<EOF\ncd /src\nEOF\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn workdir_and_mentions_of_cd_are_fine() {
        for text in [
            "FROM debian\nWORKDIR /src\nRUN make\n",
            "FROM debian\nRUN echo cd /src\n",
            "FROM debian\nRUN [\"make\", \"-C\", \"/src\"]\n",
        ] {
            assert!(findings(&CdInsteadOfWorkdir, text).is_empty(), "{text}");
        }
    }
}
