//! GitHub Actions workflow commands: each finding becomes an annotation.

use super::FileFindings;
use crate::lint::rule::Severity;

/// A message: `%`, CR and LF escaped.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "notice",
    }
}

pub fn render(files: &[FileFindings]) -> String {
    let mut out = String::new();
    for file in files {
        for f in file.findings {
            let title = match f.aliases.first() {
                Some(code) => format!("{} ({code})", f.rule),
                None => f.rule.to_owned(),
            };
            out.push_str(&format!(
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                command(f.severity),
                escape_property(file.file),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&title),
                escape_data(&f.message),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::escape_data("50%\r\na:b,c"), "50%25%0D%0Aa:b,c");
        assert_eq!(super::escape_property("50%\na:b,c"), "50%25%0Aa%3Ab%2Cc");
    }
}
