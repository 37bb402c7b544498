//! Code Climate's engine issues, as a JSON array.

use serde_json::json;

use super::{FileFindings, codeclimate_severity, fingerprint};
use crate::lint::registry;
use crate::lint::rule::Category;

fn categories(rule: &str) -> &'static str {
    match registry::find(rule).map(|r| r.meta().category) {
        Some(Category::Security) => "Security",
        Some(Category::Performance) => "Performance",
        Some(Category::Syntax) | None => "Bug Risk",
        Some(Category::Labels) => "Style",
        Some(_) => "Compatibility",
    }
}

pub fn render(files: &[FileFindings]) -> String {
    let issues: Vec<_> = files
        .iter()
        .flat_map(|file| {
            file.findings.iter().map(move |f| {
                json!({
                    "type": "issue",
                    "check_name": f.rule,
                    "description": f.message,
                    "categories": [categories(f.rule)],
                    "fingerprint": fingerprint(file.file, f),
                    "severity": codeclimate_severity(f.severity),
                    "location": {
                        "path": file.file,
                        "lines": { "begin": f.line, "end": f.end_line },
                    },
                })
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into())
}
