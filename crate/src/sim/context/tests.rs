use super::*;

fn sample() -> BuildContext {
    let mut ctx = BuildContext::new();
    for (path, size) in [
        ("Dockerfile", 300),
        (".dockerignore", 40),
        ("package.json", 2_000),
        ("package-lock.json", 300_000),
        ("src/index.js", 5_000),
        ("src/lib/util.js", 3_000),
        ("src/lib/deep/x.ts", 1_000),
        ("srcfile.txt", 10),
        ("docs/a.md", 100),
        ("README.md", 400),
        ("node_modules/left-pad/index.js", 900),
        ("data[1].csv", 7),
    ] {
        ctx.insert(path, size, false);
    }
    ctx
}

fn paths(files: &[&ContextFile]) -> Vec<String> {
    files.iter().map(|f| f.path.clone()).collect()
}

#[test]
fn select_resolves_sources_like_buildkit_copy() {
    let ctx = sample();
    let cases: &[(&str, &[&str])] = &[
        ("package.json", &["package.json"]),
        ("/package.json", &["package.json"]),
        ("./package.json", &["package.json"]),
        (
            "src",
            &["src/index.js", "src/lib/deep/x.ts", "src/lib/util.js"],
        ),
        (
            "src/",
            &["src/index.js", "src/lib/deep/x.ts", "src/lib/util.js"],
        ),
        (
            "./src/lib/../lib",
            &["src/lib/deep/x.ts", "src/lib/util.js"],
        ),
        ("../../src/index.js", &["src/index.js"]),
        ("package*.json", &["package-lock.json", "package.json"]),
        ("*.md", &["README.md"]),
        ("src/*.js", &["src/index.js"]),
        (
            "src/*",
            &["src/index.js", "src/lib/deep/x.ts", "src/lib/util.js"],
        ),
        ("*/lib", &["src/lib/deep/x.ts", "src/lib/util.js"]),
        ("src/l?b/u*", &["src/lib/util.js"]),
        ("[dD]ocker*", &["Dockerfile"]),
        (
            "s[^x]c",
            &["src/index.js", "src/lib/deep/x.ts", "src/lib/util.js"],
        ),
        ("data\\[1\\].csv", &[]),
        ("data[[]1].csv", &["data[1].csv"]),
        ("missing.txt", &[]),
        ("sr", &[]),
        ("src/*.go", &[]),
        ("[", &[]),
    ];
    for &(source, want) in cases {
        assert_eq!(paths(&ctx.select(source)), want, "COPY {source}");
    }
    assert_eq!(ctx.select(".").len(), ctx.len());
    assert_eq!(ctx.select("/").len(), ctx.len());
}

#[test]
fn excluded_files_never_reach_a_copy() {
    let ignore = DockerIgnore::parse("node_modules\n**/*.md\n!README.md\n");
    let mut ctx = sample();
    let before = ctx.total_size();
    assert_eq!(ctx.apply_ignore(&ignore), 2);
    assert_eq!(
        ctx.excluded.keys().map(String::as_str).collect::<Vec<_>>(),
        ["docs/a.md", "node_modules/left-pad/index.js"]
    );
    assert_eq!(ctx.excluded_size(), 1_000);
    assert_eq!(ctx.total_size(), before - 1_000);
    assert!(ctx.select("node_modules").is_empty());
    assert!(ctx.select(".").iter().all(|f| !f.path.starts_with("docs/")));
    assert_eq!(paths(&ctx.select("*.md")), ["README.md"]);
    // Applying again moves nothing more; the builder form agrees.
    assert_eq!(ctx.apply_ignore(&ignore), 0);
    assert_eq!(sample().with_dockerignore(&ignore), ctx);
    // The Dockerfile and .dockerignore stay unless excluded.
    assert!(ctx.get("Dockerfile").is_some() && ctx.get(".dockerignore").is_some());
    let gone = sample().with_dockerignore(&DockerIgnore::parse("Dockerfile\n.dockerignore"));
    assert!(gone.get("Dockerfile").is_none() && gone.get(".dockerignore").is_none());
}

