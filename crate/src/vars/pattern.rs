//! The shell patterns of `${V#p}`, `${V%p}` and `${V/p/r}`.
//!
//! BuildKit turns these patterns into Go regular expressions (`*` becomes
//! `.*` or `.*?`, `?` becomes `.`) and uses Go's leftmost-first matching. We
//! have no regex dependency, so this is a small backtracking matcher over the
//! same three token kinds, which gives the same answers: a backtracking search
//! that tries alternatives in priority order finds exactly the leftmost-first
//! match. Failed `(token, position)` states are remembered, so the cost stays
//! polynomial whatever the pattern.

/// One token of a compiled pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// Matches itself.
    Lit(char),
    /// `?`: any one character except a newline (Go's `.`).
    Any,
    /// `*`: any run of characters without a newline.
    Star,
}

/// A compiled shell pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    toks: Vec<Tok>,
    /// `*` prefers the longest run (`##`, `%%`, `/`) or the shortest (`#`, `%`).
    greedy: bool,
}

impl Pattern {
    /// Compiles `pattern`. Only `\*`, `\?` and `\\` are valid escapes; `\}`
    /// and `\/` stand for the character itself (the backslash only protected
    /// it from ending the `${}`). Any other escape is an error, as in BuildKit.
    pub(crate) fn compile(pattern: &str, greedy: bool) -> Result<Self, String> {
        let mut toks = Vec::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            let tok = match c {
                // A run of stars matches what one star matches, in the same
                // priority order, so keep one: it bounds the search depth.
                '*' if toks.last() == Some(&Tok::Star) => continue,
                '*' => Tok::Star,
                '?' => Tok::Any,
                '\\' => match chars.next() {
                    Some(e @ ('}' | '/' | '*' | '?' | '\\')) => Tok::Lit(e),
                    Some(e) => return Err(format!("invalid escape '\\{e}'")),
                    None => return Err("invalid escape '\\' at end of pattern".to_owned()),
                },
                other => Tok::Lit(other),
            };
            toks.push(tok);
        }
        Ok(Self { toks, greedy })
    }

    /// The first match starting at or after `from` (leftmost, then by
    /// priority), as a half-open range of indexes into `hay`.
    /// `anchored` allows only a match starting at `from`.
    pub(crate) fn find(&self, hay: &[char], from: usize, anchored: bool) -> Option<(usize, usize)> {
        let mut m = Matcher::new(self, hay);
        let last = if anchored { from } else { hay.len() };
        (from..=last.min(hay.len())).find_map(|start| m.match_at(start).map(|end| (start, end)))
    }

    /// `${V#p}` / `${V##p}`: drops the matched prefix.
    pub(crate) fn trim_prefix(&self, value: &str) -> String {
        let hay: Vec<char> = value.chars().collect();
        match self.find(&hay, 0, true) {
            Some((_, end)) => hay[end..].iter().collect(),
            None => value.to_owned(),
        }
    }

    /// `${V/p/r}`: replaces the first match, verbatim.
    pub(crate) fn replace_first(&self, value: &str, replacement: &str) -> String {
        let hay: Vec<char> = value.chars().collect();
        match self.find(&hay, 0, false) {
            Some((a, b)) => {
                let mut out: String = hay[..a].iter().collect();
                out.push_str(replacement);
                out.extend(&hay[b..]);
                out
            }
            None => value.to_owned(),
        }
    }

    /// `${V//p/r}`: replaces every match. BuildKit uses Go's
    /// `Regexp.ReplaceAllString`, so the replacement is a template in which
    /// `$0` / `${0}` is the match, `$$` is `$` and other `$name`s are empty;
    /// empty matches are handled the way Go handles them.
    pub(crate) fn replace_all(&self, value: &str, replacement: &str) -> String {
        let hay: Vec<char> = value.chars().collect();
        let n = hay.len();
        let mut m = Matcher::new(self, &hay);
        let mut out = String::new();
        let (mut last_end, mut search) = (0, 0);
        while search <= n {
            let Some((a, b)) = (search..=n).find_map(|s| m.match_at(s).map(|e| (s, e))) else {
                break;
            };
            out.extend(&hay[last_end..a]);
            // No second replacement for an empty match right after a match.
            if b > last_end || a == 0 {
                expand_template(&mut out, replacement, &hay[a..b]);
            }
            last_end = b;
            search = if search + 1 > b { search + 1 } else { b };
        }
        out.extend(&hay[last_end.min(n)..]);
        out
    }
}

/// `${V%p}` / `${V%%p}`. Like BuildKit, reverses both the value and the
/// pattern (keeping each escape pair in order) and trims a prefix, because
/// a leftmost search cannot find the shortest rightmost match directly.
pub(crate) fn trim_suffix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let reversed = reverse_pattern(pattern);
    let pat = Pattern::compile(&reversed, greedy)?;
    let rev_value: String = value.chars().rev().collect();
    Ok(pat.trim_prefix(&rev_value).chars().rev().collect())
}

