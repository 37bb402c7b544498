//! Word expansion as far as it can be known statically: parameters from the
//! script's own assignments and the caller's lookup, quote removal, field
//! splitting. Anything depending on the running system (command output,
//! arithmetic, globs, unknown variables) makes the value unknown (`None`).

use std::collections::BTreeMap;

use super::ast::{Param, ParamOp, Part, PartKind, Word};

/// A variable's state as far as we know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Var {
    Known(String),
    Unknown,
    Unset,
}

/// The caller's variable lookup (Dockerfile `ARG`/`ENV`).
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// What expansion reads: the script's variables over the caller's.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    pub vars: &'a BTreeMap<String, (Var, bool)>,
    pub lookup: Option<Lookup<'a>>,
    pub bash: bool,
}

/// Strings longer than this are not pattern-matched (keeps matching cheap).
const MAX_MATCH: usize = 4096;

impl Scope<'_> {
    pub(crate) fn get(&self, name: &str) -> Var {
        if let Some((v, _)) = self.vars.get(name) {
            return v.clone();
        }
        if name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !name.bytes().all(|b| b.is_ascii_digit())
        {
            if let Some(v) = self.lookup.and_then(|f| f(name)) {
                return Var::Known(v);
            }
        }
        Var::Unknown
    }

    /// The fields a command word expands to, or `None` if unknown.
    pub(crate) fn fields(&self, w: &Word) -> Option<Vec<String>> {
        let mut segs = Vec::new();
        self.segments(&w.parts, false, &mut segs)?;
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut started = false;
        for (text, split) in segs {
            if !split {
                cur.push_str(&text);
                started = true;
                continue;
            }
            for c in text.chars() {
                if matches!(c, ' ' | '\t' | '\n') {
                    if started {
                        fields.push(std::mem::take(&mut cur));
                        started = false;
                    }
                } else {
                    cur.push(c);
                    started = true;
                }
            }
        }
        if started {
            fields.push(cur);
        }
        Some(fields)
    }

    /// The value of a word not subject to splitting (assignment values,
    /// redirection targets, here-document bodies).
    pub(crate) fn string(&self, w: &Word) -> Option<String> {
        let mut segs = Vec::new();
        self.segments(&w.parts, true, &mut segs)?;
        Some(segs.into_iter().map(|(t, _)| t).collect())
    }

    /// Appends `(text, splittable)` pieces; `None` when a part is unknown.
    fn segments(&self, parts: &[Part], quoted: bool, out: &mut Vec<(String, bool)>) -> Option<()> {
        for p in parts {
            match &p.kind {
                // Unquoted literal text only holds blanks inside an operand
                // (`${A:-a b}`), where they split like an expansion's.
                PartKind::Lit(s) => out.push((s.clone(), !quoted)),
                PartKind::Quoted(s) => out.push((s.clone(), false)),
                PartKind::Glob(s) => {
                    if !quoted {
                        return None;
                    }
                    out.push((s.clone(), false));
                }
                PartKind::Brace(s) => {
                    if self.bash && !quoted {
                        return None;
                    }
                    out.push((s.clone(), false));
                }
                PartKind::Tilde(user) => {
                    if quoted {
                        out.push((format!("~{user}"), false));
                    } else if let (true, Var::Known(home)) = (user.is_empty(), self.get("HOME")) {
                        out.push((home, false));
                    } else {
                        return None;
                    }
                }
                PartKind::Double(ps) => {
                    out.push((String::new(), false));
                    self.segments(ps, true, out)?;
                }
                // The operand keeps its own quoting: `${A:+"a b"}` is one field.
                PartKind::Param(param) if self.uses_operand(param)? => {
                    if let Some(arg) = &param.arg {
                        self.segments(&arg.parts, quoted, out)?;
                    }
                }
                PartKind::Param(param) => out.push((self.param(param)?, !quoted)),
                PartKind::CmdSubst { .. } | PartKind::Arith(_) => return None,
            }
        }
        Some(())
    }

    /// Whether `${A:-word}`/`${A:+word}` yields its operand (`None`: unknown).
    fn uses_operand(&self, p: &Param) -> Option<bool> {
        let (colon, alt) = match p.op {
            ParamOp::Default { colon } | ParamOp::Assign { colon } => (colon, false),
            ParamOp::Alt { colon } => (colon, true),
            _ => return Some(false),
        };
        let set = match self.get(&p.name) {
            Var::Known(s) => !(colon && s.is_empty()),
            Var::Unset => false,
            Var::Unknown => return None,
        };
        Some(set == alt)
    }

    /// The value of one parameter expansion, if known.
    pub(crate) fn param(&self, p: &Param) -> Option<String> {
        let v = self.get(&p.name);
        let arg = || {
            p.arg
                .as_ref()
                .map_or(Some(String::new()), |w| self.string(w))
        };
        match p.op {
            ParamOp::Plain => match v {
                Var::Known(s) => Some(s),
                Var::Unset => Some(String::new()),
                Var::Unknown => None,
            },
            ParamOp::Length => match v {
                Var::Known(s) => Some(s.chars().count().to_string()),
                Var::Unset => Some("0".into()),
                Var::Unknown => None,
            },
            ParamOp::Default { colon } | ParamOp::Assign { colon } => match v {
                Var::Known(s) if !(colon && s.is_empty()) => Some(s),
                Var::Known(_) | Var::Unset => arg(),
                Var::Unknown => None,
            },
            ParamOp::Error { .. } => match v {
                Var::Known(s) => Some(s),
                _ => None,
            },
            ParamOp::Alt { colon } => match v {
                Var::Known(s) if !(colon && s.is_empty()) => arg(),
                Var::Known(_) | Var::Unset => Some(String::new()),
                Var::Unknown => None,
            },
            ParamOp::TrimPrefix { longest } | ParamOp::TrimSuffix { longest } => {
                let s = match v {
                    Var::Known(s) => s,
                    Var::Unset => String::new(),
                    Var::Unknown => return None,
                };
                let pat = self.pattern(p.arg.as_ref())?;
                if s.len() > MAX_MATCH {
                    return None;
                }
                let prefix = matches!(p.op, ParamOp::TrimPrefix { .. });
                Some(trim(&s, &pat, prefix, longest))
            }
            ParamOp::Replace { all } => {
                let Var::Known(s) = v else { return None };
                let pat = self.pattern(p.arg.as_ref())?;
                let rep = p
                    .rep
                    .as_ref()
                    .map_or(Some(String::new()), |w| self.string(w))?;
                if s.len() > MAX_MATCH {
                    return None;
                }
                Some(replace(&s, &pat, &rep, all))
            }
            ParamOp::Substring => {
                let Var::Known(s) = v else { return None };
                let spec = p
                    .arg
                    .as_ref()
                    .map_or(Some(String::new()), |w| self.string(w))?;
                substring(&s, &spec)
            }
            ParamOp::Case { upper, all } => {
                let Var::Known(s) = v else { return None };
                // ASCII only: full Unicode case tables would double the
                // size of this module in wasm for no Dockerfile's benefit.
                if p.arg.as_ref().is_some_and(|w| !w.parts.is_empty()) || !s.is_ascii() {
                    return None;
                }
                let mut out = s.into_bytes();
                let n = if all { out.len() } else { out.len().min(1) };
                for b in &mut out[..n] {
                    *b = if upper {
                        b.to_ascii_uppercase()
                    } else {
                        b.to_ascii_lowercase()
                    };
                }
                String::from_utf8(out).ok()
            }
            ParamOp::Other => None,
        }
    }

    /// A pattern operand: unquoted glob characters are special, quoted ones
    /// are not.
    fn pattern(&self, w: Option<&Word>) -> Option<Vec<Pat>> {
        let mut out = Vec::new();
        if let Some(w) = w {
            self.pattern_parts(&w.parts, false, &mut out)?;
        }
        Some(out)
    }

    fn pattern_parts(&self, parts: &[Part], quoted: bool, out: &mut Vec<Pat>) -> Option<()> {
        for p in parts {
            match &p.kind {
                PartKind::Lit(s) | PartKind::Glob(s) | PartKind::Brace(s) if !quoted => {
                    compile_glob(s, out)
                }
                PartKind::Lit(s) | PartKind::Quoted(s) | PartKind::Glob(s) | PartKind::Brace(s) => {
                    out.extend(s.chars().map(Pat::Char))
                }
                PartKind::Tilde(u) => out.extend(format!("~{u}").chars().map(Pat::Char)),
                PartKind::Double(ps) => self.pattern_parts(ps, true, out)?,
                PartKind::Param(param) => {
                    let v = self.param(param)?;
                    if quoted {
                        out.extend(v.chars().map(Pat::Char));
                    } else {
                        compile_glob(&v, out);
                    }
                }
                PartKind::CmdSubst { .. } | PartKind::Arith(_) => return None,
            }
        }
        Some(())
    }
}

