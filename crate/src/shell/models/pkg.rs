//! Package specifications as each ecosystem writes them: `pkg=1.2*` (apt),
//! `pkg=1.2-r0` / `pkg~1.2` (apk), `pkg[extra]>=1,<2` (pip), `@scope/pkg@^1`
//! (npm), `module@v1` (go), `vendor/pkg:^2` (composer).

use serde::Serialize;

use crate::shell::argv::ArgWord;
use crate::span::Span;

/// How an ecosystem attaches a version to a package name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `name=version`, `name/release`, `name:arch`.
    Apt,
    /// `name=1.2-r0`, `name~1.2`, `name>=1`, `name@repo`.
    Apk,
    /// `name[extras]` followed by PEP 440 specifiers.
    Pip,
    /// `name@version`, also scoped `@scope/name@version`; go and cargo alike.
    At,
    /// `vendor/name:constraint`.
    Composer,
    /// No version syntax in the word (rpm names, gems).
    Plain,
}

/// One package named on a command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    /// The word as a reader sees it.
    pub spec: String,
    /// The package name; `None` when it is unknown until run time
    /// (`$PHPIZE_DEPS`) or the word is a path or URL rather than a name.
    pub name: Option<String>,
    /// The version operator (`=`, `==`, `>=`, `~=`, `@`, `/` for an apt
    /// target release, `:` for composer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<String>,
    /// The version or constraint text after the operator; `None` with an
    /// operator means it is only known at run time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Pip extras (`pkg[a,b]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extras: Vec<String>,
    /// The word is a local path, archive or URL, not a registry name.
    #[serde(skip_serializing_if = "super::model::is_false")]
    pub local: bool,
    /// Where the word is.
    pub span: Span,
}

impl Package {
    /// Reads one word under an ecosystem's syntax.
    pub fn parse(w: &ArgWord, syntax: Syntax) -> Self {
        let known = w.value.is_some();
        let spec = w.text().to_string();
        let mut p = Package {
            name: None,
            op: None,
            version: None,
            extras: Vec::new(),
            local: is_local(&spec, syntax),
            span: w.span,
            spec,
        };
        if p.local {
            return p;
        }
        let (name, op, version, extras) = split(&p.spec, syntax);
        // In a partly expanded word (`azurite@${V}`) keep whatever part is
        // literal and mark the rest unknown.
        let keep = |s: &str| (known || !s.contains(['$', '`'])).then(|| s.to_string());
        p.name = keep(name).filter(|n| !n.is_empty());
        p.op = op.map(str::to_string);
        p.version = version.and_then(keep);
        p.extras = extras;
        p
    }

    /// Reads every word.
    pub fn parse_all<'a>(ws: impl IntoIterator<Item = &'a ArgWord>, syntax: Syntax) -> Vec<Self> {
        ws.into_iter().map(|w| Self::parse(w, syntax)).collect()
    }
}

fn is_local(s: &str, syntax: Syntax) -> bool {
    // `.build-deps` (an apk virtual package) is a name; `.` and `./x` are paths.
    let path_like = s == "."
        || s == ".."
        || s.starts_with("./")
        || s.starts_with("../")
        || s.starts_with('/')
        || s.starts_with('~');
    let url = s.contains("://") || s.starts_with("git+");
    let archive = [
        ".deb", ".rpm", ".apk", ".whl", ".tar.gz", ".tgz", ".zip", ".gem", ".nupkg",
    ]
    .iter()
    .any(|e| s.ends_with(e));
    match syntax {
        Syntax::At | Syntax::Composer => path_like || url || archive || s.starts_with("file:"),
        _ => path_like || url || archive,
    }
}

type Split<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Vec<String>);

