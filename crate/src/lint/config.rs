//! hadolint's `.hadolint.yaml`: which rules to ignore, severity overrides,
//! the failure threshold, trusted registries and the label schema.
//!
//! The project carries no YAML crate, so this reads the subset hadolint
//! configurations use: block maps, block lists (`- x`), flow lists
//! (`[a, b]`), single- and double-quoted and plain scalars, and comments.
//! Malformed input gives an error with a line and column, never a panic;
//! keys hadolint does not know give a warning.

use super::finding::Finding;
use super::rule::{RuleMeta, Severity};

/// When the CLI exits non-zero: any finding at least this severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureThreshold {
    Error,
    Warning,
    Info,
    Style,
    /// Never fail (hadolint's `none` and `ignore`).
    None,
}

impl FailureThreshold {
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "none" | "ignore" => Some(Self::None),
            other => Severity::parse(other).map(Self::from),
        }
    }

    /// Whether a finding of `severity` makes the run fail.
    pub fn fails_on(self, severity: Severity) -> bool {
        let limit = match self {
            Self::Error => Severity::Error,
            Self::Warning => Severity::Warning,
            Self::Info => Severity::Info,
            Self::Style => Severity::Style,
            Self::None => return false,
        };
        severity <= limit
    }
}

impl From<Severity> for FailureThreshold {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => Self::Error,
            Severity::Warning => Self::Warning,
            Severity::Info => Self::Info,
            Severity::Style => Self::Style,
        }
    }
}

/// What a configuration asks of the linter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Codes (ids or aliases) whose findings are dropped.
    pub ignored: Vec<String>,
    /// Code → severity; the first entry naming a rule wins.
    pub overrides: Vec<(String, Severity)>,
    pub failure_threshold: Option<FailureThreshold>,
    /// Registries images may come from; `*` at either end is a wildcard.
    pub trusted_registries: Vec<String>,
    /// Turns `# hadolint ignore=` and the other pragmas off.
    pub disable_ignore_pragma: bool,
    pub no_fail: bool,
    /// `format:` as written (the CLI's `--format` takes precedence).
    pub format: Option<String>,
    /// When not empty, only these rules (ids or aliases) run: the CLI's
    /// `--select`, for checking one concern at a time.
    pub selected: Vec<String>,
    /// `label-schema`: labels every stage must set, with their value format.
    pub label_schema: Vec<(String, LabelFormat)>,
    /// `strict-labels`: labels outside the schema are flagged.
    pub strict_labels: bool,
}

/// The value formats hadolint's `label-schema` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelFormat {
    Text,
    Url,
    Semver,
    Hash,
    Rfc3339,
    Spdx,
    Email,
}

impl LabelFormat {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text.to_ascii_lowercase().as_str() {
            "text" => Self::Text,
            "url" => Self::Url,
            "semver" => Self::Semver,
            "hash" => Self::Hash,
            "rfc3339" => Self::Rfc3339,
            "spdx" => Self::Spdx,
            "email" => Self::Email,
            _ => return None,
        })
    }
}

/// Where a configuration went wrong, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Something accepted but worth telling the user (an unknown key).
pub type ConfigWarning = ConfigError;

/// Keys hadolint reads that Layerlab accepts without acting on them.
const KNOWN_INERT: &[&str] = &["formats", "no-color", "verbose", "require-labels"];