/// Reverses a pattern but keeps `\x` pairs as `\x`.
pub(crate) fn reverse_pattern(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = vec!['\0'; chars.len()];
    let last = chars.len().saturating_sub(1);
    let mut i = 0;
    while i < chars.len() {
        let at = last - i;
        if chars[i] == '\\' && i != last {
            out[at - 1] = '\\';
            out[at] = chars[i + 1];
            i += 2;
        } else {
            out[at] = chars[i];
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// Go's `Regexp.Expand` for a pattern without capture groups.
fn expand_template(out: &mut String, template: &str, matched: &[char]) {
    let mut rest = template;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(r) = rest.strip_prefix('$') {
            out.push('$');
            rest = r;
            continue;
        }
        match template_name(rest) {
            Some((name, after)) => {
                if name == "0" {
                    out.extend(matched);
                }
                rest = after;
            }
            None => out.push('$'),
        }
    }
    out.push_str(rest);
}

/// The `name` or `{name}` after a `$` in a template, and the text after it.
fn template_name(s: &str) -> Option<(&str, &str)> {
    let (body, brace) = match s.strip_prefix('{') {
        Some(b) => (b, true),
        None => (s, false),
    };
    let len: usize = body
        .chars()
        .take_while(|&c| super::lex::is_name_char(c))
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let (name, mut after) = body.split_at(len);
    if brace {
        after = after.strip_prefix('}')?;
    }
    Some((name, after))
}

/// Backtracking search state shared across start positions: whether a
/// pattern suffix can match from a position does not depend on where the
/// match started.
struct Matcher<'a> {
    toks: &'a [Tok],
    greedy: bool,
    hay: &'a [char],
    /// `failed[ti * (n + 1) + pos]`: the suffix from star `ti` cannot match at `pos`.
    failed: Vec<bool>,
}

/// A `*` whose candidate lengths are still being tried.
struct Choice {
    ti: usize,
    pos: usize,
    /// Next end position to try, and the last one.
    next: usize,
    stop: usize,
    done: bool,
}

impl<'a> Matcher<'a> {
    fn new(p: &'a Pattern, hay: &'a [char]) -> Self {
        let width = hay.len() + 1;
        Self {
            toks: &p.toks,
            greedy: p.greedy,
            hay,
            failed: vec![false; (p.toks.len() + 1) * width],
        }
    }

    /// The end of the highest-priority match starting at `start`. Iterative,
    /// so a long pattern cannot overflow the stack.
    fn match_at(&mut self, start: usize) -> Option<usize> {
        let n = self.hay.len();
        let mut stack: Vec<Choice> = Vec::new();
        let mut state = Some((0usize, start));
        loop {
            if let Some((mut ti, mut pos)) = state.take() {
                let mut ok = true;
                while ti < self.toks.len() && self.toks[ti] != Tok::Star {
                    let fits = match (self.toks[ti], self.hay.get(pos)) {
                        (Tok::Lit(c), Some(&h)) => c == h,
                        (Tok::Any, Some(&h)) => h != '\n',
                        _ => false,
                    };
                    if !fits {
                        ok = false;
                        break;
                    }
                    ti += 1;
                    pos += 1;
                }
                if ok && ti == self.toks.len() {
                    return Some(pos);
                }
                if ok && !self.failed[ti * (n + 1) + pos] {
                    let run = self.hay[pos..].iter().take_while(|&&c| c != '\n').count();
                    let (next, stop) = if self.greedy {
                        (pos + run, pos)
                    } else {
                        (pos, pos + run)
                    };
                    stack.push(Choice {
                        ti,
                        pos,
                        next,
                        stop,
                        done: false,
                    });
                }
            } else {
                let c = stack.last_mut()?;
                if c.done {
                    self.failed[c.ti * (n + 1) + c.pos] = true;
                    stack.pop();
                    continue;
                }
                let end = c.next;
                if end == c.stop {
                    c.done = true;
                } else if self.greedy {
                    c.next -= 1;
                } else {
                    c.next += 1;
                }
                state = Some((c.ti + 1, end));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(p: &str, greedy: bool, v: &str) -> String {
        Pattern::compile(p, greedy).unwrap().trim_prefix(v)
    }

    #[test]
    fn shortest_and_longest_prefix() {
        assert_eq!(prefix("*x*y", false, "xxyy"), "y");
        assert_eq!(prefix("*", false, "xxyy"), "xxyy");
        assert_eq!(prefix("*x", true, "xxyy"), "yy");
        assert_eq!(prefix("?\\?", false, "???y"), "?y");
        assert_eq!(
            prefix("()[]{\\}^$.\\*\\?|\\\\", false, "()[]{}^$.*?|\\x"),
            "x"
        );
    }

    #[test]
    fn star_does_not_cross_newlines() {
        assert_eq!(prefix("*", true, "ab\ncd"), "\ncd");
    }

    #[test]
    fn suffixes() {
        assert_eq!(trim_suffix("\\**", "xx**", true).unwrap(), "xx");
        assert_eq!(trim_suffix("\\**\\*", "a***yy*", true).unwrap(), "a");
        assert_eq!(trim_suffix("x", "xxyy", false).unwrap(), "xxyy");
    }

    #[test]
    fn reverse_keeps_escape_pairs() {
        assert_eq!(reverse_pattern("a\\*c"), "c\\*a");
        assert_eq!(reverse_pattern("\\\\\\ab"), "b\\a\\\\");
        assert_eq!(reverse_pattern("ab\\"), "\\ba");
        assert_eq!(reverse_pattern("\\\\b"), "b\\\\");
    }

    #[test]
    fn invalid_escapes() {
        for p in ["\\", "\\x", "\\\\\\"] {
            assert!(Pattern::compile(p, true).is_err(), "{p}");
        }
    }

    #[test]
    fn replace_all_like_go() {
        let p = Pattern::compile("", true).unwrap();
        assert_eq!(p.replace_all("ab", "-"), "-a-b-");
        let p = Pattern::compile("\\*/", true).unwrap();
        assert_eq!(p.replace_all("/foo*/*/*.txt", "."), "/foo..*.txt");
        let p = Pattern::compile("o", true).unwrap();
        assert_eq!(p.replace_all("foo", "[$0]$$x${0}$1"), "f[o]$xo[o]$xo");
        assert_eq!(p.replace_first("foo", "$0"), "f$0o");
    }
}