#[test]
fn digests_key_on_content_not_order() {
    let ctx = sample();
    let sel = ctx.select("src");
    let mut reversed = sel.clone();
    reversed.reverse();
    let mut doubled = sel.clone();
    doubled.extend(sel.iter().copied());
    let key = BuildContext::digest_of(&sel);
    assert_eq!(key, BuildContext::digest_of(&reversed));
    assert_eq!(key, BuildContext::digest_of(&doubled));
    assert_ne!(key, BuildContext::digest_of(&sel[..2]));
    assert_ne!(
        BuildContext::digest_of(&[]),
        BuildContext::digest_of(&ctx.select("Dockerfile"))
    );

    // The same inputs always give the same numbers (no per-run seeds).
    assert_eq!(key, BuildContext::digest_of(&sample().select("src")));
    let a = ContextFile::without_content("a.txt", 5, false, FileKind::Text);
    assert_eq!(a.digest, {
        let mut h = Fnv64::new();
        h.write_str("no-content");
        h.write_str("a.txt");
        h.write_u64(5);
        h.finish()
    });
}

#[test]
fn mark_changed_moves_only_the_keys_that_cover_the_file() {
    let mut ctx = sample();
    let src = BuildContext::digest_of(&ctx.select("src"));
    let manifests = BuildContext::digest_of(&ctx.select("package*.json"));
    let old = ctx.get("src/lib/util.js").unwrap().digest;

    assert!(ctx.mark_changed("./src/lib/util.js"));
    let new = ctx.get("src/lib/util.js").unwrap().digest;
    assert_ne!(new, old);
    assert_ne!(BuildContext::digest_of(&ctx.select("src")), src);
    assert_eq!(
        BuildContext::digest_of(&ctx.select("package*.json")),
        manifests
    );

    // Deterministic: the same edit on a fresh copy gives the same digest,
    // and a second edit moves it again.
    let mut again = sample();
    again.mark_changed("src/lib/util.js");
    assert_eq!(again.get("src/lib/util.js").unwrap().digest, new);
    assert!(ctx.mark_changed("src/lib/util.js"));
    assert_ne!(ctx.get("src/lib/util.js").unwrap().digest, new);

    assert!(!ctx.mark_changed("no/such/file"));
    assert!(!ctx.mark_changed("src"), "directories are not files");
}

#[test]
fn editing_sizes_and_paths() {
    let mut ctx = BuildContext::new();
    assert!(ctx.insert(".", 1, false).is_none());
    let f = ctx.insert("/app//main.py", 10, true).unwrap().clone();
    assert_eq!(
        (f.path.as_str(), f.kind, f.assumed),
        ("app/main.py", FileKind::Text, true)
    );
    ctx.insert("logo.png", 50, false);
    assert_eq!(ctx.get("logo.png").unwrap().kind, FileKind::Compressed);
    assert_eq!(ctx.total_size(), 60);

    let before = BuildContext::digest_of(&ctx.select("app"));
    assert!(ctx.set_size("app/main.py", 20));
    let edited = ctx.get("app/main.py").unwrap();
    assert_eq!((edited.size, edited.assumed), (20, false));
    assert_ne!(BuildContext::digest_of(&ctx.select("app")), before);
    assert!(!ctx.set_size("nope", 1));
    assert_eq!(ctx.remove("logo.png").map(|f| f.size), Some(50));
    assert_eq!(ctx.len(), 1);
}

