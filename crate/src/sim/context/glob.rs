//! Go's `path/filepath` pieces that BuildKit leans on, on `/`-separated
//! paths: [`clean`] (`filepath.Clean`) and [`glob_match`] (`filepath.Match`,
//! what BuildKit's copy uses for wildcard `COPY`/`ADD` sources).
//!
//! Match syntax: `*` is any run of characters except `/`, `?` is one
//! character except `/`, `[abc]`, `[a-z]`, `[^a-z]` are classes (a class may
//! match `/`), `\c` is a literal `c`. A malformed pattern is an error, found
//! anywhere in the pattern (as Go does since 1.16), not only where matching
//! stopped.

use std::fmt;

/// A malformed pattern: where (byte offset into the pattern) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub message: &'static str,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "syntax error in pattern at byte {}: {}",
            self.offset, self.message
        )
    }
}

impl std::error::Error for PatternError {}

/// One step of a compiled pattern. [`glob_match`] uses the first four;
/// `.dockerignore` patterns add the `**` forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Literal(char),
    /// `?`: one character other than `/`.
    AnyChar,
    /// `*`: any run of characters other than `/`.
    Star,
    Class(Class),
    /// `**` followed by more pattern: any run of whole directories,
    /// including none (`(.*/)?` in patternmatcher's regexp).
    AnyDirs,
    /// `**` at the end: anything at all.
    AnyRest,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
}

impl Class {
    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }

    /// Some character the class accepts, for making up an example name.
    pub(crate) fn example(&self) -> Option<char> {
        let candidates = self.ranges.iter().map(|&(lo, _)| lo);
        let fallback = ['x', 'a', '0', '_'];
        candidates
            .chain(fallback)
            .find(|&c| c != '/' && self.contains(c))
    }
}

/// Parses a class starting just after its `[` at byte `start` of `pattern`,
/// with the rules of Go's `matchChunk`/`getEsc`: non-empty, no bare `-` or
/// `]` where a character is expected, `\` escapes the next character.
/// Returns the class and the byte offset just past its `]`.
pub(crate) fn parse_class(pattern: &str, start: usize) -> Result<(Class, usize), PatternError> {
    let unclosed = PatternError {
        offset: start - 1,
        message: "unclosed character class",
    };
    let chars: Vec<(usize, char)> = pattern[start..]
        .char_indices()
        .map(|(i, c)| (i + start, c))
        .collect();
    let mut k = 0;
    let mut negated = false;
    if chars.first().is_some_and(|&(_, c)| c == '^') {
        negated = true;
        k = 1;
    }
    // One class character, possibly escaped; a bare `-` or `]` is not one.
    let one = |k: &mut usize| -> Result<char, PatternError> {
        match chars.get(*k) {
            None => Err(unclosed.clone()),
            Some(&(at, '-' | ']')) => Err(PatternError {
                offset: at,
                message: "character expected in class",
            }),
            Some(&(_, '\\')) => {
                *k += 2;
                chars
                    .get(*k - 1)
                    .map(|&(_, c)| c)
                    .ok_or_else(|| unclosed.clone())
            }
            Some(&(_, c)) => {
                *k += 1;
                Ok(c)
            }
        }
    };
    let mut ranges = Vec::new();
    loop {
        if let Some(&(at, ']')) = chars.get(k)
            && !ranges.is_empty()
        {
            return Ok((Class { negated, ranges }, at + 1));
        }
        let lo = one(&mut k)?;
        let hi = if chars.get(k).is_some_and(|&(_, c)| c == '-') {
            k += 1;
            one(&mut k)?
        } else {
            lo
        };
        // Go needs something after every range item, or the class is unclosed.
        if k >= chars.len() {
            return Err(unclosed);
        }
        ranges.push((lo, hi));
    }
}

/// Compiles a `filepath.Match` pattern.
pub(crate) fn compile_match(pattern: &str) -> Result<Vec<Token>, PatternError> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = pattern[i..].chars().next() {
        let next = i + c.len_utf8();
        match c {
            '*' => {
                tokens.push(Token::Star);
                i = next;
            }
            '?' => {
                tokens.push(Token::AnyChar);
                i = next;
            }
            '[' => {
                let (class, end) = parse_class(pattern, next)?;
                tokens.push(Token::Class(class));
                i = end;
            }
            '\\' => match pattern[next..].chars().next() {
                None => {
                    return Err(PatternError {
                        offset: i,
                        message: "trailing backslash",
                    });
                }
                Some(e) => {
                    tokens.push(Token::Literal(e));
                    i = next + e.len_utf8();
                }
            },
            _ => {
                tokens.push(Token::Literal(c));
                i = next;
            }
        }
    }
    Ok(tokens)
}

