//! `.dockerignore` with the semantics of BuildKit's reader
//! (moby/patternmatcher `ignorefile.ReadAll` + `PatternMatcher`):
//!
//! - a line is a comment only if `#` is its very first character (after a
//!   UTF-8 BOM on line 1); `  # x` is the pattern `# x`;
//! - surrounding whitespace is trimmed, blank lines skipped;
//! - `!` makes an exception; patterns are cleaned like Go's
//!   `filepath.Clean` and a leading `/` is dropped;
//! - the last pattern that matches decides;
//! - a pattern excludes what it matches and everything under it (a path is
//!   tested together with each of its parent directories);
//! - `*`, `?`, `[...]`, `\` as in Go's `filepath.Match`, plus `**` for any
//!   number of directories (including none).
//!
//! BuildKit fails the whole build on a malformed pattern; here such a line
//! becomes an error diagnostic and is left out, so the rest still applies.

use serde::Serialize;

use super::glob::{self, Token, clean, compile_match, match_tokens, parse_class};
use crate::syntax::Severity;

/// A parsed `.dockerignore`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DockerIgnore {
    rules: Vec<IgnoreRule>,
    diagnostics: Vec<IgnoreDiagnostic>,
}

/// One effective pattern line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreRule {
    /// 1-based line in the file.
    pub line: usize,
    /// The cleaned pattern, without its `!`.
    pub pattern: String,
    /// A `!` line: re-includes what it matches.
    pub exception: bool,
    matcher: Matcher,
}

/// patternmatcher's four match types. They are not all equivalent to the
/// regexp it would otherwise build: `**foo` is a plain suffix test and so
/// also matches `xfoo`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Matcher {
    Exact(String),
    Prefix(String),
    Suffix(String),
    Tokens(Vec<Token>),
}

/// A problem on one line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoreDiagnostic {
    pub severity: Severity,
    /// A stable identifier, e.g. `invalid-pattern`.
    pub code: &'static str,
    pub message: String,
    /// 1-based line; columns are 1-based character counts, end exclusive.
    pub line: usize,
    pub column: usize,
    pub end_column: usize,
}

impl DockerIgnore {
    pub fn parse(text: &str) -> DockerIgnore {
        let mut out = DockerIgnore::default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (index, raw) in text.split('\n').enumerate() {
            out.parse_line(index + 1, raw.strip_suffix('\r').unwrap_or(raw));
        }
        out
    }

    fn parse_line(&mut self, line: usize, raw: &str) {
        if raw.starts_with('#') {
            return;
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return;
        }
        let lead = raw.len() - raw.trim_start().len();
        let column = raw[..lead].chars().count() + 1;
        let end_column = column + trimmed.chars().count();
        let diag = |severity, code, message: String, column| IgnoreDiagnostic {
            severity,
            code,
            message,
            line,
            column,
            end_column,
        };

        // ReadAll: strip `!`, trim again, clean, drop one leading `/`.
        let (invert, body) = match trimmed.strip_prefix('!') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        let mut read = String::new();
        if !body.is_empty() {
            read = clean(body);
            if read.len() > 1 && read.starts_with('/') {
                read.remove(0);
            }
        }
        if invert {
            read.insert(0, '!');
        }
        // PatternMatcher: clean once more, then split off the `!`.
        let cleaned = clean(read.trim());
        let (exception, pattern) = match cleaned.strip_prefix('!') {
            Some("") => {
                self.diagnostics.push(diag(
                    Severity::Error,
                    "illegal-exclusion",
                    "illegal exclusion pattern \"!\": BuildKit rejects this .dockerignore".into(),
                    column,
                ));
                return;
            }
            Some(rest) => (true, rest.to_owned()),
            None => (false, cleaned),
        };

        if let Err(err) = compile_match(&pattern) {
            // Point at the fault when cleaning left the text as written.
            let at = if body == pattern {
                let body_start = lead + (trimmed.len() - body.len());
                raw[..body_start + err.offset].chars().count() + 1
            } else {
                column
            };
            self.diagnostics.push(diag(
                Severity::Error,
                "invalid-pattern",
                format!("{}: BuildKit rejects this .dockerignore", err.message),
                at,
            ));
            return;
        }
        if pattern == ".." || pattern.starts_with("../") || pattern == "/" {
            self.diagnostics.push(diag(
                Severity::Warning,
                "never-matches",
                format!("`{pattern}` points outside the build context and can never match"),
                column,
            ));
        }
        if let Some((c, accepted)) = regexp_escape(&pattern) {
            self.diagnostics.push(if accepted {
                diag(
                    Severity::Warning,
                    "regexp-escape",
                    format!(
                        "BuildKit hands `\\{c}` to Go's regexp package, where it is not a plain \
                         `{c}`; it is treated as `{c}` here"
                    ),
                    column,
                )
            } else {
                diag(
                    Severity::Error,
                    "invalid-regexp-escape",
                    format!(
                        "`\\{c}` is not a valid escape in Go's regexp package: BuildKit fails \
                         the build when it reaches this pattern"
                    ),
                    column,
                )
            });
        }
        if class_with_wildcard(&pattern) {
            self.diagnostics.push(diag(
                Severity::Warning,
                "wildcard-in-class",
                "BuildKit rewrites `*` and `?` inside `[...]` into regexp text, which garbles \
                 the class; it is treated as a plain class here"
                    .into(),
                column,
            ));
        }
        let matcher = compile_ignore(&pattern);
        self.rules.push(IgnoreRule {
            line,
            pattern,
            exception,
            matcher,
        });
    }