impl Config {
    /// Parses `.hadolint.yaml` text; the warnings name unknown keys.
    pub fn parse(text: &str) -> Result<(Self, Vec<ConfigWarning>), ConfigError> {
        let root = yaml::parse(text)?;
        let mut cfg = Config::default();
        let mut warnings = Vec::new();
        let entries = match root {
            None => return Ok((cfg, warnings)),
            Some(yaml::Value {
                kind: yaml::Kind::Map(entries),
                ..
            }) => entries,
            Some(v) => return Err(v.error("the configuration must be a map of keys")),
        };
        for (key, value) in entries {
            match key.text.as_str() {
                "ignored" => cfg.ignored.extend(value.strings()?),
                "override" => match &value.kind {
                    yaml::Kind::Map(levels) => {
                        for (level, codes) in levels {
                            let severity = Severity::parse(&level.text).ok_or_else(|| {
                                level.error(&format!(
                                    "unknown level `{}` (error, warning, info or style)",
                                    level.text
                                ))
                            })?;
                            for code in codes.strings()? {
                                cfg.overrides.push((code, severity));
                            }
                        }
                    }
                    yaml::Kind::Scalar(s) if s.is_empty() => {}
                    _ => return Err(value.error("`override` must be a map of levels to rules")),
                },
                "failure-threshold" => {
                    let text = value.scalar()?;
                    cfg.failure_threshold =
                        Some(FailureThreshold::parse(&text).ok_or_else(|| {
                            value.error(&format!(
                                "unknown failure threshold `{text}` (error, warning, info, style or none)"
                            ))
                        })?);
                }
                "trustedRegistries" => cfg.trusted_registries.extend(value.strings()?),
                "disable-ignore-pragma" => cfg.disable_ignore_pragma = value.boolean()?,
                "no-fail" => cfg.no_fail = value.boolean()?,
                "format" => cfg.format = Some(value.scalar()?),
                "strict-labels" => cfg.strict_labels = value.boolean()?,
                "label-schema" => match &value.kind {
                    yaml::Kind::Map(labels) => {
                        for (label, format) in labels {
                            let text = format.scalar()?;
                            let format = LabelFormat::parse(&text).ok_or_else(|| {
                                format.error(&format!(
                                    "unknown label format `{text}` (text, url, semver, hash, rfc3339, spdx or email)"
                                ))
                            })?;
                            cfg.label_schema.push((label.text.clone(), format));
                        }
                    }
                    yaml::Kind::Scalar(s) if s.is_empty() => {}
                    _ => {
                        return Err(
                            value.error("`label-schema` must be a map of labels to formats")
                        );
                    }
                },
                k if KNOWN_INERT.contains(&k) => {}
                k => warnings.push(key.error(&format!("unknown key `{k}` ignored"))),
            }
        }
        Ok((cfg, warnings))
    }

    /// Whether the configuration ignores `rule`.
    pub fn ignores(&self, rule: &RuleMeta) -> bool {
        self.ignored.iter().any(|c| rule.answers_to(c))
    }

    /// The severity `rule`'s findings get.
    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.overrides
            .iter()
            .find(|(code, _)| rule.answers_to(code))
            .map_or(rule.severity, |(_, s)| *s)
    }

    /// Whether an image from `registry` is trusted. With no list, every
    /// registry is.
    pub fn trusts(&self, registry: &str) -> bool {
        self.trusted_registries.is_empty()
            || self
                .trusted_registries
                .iter()
                .any(|pattern| wildcard_match(pattern, registry))
    }

    /// Applies `ignored` and `override` to one rule's findings.
    pub(crate) fn apply(&self, rule: &RuleMeta, findings: &mut Vec<Finding>) {
        if self.ignores(rule) {
            findings.clear();
            return;
        }
        let severity = self.severity_of(rule);
        for f in findings {
            f.severity = severity;
        }
    }
}

/// `*` at the start or end (or both) of `pattern` matches anything;
/// case-insensitive.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p = pattern.to_ascii_lowercase();
    let t = text.to_ascii_lowercase();
    match (p.strip_prefix('*'), p.strip_suffix('*')) {
        _ if p == "*" => true,
        (Some(rest), _) if rest.ends_with('*') => t.contains(&rest[..rest.len() - 1]),
        (Some(rest), _) => t.ends_with(rest),
        (None, Some(rest)) => t.starts_with(rest),
        (None, None) => t == p,
    }
}

/// The YAML subset.
mod yaml {
    use super::ConfigError;

    #[derive(Debug, Clone)]
    pub struct Value {
        pub kind: Kind,
        pub line: usize,
        pub column: usize,
    }

    #[derive(Debug, Clone)]
    pub enum Kind {
        Scalar(String),
        List(Vec<Value>),
        Map(Vec<(Key, Value)>),
    }

    #[derive(Debug, Clone)]
    pub struct Key {
        pub text: String,
        pub line: usize,
        pub column: usize,
    }

    impl Key {
        pub fn error(&self, message: &str) -> ConfigError {
            ConfigError {
                line: self.line,
                column: self.column,
                message: message.to_owned(),
            }
        }
    }

    impl Value {
        pub fn error(&self, message: &str) -> ConfigError {
            ConfigError {
                line: self.line,
                column: self.column,
                message: message.to_owned(),
            }
        }

        pub fn scalar(&self) -> Result<String, ConfigError> {
            match &self.kind {
                Kind::Scalar(s) => Ok(s.clone()),
                _ => Err(self.error("expected a single value")),
            }
        }

