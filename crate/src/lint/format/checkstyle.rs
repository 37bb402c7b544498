//! Checkstyle XML, as CI dashboards read it.

use super::FileFindings;
use crate::lint::rule::Severity;

/// Text safe in an XML attribute: markup characters as entities, line
/// breaks and tabs as character references, and the control characters
/// XML 1.0 forbids replaced.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push('\u{fffd}');
            }
            c => out.push(c),
        }
    }
    out
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "info",
    }
}

pub fn render(files: &[FileFindings]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for file in files {
        out.push_str(&format!("  <file name=\"{}\">\n", escape(file.file)));
        for f in file.findings {
            let source = match f.aliases.first() {
                Some(code) => format!("{} ({code})", f.rule),
                None => f.rule.to_owned(),
            };
            out.push_str(&format!(
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
                f.line,
                f.column,
                severity(f.severity),
                escape(&f.message),
                escape(&source),
            ));
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(
            super::escape("a<b>&\"c'\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10;\u{fffd}"
        );
    }
}