    /// The effective patterns, in file order.
    pub fn rules(&self) -> &[IgnoreRule] {
        &self.rules
    }

    /// Per-line problems, in file order.
    pub fn diagnostics(&self) -> &[IgnoreDiagnostic] {
        &self.diagnostics
    }

    /// No effective pattern: nothing is excluded.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Whether any `!` line exists (then an excluded directory may still
    /// contain included files, so walkers must descend into it).
    pub fn has_exceptions(&self) -> bool {
        self.rules.iter().any(|r| r.exception)
    }

    /// Whether the context path `path` (`/`-separated, relative to the
    /// context root) is left out of the build context.
    pub fn is_excluded(&self, path: &str) -> bool {
        let file = glob::context_relative(path);
        if file.is_empty() {
            // The root itself is never excluded ("kind of silly", says moby).
            return false;
        }
        let mut excluded = false;
        for rule in &self.rules {
            // An exclusion can only flip an excluded path and vice versa.
            if rule.exception != excluded {
                continue;
            }
            let hit = rule.matcher.matches(&file)
                || file
                    .match_indices('/')
                    .any(|(slash, _)| rule.matcher.matches(&file[..slash]));
            if hit {
                excluded = !rule.exception;
            }
        }
        excluded
    }
}

impl Matcher {
    fn matches(&self, path: &str) -> bool {
        match self {
            Matcher::Exact(p) => path == p,
            Matcher::Prefix(p) => path.starts_with(p.as_str()),
            Matcher::Suffix(s) => {
                path.ends_with(s.as_str()) || s.strip_prefix('/').is_some_and(|s| path == s)
            }
            Matcher::Tokens(tokens) => match_tokens(tokens, path),
        }
    }
}

