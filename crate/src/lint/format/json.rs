//! An array of findings, each with its file.

use serde::Serialize;

use super::FileFindings;
use crate::lint::finding::Finding;

#[derive(Serialize)]
struct Row<'a> {
    file: &'a str,
    #[serde(flatten)]
    finding: &'a Finding,
}

pub fn render(files: &[FileFindings]) -> String {
    let rows: Vec<_> = files
        .iter()
        .flat_map(|f| {
            f.findings.iter().map(move |finding| Row {
                file: f.file,
                finding,
            })
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}
