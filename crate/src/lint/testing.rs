//! Helpers for rule tests: run one rule on a text, apply its fixes.

use super::config::Config;
use super::finding::Finding;
use super::rule::Rule;
use crate::report;

/// The findings of `rule` alone on `text` (pragmas not applied).
pub fn findings(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    let report = report::analyze(text);
    let mut out = Vec::new();
    rule.check(&super::LintContext::new(&report), &mut out);
    out
}

/// The findings of `rule` alone on `text` under a configuration given as
/// `.hadolint.yaml` text.
pub fn findings_with(rule: &dyn Rule, text: &str, config: &str) -> Vec<Finding> {
    let report = report::analyze(text);
    let (config, _) = Config::parse(config).expect("test configuration parses");
    let mut out = Vec::new();
    rule.check(&super::LintContext::with_config(&report, &config), &mut out);
    out
}

/// `text` with every fix of `rule` applied (edits must not overlap).
pub fn apply_fixes(rule: &dyn Rule, text: &str) -> String {
    let mut edits: Vec<_> = findings(rule, text)
        .into_iter()
        .filter_map(|f| f.fix)
        .flat_map(|f| f.edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_owned();
    for e in edits {
        out.replace_range(e.span.start..e.span.end, &e.replacement);
    }
    out
}