fn split(s: &str, syntax: Syntax) -> Split<'_> {
    match syntax {
        Syntax::Plain => (s, None, None, Vec::new()),
        Syntax::Apt => match s.find(['=', '/']) {
            Some(i) => (&s[..i], Some(&s[i..=i]), Some(&s[i + 1..]), Vec::new()),
            None => (s, None, None, Vec::new()),
        },
        Syntax::Apk => {
            let i = s.find(['=', '~', '<', '>', '@']);
            match i {
                Some(i) => {
                    let oplen = s[i..]
                        .chars()
                        .take_while(|c| matches!(c, '=' | '~' | '<' | '>' | '@'))
                        .count();
                    (
                        &s[..i],
                        Some(&s[i..i + oplen]),
                        Some(&s[i + oplen..]),
                        Vec::new(),
                    )
                }
                None => (s, None, None, Vec::new()),
            }
        }
        Syntax::At => {
            // Skip the `@` of a scope (`@angular/cli@13`).
            match s.get(1..).and_then(|t| t.find('@')) {
                Some(i) => (&s[..=i], Some("@"), Some(&s[i + 2..]), Vec::new()),
                None => (s, None, None, Vec::new()),
            }
        }
        Syntax::Composer => match s.find(':') {
            Some(i) => (&s[..i], Some(":"), Some(&s[i + 1..]), Vec::new()),
            None => (s, None, None, Vec::new()),
        },
        Syntax::Pip => {
            let end = s
                .find(['[', '=', '~', '!', '<', '>', ';', ' ', '@'])
                .unwrap_or(s.len());
            let name = s[..end].trim();
            let mut rest = &s[end..];
            let mut extras = Vec::new();
            if let Some(r) = rest.strip_prefix('[') {
                if let Some(close) = r.find(']') {
                    extras = r[..close]
                        .split(',')
                        .map(|e| e.trim().to_string())
                        .filter(|e| !e.is_empty())
                        .collect();
                    rest = &r[close + 1..];
                }
            }
            // Environment markers are not part of the version.
            let rest = rest.split(';').next().unwrap_or("").trim();
            if rest.is_empty() {
                return (name, None, None, extras);
            }
            let oplen = rest
                .chars()
                .take_while(|c| matches!(c, '=' | '~' | '!' | '<' | '>' | '@'))
                .count();
            (
                name,
                Some(&rest[..oplen]),
                Some(rest[oplen..].trim()),
                extras,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::models::flags::testing::argv;

    fn p(s: &str, syn: Syntax) -> Package {
        Package::parse(&argv(s).words[0], syn)
    }

    fn t(pk: &Package) -> (Option<&str>, Option<&str>, Option<&str>) {
        (pk.name.as_deref(), pk.op.as_deref(), pk.version.as_deref())
    }

    #[test]
    fn apt_pins() {
        assert_eq!(
            t(&p("curl=7.88.1-10*", Syntax::Apt)),
            (Some("curl"), Some("="), Some("7.88.1-10*"))
        );
        assert_eq!(
            t(&p("git/bookworm-backports", Syntax::Apt)),
            (Some("git"), Some("/"), Some("bookworm-backports"))
        );
        assert_eq!(
            t(&p("libc6:i386", Syntax::Apt)),
            (Some("libc6:i386"), None, None)
        );
        assert!(p("./x.deb", Syntax::Apt).local);
    }

    #[test]
    fn apk_pins() {
        assert_eq!(
            t(&p("curl=8.5.0-r0", Syntax::Apk)),
            (Some("curl"), Some("="), Some("8.5.0-r0"))
        );
        assert_eq!(
            t(&p("nodejs~20", Syntax::Apk)),
            (Some("nodejs"), Some("~"), Some("20"))
        );
        assert_eq!(
            t(&p("py3-pip>=23", Syntax::Apk)),
            (Some("py3-pip"), Some(">="), Some("23"))
        );
        assert_eq!(
            t(&p("pkg@testing", Syntax::Apk)),
            (Some("pkg"), Some("@"), Some("testing"))
        );
    }

    #[test]
    fn pip_specs() {
        assert_eq!(
            t(&p("Django==4.2", Syntax::Pip)),
            (Some("Django"), Some("=="), Some("4.2"))
        );
        let e = p("uvicorn[standard]>=0.20,<1", Syntax::Pip);
        assert_eq!(t(&e), (Some("uvicorn"), Some(">="), Some("0.20,<1")));
        assert_eq!(e.extras, ["standard"]);
        assert_eq!(
            t(&p("requests~=2.31", Syntax::Pip)),
            (Some("requests"), Some("~="), Some("2.31"))
        );
        assert_eq!(t(&p("pip", Syntax::Pip)), (Some("pip"), None, None));
        assert!(p("git+https://x/y.git", Syntax::Pip).local);
        assert!(p(".", Syntax::Pip).local);
    }

    #[test]
    fn at_specs() {
        assert_eq!(
            t(&p("@angular/cli@13", Syntax::At)),
            (Some("@angular/cli"), Some("@"), Some("13"))
        );
        assert_eq!(t(&p("nodemon", Syntax::At)), (Some("nodemon"), None, None));
        assert_eq!(
            t(&p("@vue/cli", Syntax::At)),
            (Some("@vue/cli"), None, None)
        );
        assert_eq!(
            t(&p("aead.dev/minisign/cmd/minisign@v0.2.1", Syntax::At)),
            (
                Some("aead.dev/minisign/cmd/minisign"),
                Some("@"),
                Some("v0.2.1")
            )
        );
        assert_eq!(
            t(&p("laravel/installer:^5", Syntax::Composer)),
            (Some("laravel/installer"), Some(":"), Some("^5"))
        );
    }

    #[test]
    fn unknown_parts_stay_unknown() {
        let u = p("$PHPIZE_DEPS", Syntax::Apt);
        assert_eq!(t(&u), (None, None, None));
        assert_eq!(u.spec, "$PHPIZE_DEPS");
        assert_eq!(
            t(&p("azurite@${V}", Syntax::At)),
            (Some("azurite"), Some("@"), None)
        );
    }
}
