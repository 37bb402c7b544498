//! Everyday utilities: output (`echo`, `printf`, `tee`), text tools (`sed`,
//! `grep`, `awk`...), checksums and signatures, system setup (`ldconfig`,
//! `update-ca-certificates`, `locale-gen`), and small queries. Most are
//! plain option tables in [`SIMPLE`]; the ones with effects have functions.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect};
use crate::shell::argv::ArgWord;

/// `echo [-neE] args`: options only up front, and only these letters.
pub fn echo(args: &[ArgWord], m: &mut CommandModel) {
    let mut i = 0;
    while let Some(v) = args.get(i).and_then(|w| w.value.as_deref()) {
        if v.len() > 1 && v.starts_with('-') && v[1..].chars().all(|c| "neE".contains(c)) {
            for c in v[1..].chars() {
                m.flags.push(super::flags::Flag {
                    name: c.to_string().into(),
                    value: None,
                });
            }
            i += 1;
        } else {
            break;
        }
    }
    m.operands.extend(args[i..].iter().cloned());
}

/// `printf format [args]`.
pub fn printf(args: &[ArgWord], m: &mut CommandModel) {
    let args = match args.first().and_then(|w| w.value.as_deref()) {
        Some("-v") if args.len() >= 2 => {
            m.flags.push(super::flags::Flag {
                name: "v".into(),
                value: Some(args[1].clone()),
            });
            &args[2..]
        }
        Some("--") => &args[1..],
        _ => args,
    };
    if args.is_empty() {
        m.fail("printf needs a format");
        return;
    }
    m.operands.extend(args.iter().cloned());
}