        /// A list of scalars, or one scalar (`trustedRegistries: x`); an
        /// empty value is an empty list.
        pub fn strings(&self) -> Result<Vec<String>, ConfigError> {
            match &self.kind {
                Kind::Scalar(s) if s.is_empty() => Ok(Vec::new()),
                Kind::Scalar(s) => Ok(vec![s.clone()]),
                Kind::List(items) => items.iter().map(Value::scalar).collect(),
                Kind::Map(_) => Err(self.error("expected a list")),
            }
        }

        pub fn boolean(&self) -> Result<bool, ConfigError> {
            let s = self.scalar()?;
            match s.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" => Ok(true),
                "false" | "no" | "off" | "" => Ok(false),
                _ => Err(self.error(&format!("expected true or false, found `{s}`"))),
            }
        }
    }

    struct Line {
        number: usize,
        indent: usize,
        /// Without the indent and any trailing comment.
        text: String,
    }

    /// Strips a `#` comment that starts the text or follows a space,
    /// outside quotes.
    fn strip_comment(text: &str) -> &str {
        let mut quote = None;
        let mut prev = ' ';
        for (i, c) in text.char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '\'' || c == '"' => quote = Some(c),
                None if c == '#' && prev.is_whitespace() => return &text[..i],
                None => {}
            }
            prev = c;
        }
        text
    }

    fn lines(text: &str) -> Result<Vec<Line>, ConfigError> {
        let mut out = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let number = i + 1;
            let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
            let body = strip_comment(raw).trim_end();
            let trimmed = body.trim_start();
            if trimmed.is_empty() || trimmed == "---" {
                continue;
            }
            let indent_part = &body[..body.len() - trimmed.len()];
            if let Some(pos) = indent_part.find('\t') {
                return Err(ConfigError {
                    line: number,
                    column: pos + 1,
                    message: "tabs are not allowed in indentation".into(),
                });
            }
            out.push(Line {
                number,
                indent: indent_part.len(),
                text: trimmed.to_owned(),
            });
        }
        Ok(out)
    }

    /// The document's root, `None` when it is empty.
    pub fn parse(text: &str) -> Result<Option<Value>, ConfigError> {
        let lines = lines(text)?;
        if lines.is_empty() {
            return Ok(None);
        }
        let mut p = Parser { lines, pos: 0 };
        let indent = p.lines[0].indent;
        let value = p.block(indent)?;
        if let Some(line) = p.lines.get(p.pos) {
            return Err(ConfigError {
                line: line.number,
                column: line.indent + 1,
                message: "unexpected indentation".into(),
            });
        }
        Ok(Some(value))
    }

    struct Parser {
        lines: Vec<Line>,
        pos: usize,
    }

    fn is_item(text: &str) -> bool {
        text == "-" || text.starts_with("- ")
    }

    /// Splits `key: value` at the first `:` followed by a space or the end,
    /// outside quotes.
    fn split_key(text: &str) -> Option<(&str, &str)> {
        let mut quote = None;
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '\'' || c == '"' => quote = Some(c),
                None if c == ':' && bytes.get(i + 1).is_none_or(|b| *b == b' ') => {
                    return Some((&text[..i], text[i + 1..].trim_start()));
                }
                None => {}
            }
        }
        None
    }

    impl Parser {
        /// A map or a list whose lines sit at `indent`.
        fn block(&mut self, indent: usize) -> Result<Value, ConfigError> {
            let first = &self.lines[self.pos];
            let (line, column) = (first.number, first.indent + 1);
            if is_item(&first.text) {
                let mut items = Vec::new();
                while let Some(l) = self.lines.get(self.pos) {
                    if l.indent != indent || !is_item(&l.text) {
                        break;
                    }
                    let rest = l.text[1..].trim_start().to_owned();
                    let (number, col) = (l.number, l.indent + 1 + (l.text.len() - rest.len()));
                    self.pos += 1;
                    if rest.is_empty() {
                        items.push(self.nested(indent, number, col, true)?);
                    } else {
                        items.push(inline(&rest, number, col)?);
                    }
                }
                return Ok(Value {
                    kind: Kind::List(items),
                    line,
                    column,
                });
            }
            let mut entries = Vec::new();
            while let Some(l) = self.lines.get(self.pos) {
                if l.indent < indent {
                    break;
                }
                if l.indent > indent {
                    return Err(ConfigError {
                        line: l.number,
                        column: l.indent + 1,
                        message: "unexpected indentation".into(),
                    });
                }
                if is_item(&l.text) {
                    return Err(ConfigError {
                        line: l.number,
                        column: l.indent + 1,
                        message: "a list item where a `key: value` was expected".into(),
                    });
                }
                let Some((key, rest)) = split_key(&l.text) else {
                    return Err(ConfigError {
                        line: l.number,
                        column: l.indent + 1,
                        message: "expected `key: value`".into(),
                    });
                };
                let key_value = inline(key, l.number, l.indent + 1)?;
                let Kind::Scalar(key_text) = key_value.kind else {
                    return Err(key_value.error("a key must be a plain or quoted word"));
                };
                let key = Key {
                    text: key_text,
                    line: l.number,
                    column: l.indent + 1,
                };
                let number = l.number;
                let col = l.indent + 1 + (l.text.len() - rest.len());
                let rest = rest.to_owned();
                self.pos += 1;
                let value = if rest.is_empty() {
                    self.nested(indent, number, col, false)?
                } else {
                    inline(&rest, number, col)?
                };
                if entries
                    .iter()
                    .any(|(k, _): &(Key, Value)| k.text == key.text)
                {
                    return Err(key.error(&format!("duplicate key `{}`", key.text)));
                }
                entries.push((key, value));
            }
            Ok(Value {
                kind: Kind::Map(entries),
                line,
                column,
            })
        }

        /// What follows `key:` or `-` with nothing after it: a deeper block,
        /// a list at the same indent (after a key), or an empty scalar.
        fn nested(
            &mut self,
            indent: usize,
            line: usize,
            column: usize,
            in_list: bool,
        ) -> Result<Value, ConfigError> {
            match self.lines.get(self.pos) {
                Some(l) if l.indent > indent => {
                    let deeper = l.indent;
                    self.block(deeper)
                }
                Some(l) if !in_list && l.indent == indent && is_item(&l.text) => self.block(indent),
                _ => Ok(Value {
                    kind: Kind::Scalar(String::new()),
                    line,
                    column,
                }),
            }
        }
    }

    /// A value on one line: a flow list, a quoted or a plain scalar.
    fn inline(text: &str, line: usize, column: usize) -> Result<Value, ConfigError> {
        let err = |offset: usize, message: &str| ConfigError {
            line,
            column: column + offset,
            message: message.to_owned(),
        };
        let text = text.trim();
        if let Some(inner) = text.strip_prefix('[') {
            let Some(inner) = inner.strip_suffix(']') else {
                return Err(err(text.len(), "a flow list must end with `]`"));
            };
            let mut items = Vec::new();
            let mut start = 0;
            let mut quote = None;
            let mut pieces = Vec::new();
            for (i, c) in inner.char_indices() {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == '\'' || c == '"' => quote = Some(c),
                    None if c == '[' || c == '{' => {
                        return Err(err(1 + i, "nested collections are not supported"));
                    }
                    None if c == ',' => {
                        pieces.push((start, &inner[start..i]));
                        start = i + 1;
                    }
                    None => {}
                }
            }
            if quote.is_some() {
                return Err(err(text.len(), "unterminated quote"));
            }
            pieces.push((start, &inner[start..]));
            let last = pieces.len() - 1;
            for (n, (offset, piece)) in pieces.into_iter().enumerate() {
                if piece.trim().is_empty() {
                    // `[]` and a trailing comma are fine.
                    if n == last {
                        continue;
                    }
                    return Err(err(1 + offset, "empty item in a flow list"));
                }
                let lead = piece.len() - piece.trim_start().len();
                items.push(inline(piece, line, column + 1 + offset + lead)?);
            }
            return Ok(Value {
                kind: Kind::List(items),
                line,
                column,
            });
        }
        if text.starts_with('{') {
            return Err(err(0, "flow maps (`{...}`) are not supported"));
        }
        if text.starts_with(']') {
            return Err(err(0, "unexpected `]`"));
        }
        let scalar = if let Some(inner) = text.strip_prefix('\'') {
            let Some(body) = inner.strip_suffix('\'') else {
                return Err(err(0, "unterminated single-quoted string"));
            };
            if body.replace("''", "").contains('\'') {
                return Err(err(0, "a single quote inside '...' must be doubled"));
            }
            body.replace("''", "'")
        } else if let Some(inner) = text.strip_prefix('"') {
            let Some(body) = inner.strip_suffix('"').filter(|_| !inner.is_empty()) else {
                return Err(err(0, "unterminated double-quoted string"));
            };
            unescape(body).map_err(|(i, m)| err(1 + i, &m))?
        } else {
            if text.starts_with(['&', '*', '!', '|', '>', '%', '@', '`']) {
                return Err(err(0, "anchors, tags and block scalars are not supported"));
            }
            text.to_owned()
        };
        Ok(Value {
            kind: Kind::Scalar(scalar),
            line,
            column,
        })
    }

    fn unescape(body: &str) -> Result<String, (usize, String)> {
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Err((i, "unescaped `\"` inside \"...\"".into())),
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, '\\')) => out.push('\\'),
                    Some((_, '"')) => out.push('"'),
                    Some((_, '/')) => out.push('/'),
                    Some((_, other)) => return Err((i, format!("unknown escape `\\{other}`"))),
                    None => return Err((i, "a lone `\\` at the end".into())),
                },
                c => out.push(c),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Config {
        Config::parse(text).expect("parses").0
    }

    fn err(text: &str) -> ConfigError {
        Config::parse(text).expect_err("rejected")
    }

    #[test]
    fn empty_and_comments_only() {
        assert_eq!(ok(""), Config::default());
        assert_eq!(ok("# nothing\n\n---\n"), Config::default());
    }

    #[test]
    fn ignored_block_and_flow_lists() {
        let c = ok("ignored:\n  - DL3008 # apt pins\n  - 'SC2086'\n");
        assert_eq!(c.ignored, ["DL3008", "SC2086"]);
        let c = ok("ignored: [DL3008, \"DL3009\",]\n");
        assert_eq!(c.ignored, ["DL3008", "DL3009"]);
        let c = ok("ignored:\n- DL3008\n- DL3009\n");
        assert_eq!(c.ignored, ["DL3008", "DL3009"]);
        assert!(ok("ignored: []\n").ignored.is_empty());
        assert!(ok("ignored:\n").ignored.is_empty());
    }

    #[test]
    fn override_levels() {
        let c = ok(
            "override:\n  error:\n    - DL3001\n  warning: [DL3002]\n  info:\n    - DL3003\n  style: [DL3004, DL3005]\n",
        );
        assert_eq!(
            c.overrides,
            [
                ("DL3001".to_owned(), Severity::Error),
                ("DL3002".to_owned(), Severity::Warning),
                ("DL3003".to_owned(), Severity::Info),
                ("DL3004".to_owned(), Severity::Style),
                ("DL3005".to_owned(), Severity::Style),
            ]
        );
        let e = err("override:\n  fatal: [DL3001]\n");
        assert_eq!((e.line, e.column), (2, 3));
        assert!(err("override: [DL3001]\n").message.contains("map"));
    }

    #[test]
    fn failure_threshold_and_booleans() {
        let c = ok("failure-threshold: warning\nno-fail: true\ndisable-ignore-pragma: yes\n");
        assert_eq!(c.failure_threshold, Some(FailureThreshold::Warning));
        assert!(c.no_fail && c.disable_ignore_pragma);
        assert_eq!(
            ok("failure-threshold: \"none\"").failure_threshold,
            Some(FailureThreshold::None)
        );
        let e = err("failure-threshold: fatal\n");
        assert_eq!((e.line, e.column), (1, 20));
        assert!(err("no-fail: maybe\n").message.contains("true or false"));
    }

    #[test]
    fn trusted_registries_string_or_list() {
        let c = ok("trustedRegistries: docker.io\n");
        assert_eq!(c.trusted_registries, ["docker.io"]);
        let c = ok("trustedRegistries:\n  - docker.io\n  - \"*.gcr.io\"\n  - my-*\n");
        assert!(c.trusts("docker.io"));
        assert!(c.trusts("eu.gcr.io"));
        assert!(c.trusts("my-registry.example"));
        assert!(!c.trusts("quay.io"));
        assert!(Config::default().trusts("anything"));
    }

    #[test]
    fn unknown_keys_warn_known_inert_keys_do_not() {
        let (c, warnings) = Config::parse(
            "ignored: [DL3000]\nstrict-labels: true\nlabel-schema:\n  author: text\ncolour: red\n",
        )
        .unwrap();
        assert_eq!(c.ignored, ["DL3000"]);
        assert_eq!(warnings.len(), 1);
        assert_eq!((warnings[0].line, warnings[0].column), (5, 1));
        assert!(warnings[0].message.contains("colour"));
        assert_eq!(ok("format: json\n").format.as_deref(), Some("json"));
    }

    #[test]
    fn malformed_input_is_an_error_with_a_position() {
        for (text, line, column) in [
            ("ignored: [DL3000\n", 1, 17),
            ("ignored: 'DL3000\n", 1, 10),
            ("ignored:\n  - DL1\n   - DL2\n", 3, 4),
            ("ignored\n", 1, 1),
            ("- a\n- b\n", 1, 1),
            ("ignored:\n\t- DL1\n", 2, 1),
            ("a: 1\na: 2\n", 2, 1),
            ("ignored: {a: b}\n", 1, 10),
            ("ignored: [a, , b]\n", 1, 13),
            ("ignored: \"a\\q\"\n", 1, 12),
            ("ignored: [[a]]\n", 1, 11),
            ("a: 1\n  b: 2\n", 2, 3),
        ] {
            let e = err(text);
            assert_eq!((e.line, e.column), (line, column), "{text:?}: {e}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "\"",
            "'",
            "[",
            "]",
            ":",
            "- ",
            "-",
            "a:\n-",
            "a: [\"]",
            "a: '''",
            "a: \"\\",
            "\u{feff}a: b",
            "a:\n  -\n  -",
            "a: [,]",
            "  a: 1\nb: 2",
            "é: ü",
            "a: \"",
            "a:\n  b:\n    c: [x]\n  d: e",
        ] {
            let _ = Config::parse(text);
        }
    }

    #[test]
    fn codes_match_ids_and_aliases_case_insensitively() {
        static META: RuleMeta = RuleMeta {
            id: "apt-install-recommends",
            name: "",
            aliases: &["DL3015"],
            severity: Severity::Info,
            category: super::super::Category::Packages,
            fixable: false,
            enabled_by_default: true,
            docs: "",
        };
        let c = ok("ignored: [dl3015]\n");
        assert!(c.ignores(&META));
        let c = ok("override:\n  error: [APT-INSTALL-RECOMMENDS]\n");
        assert_eq!(c.severity_of(&META), Severity::Error);
        assert_eq!(Config::default().severity_of(&META), Severity::Info);
    }

    #[test]
    fn a_full_configuration() {
        let text = "\
# project lint settings
failure-threshold: style   # strict
format: sarif
ignored:
  - DL3000

  - SC1010
trustedRegistries:
  - docker.io
  - registry.example.com:5000
  - '*.gcr.io'
label-schema:
  author: text
  created: rfc3339
override:
  error:
    - DL3001
  info: []
strict-labels: false
no-color: true
";
        let (c, warnings) = Config::parse(text).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(c.failure_threshold, Some(FailureThreshold::Style));
        assert_eq!(c.ignored, ["DL3000", "SC1010"]);
        assert_eq!(c.trusted_registries[1], "registry.example.com:5000");
        assert!(c.trusts("registry.example.com:5000") && c.trusts("us.gcr.io"));
        assert_eq!(c.overrides, [("DL3001".to_owned(), Severity::Error)]);
        assert_eq!(c.format.as_deref(), Some("sarif"));
        assert_eq!(
            c.label_schema,
            [
                ("author".to_owned(), LabelFormat::Text),
                ("created".to_owned(), LabelFormat::Rfc3339)
            ]
        );
        assert!(!c.strict_labels);
    }

    #[test]
    fn label_schema_and_strict_labels() {
        let c = ok("label-schema:\n  version: SemVer\n  url: url\nstrict-labels: true\n");
        assert_eq!(
            c.label_schema[0],
            ("version".to_owned(), LabelFormat::Semver)
        );
        assert!(c.strict_labels);
        let e = err("label-schema:\n  version: number\n");
        assert_eq!((e.line, e.column), (2, 12));
        assert!(err("label-schema: [a]\n").message.contains("map"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in "[a-z:\\-\\[\\],'\" #\n\t*]{0,60}") {
            let _ = Config::parse(&text);
        }
    }

    #[test]
    fn thresholds() {
        assert!(FailureThreshold::Info.fails_on(Severity::Warning));
        assert!(!FailureThreshold::Info.fails_on(Severity::Style));
        assert!(FailureThreshold::Style.fails_on(Severity::Style));
        assert!(!FailureThreshold::None.fails_on(Severity::Error));
        assert_eq!(
            FailureThreshold::parse("ignore"),
            Some(FailureThreshold::None)
        );
    }
}
