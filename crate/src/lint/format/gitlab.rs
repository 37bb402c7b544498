//! The subset of Code Climate that GitLab's code-quality report reads.

use serde_json::json;

use super::{FileFindings, codeclimate_severity, fingerprint};

pub fn render(files: &[FileFindings]) -> String {
    let issues: Vec<_> = files
        .iter()
        .flat_map(|file| {
            file.findings.iter().map(move |f| {
                json!({
                    "description": f.message,
                    "check_name": f.rule,
                    "fingerprint": fingerprint(file.file, f),
                    "severity": codeclimate_severity(f.severity),
                    "location": {
                        "path": file.file,
                        "lines": { "begin": f.line },
                    },
                })
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into())
}
