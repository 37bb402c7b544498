//! The JSON ("exec") form of instructions: `["a", "b"]`. BuildKit decodes
//! it with Go's encoding/json, so this follows Go's rules exactly: what Go
//! rejects falls back to shell form, and a valid array holding anything but
//! strings is an error. Offsets of every element are kept for spans.

/// One element of a valid JSON array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonItem {
    /// The decoded string, or `None` for a number, object, nested array...
    pub value: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Deep nesting must not overflow the stack; Go gives up much later, but no
/// real Dockerfile comes near this.
const MAX_DEPTH: usize = 512;

/// Parses `text` as one JSON array. `None` means it is not valid JSON
/// (BuildKit then reads the line as shell form). Like Go's
/// `json.Decoder.Decode`, which BuildKit uses, reading stops at the array's
/// closing bracket: whatever follows it is ignored, so `CMD ["a"] b` is the
/// exec form `["a"]`.
pub(crate) fn parse_array(text: &str) -> Option<Vec<JsonItem>> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
    };
    p.ws();
    if p.peek() != Some(b'[') {
        return None;
    }
    p.pos += 1;
    let mut items = Vec::new();
    p.ws();
    if p.peek() != Some(b']') {
        loop {
            p.ws();
            let start = p.pos;
            let value = if p.peek() == Some(b'"') {
                Some(p.string()?)
            } else {
                p.value(1)?;
                None
            };
            items.push(JsonItem {
                value,
                start,
                end: p.pos,
            });
            p.ws();
            match p.bump()? {
                b',' => continue,
                b']' => break,
                _ => return None,
            }
        }
    }
    Some(items)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        self.s[self.pos..]
            .starts_with(word.as_bytes())
            .then(|| self.pos += word.len())
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'[' => {
                self.pos += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    self.value(depth + 1)?;
                    self.ws();
                    match self.bump()? {
                        b',' => {}
                        b']' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.pos += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        return None;
                    }
                    self.string()?;
                    self.ws();
                    if self.bump()? != b':' {
                        return None;
                    }
                    self.ws();
                    self.value(depth + 1)?;
                    self.ws();
                    match self.bump()? {
                        b',' => {}
                        b'}' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek()? {
            b'0' => self.pos += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(())
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.text.get(self.pos..self.pos + 4)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(hex, 16).ok()
    }

    /// A string starting at the opening quote; Go's escapes, and Go's
    /// replacement of unpaired surrogates with U+FFFD.
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let ch = rest.chars().next()?;
            self.pos += ch.len_utf8();
            match ch {
                '"' => return Some(out),
                '\u{0}'..='\u{1F}' => return None,
                '\\' => {
                    let esc = self.bump()?;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{C}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let unit = self.hex4()?;
                            out.push(self.finish_unit(unit));
                        }
                        _ => return None,
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn finish_unit(&mut self, unit: u32) -> char {
        if !(0xD800..0xE000).contains(&unit) {
            return char::from_u32(unit).unwrap_or('\u{FFFD}');
        }
        // A high surrogate pairs only with an immediately following \u low one.
        if unit < 0xDC00 && self.s[self.pos..].starts_with(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            if let Some(low) = self.hex4().filter(|l| (0xDC00..0xE000).contains(l)) {
                let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                return char::from_u32(c).unwrap_or('\u{FFFD}');
            }
            self.pos = save;
        }
        '\u{FFFD}'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Option<Vec<Option<String>>> {
        parse_array(text).map(|items| items.into_iter().map(|i| i.value).collect())
    }

    #[test]
    fn decodes_strings_like_go() {
        assert_eq!(
            values(r#"["a", "b\u0000c", "\ud83d\ude00"]"#),
            Some(vec![
                Some("a".into()),
                Some("b\0c".into()),
                Some("😀".into())
            ])
        );
        assert_eq!(
            values(r#"["\ud800x"]"#),
            Some(vec![Some("\u{FFFD}x".into())])
        );
        assert_eq!(values("[ ]"), Some(vec![]));
        assert_eq!(
            values(r#"[ "a", [ "b" ] ]"#),
            Some(vec![Some("a".into()), None])
        );
    }

    #[test]
    fn rejects_what_go_rejects() {
        for bad in [
            "['a']",
            r#"[ "a""#,
            r#"["a" "b"]"#,
            r#"["a",]"#,
            "[\"a\tb\"]",
            r#"["\x"]"#,
            "[01]",
        ] {
            assert_eq!(values(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_after_the_array_is_ignored_like_gos_decoder() {
        assert_eq!(values(r#"["a"] x"#), Some(vec![Some("a".into())]));
        assert_eq!(values(r#"["a"]]]x"#), Some(vec![Some("a".into())]));
        assert_eq!(values(r#"[1] x"#), Some(vec![None]));
    }

    #[test]
    fn element_offsets_point_at_the_quotes() {
        let items = parse_array(r#"[ "ab", "c" ]"#).unwrap();
        assert_eq!((items[0].start, items[0].end), (2, 6));
        assert_eq!((items[1].start, items[1].end), (8, 11));
    }
}