/// One element of a compiled glob pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pat {
    Char(char),
    Any,
    Star,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

pub(crate) fn compile_glob(s: &str, out: &mut Vec<Pat>) {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => out.push(Pat::Star),
            '?' => out.push(Pat::Any),
            '\\' if i + 1 < chars.len() => {
                i += 1;
                out.push(Pat::Char(chars[i]));
            }
            '[' => {
                let mut j = i + 1;
                let negated = matches!(chars.get(j), Some('!' | '^'));
                if negated {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                while j < chars.len() && (chars[j] != ']' || first) {
                    first = false;
                    let lo = chars[j];
                    if chars.get(j + 1) == Some(&'-') && chars.get(j + 2).is_some_and(|c| *c != ']')
                    {
                        ranges.push((lo, chars[j + 2]));
                        j += 3;
                    } else {
                        ranges.push((lo, lo));
                        j += 1;
                    }
                }
                if j < chars.len() {
                    out.push(Pat::Class { negated, ranges });
                    i = j;
                } else {
                    out.push(Pat::Char('['));
                }
            }
            c => out.push(Pat::Char(c)),
        }
        i += 1;
    }
}

fn one(p: &Pat, c: char) -> bool {
    match p {
        Pat::Char(x) => *x == c,
        Pat::Any => true,
        Pat::Star => true,
        Pat::Class { negated, ranges } => {
            ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated
        }
    }
}

