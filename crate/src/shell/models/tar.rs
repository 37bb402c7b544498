//! Archives: `tar`, `unzip`, and the `gzip`/`xz`/`bzip2`/`zstd` family.

use super::flags::{Opt, Spec, flag, opt, val};
use super::model::{CommandModel, Effect};
use crate::shell::argv::ArgWord;

const TAR_OPTS: &[Opt] = &[
    flag("extract|x|get"),
    flag("create|c"),
    flag("list|t"),
    flag("append|r"),
    flag("update|u"),
    flag("catenate|A|concatenate"),
    flag("delete"),
    flag("diff|d|compare"),
    val("file|f"),
    val("directory|C"),
    flag("gzip|z|gunzip|ungzip"),
    flag("bzip2|j"),
    flag("xz|J"),
    flag("zstd"),
    flag("lzma"),
    flag("lzip"),
    flag("compress|Z|uncompress"),
    flag("auto-compress|a"),
    val("use-compress-program|I"),
    flag("verbose|v"),
    flag("preserve-permissions|p|same-permissions"),
    flag("no-same-owner|o"),
    flag("same-owner"),
    flag("no-same-permissions"),
    val("strip-components|strip"),
    val("exclude"),
    val("exclude-from|X"),
    val("files-from|T"),
    flag("wildcards"),
    flag("no-wildcards"),
    val("owner"),
    val("group"),
    flag("numeric-owner"),
    val("mode"),
    val("mtime"),
    val("sort"),
    val("transform|xform"),
    flag("keep-old-files|k"),
    flag("overwrite"),
    flag("touch|m"),
    flag("dereference|h"),
    flag("absolute-names|P"),
    flag("to-stdout|O"),
    val("warning"),
    flag("anchored"),
    flag("no-overwrite-dir"),
    opt("checkpoint"),
    flag("totals"),
    val("format|H"),
    flag("delay-directory-restore"),
    flag("skip-old-files"),
    flag("one-file-system"),
    flag("remove-files"),
    flag("recursion"),
    flag("no-recursion"),
    flag("verify|W"),
    flag("read-full-records|B"),
    flag("null"),
    val("pax-option"),
    flag("hard-dereference"),
    flag("no-xattrs"),
    flag("xattrs"),
    flag("acls"),
    flag("selinux"),
    flag("help"),
    flag("version"),
    flag("show-transformed-names"),
    val("blocking-factor|b"),
    flag("ignore-zeros|i"),
    flag("unlink-first|U"),
    flag("recursive-unlink"),
    flag("exclude-vcs"),
    flag("full-time"),
    flag("utc"),
    val("label|V"),
];

/// Compression implied by a flag or, failing that, by the file name.
fn compression(m: &CommandModel, file: Option<&ArgWord>) -> Option<&'static str> {
    for (flag, name) in [
        ("gzip", "gzip"),
        ("bzip2", "bzip2"),
        ("xz", "xz"),
        ("zstd", "zstd"),
        ("lzma", "lzma"),
        ("lzip", "lzip"),
        ("compress", "compress"),
    ] {
        if m.has(flag) {
            return Some(name);
        }
    }
    let name = file?.value.as_deref()?;
    [
        (".tar.gz", "gzip"),
        (".tgz", "gzip"),
        (".tar.bz2", "bzip2"),
        (".tbz2", "bzip2"),
        (".tar.xz", "xz"),
        (".txz", "xz"),
        (".tar.zst", "zstd"),
        (".tar.lz", "lzip"),
        (".tar.Z", "compress"),
    ]
    .iter()
    .find(|(ext, _)| name.ends_with(ext))
    .map(|(_, c)| *c)
}

/// `tar`, including the old dashless style (`tar xzf file`).
pub fn tar(args: &[ArgWord], m: &mut CommandModel) {
    // Old style: the first word is a bundle of letters without a dash.
    let old_style = args
        .first()
        .and_then(|w| w.value.as_deref())
        .is_some_and(|v| {
            !v.is_empty()
                && !v.starts_with('-')
                && v.chars().all(|c| "xctrudAzjJZavpofCOkmhPSWB".contains(c))
                && v.contains(['x', 'c', 't', 'r', 'u'])
        });
    let owned: Vec<ArgWord>;
    let args = if old_style {
        let mut v = args.to_vec();
        v[0].value = v[0].value.take().map(|s| format!("-{s}"));
        owned = v;
        &owned[..]
    } else {
        args
    };
    if m.parse(args, &Spec::gnu(TAR_OPTS)).is_none() {
        return;
    }
    if m.has("help") || m.has("version") {
        return;
    }
    let modes = [
        "extract", "create", "list", "append", "update", "catenate", "delete", "diff",
    ];
    let given: Vec<&str> = modes.iter().copied().filter(|x| m.has(x)).collect();
    if given.len() != 1 {
        m.fail(if given.is_empty() {
            "tar needs one of -x, -c, -t, -r, -u"
        } else {
            "tar given more than one mode"
        });
        return;
    }
    m.subcommand = Some(given[0].to_string());
    let file = m
        .value("file")
        .filter(|f| f.value.as_deref() != Some("-"))
        .cloned();
    let comp = compression(m, file.as_ref());
    match given[0] {
        "extract" => m.effect(Effect::Extract {
            archive: file,
            dest: m.value("directory").cloned(),
            compression: comp,
            strip_components: m.value("strip-components").cloned(),
        }),
        "create" => {
            let paths = m.operands.clone();
            m.effect(Effect::CreateArchive {
                archive: file,
                paths,
                compression: comp,
            });
        }
        _ => {}
    }
}

