//! Command name → model. Names are looked up as written (basename of
//! `argv[0]`), then normalized: version suffixes (`python3.12`, `pip3`),
//! wrapper scripts (`gradlew`, `mvnw`), cross-compiler triples
//! (`aarch64-linux-gnu-gcc`) and `xx-` helpers (`xx-apk`).

use super::misc::{SIMPLE, Simple, run_simple};
use super::model::CommandModel;
use super::{
    apk, apt, build, cargo, conda, curl, dotnet, dpkg, fs, git, go, java, misc, npm, php, pip, rpm,
    ruby, shells, tar, users, wget, zypper,
};
use crate::shell::argv::ArgWord;

/// A model function: reads the arguments (after `argv[0]`) into the model.
pub type ModelFn = fn(&[ArgWord], &mut CommandModel);

/// How a command is modelled.
#[derive(Clone, Copy)]
pub enum Run {
    /// A function with effects.
    Custom(ModelFn),
    /// An option table alone.
    Simple(&'static Simple),
}

/// A registry entry.
#[derive(Clone, Copy)]
pub struct Model {
    /// The family (file) the model lives in, reported as `CommandModel::model`.
    pub family: &'static str,
    /// How it runs.
    pub run: Run,
}

impl Model {
    /// Runs the model on `args` (the words after the command name).
    pub fn apply(&self, args: &[ArgWord], m: &mut CommandModel) {
        match self.run {
            Run::Custom(f) => f(args, m),
            Run::Simple(s) => run_simple(s, args, m),
        }
    }
}

/// Commands with a function model, by family.
const CUSTOM: &[(&str, &str, ModelFn)] = &[
    ("apt-get", "apt", apt::apt_get),
    ("apt", "apt", apt::apt_get),
    ("apt-mark", "apt", apt::apt_mark),
    ("dpkg", "dpkg", dpkg::dpkg),
    ("dpkg-reconfigure", "dpkg", dpkg::dpkg_reconfigure),
    ("dpkg-architecture", "dpkg", dpkg::dpkg_helper),
    ("dpkg-query", "dpkg", dpkg::dpkg_helper),
    ("dpkg-buildflags", "dpkg", dpkg::dpkg_helper),
    ("dpkg-deb", "dpkg", dpkg::dpkg_helper),
    ("dpkg-divert", "dpkg", dpkg::dpkg_helper),
    ("apk", "apk", apk::apk),
    ("yum", "rpm", rpm::yum),
    ("dnf", "rpm", rpm::dnf),
    ("dnf5", "rpm", rpm::dnf),
    ("microdnf", "rpm", rpm::microdnf),
    ("tdnf", "rpm", rpm::tdnf),
    ("rpm", "rpm", rpm::rpm),
    ("zypper", "zypper", zypper::zypper),
    ("pip", "pip", pip::pip),
    ("python", "pip", pip::python),
    ("pipx", "pip", pip::pipx),
    ("uv", "pip", pip::uv),
    ("poetry", "pip", pip::poetry),
    ("virtualenv", "pip", pip::virtualenv),
    ("npm", "npm", npm::npm),
    ("yarn", "npm", npm::yarn),
    ("pnpm", "npm", npm::pnpm),
    ("corepack", "npm", npm::corepack),
    ("npx", "npm", npm::npx),
    ("node", "npm", npm::node),
    ("gem", "ruby", ruby::gem),
    ("bundle", "ruby", ruby::bundle),
    ("bundler", "ruby", ruby::bundle),
    ("go", "go", go::go),
    ("cargo", "cargo", cargo::cargo),
    ("rustup", "cargo", cargo::rustup),
    ("rustup-init", "cargo", cargo::rustup),
    ("mvn", "java", java::mvn),
    ("mvnw", "java", java::mvn),
    ("gradle", "java", java::gradle),
    ("gradlew", "java", java::gradle),
    ("java", "java", java::java),
    ("jar", "java", java::jar),
    ("dotnet", "dotnet", dotnet::dotnet),
    ("composer", "php", php::composer),
    ("docker-php-ext-install", "php", php::docker_php_ext),
    ("docker-php-ext-enable", "php", php::docker_php_ext),
    ("docker-php-ext-configure", "php", php::docker_php_ext),
    ("docker-php-source", "php", php::docker_php_source),
    ("pecl", "php", php::pecl),
    ("a2enmod", "php", php::a2en),
    ("a2dismod", "php", php::a2en),
    ("a2enconf", "php", php::a2en),
    ("a2disconf", "php", php::a2en),
    ("a2ensite", "php", php::a2en),
    ("a2dissite", "php", php::a2en),
    ("curl", "curl", curl::curl),
    ("wget", "wget", wget::wget),
    ("git", "git", git::git),
    ("tar", "tar", tar::tar),
    ("unzip", "tar", tar::unzip),
    ("gzip", "tar", tar::gzip),
    ("gunzip", "tar", tar::gzip),
    ("zcat", "tar", tar::gzip),
    ("xz", "tar", tar::gzip),
    ("unxz", "tar", tar::gzip),
    ("xzcat", "tar", tar::gzip),
    ("bzip2", "tar", tar::gzip),
    ("bunzip2", "tar", tar::gzip),
    ("zstd", "tar", tar::gzip),
    ("unzstd", "tar", tar::gzip),
    ("rm", "fs", fs::rm),
    ("rmdir", "fs", fs::rmdir),
    ("mkdir", "fs", fs::mkdir),
    ("cp", "fs", fs::cp),
    ("mv", "fs", fs::mv),
    ("ln", "fs", fs::ln),
    ("chmod", "fs", fs::chmod),
    ("chown", "fs", fs::chown),
    ("chgrp", "fs", fs::chown),
    ("touch", "fs", fs::touch),
    ("install", "fs", fs::install),
    ("useradd", "users", users::useradd),
    ("adduser", "users", users::adduser),
    ("groupadd", "users", users::groupadd),
    ("addgroup", "users", users::addgroup),
    ("usermod", "users", users::usermod),
    ("userdel", "users", users::account_misc),
    ("groupdel", "users", users::account_misc),
    ("groupmod", "users", users::account_misc),
    ("deluser", "users", users::account_misc),
    ("delgroup", "users", users::account_misc),
    ("passwd", "users", users::account_misc),
    ("chpasswd", "users", users::account_misc),
    ("make", "build", build::make),
    ("gmake", "build", build::make),
    ("cmake", "build", build::cmake),
    ("configure", "build", build::configure),
    ("gcc", "build", build::cc),
    ("g++", "build", build::cc),
    ("cc", "build", build::cc),
    ("c++", "build", build::cc),
    ("clang", "build", build::cc),
    ("clang++", "build", build::cc),
    ("as", "build", build::binutils),
    ("ld", "build", build::binutils),
    ("strip", "build", build::binutils),
    ("objcopy", "build", build::binutils),
    ("ar", "build", build::binutils),
    ("ranlib", "build", build::binutils),
    ("sh", "shells", shells::shell),
    ("bash", "shells", shells::shell),
    ("dash", "shells", shells::shell),
    ("ash", "shells", shells::shell),
    ("zsh", "shells", shells::shell),
    ("source", "shells", shells::source),
    (".", "shells", shells::source),
    ("set", "shells", shells::set),
    ("export", "shells", shells::export),
    ("declare", "shells", shells::export),
    ("local", "shells", shells::export),
    ("readonly", "shells", shells::export),
    ("typeset", "shells", shells::export),
    ("cd", "shells", shells::cd),
    ("pushd", "shells", shells::cd),
    ("exit", "shells", shells::exit),
    ("return", "shells", shells::exit),
    ("test", "shells", shells::test),
    ("[", "shells", shells::test),
    ("[[", "shells", shells::test),
    ("true", "shells", shells::free_form),
    ("false", "shells", shells::free_form),
    (":", "shells", shells::free_form),
    ("shift", "shells", shells::free_form),
    ("trap", "shells", shells::free_form),
    ("unset", "shells", shells::free_form),
    ("read", "shells", shells::free_form),
    ("eval", "shells", shells::free_form),
    ("alias", "shells", shells::free_form),
    ("hash", "shells", shells::free_form),
    ("type", "shells", shells::free_form),
    ("shopt", "shells", shells::free_form),
    ("popd", "shells", shells::free_form),
    ("break", "shells", shells::free_form),
    ("continue", "shells", shells::free_form),
    ("gosu", "shells", shells::gosu),
    ("su-exec", "shells", shells::gosu),
    ("env", "shells", shells::env),
    ("xargs", "shells", shells::xargs),
    ("exec", "shells", shells::wrapper),
    ("command", "shells", shells::wrapper),
    ("builtin", "shells", shells::wrapper),
    ("nohup", "shells", shells::wrapper),
    ("nice", "shells", shells::wrapper),
    ("time", "shells", shells::wrapper),
    ("stdbuf", "shells", shells::wrapper),
    ("sudo", "shells", shells::wrapper),
    ("doas", "shells", shells::wrapper),
    ("chroot", "shells", shells::wrapper),
    ("timeout", "shells", shells::wrapper),
    ("tini", "shells", shells::wrapper),
    ("tini-static", "shells", shells::wrapper),
    ("dumb-init", "shells", shells::wrapper),
    ("runuser", "shells", shells::wrapper),
    ("setpriv", "shells", shells::wrapper),
    ("catatonit", "shells", shells::wrapper),
    ("su", "shells", shells::su),
    ("find", "shells", shells::find),
    ("echo", "misc", misc::echo),
    ("printf", "misc", misc::printf),
    ("tee", "misc", misc::tee),
    ("sed", "misc", misc::sed),
    ("sha1sum", "misc", misc::checksum),
    ("sha224sum", "misc", misc::checksum),
    ("sha256sum", "misc", misc::checksum),
    ("sha384sum", "misc", misc::checksum),
    ("sha512sum", "misc", misc::checksum),
    ("md5sum", "misc", misc::checksum),
    ("b2sum", "misc", misc::checksum),
    ("cksum", "misc", misc::checksum),
    ("gpg", "misc", misc::gpg),
    ("gpg2", "misc", misc::gpg),
    ("ldconfig", "misc", misc::ldconfig),
    (
        "update-ca-certificates",
        "misc",
        misc::update_ca_certificates,
    ),
    ("update-ca-trust", "misc", misc::update_ca_certificates),
    ("locale-gen", "misc", misc::locale_gen),
    ("php", "misc", misc::interpreter),
    ("perl", "misc", misc::interpreter),
    ("ruby", "misc", misc::interpreter),
    ("lua", "misc", misc::interpreter),
    ("Rscript", "misc", misc::interpreter),
    ("R", "misc", misc::interpreter),
    ("apt-key", "apt", apt::apt_key),
    ("conda", "conda", conda::conda),
    ("mamba", "conda", conda::conda),
    ("micromamba", "conda", conda::conda),
    ("bun", "npm", npm::bun),
    ("xx-go", "go", go::xx_go),
    ("xx-clang", "build", build::xx_clang),
    ("xx-clang++", "build", build::xx_clang),
    ("localedef", "misc", misc::locale_gen),
];

/// Whether `name` is a cross tool: `<triple>-<tool>` such as
/// `x86_64-linux-gnu-gcc` or `aarch64-alpine-linux-musl-strip`.
fn cross_tool(name: &str) -> Option<&str> {
    let (triple, tool) = name.rsplit_once('-')?;
    let tool = match tool {
        "g++" | "gcc" | "cc" | "c++" | "as" | "ld" | "strip" | "objcopy" | "ar" | "ranlib"
        | "clang" | "clang++" => tool,
        _ => return None,
    };
    let looks_like_triple = triple.contains("linux")
        || triple.contains("darwin")
        || triple.contains("windows")
        || triple.contains("mingw")
        || triple.contains("elf")
        || triple.contains("wasi");
    looks_like_triple.then_some(tool)
}

/// Strips a trailing version (`python3.12` → `python`, `pip3` → `pip`,
/// `gcc-12` → `gcc`).
fn unversioned(name: &str) -> &str {
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let base = base.strip_suffix('-').unwrap_or(base);
    if base.is_empty() { name } else { base }
}

fn find(name: &str) -> Option<Model> {
    if let Some((_, family, f)) = CUSTOM.iter().find(|(n, _, _)| *n == name) {
        return Some(Model {
            family,
            run: Run::Custom(*f),
        });
    }
    SIMPLE.iter().find(|(n, _)| *n == name).map(|(_, s)| Model {
        family: "misc",
        run: Run::Simple(s),
    })
}

/// The model for a command name, if any.
pub fn lookup(name: &str) -> Option<Model> {
    if let Some(m) = find(name) {
        return Some(m);
    }
    // `xx-apk`, `xx-go`, `xx-clang`: tonistiigi/xx cross-compilation wrappers.
    if let Some(inner) = name.strip_prefix("xx-") {
        return match inner {
            "verify" | "info" => find("true").map(|mut m| {
                m.family = "misc";
                m
            }),
            "c++" | "cc" => find("cc"),
            other => find(other),
        };
    }
    if let Some(tool) = cross_tool(name) {
        return find(tool);
    }
    // Other awks read the same options.
    if matches!(name, "gawk" | "mawk" | "nawk" | "busybox-awk") {
        return find("awk");
    }
    let base = unversioned(name);
    if base != name {
        if let Some(m) = find(base) {
            return Some(m);
        }
    }
    None
}

/// Every command name with a model (normalized forms excluded), for
/// documentation and tests.
pub fn names() -> impl Iterator<Item = &'static str> {
    CUSTOM
        .iter()
        .map(|(n, _, _)| *n)
        .chain(SIMPLE.iter().map(|(n, _)| *n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization() {
        assert!(lookup("python3.12").is_some());
        assert!(lookup("pip3").is_some());
        assert!(lookup("gcc-12").is_some());
        assert!(lookup("aarch64-linux-gnu-strip").is_some());
        assert!(lookup("x86_64-w64-mingw32-gcc").is_some());
        assert!(lookup("xx-apk").is_some());
        assert!(lookup("xx-verify").is_some());
        assert!(lookup("frobnicate").is_none());
        assert!(lookup("foo-gcc").is_none());
    }

    #[test]
    fn names_are_unique() {
        let mut all: Vec<_> = names().collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert!(n >= 150, "{n}");
    }
}
