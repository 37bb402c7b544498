use super::util;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a stage that uses both `wget` and `curl`: once both have been
    /// used in a stage, every RUN of that stage that runs either one is
    /// reported.
    ///
    /// ## Why it matters
    /// Two download tools doing the same job means two packages (and their
    /// libraries) to install, patch and scan. Pick one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian
    /// RUN wget -q https://example.com/a.tgz
    /// RUN curl -fsSLO https://example.com/b.tgz
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM debian
    /// RUN curl -fsSLO https://example.com/a.tgz
    /// RUN curl -fsSLO https://example.com/b.tgz
    /// ```
    /// Stages are counted apart, as in hadolint: a builder stage may use
    /// `curl` and the final stage `wget`.
    pub struct WgetAndCurl {
        id: "wget-and-curl",
        name: "Either use wget or curl, not both",
        aliases: &["DL4001"],
        severity: Warning,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for WgetAndCurl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let mut stage = usize::MAX;
        let (mut wget, mut curl) = (false, false);
        for (run, _) in cx.runs() {
            if run.stage != stage {
                stage = run.stage;
                (wget, curl) = (false, false);
            }
            let first = util::calls(run).find(|c| matches!(c.argv.name(), Some("wget" | "curl")));
            let Some(first) = first else {
                continue;
            };
            wget |= util::calls_named(run, "wget").next().is_some();
            curl |= util::calls_named(run, "curl").next().is_some();
            if wget && curl {
                out.push(cx.finding(
                    &Self::META,
                    first.span,
                    "this stage uses both wget and curl: use one of them",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WgetAndCurl;
    use crate::lint::testing::findings;

    #[test]
    fn flags_from_the_second_tool_on() {
        let text = "FROM debian\nRUN wget -q a\nRUN curl b\nRUN wget -q c\n";
        let lines: Vec<_> = findings(&WgetAndCurl, text)
            .iter()
            .map(|f| f.line)
            .collect();
        assert_eq!(lines, [3, 4]);
        assert_eq!(
            findings(&WgetAndCurl, "FROM debian\nRUN wget -q a && curl b\n").len(),
            1
        );
    }

    #[test]
    fn one_tool_or_separate_stages_are_fine() {
        for text in [
            "FROM debian\nRUN curl a\nRUN curl b\n",
            "FROM debian AS build\nRUN curl a\nFROM debian\nRUN wget -q b\n",
            "FROM debian\nRUN apt-get install -y wget curl\n",
        ] {
            assert!(findings(&WgetAndCurl, text).is_empty(), "{text}");
        }
    }
}
