//! `wget`: URLs, `-O` (with `-O-` for standard output) and `-P`.

use super::curl::remote_name;
use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect, Output};
use crate::shell::argv::ArgWord;

const OPTS: &[Opt] = &[
    val("output-document|O"),
    val("directory-prefix|P"),
    flag("quiet|q"),
    flag("no-verbose|nv"),
    flag("verbose|v"),
    flag("continue|c"),
    flag("no-clobber|nc"),
    flag("no-directories|nd"),
    flag("no-host-directories|nH"),
    flag("no-parent|np"),
    flag("no-check-certificate"),
    flag("server-response|S"),
    flag("https-only"),
    flag("recursive|r"),
    flag("timestamping|N"),
    flag("content-disposition"),
    flag("spider"),
    flag("show-progress"),
    flag("retry-connrefused"),
    flag("inet4-only|4"),
    flag("inet6-only|6"),
    flag("help|h"),
    flag("version|V"),
    flag("mirror|m"),
    flag("page-requisites|p"),
    flag("convert-links|k"),
    flag("no-cookies"),
    flag("no-cache"),
    flag("no-hsts"),
    flag("no-dns-cache"),
    flag("debug|d"),
    opt("progress"),
    val("tries|t"),
    val("timeout|T"),
    val("wait|w"),
    val("waitretry"),
    val("header"),
    val("user-agent|U"),
    val("input-file|i"),
    val("output-file|o"),
    val("append-output|a"),
    val("user"),
    val("password"),
    val("http-user"),
    val("http-password"),
    val("secure-protocol"),
    val("max-redirect"),
    val("ca-certificate"),
    val("ca-directory"),
    val("compression"),
    val("level|l"),
    val("accept|A"),
    val("reject|R"),
    val("execute|e"),
    val("post-data"),
    val("method"),
    val("body-data"),
    val("limit-rate"),
    val("dns-timeout"),
    val("connect-timeout"),
    val("read-timeout"),
];

/// `wget [options] URL...`.
pub fn wget(args: &[ArgWord], m: &mut CommandModel) {
    let Some(p) = m.parse(args, &Spec::single_dash(OPTS)) else {
        return;
    };
    if m.has("version") || m.has("help") {
        return;
    }
    let urls: Vec<ArgWord> = p.operands.iter().map(|w| (*w).clone()).collect();
    if urls.is_empty() && !m.has("input-file") {
        m.fail("wget without a URL");
        return;
    }
    let doc = m.value("output-document").cloned();
    let prefix = m.value("directory-prefix").cloned();
    for url in urls {
        let output = match &doc {
            Some(d) if d.value.as_deref() == Some("-") => Output::Stdout,
            Some(d) => Output::File { path: d.clone() },
            None => match (&prefix, remote_name(&url)) {
                (Some(dir), Some(name)) if dir.value.is_some() => {
                    let mut path = dir.clone();
                    let d = dir.text().trim_end_matches('/');
                    path.value = Some(format!("{d}/{name}"));
                    Output::File { path }
                }
                (_, name) => Output::RemoteName { name },
            },
        };
        m.effect(Effect::Download { url, output });
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    fn out(m: &CommandModel) -> &Output {
        match &m.effects[0] {
            Effect::Download { output, .. } => output,
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn shapes() {
        let m = rec("wget -O python.tar.xz https://python.org/Python-3.tar.xz");
        assert!(matches!(out(&m), Output::File { path } if path.text() == "python.tar.xz"));
        let m = rec("wget -qO- https://x/install.sh");
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        assert!(matches!(out(&m), Output::Stdout));
        let m = rec("wget -O- -nv https://x/install.sh");
        assert!(m.notes.is_empty(), "{:?}", m.notes);
        let m = rec("wget -O go.tgz $url --progress=dot:giga");
        assert!(m.notes.is_empty() && m.effects.len() == 1);
        let m = rec("wget https://x/a.tar.gz");
        assert!(matches!(out(&m), Output::RemoteName { name: Some(n) } if n == "a.tar.gz"));
        let m = rec("wget -P /tmp https://x/a.tar.gz");
        assert!(matches!(out(&m), Output::File { path } if path.text() == "/tmp/a.tar.gz"));
        assert!(!rec("wget -q").recognized);
    }
}