/// `unzip [-oq] archive.zip [members] [-x excluded] [-d dir]`.
pub fn unzip(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("d"),
        flag("o"),
        flag("q"),
        flag("n"),
        flag("j"),
        flag("x"),
        flag("l"),
        flag("t"),
        flag("p"),
        flag("u"),
        flag("f"),
        flag("a"),
        flag("L"),
        flag("C"),
        flag("v"),
        flag("X"),
        flag("K"),
        flag("h"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let Some(archive) = m.operands.first().cloned() else {
        m.fail("unzip without an archive");
        return;
    };
    if m.has("l") || m.has("t") || m.has("p") {
        return;
    }
    m.effect(Effect::Extract {
        archive: Some(archive),
        dest: m.value("d").cloned(),
        compression: Some("zip"),
        strip_components: None,
    });
}

/// `gzip`, `gunzip`, `xz`, `unxz`, `bzip2`, `bunzip2`, `zstd`, `unzstd`, `zcat`.
pub fn gzip(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        flag("decompress|d|uncompress"),
        flag("keep|k"),
        flag("force|f"),
        flag("stdout|c|to-stdout"),
        flag("recursive|r"),
        flag("quiet|q"),
        flag("verbose|v"),
        flag("test|t"),
        flag("no-name|n"),
        flag("name|N"),
        flag("list|l"),
        flag("best"),
        flag("fast"),
        flag("rm"),
        flag("1"),
        flag("2"),
        flag("3"),
        flag("4"),
        flag("5"),
        flag("6"),
        flag("7"),
        flag("8"),
        flag("9"),
        flag("0"),
        flag("extreme|e"),
        flag("help|h"),
        flag("version|V"),
        val("threads|T"),
        val("suffix|S"),
        val("format|F"),
        opt("memlimit|M"),
        flag("ultra"),
        flag("long"),
    ];
    if m.parse(args, &Spec::gnu(OPTS)).is_none() {
        return;
    }
    let decompress = m.has("decompress")
        || m.command.starts_with("gun")
        || m.command.starts_with("un")
        || m.command.starts_with("bun")
        || m.command.ends_with("cat");
    if decompress && !m.has("stdout") && !m.command.ends_with("cat") && !m.has("test") {
        let files = m.operands.clone();
        if !files.is_empty() {
            let keep = m.has("keep");
            m.effect(Effect::Decompress { files, keep });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::rec;
    use super::*;

    #[test]
    fn tar_shapes() {
        let m = rec(
            "tar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz",
        );
        assert!(m.recognized);
        let Effect::Extract {
            archive,
            dest,
            compression,
            strip_components,
        } = &m.effects[0]
        else {
            panic!()
        };
        assert_eq!(archive.as_ref().unwrap().text(), "python.tar.xz");
        assert_eq!(dest.as_ref().unwrap().text(), "/usr/src/python");
        assert_eq!(*compression, Some("xz"));
        assert_eq!(strip_components.as_ref().unwrap().text(), "1");
        let m = rec("tar -xJf node.tar.xz -C /usr/local --strip-components=1 --no-same-owner");
        assert!(m.recognized && m.notes.is_empty());
        let m = rec("tar xzvf nydus.tgz -C /out");
        assert!(matches!(
            &m.effects[0],
            Effect::Extract {
                compression: Some("gzip"),
                ..
            }
        ));
        let m = rec("tar xzv");
        assert!(matches!(
            &m.effects[0],
            Effect::Extract { archive: None, .. }
        ));
        let m = rec("tar -czf out.tgz -C dir .");
        assert!(matches!(&m.effects[0], Effect::CreateArchive { .. }));
        assert!(!rec("tar -f x.tar").recognized);
        assert!(!rec("tar -xf").recognized);
    }

    #[test]
    fn unzip_gzip() {
        let m = rec("unzip -q /tmp/x.zip -d /opt");
        assert!(
            matches!(&m.effects[0], Effect::Extract { dest: Some(d), .. } if d.text() == "/opt")
        );
        assert!(!rec("unzip -q").recognized);
        let m = rec("gzip -d file.gz");
        assert!(matches!(&m.effects[0], Effect::Decompress { .. }));
        assert!(rec("gunzip -9 -c x.gz").effects.is_empty());
    }
}