/// Whether `tokens` match all of `name`. A table over (token, position),
/// filled from the end, so stars cost no backtracking blow-up.
pub(crate) fn match_tokens(tokens: &[Token], name: &str) -> bool {
    let s: Vec<char> = name.chars().collect();
    let n = s.len();
    let width = n + 1;
    // row i: can tokens[i..] match s[j..]?
    let mut next_row = vec![false; width];
    next_row[n] = true;
    let mut row = vec![false; width];
    for token in tokens.iter().rev() {
        match token {
            Token::Literal(c) => {
                for j in 0..=n {
                    row[j] = j < n && s[j] == *c && next_row[j + 1];
                }
            }
            Token::AnyChar => {
                for j in 0..=n {
                    row[j] = j < n && s[j] != '/' && next_row[j + 1];
                }
            }
            Token::Class(class) => {
                for j in 0..=n {
                    row[j] = j < n && class.contains(s[j]) && next_row[j + 1];
                }
            }
            Token::Star => {
                row[n] = next_row[n];
                for j in (0..n).rev() {
                    row[j] = next_row[j] || (s[j] != '/' && row[j + 1]);
                }
            }
            Token::AnyRest => {
                row[n] = next_row[n];
                for j in (0..n).rev() {
                    row[j] = next_row[j] || row[j + 1];
                }
            }
            Token::AnyDirs => {
                // Skip nothing, or skip up to and including some later `/`.
                let mut after_slash = false;
                for j in (0..=n).rev() {
                    if j < n && s[j] == '/' && next_row[j + 1] {
                        after_slash = true;
                    }
                    row[j] = next_row[j] || after_slash;
                }
            }
        }
        std::mem::swap(&mut row, &mut next_row);
    }
    next_row[0]
}

/// Go's `filepath.Match(pattern, name)` on `/`-separated paths.
pub fn glob_match(pattern: &str, name: &str) -> Result<bool, PatternError> {
    Ok(go_match(&compile_match(pattern)?, name))
}

/// Matches compiled `filepath.Match` tokens the way Go does: the pattern is
/// cut into chunks at stars, and each chunk is placed at the leftmost spot
/// that works, without revisiting earlier choices. That differs from full
/// backtracking only when a class can match `/` (`*[^a]*` does not match
/// `abc/.a` in Go), and BuildKit's copy inherits Go's answer.
pub(crate) fn go_match(tokens: &[Token], name: &str) -> bool {
    let name: Vec<char> = name.chars().collect();
    // (preceded by a star, chunk of fixed-width tokens)
    let mut segments: Vec<(bool, &[Token])> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let star = tokens[i] == Token::Star;
        while i < tokens.len() && tokens[i] == Token::Star {
            i += 1;
        }
        let start = i;
        while i < tokens.len() && tokens[i] != Token::Star {
            i += 1;
        }
        segments.push((star, &tokens[start..i]));
    }
    let mut rest: &[char] = &name;
    'segments: for (index, &(star, chunk)) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        if star && chunk.is_empty() {
            // A trailing star takes the rest unless it holds a `/`.
            return !rest.contains(&'/');
        }
        if let Some(t) = match_chunk(chunk, rest)
            && (t.is_empty() || !last)
        {
            rest = t;
            continue;
        }
        if star {
            // Let the star eat one more character (never a `/`) and retry.
            let mut skip = 0;
            while skip < rest.len() && rest[skip] != '/' {
                if let Some(t) = match_chunk(chunk, &rest[skip + 1..])
                    && (!last || t.is_empty())
                {
                    rest = t;
                    continue 'segments;
                }
                skip += 1;
            }
        }
        return false;
    }
    rest.is_empty()
}

/// A star-free chunk at the start of `s`: what is left after it.
fn match_chunk<'a>(chunk: &[Token], s: &'a [char]) -> Option<&'a [char]> {
    if s.len() < chunk.len() {
        return None;
    }
    let fits = chunk.iter().zip(s).all(|(token, &c)| match token {
        Token::Literal(l) => *l == c,
        Token::AnyChar => c != '/',
        Token::Class(class) => class.contains(c),
        // Not produced by `compile_match`.
        Token::Star | Token::AnyDirs | Token::AnyRest => false,
    });
    fits.then(|| &s[chunk.len()..])
}