/// patternmatcher's `compile`, over an already validated pattern.
fn compile_ignore(pattern: &str) -> Matcher {
    #[derive(PartialEq)]
    enum Kind {
        Exact,
        Prefix,
        Suffix,
        Tokens,
    }
    let mut kind = Kind::Exact;
    let mut tokens = Vec::new();
    let mut rest = pattern;
    let mut first = true;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '*' if rest.starts_with('*') => {
                rest = &rest[1..];
                // `**/` is `**`.
                rest = rest.strip_prefix('/').unwrap_or(rest);
                if rest.is_empty() {
                    // Trailing `**` accepts everything, as in .gitignore.
                    if kind == Kind::Exact {
                        kind = Kind::Prefix;
                    } else {
                        tokens.push(Token::AnyRest);
                        kind = Kind::Tokens;
                    }
                } else {
                    tokens.push(Token::AnyDirs);
                    kind = Kind::Tokens;
                }
                if first {
                    kind = Kind::Suffix;
                }
            }
            '*' => {
                tokens.push(Token::Star);
                kind = Kind::Tokens;
            }
            '?' => {
                tokens.push(Token::AnyChar);
                kind = Kind::Tokens;
            }
            '\\' => match rest.chars().next() {
                Some(e) => {
                    rest = &rest[e.len_utf8()..];
                    tokens.push(Token::Literal(e));
                    kind = Kind::Tokens;
                }
                None => tokens.push(Token::Literal('\\')),
            },
            '[' => {
                let start = pattern.len() - rest.len();
                // Validated by `compile_match` already.
                if let Ok((class, end)) = parse_class(pattern, start) {
                    rest = &pattern[end..];
                    tokens.push(Token::Class(class));
                }
                kind = Kind::Tokens;
            }
            _ => tokens.push(Token::Literal(c)),
        }
        first = false;
    }
    match kind {
        Kind::Exact => Matcher::Exact(pattern.to_owned()),
        Kind::Prefix => Matcher::Prefix(pattern[..pattern.len() - 2].to_owned()),
        Kind::Suffix => Matcher::Suffix(pattern[2..].to_owned()),
        Kind::Tokens => Matcher::Tokens(tokens),
    }
}

/// The first `\c` whose `c` is an ASCII letter or digit or not ASCII:
/// patternmatcher copies it into a Go regexp, where only escaped ASCII
/// punctuation is a plain character. Returns `c` and whether Go's regexp
/// accepts the escape at all (`\d`, `\b`, `\x`, ... have other meanings;
/// `\c`, `\e`, `\8`, `\é`, ... fail to compile).
fn regexp_escape(pattern: &str) -> Option<(char, bool)> {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(e) if e.is_ascii_alphanumeric() || !e.is_ascii() => {
                    return Some((e, "aftnrvdDsSwWbBAzpPQEx0".contains(e)));
                }
                _ => {}
            }
        }
    }
    None
}

