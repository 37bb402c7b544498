//! `curl`: which URLs it fetches and where each one goes.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, Output};
use crate::shell::argv::ArgWord;

const OPTS: &[Opt] = &[
    val("output|o"),
    flag("remote-name|O"),
    flag("remote-name-all"),
    flag("location|L"),
    flag("location-trusted"),
    flag("fail|f"),
    flag("fail-with-body"),
    flag("fail-early"),
    flag("silent|s"),
    flag("show-error|S"),
    flag("insecure|k"),
    flag("compressed"),
    flag("head|I"),
    flag("include|i"),
    flag("verbose|v"),
    flag("disable|q"),
    flag("progress-bar|#"),
    flag("no-progress-meter"),
    flag("create-dirs"),
    flag("remote-header-name|J"),
    flag("remote-time|R"),
    flag("tlsv1"),
    flag("tlsv1.2"),
    flag("tlsv1.3"),
    flag("ssl-reqd"),
    flag("parallel|Z"),
    flag("no-buffer|N"),
    flag("ipv4|4"),
    flag("ipv6|6"),
    flag("http1.1"),
    flag("http2"),
    flag("netrc|n"),
    flag("get|G"),
    flag("retry-connrefused"),
    flag("retry-all-errors"),
    flag("globoff|g"),
    flag("help|h"),
    flag("version|V"),
    flag("list-only|l"),
    flag("append|a"),
    flag("use-ascii|B"),
    flag("junk-session-cookies|j"),
    flag("xattr"),
    flag("path-as-is"),
    flag("styled-output"),
    val("output-dir"),
    val("header|H"),
    val("data|d"),
    val("data-binary"),
    val("data-raw"),
    val("data-urlencode"),
    val("json"),
    val("request|X"),
    val("user|u"),
    val("user-agent|A"),
    val("referer|e"),
    val("continue-at|C"),
    val("max-time|m"),
    val("connect-timeout"),
    val("retry"),
    val("retry-delay"),
    val("retry-max-time"),
    val("proxy|x"),
    val("noproxy"),
    val("proto"),
    val("proto-redir"),
    val("proto-default"),
    val("cacert"),
    val("capath"),
    val("cert|E"),
    val("key"),
    val("write-out|w"),
    val("upload-file|T"),
    val("form|F"),
    val("cookie|b"),
    val("cookie-jar|c"),
    val("range|r"),
    val("time-cond|z"),
    val("limit-rate"),
    val("max-filesize"),
    val("url"),
    val("config|K"),
    val("speed-time|y"),
    val("speed-limit|Y"),
    val("keepalive-time"),
    val("resolve"),
    val("dump-header|D"),
    val("trace"),
    val("trace-ascii"),
    val("stderr"),
    val("oauth2-bearer"),
    val("max-redirs"),
    val("interface"),
    val("dns-servers"),
    val("ciphers"),
    val("pinnedpubkey"),
    val("etag-save"),
    val("etag-compare"),
];

/// The file name `-O` would choose: the URL's last path segment.
pub(crate) fn remote_name(url: &ArgWord) -> Option<String> {
    let u = url.value.as_deref()?;
    let path = u.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let (_, last) = path.rsplit_once('/')?;
    (!last.is_empty()).then(|| last.to_string())
}

/// `curl [options] URL...`: one download per URL, paired in order with
/// `-o`/`-O` as curl does.
pub fn curl(args: &[ArgWord], m: &mut CommandModel) {
    let Some(p) = m.parse(args, &Spec::gnu(OPTS)) else {
        return;
    };
    if m.has("version") || m.has("help") {
        return;
    }
    let mut urls: Vec<ArgWord> = p.operands.iter().map(|w| (*w).clone()).collect();
    urls.extend(m.values("url"));
    if urls.is_empty() {
        m.fail("curl without a URL");
        return;
    }
    let all_remote = m.has("remote-name-all");
    let mut outputs = m.flags.iter().filter_map(|f| match &*f.name {
        "output" => f.value.clone().map(|path| {
            if path.value.as_deref() == Some("-") {
                Output::Stdout
            } else {
                Output::File { path }
            }
        }),
        "remote-name" => Some(Output::RemoteName { name: None }),
        _ => None,
    });
    let mut pairs = Vec::new();
    for url in urls {
        let output = match outputs.next() {
            Some(Output::RemoteName { .. }) => Output::RemoteName {
                name: remote_name(&url),
            },
            Some(o) => o,
            None if all_remote => Output::RemoteName {
                name: remote_name(&url),
            },
            None => Output::Stdout,
        };
        pairs.push(Effect::Download { url, output });
    }
    m.effects.extend(pairs);
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    fn out(m: &CommandModel, i: usize) -> &Output {
        match &m.effects[i] {
            Effect::Download { output, .. } => output,
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn outputs() {
        let m = rec("curl -fsSLo /usr/local/bin/gosu https://x/gosu-amd64");
        assert!(m.recognized);
        assert!(
            matches!(out(&m, 0), Output::File { path } if path.text() == "/usr/local/bin/gosu")
        );
        let m = rec("curl -fsSLO --compressed https://nodejs.org/dist/v20/node-v20.tar.xz?x=1");
        assert!(
            matches!(out(&m, 0), Output::RemoteName { name: Some(n) } if n == "node-v20.tar.xz")
        );
        let m = rec("curl -fsSL https://get.docker.com");
        assert!(matches!(out(&m, 0), Output::Stdout));
        let m = rec("curl -s -q https://a/mc -o /go/bin/mc");
        assert!(matches!(out(&m, 0), Output::File { .. }));
        let m = rec("curl --fail --show-error --location --output chisel.tar.gz https://a/c.tgz");
        assert!(matches!(out(&m, 0), Output::File { path } if path.text() == "chisel.tar.gz"));
        let m = rec("curl -o a https://x/1 -O https://x/2");
        assert!(matches!(out(&m, 1), Output::RemoteName { name: Some(n) } if n == "2"));
    }

    #[test]
    fn malformed() {
        assert!(!rec("curl -fsSL").recognized);
        assert!(!rec("curl https://x -o").recognized);
        assert!(rec("curl --version").recognized);
        let m = rec("curl $URL");
        assert!(m.recognized && m.effects.len() == 1);
    }
}
