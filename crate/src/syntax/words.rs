//! The three ways BuildKit's parser cuts a line into words: builder flags,
//! quote-aware words (ENV, LABEL, ARG) and plain whitespace splitting
//! (FROM, EXPOSE, ...). Offsets are byte offsets into the text given.

/// BuildKit splits keywords and plain words on these, and only these.
pub(crate) fn is_split_space(c: char) -> bool {
    matches!(c, '\t' | '\u{0B}' | '\u{0C}' | '\r' | ' ')
}

/// Byte ranges of the words of `text` separated by runs of [`is_split_space`].
pub(crate) fn split_whitespace(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_split_space(c), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// `text` without leading and trailing Unicode white space, as a range.
pub(crate) fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        (end, end)
    } else {
        (start + lead, end - trail)
    }
}

/// BuildKit reads flags byte by byte; only ASCII white space is taken here so
/// that a split never falls inside a multi-byte character.
fn is_flag_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// A flag word found before an instruction's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawFlag {
    /// Quotes and backslash escapes removed.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Reads leading `--flag` words the way BuildKit does: a word counts only
/// if it starts with `--`; a lone `--` ends the flags and is dropped. Flags
/// always escape with a backslash, whatever `# escape=` says. Returns the
/// flags and the offset where the arguments start.
pub(crate) fn extract_flags(text: &str) -> (Vec<RawFlag>, usize) {
    let bytes = text.as_bytes();
    let mut flags = Vec::new();
    let mut pos = 0;
    loop {
        while pos < bytes.len() && is_flag_space(bytes[pos]) {
            pos += 1;
        }
        if pos >= bytes.len() || !text[pos..].starts_with("--") {
            return (flags, pos.min(text.len()));
        }
        let start = pos;
        let mut word = Vec::new();
        let mut quote: Option<u8> = None;
        while pos < bytes.len() {
            let b = bytes[pos];
            match quote {
                None if is_flag_space(b) => break,
                None if b == b'\'' || b == b'"' => quote = Some(b),
                Some(q) if b == q => quote = None,
                _ if b == b'\\' => {
                    if pos + 1 < bytes.len() {
                        pos += 1;
                        word.push(bytes[pos]);
                    }
                }
                _ => word.push(b),
            }
            pos += 1;
        }
        let word = String::from_utf8_lossy(&word).into_owned();
        if word == "--" && pos < bytes.len() {
            return (flags, pos);
        }
        if word != "--" {
            flags.push(RawFlag {
                text: word,
                start,
                end: pos,
            });
        }
    }
}

/// A quote-aware word: quotes and escapes stay in the text, as BuildKit's
/// parser leaves them for later expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawWord {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Splits on white space outside quotes; `escape` protects the character
/// after it (except inside single quotes). An empty quoted word counts.
pub(crate) fn parse_words(text: &str, escape: char) -> Vec<RawWord> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut blank_ok = false;
    let mut chars = text.char_indices().peekable();
    while let Some((pos, ch)) = chars.next() {
        if let Some(q) = quote {
            if ch == q {
                quote = None;
            }
            if ch == escape && q != '\'' {
                match chars.next() {
                    None => {
                        quote = None;
                        continue;
                    }
                    Some((_, next)) => {
                        word.push(ch);
                        word.push(next);
                        continue;
                    }
                }
            }
            word.push(ch);
            continue;
        }
        if !in_word {
            if ch.is_whitespace() {
                continue;
            }
            in_word = true;
            start = pos;
        }
        if ch.is_whitespace() {
            if blank_ok || !word.is_empty() {
                words.push(RawWord {
                    text: std::mem::take(&mut word),
                    start,
                    end: pos,
                });
            }
            word.clear();
            in_word = false;
            blank_ok = false;
            continue;
        }
        if ch == '\'' || ch == '"' {
            quote = Some(ch);
            blank_ok = true;
        }
        if ch == escape {
            match chars.next() {
                None => continue,
                Some((_, next)) => {
                    word.push(ch);
                    word.push(next);
                    continue;
                }
            }
        }
        word.push(ch);
    }
    if in_word && (blank_ok || !word.is_empty()) {
        words.push(RawWord {
            text: word,
            start,
            end: text.len(),
        });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[RawWord]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn flags_stop_at_the_first_plain_word() {
        let (flags, rest) = extract_flags("--from=build --chown=\"a b\" src dst");
        assert_eq!(
            flags.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(),
            ["--from=build", "--chown=a b"]
        );
        assert_eq!(&"--from=build --chown=\"a b\" src dst"[rest..], "src dst");
    }

    #[test]
    fn a_lone_double_dash_ends_the_flags() {
        let text = "--doit=true -- foo /tmp/";
        let (flags, rest) = extract_flags(text);
        assert_eq!(flags.len(), 1);
        assert_eq!(text[rest..].trim(), "foo /tmp/");
        let (flags, rest) = extract_flags("--doit --");
        assert_eq!(flags.len(), 1);
        assert_eq!(rest, 9);
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        assert_eq!(
            texts(&parse_words(r#"abc="123 456" def"#, '\\')),
            [r#"abc="123 456""#, "def"]
        );
        assert_eq!(
            texts(&parse_words(r"name=value\ value2", '\\')),
            [r"name=value\ value2"]
        );
        assert_eq!(texts(&parse_words(r#"a='x\' b"#, '\\')), [r"a='x\'", "b"]);
        assert_eq!(texts(&parse_words(r#""""#, '\\')), [r#""""#]);
    }

    #[test]
    fn whitespace_split_ignores_quotes() {
        let text = "img AS \"b c\"";
        let words: Vec<_> = split_whitespace(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(words, ["img", "AS", "\"b", "c\""]);
    }
}