#[test]
fn infer_fills_in_assumed_files_for_missing_sources() {
    let mut ctx = BuildContext::new();
    assert_eq!(ctx.infer_source("package*.json"), 2);
    assert_eq!(
        paths(&ctx.select("package*.json")),
        ["package-lock.json", "package.json"]
    );
    assert_eq!(ctx.get("package-lock.json").unwrap().size, 300 * 1024);
    assert_eq!(
        ctx.infer_source("package*.json"),
        0,
        "already selects files"
    );

    assert_eq!(ctx.infer_source("requirements.txt"), 1);
    assert!(ctx.get("requirements.txt").unwrap().assumed);

    assert_eq!(ctx.infer_source("src/"), 20);
    assert_eq!(ctx.select("src").len(), 20);
    assert!(
        ctx.select("src")
            .iter()
            .all(|f| f.assumed && f.size == 6 * 1024)
    );

    assert_eq!(ctx.infer_source("app/*.py"), 1);
    assert_eq!(paths(&ctx.select("app/*.py")), ["app/app.py"]);
    assert_eq!(ctx.infer_source("conf/[a-c]?.ini"), 1);
    assert_eq!(paths(&ctx.select("conf/[a-c]?.ini")), ["conf/ax.ini"]);
    assert_eq!(ctx.infer_source("bad["), 0);

    // `.` on an empty context is the whole-project default tree; on a
    // non-empty one it already selects everything.
    let mut empty = BuildContext::new();
    assert_eq!(empty.infer_source("."), assumed_tree(".").files);
    assert_eq!(ctx.infer_source("."), 0);

    // Sources the .dockerignore took away are not invented again.
    let mut ignored = BuildContext::new();
    ignored.insert("secrets/key.pem", 3, false);
    ignored.apply_ignore(&DockerIgnore::parse("secrets"));
    assert_eq!(ignored.infer_source("secrets"), 0);
    assert!(ignored.is_empty());
}

/// A unique scratch folder under the system temp dir, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("layerlab-{tag}-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.0.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn from_dir_reads_sizes_and_content_and_applies_dockerignore() {
    let tmp = TempDir::new("ctx");
    tmp.write(
        ".dockerignore",
        b"# build outputs\nnode_modules\n*.log\n!keep.log\n  bad[\n",
    );
    tmp.write("Dockerfile", b"FROM scratch\nCOPY . /\n");
    tmp.write("src/main.py", b"print('hi')\n");
    tmp.write("src/pkg/util.py", b"X = 1\n");
    tmp.write("debug.log", b"noise");
    tmp.write("keep.log", b"kept");
    tmp.write("node_modules/a/index.js", &[b'x'; 1000]);
    fs::create_dir_all(tmp.0.join("empty")).unwrap();

    let (ctx, ignore) = BuildContext::from_dir_with_ignore(&tmp.0).unwrap();
    let ignore = ignore.expect("the folder has a .dockerignore");
    assert_eq!(ignore.diagnostics().len(), 1, "the bad line is reported");
    assert_eq!(ignore.diagnostics()[0].line, 5);

    let kept: Vec<&str> = ctx.files.keys().map(String::as_str).collect();
    assert_eq!(
        kept,
        [
            ".dockerignore",
            "Dockerfile",
            "keep.log",
            "src/main.py",
            "src/pkg/util.py"
        ]
    );
    let excluded: Vec<&str> = ctx.excluded.keys().map(String::as_str).collect();
    assert_eq!(excluded, ["debug.log", "node_modules/a/index.js"]);
    assert_eq!(ctx.excluded_size(), 1005);

    let main = ctx.get("src/main.py").unwrap();
    assert_eq!((main.size, main.assumed), (12, false));
    assert_eq!(main.digest, fnv1a64(b"print('hi')\n"));
    assert_eq!(ctx.get("Dockerfile").unwrap().size, 22);

    // Content, not mtime: rewriting the same bytes keeps the key, new bytes
    // of the same size change it.
    let key = BuildContext::digest_of(&ctx.select("src"));
    tmp.write("src/main.py", b"print('hi')\n");
    assert_eq!(
        BuildContext::digest_of(&BuildContext::from_dir(&tmp.0).unwrap().select("src")),
        key
    );
    tmp.write("src/main.py", b"print('yo')\n");
    let changed = BuildContext::from_dir(&tmp.0).unwrap();
    assert_eq!(changed.get("src/main.py").unwrap().size, 12);
    assert_ne!(BuildContext::digest_of(&changed.select("src")), key);

    // Rules given by the caller (a `Dockerfile.dockerignore`) replace the folder's.
    let own = DockerIgnore::parse("src\n");
    let other = BuildContext::from_dir_ignoring(&tmp.0, Some(&own)).unwrap();
    assert_eq!(
        other.excluded.keys().collect::<Vec<_>>(),
        ["src/main.py", "src/pkg/util.py"]
    );
    assert!(other.get("debug.log").is_some() && other.get("node_modules/a/index.js").is_some());

    // No .dockerignore: everything is in.
    fs::remove_file(tmp.0.join(".dockerignore")).unwrap();
    let (all, none) = BuildContext::from_dir_with_ignore(&tmp.0).unwrap();
    assert!(none.is_none());
    assert!(all.excluded.is_empty());
    assert_eq!(all.len(), 6);

    assert!(BuildContext::from_dir(&tmp.0.join("does-not-exist")).is_err());
}

