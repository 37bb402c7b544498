//! Finding `<<EOF`-style markers in a logical line, the way BuildKit does:
//! split the line into shell words keeping quotes, then read each word that
//! looks like `[fd]<<[-]NAME`.

use crate::vars::{Lexer, NoEnv};

/// A heredoc marker found in a logical line; offsets are in that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    pub name: String,
    pub expand: bool,
    pub chomp: bool,
    pub fd: Option<u32>,
    pub start: usize,
    pub end: usize,
}

/// Every heredoc marker in `line`, in order.
pub(crate) fn markers(line: &str) -> Vec<Marker> {
    if !line.contains("<<") {
        return Vec::new();
    }
    let lexer = Lexer {
        raw_quotes: true,
        raw_escapes: true,
        ..Lexer::new('\\')
    };
    // BuildKit ignores a lexing error here: the line then has no heredocs.
    let Ok(words) = lexer.process_words(line, &NoEnv) else {
        return Vec::new();
    };
    words
        .iter()
        .filter_map(|w| {
            parse_marker(&w.text).map(|m| Marker {
                start: w.span.start,
                end: w.span.end,
                ..m
            })
        })
        .collect()
}

/// `^(\d*)<<(-?)([^<]*)$`, then the name must be one shell word. It is
/// quoted (and the body therefore not expanded) when removing quotes
/// changes how many quote characters it has.
fn parse_marker(word: &str) -> Option<Marker> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let rest = word[digits..].strip_prefix("<<")?;
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let cooked = Lexer {
        skip_unset_env: true,
        ..Lexer::new('\\')
    };
    let words = cooked.process_words(rest, &NoEnv).ok()?;
    let [name] = words.as_slice() else {
        return None;
    };
    let raw = Lexer {
        raw_quotes: true,
        ..cooked
    }
    .process_words(rest, &NoEnv)
    .ok()?;
    let quotes = |s: &str| s.matches(['\'', '"']).count();
    let expand = raw.len() == 1 && quotes(&name.text) == quotes(&raw[0].text);
    Some(Marker {
        name: name.text.clone(),
        expand,
        chomp,
        fd: (digits > 0).then(|| word[..digits].parse().ok()).flatten(),
        start: 0,
        end: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, bool, bool, Option<u32>)> {
        markers(line)
            .into_iter()
            .map(|m| (m.name, m.expand, m.chomp, m.fd))
            .collect()
    }

    #[test]
    fn reads_every_marker_form() {
        assert_eq!(names("RUN <<EOF"), [("EOF".into(), true, false, None)]);
        assert_eq!(names("RUN <<-EOF"), [("EOF".into(), true, true, None)]);
        assert_eq!(names("RUN <<'EOF'"), [("EOF".into(), false, false, None)]);
        assert_eq!(names("RUN <<\"EOF\""), [("EOF".into(), false, false, None)]);
        assert_eq!(names("RUN 3<<EOF"), [("EOF".into(), true, false, Some(3))]);
        assert_eq!(names("COPY <<A <<B /dest/").len(), 2);
    }

    #[test]
    fn quoted_markers_are_not_heredocs() {
        assert!(names("RUN \"<<NOHEREDOC\"").is_empty());
        assert!(names("RUN echo a<<b").is_empty());
        assert!(names("RUN <<").is_empty());
    }

    #[test]
    fn marker_offsets_point_into_the_line() {
        let m = &markers("RUN cat <<EOF > /x")[0];
        assert_eq!((m.start, m.end), (8, 13));
    }
}
