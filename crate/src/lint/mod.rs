//! Lint rules over the syntax tree and the analysis: hadolint's and
//! BuildKit's checks (under their codes as aliases) and Layerlab's own.
//!
//! Each rule lives in its own file under `rules/<family>/`, declared with
//! [`declare_rule!`] so that its documentation (what it does, why it
//! matters, an example, the fix) is both its doc comment and the text
//! `layerlab rules` prints.

pub mod context;
pub mod finding;
pub mod pragma;
pub mod registry;
pub mod rule;
pub mod rules;
#[cfg(test)]
pub mod testing;

pub use context::LintContext;
pub use finding::{Edit, Finding, Fix};
pub use rule::{Category, Rule, RuleMeta, Severity};

use crate::report::Report;

/// Runs every enabled rule and drops what pragmas and `# check=` suppress.
/// Findings come sorted by position.
pub fn lint(report: &Report) -> Vec<Finding> {
    let cx = LintContext::new(report);
    let suppressions = pragma::Suppressions::read(&report.document);
    let mut findings = Vec::new();
    for rule in registry::all() {
        let meta = rule.meta();
        if !meta.enabled_by_default {
            continue;
        }
        let mut found = Vec::new();
        rule.check(&cx, &mut found);
        findings.extend(
            found
                .into_iter()
                .filter(|f| !suppressions.suppresses(meta, f)),
        );
    }
    findings.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
    findings
}
