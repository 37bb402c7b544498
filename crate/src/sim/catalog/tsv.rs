//! The shape all the catalog's data files share: `#` header lines (`#
//! source: ...`, `# date: ...`), then one tab-separated record per line.

/// One line of a data file.
pub(super) enum Line<'a> {
    /// A `#` line, without the `#` and trimmed.
    Header(&'a str),
    /// A record: its 1-based line number and its fields.
    Row { line: usize, fields: Vec<&'a str> },
}

/// The non-empty lines of `text`.
pub(super) fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    text.lines().enumerate().filter_map(|(n, line)| {
        if let Some(h) = line.strip_prefix('#') {
            Some(Line::Header(h.trim()))
        } else if line.trim().is_empty() {
            None
        } else {
            Some(Line::Row {
                line: n + 1,
                fields: line.split('\t').collect(),
            })
        }
    })
}

/// The value of a `key: value` header line, if it is that key's.
pub(super) fn header<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    Some(line.strip_prefix(key)?.strip_prefix(':')?.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_rows_and_blank_lines() {
        let got: Vec<String> = lines("# source: x\n\na\tb\n  \n#date:d\n")
            .map(|l| match l {
                Line::Header(h) => format!("h {h}"),
                Line::Row { line, fields } => format!("{line} {}", fields.join("|")),
            })
            .collect();
        assert_eq!(got, ["h source: x", "3 a|b", "h date:d"]);
        assert_eq!(header("source: x", "source"), Some("x"));
        assert_eq!(header("release: y", "source"), None);
    }
}
