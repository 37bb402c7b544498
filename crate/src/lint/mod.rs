//! Lint rules over the syntax tree and the analysis: hadolint's and
//! BuildKit's checks (under their codes as aliases) and Layerlab's own.
//!
//! Each rule lives in its own file under `rules/<family>/`, declared with
//! [`declare_rule!`] so that its documentation (what it does, why it
//! matters, an example, the fix) is both its doc comment and the text
//! `layerlab rules` prints.

pub mod config;
pub mod context;
pub mod finding;
pub mod format;
pub mod pragma;
pub mod registry;
pub mod rule;
pub mod rules;
#[cfg(test)]
pub mod testing;

pub use config::{Config, FailureThreshold, LabelFormat};
pub use context::LintContext;
pub use finding::{Edit, Finding, Fix};
pub use rule::{Category, Rule, RuleMeta, Severity};

use crate::report::Report;

/// Runs every enabled rule and drops what pragmas and `# check=` suppress.
/// Findings come sorted by position.
pub fn lint(report: &Report) -> Vec<Finding> {
    lint_with(report, &Config::default())
}

/// [`lint`] under a configuration: its `ignored` codes are dropped, its
/// `override`s change the severity findings carry, and
/// `disable_ignore_pragma` turns the pragmas off.
pub fn lint_with(report: &Report, config: &Config) -> Vec<Finding> {
    run(LintContext::with_config(report, config), config)
}

/// [`lint_with`] reading an existing simulation of `report` (the playground's,
/// with the user's build context) instead of simulating it again.
pub fn lint_with_simulation(
    report: &Report,
    config: &Config,
    simulation: &crate::sim::Simulation,
) -> Vec<Finding> {
    run(
        LintContext::with_config(report, config).with_simulation(simulation),
        config,
    )
}

fn run(cx: LintContext, config: &Config) -> Vec<Finding> {
    let report = cx.report;
    let suppressions = if config.disable_ignore_pragma {
        pragma::Suppressions::default()
    } else {
        pragma::Suppressions::read(&report.document)
    };
    let mut findings = Vec::new();
    for rule in registry::all() {
        let meta = rule.meta();
        let selected = config.selected.iter().any(|c| meta.answers_to(c));
        if !(meta.enabled_by_default && config.selected.is_empty() || selected) {
            continue;
        }
        let mut found = Vec::new();
        rule.check(&cx, &mut found);
        found.retain(|f| !suppressions.suppresses(meta, f));
        config.apply(meta, &mut found);
        findings.extend(found);
    }
    findings.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
    findings
}

/// The file's parse errors as findings (hadolint reports them as DL1000),
/// so that every output format and the exit status treat them alike.
pub fn parse_error_findings(document: &crate::syntax::Document) -> Vec<Finding> {
    document
        .diagnostics
        .iter()
        .filter(|d| d.is_parse_error())
        .map(|d| Finding {
            rule: "parse-error",
            aliases: &["DL1000"],
            severity: Severity::Error,
            message: d.message.clone(),
            span: d.span,
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
            fix: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report;

    const TEXT: &str = "FROM debian:12\nMAINTAINER me\nRUN apt-get install -y curl\n";

    /// The two rules these tests are about; other rules may fire on the
    /// same text and are left out so that adding rules keeps these stable.
    fn ours(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
        findings
            .iter()
            .filter(|f| matches!(f.rule, "maintainer-deprecated" | "apt-install-recommends"))
    }

    fn rules_of(findings: &[Finding]) -> Vec<(&'static str, Severity)> {
        ours(findings).map(|f| (f.rule, f.severity)).collect()
    }

    #[test]
    fn lint_is_lint_with_the_default_config() {
        let r = report::analyze(TEXT);
        assert_eq!(lint(&r), lint_with(&r, &Config::default()));
        assert_eq!(
            rules_of(&lint(&r)),
            [
                ("maintainer-deprecated", Severity::Error),
                ("apt-install-recommends", Severity::Info)
            ]
        );
    }

    #[test]
    fn ignored_and_overrides() {
        let r = report::analyze(TEXT);
        let (c, _) = Config::parse("ignored: [dl4000]\noverride:\n  warning: [DL3015]\n").unwrap();
        assert_eq!(
            rules_of(&lint_with(&r, &c)),
            [("apt-install-recommends", Severity::Warning)]
        );
    }

    #[test]
    fn pragmas_and_disable_ignore_pragma() {
        let text = "# hadolint global ignore=DL4000\nFROM debian:12\nMAINTAINER me\n\
                    # hadolint stage ignore=DL3015\nFROM debian:12\nRUN apt-get install -y a\n\
                    # hadolint stage ignore=DL3015\n\nFROM debian:12\nRUN apt-get install -y b\n";
        let r = report::analyze(text);
        let lines: Vec<_> = ours(&lint(&r)).map(|f| f.line).collect();
        // The second stage pragma is separated from its FROM by a blank line.
        assert_eq!(lines, [10]);
        let (c, _) = Config::parse("disable-ignore-pragma: true").unwrap();
        let lines: Vec<_> = ours(&lint_with(&r, &c)).map(|f| f.line).collect();
        assert_eq!(lines, [3, 6, 10]);
    }

    #[test]
    fn parse_errors_become_dl1000() {
        let r = report::analyze("# escape=`\n# escape=`\nFROM alpine\n");
        let found = parse_error_findings(&r.document);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].aliases, found[0].severity),
            (&["DL1000"][..], Severity::Error)
        );
    }
}