/// `tee [-a] file...`.
pub fn tee(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("append|a"),
        flag("ignore-interrupts|i"),
        flag("p"),
        opt("output-error"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if !m.operands.is_empty() {
        let files = m.operands.clone();
        let append = m.has("append");
        m.effect(Effect::WriteFiles { files, append });
    }
}

/// `sed [-i[suffix]] [-e script]... [script] [file...]`.
pub fn sed(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        opt("in-place|i"),
        val("expression|e"),
        val("file|f"),
        flag("quiet|n|silent"),
        flag("regexp-extended|E|r"),
        flag("separate|s"),
        flag("unbuffered|u"),
        flag("null-data|z"),
        flag("posix"),
        flag("sandbox"),
        flag("debug"),
        val("line-length|l"),
        flag("follow-symlinks"),
        flag("help"),
        flag("version"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let mut files = m.operands.clone();
    if m.value("expression").is_none() && m.value("file").is_none() {
        if files.is_empty() {
            m.fail("sed without a script");
            return;
        }
        files.remove(0);
    }
    if m.has("in-place") {
        if files.is_empty() {
            m.fail("sed -i without files");
            return;
        }
        m.effect(Effect::EditInPlace { files });
    }
}

/// `sha256sum`, `sha512sum`, `md5sum`...: `-c` verifies.
pub fn checksum(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("check|c"),
        flag("strict"),
        flag("status"),
        flag("warn|w"),
        flag("quiet"),
        flag("ignore-missing"),
        flag("binary|b"),
        flag("text|t"),
        flag("tag"),
        flag("zero|z"),
        flag("s"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.has("check") || m.has("s") {
        let files = m.operands.clone();
        m.effect(Effect::VerifyChecksums { files });
    }
}

/// `gpg`: `--recv-keys`, `--import`, `--verify` and friends.
pub fn gpg(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("batch"),
        val("keyserver"),
        val("keyserver-options"),
        flag("recv-keys|recv-key|receive-keys"),
        flag("fetch-keys"),
        flag("search-keys"),
        flag("refresh-keys"),
        flag("verify"),
        flag("import"),
        flag("dearmor|dearmour|enarmor"),
        flag("export"),
        flag("export-secret-keys"),
        val("output|o"),
        flag("yes"),
        flag("no-tty"),
        flag("quiet|q"),
        flag("verbose|v"),
        val("homedir"),
        val("keyring"),
        val("secret-keyring"),
        flag("no-default-keyring"),
        flag("armor|a"),
        flag("fingerprint"),
        flag("with-fingerprint"),
        flag("list-keys|k"),
        flag("list-secret-keys|K"),
        val("trust-model"),
        flag("delete-keys"),
        flag("decrypt|d"),
        flag("sign|s"),
        flag("detach-sign|b"),
        flag("clearsign|clear-sign"),
        flag("encrypt|e"),
        flag("symmetric|c"),
        val("passphrase"),
        val("pinentry-mode"),
        val("status-fd"),
        flag("with-colons"),
        flag("show-keys"),
        flag("list-packets"),
        val("print-md"),
        flag("dry-run"),
        val("recipient|r"),
        val("local-user|u"),
        val("default-key"),
        flag("full-generate-key|gen-key|generate-key"),
        flag("quick-gen-key|quick-generate-key"),
        flag("import-ownertrust"),
        flag("no-auto-check-trustdb"),
        flag("no-permission-warning"),
        flag("help|h"),
        flag("version"),
        flag("auto-key-locate"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let ops = m.operands.clone();
    if m.has("recv-keys") || m.has("fetch-keys") {
        if ops.is_empty() {
            m.fail("gpg --recv-keys without keys");
            return;
        }
        m.effect(Effect::ImportKeys { keys: ops });
    } else if m.has("import") {
        m.effect(Effect::ImportKeys { keys: ops });
    } else if m.has("verify") {
        m.effect(Effect::VerifySignature { files: ops });
    }
}

/// `ldconfig`: refreshes the linker cache unless only printing.
pub fn ldconfig(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("verbose|v"),
        flag("n"),
        flag("N"),
        flag("X"),
        flag("print-cache|p"),
        val("r"),
        val("C"),
        val("f"),
        flag("l"),
        flag("version|V"),
        flag("help"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if !m.has("print-cache") && !m.has("version") {
        m.effect(Effect::Ldconfig);
    }
}

/// `update-ca-certificates [--fresh]`.
pub fn update_ca_certificates(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("fresh|f"),
        flag("verbose|v"),
        val("certsconf"),
        val("certsdir"),
        val("localcertsdir"),
        val("etccertsdir"),
        val("hooksdir"),
        flag("help|h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    m.effect(Effect::UpdateCaCertificates);
}

/// `locale-gen [locale...]`, `localedef -i en_US -f UTF-8 en_US.UTF-8`.
pub fn locale_gen(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("purge"),
        flag("no-purge"),
        flag("keep-existing"),
        val("lang"),
        val("inputfile|i"),
        val("charmap|f"),
        flag("force|c"),
        flag("verbose|v"),
        flag("quiet"),
        val("alias-file|A"),
        flag("no-archive"),
        flag("help"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    if m.command == "localedef" && m.operands.is_empty() {
        m.fail("localedef needs an output locale name");
        return;
    }
    let locales = m.operands.clone();
    m.effect(Effect::GenerateLocales { locales });
}

/// Script interpreters: `php`, `perl`, `ruby`, `lua`. Options up to the
/// script (or `-r`/`-e` code); the rest are the script's arguments.
pub fn interpreter(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("r"),
        val("e"),
        val("E"),
        val("d"),
        val("c"),
        val("f"),
        val("M"),
        val("I"),
        val("S"),
        val("t"),
        opt("i"),
        flag("m"),
        flag("v"),
        flag("n"),
        flag("p"),
        flag("l"),
        flag("a"),
        flag("w"),
        flag("W"),
        flag("ini"),
        flag("version"),
        flag("help|h"),
        val("re"),
        val("ri"),
        val("rf"),
    ];
    let Some(p) = m.parse(args, &Spec::leading(OPTS)) else {
        return;
    };
    m.operands.extend(p.rest.iter().cloned());
}

/// A command modelled by its option table alone.
pub struct Simple {
    /// The options.
    pub opts: &'static [Opt],
    /// Fewest operands a valid call has.
    pub min: usize,
    /// `find`-style single-dash long options (`-name`).
    pub single_dash: bool,
}

const fn simple(opts: &'static [Opt], min: usize) -> Simple {
    Simple {
        opts,
        min,
        single_dash: false,
    }
}

/// Runs a [`Simple`] model.
pub fn run_simple(s: &Simple, args: &[ArgWord], m: &mut CommandModel) {
    // `head -5` is the old spelling of `head -n 5`.
    let owned: Vec<ArgWord>;
    let args = if matches!(m.command.as_str(), "head" | "tail") {
        owned = args
            .iter()
            .map(|w| match w.value.as_deref() {
                Some(v)
                    if v.len() > 1
                        && v.starts_with('-')
                        && v[1..].chars().all(|c| c.is_ascii_digit()) =>
                {
                    let mut n = w.clone();
                    n.value = Some(format!("--lines={}", &v[1..]));
                    n
                }
                _ => w.clone(),
            })
            .collect();
        &owned[..]
    } else {
        args
    };
    let spec = if s.single_dash {
        Spec::single_dash(s.opts)
    } else {
        Spec::gnu(s.opts)
    };
    if m.parse(args, &spec).is_none() {
        return;
    }
    let asked_version = m.has("version") || m.has("help");
    if m.operands.len() < s.min && !asked_version {
        m.fail(format!("{}: missing operand", m.command));
    }
}

const NONE: &[Opt] = &[flag("help"), flag("version")];

/// Option tables of commands without effects worth simulating; keyed by
/// name in the registry.
#[rustfmt::skip]
pub const SIMPLE: &[(&str, Simple)] = &[
    ("awk", simple(&[val("F|field-separator"), val("v|assign"), val("f|file"), flag("version|V"), flag("posix"), flag("traditional"), flag("help")], 1)),
    ("base64", simple(&[flag("decode|d"), flag("ignore-garbage|i"), val("wrap|w"), flag("help"), flag("version")], 0)),
    ("basename", simple(&[flag("multiple|a"), val("suffix|s"), flag("zero|z"), flag("help"), flag("version")], 1)),
    ("cat", simple(&[flag("show-all|A"), flag("number-nonblank|b"), flag("e"), flag("show-ends|E"), flag("number|n"), flag("squeeze-blank|s"), flag("t"), flag("show-tabs|T"), flag("u"), flag("show-nonprinting|v"), flag("help"), flag("version")], 0)),
    ("cmp", simple(&[flag("silent|s|quiet"), flag("verbose|l"), flag("print-bytes|b"), val("bytes|n"), val("ignore-initial|i")], 1)),
    ("cut", simple(&[val("delimiter|d"), val("fields|f"), val("characters|c"), val("bytes|b"), flag("complement"), flag("only-delimited|s"), val("output-delimiter"), flag("zero-terminated|z"), flag("n"), flag("help"), flag("version")], 0)),
    ("date", simple(&[flag("utc|u|universal"), val("date|d"), val("reference|r"), opt("iso-8601|I"), flag("rfc-email|R|rfc-2822|rfc-822"), opt("rfc-3339"), val("file|f"), val("set|s"), flag("help"), flag("version")], 0)),
    ("df", simple(&[flag("human-readable|h"), flag("all|a"), flag("inodes|i"), flag("k"), flag("portability|P"), flag("print-type|T"), val("type|t"), opt("output")], 0)),
    ("diff", simple(&[flag("u"), opt("unified|U"), flag("recursive|r"), flag("brief|q"), flag("new-file|N"), flag("ignore-all-space|w"), flag("ignore-space-change|b"), flag("ignore-blank-lines|B"), flag("ignore-case|i"), flag("text|a"), flag("context|c"), opt("color"), val("exclude|x"), flag("side-by-side|y")], 2)),
    ("dirname", simple(&[flag("zero|z"), flag("help"), flag("version")], 1)),
    ("du", simple(&[flag("summarize|s"), flag("human-readable|h"), flag("total|c"), flag("all|a"), val("max-depth|d"), flag("k"), flag("m"), flag("x"), flag("apparent-size"), flag("bytes|b"), val("exclude")], 0)),
    ("envsubst", simple(&[flag("variables|v"), flag("help|h"), flag("version|V")], 0)),
    ("file", simple(&[flag("brief|b"), flag("mime|i"), flag("L|dereference"), flag("z|uncompress"), flag("s|special-files"), flag("mime-type"), flag("version")], 1)),
    ("free", simple(&[flag("h|human"), flag("m|mega"), flag("g|giga"), flag("k|kilo"), flag("b|bytes"), flag("t|total")], 0)),
    ("getent", simple(&[val("service|s"), flag("no-idn|i"), flag("help")], 1)),
    ("gpgconf", simple(&[val("kill"), val("launch"), flag("list-dirs"), flag("list-components"), flag("reload"), flag("check-programs"), val("homedir")], 0)),
    ("gpgv", simple(&[val("keyring"), val("homedir"), flag("quiet|q"), flag("verbose|v"), val("status-fd"), val("output|o")], 1)),
    ("grep", simple(&[val("regexp|e"), val("file|f"), flag("extended-regexp|E"), flag("fixed-strings|F"), flag("basic-regexp|G"), flag("perl-regexp|P"), flag("invert-match|v"), flag("ignore-case|i|y"), flag("no-ignore-case"), flag("quiet|q|silent"), flag("recursive|r"), flag("dereference-recursive|R"), flag("files-with-matches|l"), flag("files-without-match|L"), flag("only-matching|o"), flag("count|c"), flag("line-number|n"), flag("no-filename|h"), flag("with-filename|H"), flag("word-regexp|w"), flag("line-regexp|x"), flag("no-messages|s"), val("max-count|m"), val("after-context|A"), val("before-context|B"), val("context|C"), val("include"), val("exclude"), val("exclude-dir"), opt("color|colour"), flag("text|a"), flag("null-data|z"), flag("null|Z"), flag("byte-offset|b"), flag("initial-tab|T"), flag("binary"), val("binary-files"), flag("I"), val("label"), flag("line-buffered"), flag("help"), flag("version|V")], 0)),
    ("head", simple(&[val("lines|n"), val("bytes|c"), flag("quiet|q|silent"), flag("verbose|v"), flag("zero-terminated|z"), flag("help"), flag("version")], 0)),
    ("hostname", simple(&[flag("fqdn|f|long"), flag("ip-address|i"), flag("all-ip-addresses|I"), flag("short|s"), flag("domain|d"), val("file|F")], 0)),
    ("id", simple(&[flag("user|u"), flag("group|g"), flag("groups|G"), flag("name|n"), flag("real|r"), flag("zero|z"), flag("context|Z"), flag("help"), flag("version")], 0)),
    ("jq", simple(&[flag("raw-output|r"), flag("join-output|j"), flag("exit-status|e"), flag("compact-output|c"), flag("null-input|n"), flag("slurp|s"), flag("monochrome-output|M"), flag("color-output|C"), flag("sort-keys|S"), flag("ascii-output|a"), flag("raw-input|R"), flag("tab"), val("indent"), val("from-file|f"), val("arg"), val("argjson"), val("slurpfile"), val("rawfile"), flag("args"), flag("jsonargs"), flag("version"), flag("help|h")], 0)),
    ("kill", simple(&[val("s"), val("n"), flag("l"), flag("L")], 0)),
    ("ls", simple(&[flag("l"), flag("all|a"), flag("almost-all|A"), flag("human-readable|h"), flag("recursive|R"), flag("t"), flag("reverse|r"), flag("directory|d"), flag("1"), flag("S"), flag("classify|F"), flag("inode|i"), flag("numeric-uid-gid|n"), opt("color"), flag("C"), flag("g"), flag("o"), flag("s|size"), flag("U"), flag("X"), flag("L|dereference"), flag("Z|context"), opt("time-style"), opt("sort"), flag("full-time"), flag("group-directories-first"), flag("help"), flag("version")], 0)),
    ("mktemp", simple(&[flag("directory|d"), flag("dry-run|u"), flag("quiet|q"), opt("tmpdir|p"), val("suffix"), flag("t"), flag("help"), flag("version")], 0)),
    ("nproc", simple(&[flag("all"), val("ignore"), flag("help"), flag("version")], 0)),
    ("pwd", simple(&[flag("L"), flag("P")], 0)),
    ("readlink", simple(&[flag("canonicalize|f"), flag("canonicalize-existing|e"), flag("canonicalize-missing|m"), flag("no-newline|n"), flag("quiet|q|silent|s"), flag("verbose|v"), flag("zero|z"), flag("help"), flag("version")], 1)),
    ("realpath", simple(&[flag("canonicalize-existing|e"), flag("canonicalize-missing|m"), flag("logical|L"), flag("physical|P"), flag("quiet|q"), flag("no-symlinks|s|strip"), val("relative-to"), val("relative-base"), flag("zero|z")], 1)),
    ("rev", simple(NONE, 0)),
    ("scanelf", simple(&[flag("needed|n"), flag("nobanner|B"), val("format|F"), flag("recursive|R"), flag("quiet|q"), flag("verbose|v"), flag("path|p"), flag("ldpath|l"), flag("all|a"), flag("bind|b"), flag("soname|S"), flag("rpath|r"), flag("textrel|t"), flag("mount|m"), flag("symlink|y"), flag("etype|E"), val("symbol|s"), val("lib|N"), flag("interp|i"), flag("header|H"), flag("use-ldpath|L"), flag("x|pax")], 1)),
    ("seq", simple(&[val("format|f"), val("separator|s"), flag("equal-width|w")], 1)),
    ("setcap", simple(&[flag("q"), flag("v"), flag("r"), flag("n")], 2)),
    ("sleep", simple(NONE, 1)),
    ("sort", simple(&[flag("unique|u"), flag("reverse|r"), flag("numeric-sort|n"), flag("version-sort|V"), val("key|k"), val("field-separator|t"), val("output|o"), flag("human-numeric-sort|h"), flag("ignore-case|f"), flag("ignore-leading-blanks|b"), flag("stable|s"), flag("zero-terminated|z"), flag("merge|m"), flag("check|c"), flag("general-numeric-sort|g"), flag("random-sort|R"), flag("dictionary-order|d"), val("buffer-size|S"), val("parallel"), val("temporary-directory|T"), flag("help"), flag("version")], 0)),
    ("ssh-keygen", simple(&[val("t"), val("b"), val("f"), val("N"), flag("q"), val("C"), flag("A"), flag("y"), flag("l"), flag("R"), val("F"), val("E"), val("m"), val("P"), flag("H"), val("a"), flag("D")], 0)),
    ("ssh-keyscan", simple(&[val("t"), flag("H"), val("p"), val("T"), flag("4"), flag("6"), val("f"), flag("v")], 1)),
    ("stat", simple(&[val("format|c"), val("printf"), flag("file-system|f"), flag("dereference|L"), flag("terse|t"), flag("help"), flag("version")], 1)),
    ("tail", simple(&[val("lines|n"), val("bytes|c"), flag("f"), flag("F"), opt("follow"), flag("quiet|q|silent"), flag("verbose|v"), val("pid"), val("sleep-interval|s"), flag("zero-terminated|z"), flag("retry"), flag("help"), flag("version")], 0)),
    ("tr", simple(&[flag("delete|d"), flag("squeeze-repeats|s"), flag("complement|c|C"), flag("truncate-set1|t"), flag("help"), flag("version")], 1)),
    ("uname", simple(&[flag("all|a"), flag("machine|m"), flag("kernel-release|r"), flag("kernel-name|s"), flag("nodename|n"), flag("kernel-version|v"), flag("processor|p"), flag("hardware-platform|i"), flag("operating-system|o"), flag("help"), flag("version")], 0)),
    ("uniq", simple(&[flag("count|c"), flag("repeated|d"), flag("unique|u"), flag("ignore-case|i"), val("skip-fields|f"), val("skip-chars|s"), val("check-chars|w"), flag("zero-terminated|z"), flag("D")], 0)),
    ("update-alternatives", simple(&[flag("install"), flag("set"), flag("remove"), flag("remove-all"), flag("auto"), flag("display"), flag("query"), flag("list"), flag("config"), flag("all"), flag("get-selections"), flag("set-selections"), val("slave"), val("altdir"), val("admindir"), val("log"), flag("force"), flag("skip-auto"), flag("quiet"), flag("verbose")], 1)),
    ("wc", simple(&[flag("lines|l"), flag("bytes|c"), flag("chars|m"), flag("words|w"), flag("max-line-length|L"), val("files0-from"), flag("help"), flag("version")], 0)),
    ("which", simple(&[flag("a"), flag("s"), flag("all")], 1)),
    ("whoami", simple(NONE, 0)),
    ("yes", simple(NONE, 0)),
    ("minisign", simple(&[flag("V"), flag("S"), flag("G"), flag("R"), flag("q"), flag("Q"), flag("m"), val("x"), val("p"), val("P"), val("s"), val("t"), val("c"), flag("H"), flag("o"), flag("l"), flag("f"), flag("W"), flag("v")], 0)),
    ("openssl", simple(&[], 1)),
    ("systemctl", simple(&[flag("now"), flag("user"), flag("system"), flag("quiet|q"), flag("no-reload"), flag("global"), flag("force|f"), val("root")], 1)),
    ("rc-update", simple(&[flag("update|u"), flag("verbose|v"), flag("quiet|q")], 1)),
    ("service", simple(&[flag("status-all"), flag("help")], 1)),
    ("rsync", simple(&[flag("archive|a"), flag("verbose|v"), flag("compress|z"), flag("recursive|r"), flag("delete"), val("exclude"), val("include"), flag("progress"), flag("P"), flag("h"), flag("links|l"), flag("perms|p"), flag("times|t"), flag("owner|o"), flag("group|g"), flag("D"), flag("hard-links|H"), flag("update|u"), flag("checksum|c"), opt("chown"), opt("chmod"), flag("no-owner"), flag("no-group"), flag("quiet|q")], 2)),
    ("cpio", simple(&[flag("extract|i"), flag("create|o"), flag("pass-through|p"), flag("make-directories|d"), flag("preserve-modification-time|m"), flag("verbose|v"), flag("unconditional|u"), val("format|H"), val("file|F"), flag("null|0"), flag("quiet"), flag("no-absolute-filenames"), val("directory|D")], 0)),
    ("addlicense", Simple { opts: &[val("c"), val("l"), val("f"), val("ignore"), flag("check"), flag("v"), val("y"), flag("s")], min: 0, single_dash: true }),
    ("add-apt-repository", simple(&[flag("yes|y"), flag("no-update|n"), flag("remove|r"), flag("enable-source|s"), flag("update|u"), flag("list|L"), val("keyserver|k"), flag("help|h")], 1)),
    ("update-locale", simple(&[val("locale-file"), flag("reset"), flag("no-checks")], 0)),
    ("nvm", simple(&[flag("lts"), flag("latest-npm"), flag("reinstall-packages-from"), flag("silent"), flag("no-progress"), flag("default")], 1)),
    ("mix", simple(&[flag("force"), val("only"), flag("if-missing")], 1)),
    ("playwright", simple(&[flag("with-deps"), flag("dry-run"), flag("force"), flag("version|V"), flag("help|h")], 1)),
    ("keytool", Simple { opts: &[flag("importcert"), flag("import"), flag("list"), flag("genkeypair"), flag("genkey"), flag("exportcert"), flag("delete"), flag("printcert"), flag("noprompt"), flag("trustcacerts"), flag("cacerts"), flag("v"), flag("rfc"), val("alias"), val("file"), val("keystore"), val("storepass"), val("keypass"), val("storetype"), val("keyalg"), val("keysize"), val("validity"), val("dname"), val("deststorepass"), val("srckeystore"), val("destkeystore"), val("srcstorepass")], min: 0, single_dash: true }),
    ("fc-cache", simple(&[flag("force|f"), flag("really-force|r"), flag("verbose|v"), flag("system-only|s"), flag("error-on-no-fonts|E")], 0)),
    ("yum-config-manager", simple(&[val("add-repo"), flag("enable"), flag("disable"), val("setopt"), flag("save"), flag("assumeyes|y")], 0)),
    ("getconf", simple(&[flag("a"), val("v")], 1)),
    ("patch", simple(&[val("strip|p"), val("input|i"), flag("reverse|R"), flag("forward|N"), flag("silent|s|quiet"), flag("dry-run"), val("directory|d"), flag("force|f"), flag("remove-empty-files|E"), flag("backup|b"), flag("t|batch"), flag("unified|u"), val("output|o"), opt("binary"), val("fuzz|F"), flag("verbose"), flag("posix")], 0)),
    ("tac", simple(&[flag("before|b"), flag("regex|r"), val("separator|s")], 0)),
    ("tree", simple(&[flag("a"), flag("d"), flag("f"), flag("n"), flag("h"), flag("p"), flag("s"), flag("u"), flag("g"), flag("D"), flag("C"), val("L"), val("I"), val("P"), flag("noreport"), flag("J")], 0)),
    ("ssh-add", simple(&[flag("l"), flag("L"), flag("d"), flag("D"), flag("q"), val("t"), flag("k"), flag("K")], 0)),
    ("protoc", simple(&[val("proto_path|I"), opt("descriptor_set_out|o"), flag("include_imports"), flag("include_source_info"), flag("version"), flag("help|h"), val("plugin")], 0)),
    ("golangci-lint", simple(&[val("build-tags"), val("timeout"), val("config|c"), flag("verbose|v"), flag("fix"), val("out-format"), val("concurrency|j"), flag("fast"), flag("version")], 1)),
    ("nginx", Simple { opts: &[flag("t"), flag("T"), flag("q"), flag("v"), flag("V"), val("c"), val("g"), val("p"), val("s"), val("e")], min: 0, single_dash: false }),
    ("curl-config", simple(&[flag("version"), flag("libs"), flag("cflags"), flag("prefix")], 0)),
    ("pkg-config", simple(&[flag("cflags"), flag("libs"), flag("modversion"), flag("exists"), flag("static"), val("atleast-version"), flag("print-errors"), val("variable")], 1)),
    ("strings", simple(&[flag("all|a"), val("bytes|n"), val("radix|t")], 1)),
    ("ldd", simple(&[flag("verbose|v"), flag("unused|u"), flag("data-relocs|d"), flag("function-relocs|r"), flag("version")], 1)),
    ("nm", simple(&[flag("dynamic|D"), flag("extern-only|g"), flag("undefined-only|u"), flag("demangle|C")], 1)),
    ("objdump", simple(&[flag("d"), flag("x"), flag("p"), flag("h"), flag("T"), flag("t"), flag("all-headers")], 1)),
    ("sha256", simple(NONE, 0)),
    ("lsb_release", simple(&[flag("all|a"), flag("short|s"), flag("codename|c"), flag("id|i"), flag("release|r"), flag("description|d")], 0)),
    ("ps", simple(&[flag("e"), flag("f"), flag("a"), flag("u"), flag("x")], 0)),
    ("wait", simple(NONE, 0)),
    ("sync", simple(NONE, 0)),
    ("shasum", simple(&[val("algorithm|a"), flag("check|c"), flag("binary|b"), flag("text|t"), flag("status|s"), flag("warn|w"), flag("strict")], 0)),
    ("chsh", simple(&[val("shell|s")], 1)),
    ("crontab", simple(&[val("u"), flag("l"), flag("r"), flag("e")], 0)),
    ("ulimit", simple(&[flag("a"), flag("n"), flag("c"), flag("s"), flag("S"), flag("H"), flag("u"), flag("v")], 0)),
    ("umask", simple(&[flag("S"), flag("p")], 0)),
];

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn echo_printf_tee() {
        let m = rec("echo -n hello -n");
        assert_eq!(texts(&m.operands), ["hello", "-n"]);
        assert_eq!(m.flags.len(), 1);
        assert!(rec("echo").recognized);
        assert!(rec("printf %s\\n a b").recognized);
        assert!(!rec("printf").recognized);
        let m = rec("tee -a /etc/apt/sources.list");
        assert!(matches!(
            &m.effects[0],
            Effect::WriteFiles { append: true, .. }
        ));
    }

    #[test]
    fn sed_shapes() {
        let m = rec("sed -i s/a/b/ /etc/x /etc/y");
        assert!(
            matches!(&m.effects[0], Effect::EditInPlace { files } if texts(files) == ["/etc/x", "/etc/y"])
        );
        let m = rec("sed -ri -e s/a/b/ -e s/c/d/ /etc/x");
        assert!(matches!(&m.effects[0], Effect::EditInPlace { files } if files.len() == 1));
        let m = rec("sed -i.bak s/a/b/ f");
        assert_eq!(m.value("in-place").unwrap().text(), ".bak");
        assert!(rec("sed -e s/^x//").effects.is_empty());
        assert!(!rec("sed -n").recognized);
        assert!(!rec("sed -i s/a/b/").recognized);
    }

    #[test]
    fn checks_and_system() {
        assert!(matches!(
            &rec("sha256sum -c -").effects[0],
            Effect::VerifyChecksums { .. }
        ));
        assert!(rec("sha256sum file").effects.is_empty());
        let m = rec("gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys $GPG_KEY");
        assert!(matches!(&m.effects[0], Effect::ImportKeys { keys } if keys.len() == 1));
        let m = rec("gpg --batch --verify python.tar.xz.asc python.tar.xz");
        assert!(matches!(&m.effects[0], Effect::VerifySignature { files } if files.len() == 2));
        assert!(!rec("gpg --recv-keys").recognized);
        assert!(matches!(rec("ldconfig").effects[0], Effect::Ldconfig));
        assert!(rec("ldconfig -p").effects.is_empty());
        assert!(matches!(
            rec("update-ca-certificates --fresh").effects[0],
            Effect::UpdateCaCertificates
        ));
        assert!(
            matches!(&rec("locale-gen en_US.UTF-8").effects[0], Effect::GenerateLocales { locales } if locales.len() == 1)
        );
        assert!(rec("localedef -i en_US -f UTF-8 en_US.UTF-8").recognized);
    }

    #[test]
    fn interpreters() {
        assert!(rec("php --version").recognized);
        assert!(
            rec("php -r copy('https://getcomposer.org/installer','composer-setup.php');")
                .recognized
        );
        assert!(rec("perl -pi -e s/a/b/ file").recognized);
    }

    #[test]
    fn simple_tables() {
        assert!(rec("gpgconf --kill all").recognized);
        assert!(rec("awk -F- { print $NF }").recognized);
        assert!(!rec("awk").recognized);
        assert!(rec("mktemp -d").recognized);
        assert!(rec("tr -d 3").recognized);
        assert!(!rec("sleep").recognized);
        assert!(rec("nproc").recognized);
        let m = rec("head -1 /etc/os-release");
        assert!(m.notes.is_empty() && m.value("lines").unwrap().text() == "1");
        assert!(rec("date --rfc-2822").notes.is_empty());
    }
}