/// Whether a class holds an unescaped `*` or `?` (see `wildcard-in-class`).
fn class_with_wildcard(pattern: &str) -> bool {
    let mut i = 0;
    while let Some(c) = pattern[i..].chars().next() {
        i += c.len_utf8();
        match c {
            '\\' => i += pattern[i..].chars().next().map_or(0, char::len_utf8),
            '[' => {
                if let Ok((_, end)) = parse_class(pattern, i) {
                    let mut body = pattern[i..end - 1].chars();
                    while let Some(b) = body.next() {
                        match b {
                            '\\' => {
                                body.next();
                            }
                            '*' | '?' => return true,
                            _ => {}
                        }
                    }
                    i = end;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excluded(ignore: &str, path: &str) -> bool {
        DockerIgnore::parse(ignore).is_excluded(path)
    }

    /// The examples of the Dockerfile reference's ".dockerignore file" section.
    #[test]
    fn docker_docs_examples() {
        let docs = "# comment\n*/temp*\n*/*/temp*\ntemp?\n";
        let cases: &[(&str, bool)] = &[
            ("somedir/temporary.txt", true),
            ("somedir/temp", true),
            ("somedir/temp/inner.txt", true),
            ("somedir/subdir/temporary.txt", true),
            ("tempa", true),
            ("tempb", true),
            ("temp", false),
            ("temporary.txt", false),
            ("a/b/c/temp.txt", false),
            ("# comment", false),
        ];
        for &(path, want) in cases {
            assert_eq!(excluded(docs, path), want, "{path}");
        }

        let go = "**/*.go";
        assert!(excluded(go, "main.go"));
        assert!(excluded(go, "cmd/tool/main.go"));
        assert!(!excluded(go, "main.go.txt"));

        let md = "*.md\n!README.md";
        assert!(excluded(md, "CHANGELOG.md"));
        assert!(!excluded(md, "README.md"));
        assert!(
            !excluded(md, "docs/guide.md"),
            "*.md only looks at the root"
        );

        // Placement of the exception matters: the last matching line wins.
        let secret_out = "*.md\n!README*.md\nREADME-secret.md";
        assert!(excluded(secret_out, "README-secret.md"));
        assert!(!excluded(secret_out, "README-public.md"));
        assert!(excluded(secret_out, "NOTES.md"));
        let secret_in = "*.md\nREADME-secret.md\n!README*.md";
        assert!(!excluded(secret_in, "README-secret.md"));
        assert!(!excluded(secret_in, "README.md"));

        // Root and `/` anchoring: both mean the same path.
        for ignore in ["/foo/bar", "foo/bar", "./foo/bar/", "foo//bar"] {
            assert!(excluded(ignore, "foo/bar"), "{ignore}");
            assert!(excluded(ignore, "foo/bar/baz.txt"), "{ignore}");
            assert!(!excluded(ignore, "x/foo/bar"), "{ignore}");
            assert!(!excluded(ignore, "foo"), "{ignore}");
        }

        // Allow-list style: exclude all, then re-include.
        let allow = "*\n!src\n!package.json";
        assert!(excluded(allow, "node_modules/a/index.js"));
        assert!(excluded(allow, "Dockerfile"));
        assert!(!excluded(allow, "src/index.js"));
        assert!(!excluded(allow, "package.json"));
    }

    /// Single-pattern cases of moby/patternmatcher's MatchesOrParentMatches.
    #[test]
    fn patternmatcher_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("**", "file", true),
            ("**", "dir/file", true),
            ("**/", "file", true),
            ("**/**", "dir/file", true),
            ("dir/**", "dir/file", true),
            ("dir/**", "dir/dir2/file", true),
            ("**/dir", "dir", true),
            ("**/dir", "dir/file", true),
            ("**/dir2/*", "dir/dir2/file", true),
            ("**/dir2/**", "dir/dir2/dir3/file", true),
            ("**file", "file", true),
            ("**file", "dir/file", true),
            ("**file", "xfile", true),
            ("**/file", "dir/dir/file", true),
            ("**/file*", "dir/dir/file.txt", true),
            ("**/file*txt", "dir/dir/file.txt", true),
            ("**/**/*.txt", "dir/dir/file.txt", true),
            ("**/**/*.txt2", "dir/dir/file.txt", false),
            ("**/*.txt", "file.txt", true),
            ("a**/*.txt", "a/file.txt", true),
            ("a**/*.txt", "a/dir/dir/file.txt", true),
            ("a/*.txt", "a/dir/file.txt", false),
            ("a/*.txt", "a/file.txt", true),
            ("a/*.txt**", "a/file.txt", true),
            ("a[b-d]e", "ae", false),
            ("a[b-d]e", "ace", true),
            ("a[^b-d]e", "aze", true),
            (".*", ".foo", true),
            (".*", "foo", false),
            ("abc.def", "abcdef", false),
            ("abc?def", "abcZdef", true),
            ("abc?def", "abcdef", false),
            ("a\\\\", "a\\", true),
            ("a\\*b", "a*b", true),
            ("**/foo/bar", "foo/bar", true),
            ("**/foo/bar", "dir/dir2/foo/bar", true),
            ("abc/**", "abc", false),
            ("abc/**", "abc/def/ghi", true),
            ("**/.foo", ".foo", true),
            ("**/.foo", "bar.foo", false),
            ("a(b)c/def", "a(b)c/def", true),
            ("a.|)$(}+{bc", "a.|)$(}+{bc", true),
            (
                "dist/*.whl",
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                true,
            ),
            ("docs", "docs/README.md", true),
            ("*", "a/b/c", true),
            ("a*", "ab/c", true),
            ("a*/b", "a/c/b", false),
        ];
        for &(pattern, path, want) in cases {
            assert_eq!(
                excluded(pattern, path),
                want,
                "pattern {pattern:?} path {path:?}"
            );
        }
    }

    #[test]
    fn exceptions_and_parent_directories() {
        let cases: &[(&str, &str, bool)] = &[
            ("docs\n!docs/README.md", "docs/README.md", false),
            ("docs/\n!docs/README.md", "docs/README.md", false),
            ("docs/*\n!docs/README.md", "docs/README.md", false),
            ("docs/*\n!docs/README.md", "docs/other.md", true),
            ("!fileutils.go\n*.go", "fileutils.go", true),
            ("*.go\n!fileutils.go", "fileutils.go", false),
            ("**\n!util/docker/web", "util/docker/web/foo", false),
            (
                "**\n!util/docker/web\nutil/docker/web/foo",
                "util/docker/web/foo",
                true,
            ),
            (
                "node_modules\n!node_modules/keep/x.js",
                "node_modules/keep/x.js",
                false,
            ),
            (
                "node_modules\n!node_modules/keep/x.js",
                "node_modules/other.js",
                true,
            ),
        ];
        for &(ignore, path, want) in cases {
            assert_eq!(excluded(ignore, path), want, "{ignore:?} {path:?}");
        }
        assert!(!excluded("*", "."), "the root is never excluded");
        assert!(!excluded("", "anything"));
        assert!(excluded("a", "./a/"), "paths are cleaned too");
    }

    #[test]
    fn line_handling() {
        let ignore = DockerIgnore::parse(
            "\u{feff}#bom comment\r\n  # not a comment \n\n\t*.log  \n! keep.log\n/abs/../dir/./x\n",
        );
        let rules: Vec<(usize, &str, bool)> = ignore
            .rules()
            .iter()
            .map(|r| (r.line, r.pattern.as_str(), r.exception))
            .collect();
        assert_eq!(
            rules,
            [
                (2, "# not a comment", false),
                (4, "*.log", false),
                (5, "keep.log", true),
                (6, "dir/x", false)
            ]
        );
        assert!(ignore.is_excluded("# not a comment"));
        assert!(ignore.is_excluded("debug.log"));
        assert!(!ignore.is_excluded("keep.log"));
        assert!(ignore.is_excluded("dir/x/y"));
        assert!(ignore.has_exceptions());
        assert!(ignore.diagnostics().is_empty());
        assert!(DockerIgnore::parse("# only\n\n   \n").is_empty());
    }

    #[test]
    fn problems_are_reported_with_positions() {
        let ignore =
            DockerIgnore::parse("ok\n  src/[a-\n!\n ! \n../up\nx\\d\n*.tmp\n\\c.d\nf[*]\n\\é\n");
        let got: Vec<(usize, usize, usize, &str, Severity)> = ignore
            .diagnostics()
            .iter()
            .map(|d| (d.line, d.column, d.end_column, d.code, d.severity))
            .collect();
        assert_eq!(
            got,
            [
                (2, 7, 10, "invalid-pattern", Severity::Error),
                (3, 1, 2, "illegal-exclusion", Severity::Error),
                (4, 2, 3, "illegal-exclusion", Severity::Error),
                (5, 1, 6, "never-matches", Severity::Warning),
                (6, 1, 4, "regexp-escape", Severity::Warning),
                (8, 1, 5, "invalid-regexp-escape", Severity::Error),
                (9, 1, 5, "wildcard-in-class", Severity::Warning),
                (10, 1, 3, "invalid-regexp-escape", Severity::Error),
            ]
        );
        // Bad lines are left out; the rest still applies.
        let patterns: Vec<&str> = ignore.rules().iter().map(|r| r.pattern.as_str()).collect();
        assert_eq!(
            patterns,
            ["ok", "../up", "x\\d", "*.tmp", "\\c.d", "f[*]", "\\é"]
        );
        assert!(ignore.is_excluded("a.tmp"));
        assert!(ignore.is_excluded("ok/inner"));
        // `!/` cleans down to a bare `!`, which moby rejects.
        assert_eq!(
            DockerIgnore::parse("!/").diagnostics()[0].code,
            "illegal-exclusion"
        );
    }
}