/// Whether `pat` matches all of `s` (greedy star with one backtrack point:
/// linear in practice, quadratic at worst).
pub(crate) fn glob_match(pat: &[Pat], s: &[char]) -> bool {
    let (mut p, mut i) = (0, 0);
    let mut back: Option<(usize, usize)> = None;
    while i < s.len() {
        if p < pat.len() && pat[p] == Pat::Star {
            back = Some((p, i));
            p += 1;
        } else if p < pat.len() && one(&pat[p], s[i]) {
            p += 1;
            i += 1;
        } else if let Some((bp, bi)) = back {
            p = bp + 1;
            i = bi + 1;
            back = Some((bp, bi + 1));
        } else {
            return false;
        }
    }
    pat[p..].iter().all(|x| *x == Pat::Star)
}

/// `${V:off:len}` with integer operands (arithmetic is not evaluated).
fn substring(s: &str, spec: &str) -> Option<String> {
    let (off, len) = match spec.split_once(':') {
        Some((o, l)) => (o, Some(l)),
        None => (spec, None),
    };
    let num = |t: &str| -> Option<i64> {
        let t = t.trim();
        if t.is_empty() {
            Some(0)
        } else {
            t.parse().ok()
        }
    };
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let start = num(off)?;
    let start = if start < 0 {
        (n + start).max(0)
    } else {
        start.min(n)
    };
    let end = match len.map(num) {
        None => n,
        Some(None) => return None,
        Some(Some(l)) if l < 0 => n + l,
        Some(Some(l)) => (start + l).min(n),
    };
    if end < start {
        return None;
    }
    Some(chars[start as usize..end as usize].iter().collect())
}

fn trim(s: &str, pat: &[Pat], prefix: bool, longest: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let lens: Box<dyn Iterator<Item = usize>> = if longest {
        Box::new((0..=n).rev())
    } else {
        Box::new(0..=n)
    };
    for k in lens {
        let (piece, rest) = if prefix {
            (&chars[..k], &chars[k..])
        } else {
            (&chars[n - k..], &chars[..n - k])
        };
        if glob_match(pat, piece) {
            return rest.iter().collect();
        }
    }
    s.to_string()
}

fn replace(s: &str, pat: &[Pat], rep: &str, all: bool) -> String {
    if pat.is_empty() {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut done = false;
    while i < chars.len() {
        let m = if done {
            None
        } else {
            (i + 1..=chars.len())
                .rev()
                .find(|&j| glob_match(pat, &chars[i..j]))
        };
        match m {
            Some(j) => {
                out.push_str(rep);
                i = j;
                done = !all;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        let mut pat = Vec::new();
        compile_glob(p, &mut pat);
        glob_match(&pat, &s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn substrings() {
        assert_eq!(substring("abcdef", "0:7").as_deref(), Some("abcdef"));
        assert_eq!(substring("abcdef", "2").as_deref(), Some("cdef"));
        assert_eq!(substring("abcdef", " -2").as_deref(), Some("ef"));
        assert_eq!(substring("abcdef", "1:-2").as_deref(), Some("bcd"));
        assert_eq!(substring("abcdef", "n:1"), None);
    }

    #[test]
    fn globs() {
        assert!(m("*", ""));
        assert!(m("a*c", "abbbc"));
        assert!(!m("a*c", "abbb"));
        assert!(m("[a-z]*", "rc1"));
        assert!(m("[!0-9]?", "x1"));
        assert!(!m("[!0-9]?", "11"));
    }

    #[test]
    fn trims() {
        let mut pat = Vec::new();
        compile_glob("[a-z]*", &mut pat);
        assert_eq!(trim("3.12.0rc1", &pat, false, true), "3.12.0");
        let mut pat = Vec::new();
        compile_glob(".*", &mut pat);
        assert_eq!(trim("1.2.3", &pat, false, false), "1.2");
        assert_eq!(trim("1.2.3", &pat, false, true), "1");
        assert_eq!(replace("1.2.3", &[Pat::Char('.')], "", true), "123");
        assert_eq!(replace("1.2.3", &[Pat::Char('.')], "-", false), "1-2.3");
    }
}