#[cfg(unix)]
#[test]
fn from_dir_keeps_symlinks_as_links() {
    let tmp = TempDir::new("ctx-link");
    tmp.write("real.txt", b"content");
    std::os::unix::fs::symlink("real.txt", tmp.0.join("link.txt")).unwrap();
    let ctx = BuildContext::from_dir(&tmp.0).unwrap();
    let link = ctx.get("link.txt").unwrap();
    assert_eq!(link.size, "real.txt".len() as u64);
    assert_ne!(link.digest, ctx.get("real.txt").unwrap().digest);
}

/// Agreement with moby/patternmatcher (`ignorefile.ReadAll`, `New`,
/// `MatchesOrParentMatches`) and Go's `filepath.Match` on generated
/// patterns and paths, recorded from the Go code itself in
/// `testdata/moby_patterns.jsonl`: per `.dockerignore` text, whether moby
/// rejects it and which paths it excludes; per glob, whether Go rejects it
/// and which names it matches. Rows that hit the documented divergences
/// (`wildcard-in-class`, `regexp-escape`) are not in the file.
#[test]
fn agrees_with_moby_patternmatcher_and_go_match() {
    let data = include_str!("testdata/moby_patterns.jsonl");
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect()
    };
    let mut checks = 0;
    for line in data.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let rejected = row["error"].as_bool().unwrap();
        if let Some(text) = row["ignore"].as_str() {
            let ignore = DockerIgnore::parse(text);
            let error = ignore
                .diagnostics()
                .iter()
                .any(|d| d.severity == crate::syntax::Severity::Error);
            assert_eq!(error, rejected, "rejection of {text:?}");
            for path in strings(&row["excluded"]) {
                assert!(
                    ignore.is_excluded(&path),
                    "{text:?} should exclude {path:?}"
                );
                checks += 1;
            }
            for path in strings(&row["included"]) {
                assert!(!ignore.is_excluded(&path), "{text:?} should keep {path:?}");
                checks += 1;
            }
        } else {
            let pattern = row["glob"].as_str().unwrap();
            assert_eq!(
                glob_match(pattern, "x").is_err(),
                rejected,
                "rejection of {pattern:?}"
            );
            for name in strings(&row["matches"]) {
                assert_eq!(
                    glob_match(pattern, &name),
                    Ok(true),
                    "{pattern:?} vs {name:?}"
                );
                checks += 1;
            }
            for name in strings(&row["misses"]) {
                assert_eq!(
                    glob_match(pattern, &name),
                    Ok(false),
                    "{pattern:?} vs {name:?}"
                );
                checks += 1;
            }
        }
        checks += 1;
    }
    assert!(checks > 5000, "only {checks} checks");
}