/// Whether a path component holds a wildcard, as BuildKit's copy decides it:
/// `*`, `?` or `[` not preceded by a `\`.
pub fn has_wildcards(component: &str) -> bool {
    let mut escaped = false;
    for c in component.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if matches!(c, '*' | '?' | '[') {
            return true;
        }
    }
    false
}

/// Go's `filepath.Clean` for `/` paths: collapse `//`, drop `.`, resolve
/// `..` lexically (never above a leading `/`), drop the trailing `/`; the
/// empty result is `.`.
pub fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|&p| p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// A path as a context-relative key: cleaned, anchored at the context root
/// (a leading `/` and any `..` that would climb above it are dropped, as
/// BuildKit resolves sources inside the context), `""` for the root itself.
pub fn context_relative(path: &str) -> String {
    clean(&format!("/{path}"))[1..].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_follows_go() {
        for (input, want) in [
            ("", "."),
            (".", "."),
            ("./a/", "a"),
            ("a//b/./c/", "a/b/c"),
            ("a/../b", "b"),
            ("a/..", "."),
            ("../a", "../a"),
            ("../../a/..", "../.."),
            ("/../a", "/a"),
            ("/", "/"),
            ("//a", "/a"),
        ] {
            assert_eq!(clean(input), want, "clean({input:?})");
        }
        assert_eq!(context_relative("/src/"), "src");
        assert_eq!(context_relative("../../etc/passwd"), "etc/passwd");
        assert_eq!(context_relative("."), "");
    }

    // Cases from Go's filepath.Match documentation and behaviour.
    #[test]
    fn glob_match_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("abc", "abc", true),
            ("*", "abc", true),
            ("*c", "abc", true),
            ("a*", "a", true),
            ("a*", "abc", true),
            ("a*", "ab/c", false),
            ("a*/b", "abc/b", true),
            ("a*/b", "a/c/b", false),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", true),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", true),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
            ("a*b?c*x", "abxbbxdbxebxczzx", true),
            ("a*b?c*x", "abxbbxdbxebxczzy", false),
            ("ab[c]", "abc", true),
            ("ab[b-d]", "abc", true),
            ("ab[e-g]", "abc", false),
            ("ab[^c]", "abc", false),
            ("ab[^e-g]", "abc", true),
            ("a\\*b", "a*b", true),
            ("a\\*b", "ab", false),
            ("a?b", "a☺b", true),
            ("a???b", "a☺b", false),
            ("[a-ζ]*", "α", true),
            ("*[a-ζ]", "A", false),
            ("a?b", "a/b", false),
            ("a*b", "a/b", false),
            ("[\\]a]", "]", true),
            ("[\\-]", "-", true),
            ("[x\\-]", "z", false),
            ("*.go", "main.go", true),
            ("*.go", "cmd/main.go", false),
            ("*x", "xxx", true),
            // Go's leftmost-chunk placement, not full backtracking: a class
            // could match the `/` here, but Go has already moved on.
            ("*[^a]*", "abc/.a", false),
            ("a*b*c", "axbxbxc", true),
        ];
        for &(pattern, name, want) in cases {
            assert_eq!(
                glob_match(pattern, name),
                Ok(want),
                "Match({pattern:?}, {name:?})"
            );
        }
    }

    #[test]
    fn malformed_patterns_are_errors_wherever_they_are() {
        for pattern in [
            "[", "[^", "[]a]", "[-]", "[x-]", "[a-b-c]", "a[", "*[", "\\", "a\\", "[\\", "[a",
            "x*[]",
        ] {
            assert!(
                glob_match(pattern, "zzz").is_err(),
                "{pattern:?} should be malformed"
            );
        }
        assert_eq!(glob_match("[", "a").unwrap_err().offset, 0);
        assert_eq!(glob_match("ab[-]", "a").unwrap_err().offset, 3);
    }

    #[test]
    fn wildcard_detection_skips_escapes() {
        assert!(has_wildcards("*.txt"));
        assert!(has_wildcards("file[0-9]"));
        assert!(has_wildcards("a?"));
        assert!(!has_wildcards("a\\*b"));
        assert!(!has_wildcards("plain.txt"));
    }
}
