//! BuildKit's AST dump (`(*parser.Node).Dump()`), the format of its parser
//! test corpus: one `(keyword ["flags"] "arg" ...)` line per instruction.

use std::fmt::Write;

use super::ast::{Args, Document, Instruction, KeyValue};

/// The dump of the whole document, ending with one newline.
pub fn buildkit_dump(doc: &Document) -> String {
    let mut out = String::new();
    for ins in &doc.instructions {
        out.push('(');
        dump_instruction(ins, &mut out);
        out.push_str(")\n");
    }
    out
}

fn dump_instruction(ins: &Instruction, out: &mut String) {
    out.push_str(&ins.keyword.to_lowercase());
    if !ins.flags.is_empty() {
        out.push_str(" [");
        for (i, f) in ins.flags.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&go_quote(&f.text));
        }
        out.push(']');
    }
    dump_args(&ins.args, out);
}

fn dump_args(args: &Args, out: &mut String) {
    let mut quoted = |s: &str| {
        out.push(' ');
        out.push_str(&go_quote(s));
    };
    match args {
        Args::Empty => {}
        Args::Words(words) | Args::Json(words) => words.iter().for_each(|w| quoted(&w.value)),
        Args::Shell(shell) => quoted(&shell.text),
        Args::Text(word) => quoted(&word.value),
        Args::KeyValues(pairs) => {
            for KeyValue { key, value, legacy } in pairs {
                quoted(&key.value);
                quoted(value.as_ref().map_or("", |v| v.value.as_str()));
                quoted(if *legacy { "" } else { "=" });
            }
        }
        Args::Healthcheck { kind, command } => {
            quoted(&kind.value);
            dump_args(command, out);
        }
        Args::Onbuild(inner) => {
            out.push_str(" (");
            dump_instruction(inner, out);
            out.push(')');
        }
        // BuildKit's parser keeps nothing of an unknown instruction's text.
        Args::Unknown(_) => quoted(""),
    }
}

/// Go's `strconv.Quote`: `"`-wrapped, with Go's escapes for anything that
/// is not printable.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{C}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{B}' => out.push_str("\\v"),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols
/// and the ASCII space. Without Unicode category tables this treats the
/// control, format, separator, private-use and non-character code points
/// as unprintable and everything else as printable, which differs from Go
/// only for unassigned code points.
fn is_go_printable(c: char) -> bool {
    let u = c as u32;
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let format = matches!(
        u,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    );
    let private = matches!(u, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    let nonchar = (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE;
    !(format || private || nonchar)
}

#[cfg(test)]
mod tests {
    use super::go_quote;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("\t\n\u{0}\u{7f}"), r#""\t\n\x00\x7f""#);
        assert_eq!(go_quote("♥ ☃"), "\"♥ ☃\"");
        assert_eq!(
            go_quote("\u{a0}\u{200b}\u{feff}"),
            r#""\u00a0\u200b\ufeff""#
        );
        assert_eq!(go_quote("\u{e0001}"), r#""\U000e0001""#);
    }
}
