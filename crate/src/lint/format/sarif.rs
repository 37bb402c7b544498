//! SARIF 2.1.0: one run, the registry's rules as the driver's rules.

use serde_json::{Value, json};

use super::{FileFindings, char_offset};
use crate::lint::finding::Finding;
use crate::lint::registry;
use crate::lint::rule::Severity;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

fn result(file: &FileFindings, f: &Finding, index: Option<usize>) -> Value {
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": file.file },
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                }
            }
        }],
    });
    if let Some(i) = index {
        r["ruleIndex"] = json!(i);
    }
    if !f.aliases.is_empty() {
        r["properties"] = json!({ "aliases": f.aliases });
    }
    if let Some(fix) = &f.fix {
        let replacements: Vec<_> = fix
            .edits
            .iter()
            .map(|e| {
                let start = char_offset(file.source, e.span.start);
                let end = char_offset(file.source, e.span.end);
                json!({
                    "deletedRegion": { "charOffset": start, "charLength": end - start },
                    "insertedContent": { "text": e.replacement },
                })
            })
            .collect();
        r["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{
                "artifactLocation": { "uri": file.file },
                "replacements": replacements,
            }],
        }]);
    }
    r
}

pub fn render(files: &[FileFindings]) -> String {
    let mut ids: Vec<&str> = Vec::new();
    let mut rules: Vec<Value> = registry::all()
        .map(|r| {
            let m = r.meta();
            ids.push(m.id);
            json!({
                "id": m.id,
                "name": m.name,
                "shortDescription": { "text": m.name },
                "fullDescription": { "text": m.name },
                "help": { "text": m.docs, "markdown": m.docs },
                "defaultConfiguration": { "level": level(m.severity), "enabled": m.enabled_by_default },
                "properties": { "aliases": m.aliases, "category": m.category },
            })
        })
        .collect();
    if files
        .iter()
        .any(|f| f.findings.iter().any(|x| x.rule == "parse-error"))
    {
        ids.push("parse-error");
        rules.push(json!({
            "id": "parse-error",
            "name": "Parse error",
            "shortDescription": { "text": "The Dockerfile does not parse" },
            "defaultConfiguration": { "level": "error" },
            "properties": { "aliases": ["DL1000"] },
        }));
    }
    let results: Vec<_> = files
        .iter()
        .flat_map(|file| {
            let ids = &ids;
            file.findings
                .iter()
                .map(move |f| result(file, f, ids.iter().position(|id| *id == f.rule)))
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "layerlab",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/layerlab/layerlab",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into())
}
