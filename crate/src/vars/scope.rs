//! Which ARG and ENV values are visible where, following BuildKit's
//! `dockerfile2llb` (not only the reference docs, where they differ).
//!
//! The caller replays a Dockerfile's instructions in order: ARGs before the
//! first FROM go to [`Scope::declare_global_arg`], each FROM to
//! [`Scope::enter_stage`], then [`Scope::declare_arg`] and [`Scope::set_env`]
//! for the stage's ARG and ENV lines. At any point [`Scope::global`] is the
//! environment for expanding a FROM line and [`Scope::stage`] the one for
//! expanding any other instruction; both implement [`Env`].
//!
//! The rules (each has a unit test named after it):
//! * Global ARGs (before the first FROM) are visible only to FROM lines.
//!   A global default may use earlier global ARGs.
//! * The built-in platform ARGs (`TARGETPLATFORM`, `TARGETOS`, `TARGETARCH`,
//!   `TARGETVARIANT`, `TARGETOSVERSION`, `BUILDPLATFORM`, `BUILDOS`,
//!   `BUILDARCH`, `BUILDVARIANT`, `BUILDOSVERSION`, `TARGETSTAGE`) are
//!   global automatically; a stage sees one only after `ARG NAME`.
//! * In a stage, `ARG NAME` without a default brings in the global value.
//! * A user build-arg beats both a global value and a stage default.
//! * An ARG with a value becomes part of the stage's environment, so later
//!   instructions expand it; a later ENV of the same name overrides it.
//!   (BuildKit also lets a later ARG with a value override an earlier ENV in
//!   the build environment, although the image keeps the ENV value.)
//! * A stage built `FROM` another stage starts with that stage's
//!   environment (its ENV and its ARG values); a stage from an image starts
//!   empty (plus whatever image config ENV the caller seeds).
//! * Proxy build-args (`HTTP_PROXY`… in any case) need no ARG: they reach
//!   RUN commands, but not Dockerfile expansion.
//! * `BUILDKIT_*` build-args configure the frontend and never count as
//!   unused; the SBOM scan ARGs are never put into the environment.

use serde::Serialize;

use super::lex::{Env, ExpandError, Expanded, Lexer};

/// An ordered name → value map. Replacing a value keeps its position, like
/// an image config's `Env` list. Serializes as a JSON object in that order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VarMap {
    entries: Vec<(String, String)>,
}

impl Serialize for VarMap {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl VarMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Adds or replaces `name`.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let (name, value) = (name.into(), value.into());
        match self.entries.iter_mut().find(|(k, _)| *k == name) {
            Some(e) => e.1 = value,
            None => self.entries.push((name, value)),
        }
    }

    /// Removes `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.entries.iter().position(|(k, _)| k == name)?;
        Some(self.entries.remove(i).1)
    }

    /// Whether `name` is set.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The pairs, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for VarMap {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = Self::new();
        for (k, v) in iter {
            m.set(k, v);
        }
        m
    }
}

impl Env for VarMap {
    fn get(&self, name: &str) -> Option<&str> {
        VarMap::get(self, name)
    }
}

/// The user's `--build-arg` values.
pub type BuildArgs = VarMap;

/// A platform such as `linux/arm64` or `linux/arm/v7`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Platform {
    /// `linux`, `windows`…
    pub os: String,
    /// `amd64`, `arm64`, `arm`…
    pub arch: String,
    /// `v7`…, or empty.
    pub variant: String,
    /// Windows OS version, usually empty.
    pub os_version: String,
}

impl Platform {
    /// `linux/amd64`, the playground's default for both build and target.
    pub fn linux_amd64() -> Self {
        Self {
            os: "linux".into(),
            arch: "amd64".into(),
            variant: String::new(),
            os_version: String::new(),
        }
    }

    /// `os/arch` or `os/arch/variant`.
    pub fn format(&self) -> String {
        if self.variant.is_empty() {
            format!("{}/{}", self.os, self.arch)
        } else {
            format!("{}/{}/{}", self.os, self.arch, self.variant)
        }
    }
}

impl Default for Platform {
    fn default() -> Self {
        Self::linux_amd64()
    }
}

/// Names of the built-in platform ARGs, in BuildKit's order.
pub const PLATFORM_ARGS: [&str; 11] = [
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDOSVERSION",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETOSVERSION",
    "TARGETARCH",
    "TARGETVARIANT",
    "TARGETSTAGE",
];

/// Proxy build-args; BuildKit matches them case-insensitively.
pub const PROXY_ARGS: [&str; 5] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "FTP_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
];

/// ARGs that BuildKit never adds to the build environment.
const NON_ENV_ARGS: [&str; 2] = ["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// Whether a build-arg is one BuildKit understands without an ARG line:
/// platform, proxy and `BUILDKIT_*` args, and `SOURCE_DATE_EPOCH`.
pub fn is_predefined_arg(name: &str) -> bool {
    PLATFORM_ARGS.contains(&name)
        || is_proxy_arg(name)
        || name.starts_with("BUILDKIT_")
        || name == "SOURCE_DATE_EPOCH"
}

/// Whether `name` is a proxy arg, in any letter case.
pub fn is_proxy_arg(name: &str) -> bool {
    PROXY_ARGS.iter().any(|p| p.eq_ignore_ascii_case(name))
}

/// Where a visible variable came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// An `ENV` line (in this stage or a stage it is built from).
    Env,
    /// An `ARG` line with a value (default, build-arg or global).
    Arg,
    /// The base image's config, seeded by the caller.
    Image,
    /// A built-in platform ARG (global scope only).
    Builtin,
}

/// One visible variable in a [`Snapshot`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopedVar {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: String,
    /// Where it came from.
    pub origin: Origin,
}

/// Everything visible at one point, for display and for cache keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    /// The variables, in the order they were first set.
    pub vars: Vec<ScopedVar>,
}

/// The ARGs before the first FROM, plus the built-in platform ARGs: the
/// environment of FROM lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlobalScope {
    vars: VarMap,
    origins: Vec<Origin>,
    /// Names declared by global `ARG` lines, in order, with or without value.
    declared: Vec<String>,
}

impl GlobalScope {
    fn set(&mut self, name: &str, value: String, origin: Origin) {
        match self.vars.entries.iter().position(|(k, _)| k == name) {
            Some(i) => {
                self.vars.entries[i].1 = value;
                self.origins[i] = origin;
            }
            None => {
                self.vars.set(name, value);
                self.origins.push(origin);
            }
        }
    }

    /// The value of `name` in global scope.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        self.vars.get(name)
    }

    /// Names declared by global `ARG` lines.
    pub fn declared(&self) -> &[String] {
        &self.declared
    }

    /// The visible global variables.
    pub fn snapshot(&self) -> Snapshot {
        snapshot(&self.vars, &self.origins)
    }
}

impl Env for GlobalScope {
    fn get(&self, name: &str) -> Option<&str> {
        self.lookup(name)
    }
}

/// One build stage's variables: the environment its instructions are
/// expanded with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageScope {
    /// The `AS name`, if any.
    pub name: Option<String>,
    /// The stage it is built from, if it is built from a stage.
    pub base: Option<usize>,
    /// The build environment: ENV, ARG values and image ENV, last write wins.
    env: VarMap,
    origins: Vec<Origin>,
    /// What the image config's `Env` will hold: ENV lines and image ENV only.
    image_env: VarMap,
    /// ARG names declared in this stage (or inherited), with or without value.
    args: Vec<String>,
}

impl StageScope {
    fn new(name: Option<String>, base: Option<usize>) -> Self {
        Self {
            name,
            base,
            env: VarMap::new(),
            origins: Vec::new(),
            image_env: VarMap::new(),
            args: Vec::new(),
        }
    }

    fn set(&mut self, name: &str, value: &str, origin: Origin) {
        match self.env.entries.iter().position(|(k, _)| k == name) {
            Some(i) => {
                self.env.entries[i].1 = value.to_owned();
                self.origins[i] = origin;
            }
            None => {
                self.env.set(name, value);
                self.origins.push(origin);
            }
        }
    }

    /// The value an instruction of this stage sees for `name`.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        self.env.get(name)
    }

    /// The build environment (what expansion and RUN see, before proxies).
    pub fn env(&self) -> &VarMap {
        &self.env
    }

    /// The environment the resulting image's config carries.
    pub fn image_env(&self) -> &VarMap {
        &self.image_env
    }

    /// Whether an `ARG name` is in effect in this stage.
    pub fn has_arg(&self, name: &str) -> bool {
        self.args.iter().any(|a| a == name)
    }

    /// The ARG names in effect, in declaration order.
    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// Seeds the variables of a base image's config (e.g. `PATH`), before
    /// any instruction of the stage.
    pub fn inherit_image_env<'a>(&mut self, vars: impl IntoIterator<Item = (&'a str, &'a str)>) {
        for (k, v) in vars {
            self.set(k, v, Origin::Image);
            self.image_env.set(k, v);
        }
    }

    /// The visible variables with their origins.
    pub fn snapshot(&self) -> Snapshot {
        snapshot(&self.env, &self.origins)
    }
}

impl Env for StageScope {
    fn get(&self, name: &str) -> Option<&str> {
        self.lookup(name)
    }
}

fn snapshot(vars: &VarMap, origins: &[Origin]) -> Snapshot {
    Snapshot {
        vars: vars
            .iter()
            .zip(origins)
            .map(|((k, v), &origin)| ScopedVar {
                name: k.to_owned(),
                value: v.to_owned(),
                origin,
            })
            .collect(),
    }
}

/// The variable scopes of a whole build, fed one instruction at a time.
#[derive(Debug, Clone)]
pub struct Scope {
    lexer: Lexer,
    build_args: BuildArgs,
    global: GlobalScope,
    stages: Vec<StageScope>,
    /// Build-arg names some ARG line declared.
    consumed: Vec<String>,
}

impl Default for Scope {
    fn default() -> Self {
        Self::new(BuildArgs::new())
    }
}

impl Scope {
    /// A scope for building on and for linux/amd64, target stage name
    /// `default`, with the given build-args.
    pub fn new(build_args: BuildArgs) -> Self {
        Self::with_platforms(
            build_args,
            &Platform::default(),
            &Platform::default(),
            "default",
        )
    }

    /// A scope with explicit build and target platforms and target stage name
    /// (BuildKit uses the `--target`, else the last stage's name, else
    /// `default`). Build-args override the platform values too.
    pub fn with_platforms(
        build_args: BuildArgs,
        build: &Platform,
        target: &Platform,
        target_stage: &str,
    ) -> Self {
        let builtins = [
            ("BUILDPLATFORM", build.format()),
            ("BUILDOS", build.os.clone()),
            ("BUILDOSVERSION", build.os_version.clone()),
            ("BUILDARCH", build.arch.clone()),
            ("BUILDVARIANT", build.variant.clone()),
            ("TARGETPLATFORM", target.format()),
            ("TARGETOS", target.os.clone()),
            ("TARGETOSVERSION", target.os_version.clone()),
            ("TARGETARCH", target.arch.clone()),
            ("TARGETVARIANT", target.variant.clone()),
            ("TARGETSTAGE", target_stage.to_owned()),
        ];
        let mut global = GlobalScope::default();
        for (k, v) in builtins {
            let v = build_args.get(k).map_or(v, str::to_owned);
            global.set(k, v, Origin::Builtin);
        }
        Self {
            lexer: Lexer::new('\\'),
            build_args,
            global,
            stages: Vec::new(),
            consumed: Vec::new(),
        }
    }

    /// Sets the escape character used to expand ARG defaults (from the
    /// `# escape=` directive).
    pub fn set_escape(&mut self, escape: char) {
        self.lexer.escape = escape;
    }

    /// The lexer this scope expands with.
    pub fn lexer(&self) -> &Lexer {
        &self.lexer
    }

    /// The user's build-args.
    pub fn build_args(&self) -> &BuildArgs {
        &self.build_args
    }

    /// The environment of FROM lines.
    pub fn global(&self) -> &GlobalScope {
        &self.global
    }

    /// Stage `i`, in FROM order.
    pub fn stage(&self, i: usize) -> Option<&StageScope> {
        self.stages.get(i)
    }

    /// Stage `i`, to seed its image ENV.
    pub fn stage_mut(&mut self, i: usize) -> Option<&mut StageScope> {
        self.stages.get_mut(i)
    }

    /// The stage being filled, i.e. the last one entered.
    pub fn current(&self) -> Option<&StageScope> {
        self.stages.last()
    }

    /// All stages entered so far.
    pub fn stages(&self) -> &[StageScope] {
        &self.stages
    }

    /// The index of the stage named `name` (stage names are case-insensitive
    /// in BuildKit), to resolve `FROM name` to a `base`.
    pub fn stage_index(&self, name: &str) -> Option<usize> {
        self.stages.iter().position(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }

    /// Whether any FROM has been seen.
    pub fn in_stage(&self) -> bool {
        !self.stages.is_empty()
    }

    /// An `ARG name[=default]` before the first FROM. The value is the
    /// build-arg if given, else the default expanded with the global scope
    /// so far, else none (declared but unset). Returns the expansion of the
    /// default, when one was done, for its variable references.
    pub fn declare_global_arg(
        &mut self,
        name: &str,
        default: Option<&str>,
    ) -> Result<Option<Expanded>, ExpandError> {
        self.consume(name);
        if !self.global.declared.iter().any(|d| d == name) {
            self.global.declared.push(name.to_owned());
        }
        if let Some(v) = self.build_args.get(name) {
            let v = v.to_owned();
            self.global.set(name, v, Origin::Arg);
            return Ok(None);
        }
        let Some(default) = default else {
            return Ok(None);
        };
        let expanded = self.lexer.process_word(default, &self.global)?;
        self.global.set(name, expanded.value.clone(), Origin::Arg);
        Ok(Some(expanded))
    }

    /// A FROM line: starts a new stage and makes it current. `base` is the
    /// index of the stage it is built from (see [`Scope::stage_index`]), or
    /// `None` for an image or `scratch`. Returns the new stage's index.
    pub fn enter_stage(&mut self, name: Option<&str>, base: Option<usize>) -> usize {
        let mut stage = StageScope::new(name.map(str::to_owned), base);
        if let Some(b) = base.and_then(|b| self.stages.get(b)) {
            stage.env = b.env.clone();
            stage.origins = b.origins.clone();
            stage.image_env = b.image_env.clone();
            stage.args = b.args.clone();
        }
        self.stages.push(stage);
        self.stages.len() - 1
    }

    /// An `ARG name[=default]`: in the current stage, or a global ARG when
    /// no FROM has been seen. In a stage the value is the build-arg if
    /// given; else the default, expanded with the stage's environment; else
    /// (no default) the global value of that name, including built-in
    /// platform ARGs; else none. Returns the expansion of the default, if
    /// one was done.
    pub fn declare_arg(
        &mut self,
        name: &str,
        default: Option<&str>,
    ) -> Result<Option<Expanded>, ExpandError> {
        if self.stages.is_empty() {
            return self.declare_global_arg(name, default);
        }
        self.consume(name);
        let global = self.global.lookup(name).map(str::to_owned);
        let build_arg = self.build_args.get(name).map(str::to_owned);
        let lexer = self.lexer;
        let stage = self.stages.last_mut().expect("checked above");
        if !stage.has_arg(name) {
            stage.args.push(name.to_owned());
        }
        let (value, expanded) = match (build_arg, default) {
            (Some(v), _) => (Some(v), None),
            (None, Some(d)) => {
                let e = lexer.process_word(d, &*stage)?;
                (Some(e.value.clone()), Some(e))
            }
            (None, None) => (global, None),
        };
        if let Some(v) = value
            && !NON_ENV_ARGS.contains(&name)
        {
            stage.set(name, &v, Origin::Arg);
        }
        Ok(expanded)
    }

    /// An `ENV name=value` in the current stage; `value` is already
    /// expanded (see [`Scope::env_instruction`]). Later instructions of the
    /// stage, and stages built from it, see it. Does nothing before the
    /// first FROM, where BuildKit rejects ENV anyway.
    pub fn set_env(&mut self, name: &str, value: &str) {
        if let Some(stage) = self.stages.last_mut() {
            stage.set(name, value, Origin::Env);
            stage.image_env.set(name, value);
        }
    }

    /// A whole `ENV a=1 b=2` line with raw values: every value is expanded
    /// with the environment from *before* the line (BuildKit expands the
    /// instruction, then applies it), so `ENV A=1 B=$A` does not give B the
    /// new A. Returns each value's expansion.
    pub fn env_instruction(
        &mut self,
        pairs: &[(&str, &str)],
    ) -> Result<Vec<Expanded>, ExpandError> {
        let Some(stage) = self.stages.last() else {
            return Ok(Vec::new());
        };
        let expanded = pairs
            .iter()
            .map(|(_, raw)| self.lexer.process_word(raw, stage))
            .collect::<Result<Vec<_>, _>>()?;
        for ((name, _), e) in pairs.iter().zip(&expanded) {
            self.set_env(name, &e.value);
        }
        Ok(expanded)
    }

    /// What `name` expands to at this point: in the current stage, or in
    /// global scope before the first FROM.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        match self.stages.last() {
            Some(s) => s.lookup(name),
            None => self.global.lookup(name),
        }
    }

    /// The variables visible at this point (see [`Scope::lookup`]).
    pub fn snapshot(&self) -> Snapshot {
        match self.stages.last() {
            Some(s) => s.snapshot(),
            None => self.global.snapshot(),
        }
    }

    /// The proxy variables BuildKit adds to every RUN's environment, in
    /// both letter cases, from build-args of any case. They are appended
    /// after the stage's environment and are not visible to expansion.
    pub fn proxy_env(&self) -> VarMap {
        let mut out = VarMap::new();
        for proxy in PROXY_ARGS {
            let value = self
                .build_args
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case(proxy))
                .map(|(_, v)| v)
                .last();
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                out.set(proxy, v);
                out.set(proxy.to_ascii_lowercase(), v);
            }
        }
        out
    }

    /// Build-args that no ARG line declared and that BuildKit does not
    /// understand by itself: what the user probably mistyped.
    pub fn unused_build_args(&self) -> Vec<&str> {
        self.build_args
            .iter()
            .map(|(k, _)| k)
            .filter(|k| !self.consumed.iter().any(|c| c == k) && !is_predefined_arg(k))
            .collect()
    }

    fn consume(&mut self, name: &str) {
        if !self.consumed.iter().any(|c| c == name) {
            self.consumed.push(name.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, &str)]) -> BuildArgs {
        pairs.iter().copied().collect()
    }

    fn expand_in_stage(scope: &Scope, word: &str) -> String {
        scope
            .lexer()
            .process_word(word, scope.current().unwrap())
            .unwrap()
            .value
    }

    #[test]
    fn global_arg_is_visible_to_from() {
        let mut s = Scope::default();
        s.declare_global_arg("VERSION", Some("1.2")).unwrap();
        let from = s
            .lexer()
            .process_word("alpine:$VERSION", s.global())
            .unwrap();
        assert_eq!(from.value, "alpine:1.2");
    }

    #[test]
    fn global_arg_is_not_visible_in_stage_without_redeclaration() {
        let mut s = Scope::default();
        s.declare_global_arg("VERSION", Some("1.2")).unwrap();
        s.enter_stage(None, None);
        assert_eq!(s.lookup("VERSION"), None);
        assert_eq!(expand_in_stage(&s, "v=$VERSION"), "v=");
    }

    #[test]
    fn arg_without_default_redeclares_global() {
        let mut s = Scope::default();
        s.declare_global_arg("VERSION", Some("1.2")).unwrap();
        s.enter_stage(None, None);
        s.declare_arg("VERSION", None).unwrap();
        assert_eq!(s.lookup("VERSION"), Some("1.2"));
    }

    #[test]
    fn arg_default_in_stage_beats_global_value() {
        let mut s = Scope::default();
        s.declare_global_arg("V", Some("global")).unwrap();
        s.enter_stage(None, None);
        s.declare_arg("V", Some("local")).unwrap();
        assert_eq!(s.lookup("V"), Some("local"));
    }

    #[test]
    fn global_default_uses_earlier_global_args() {
        let mut s = Scope::default();
        s.declare_global_arg("A", Some("x")).unwrap();
        let e = s.declare_global_arg("B", Some("${A}-y")).unwrap().unwrap();
        assert_eq!(s.global().lookup("B"), Some("x-y"));
        assert!(e.matched().contains("A"));
    }

    #[test]
    fn build_arg_overrides_global_default() {
        let mut s = Scope::new(args(&[("V", "user")]));
        s.declare_global_arg("V", Some("default")).unwrap();
        assert_eq!(s.global().lookup("V"), Some("user"));
    }

    #[test]
    fn build_arg_overrides_stage_default() {
        let mut s = Scope::new(args(&[("V", "user")]));
        s.enter_stage(None, None);
        s.declare_arg("V", Some("default")).unwrap();
        assert_eq!(s.lookup("V"), Some("user"));
    }

    #[test]
    fn build_arg_is_not_visible_without_arg() {
        let mut s = Scope::new(args(&[("V", "user")]));
        s.enter_stage(None, None);
        assert_eq!(s.lookup("V"), None);
        s.declare_arg("V", None).unwrap();
        assert_eq!(s.lookup("V"), Some("user"));
    }

    #[test]
    fn declared_arg_without_any_value_is_unset() {
        let mut s = Scope::default();
        s.declare_global_arg("G", None).unwrap();
        assert_eq!(s.global().lookup("G"), None);
        assert_eq!(s.global().declared(), ["G".to_owned()]);
        s.enter_stage(None, None);
        s.declare_arg("G", None).unwrap();
        assert!(s.current().unwrap().has_arg("G"));
        assert_eq!(s.lookup("G"), None);
    }

    #[test]
    fn arg_default_expands_with_stage_env() {
        let mut s = Scope::default();
        s.enter_stage(None, None);
        s.set_env("BASE", "/opt");
        s.declare_arg("DIR", Some("$BASE/app")).unwrap();
        assert_eq!(s.lookup("DIR"), Some("/opt/app"));
    }

    #[test]
    fn arg_default_does_not_see_global_args() {
        let mut s = Scope::default();
        s.declare_global_arg("G", Some("g")).unwrap();
        s.enter_stage(None, None);
        s.declare_arg("L", Some("[$G]")).unwrap();
        assert_eq!(s.lookup("L"), Some("[]"));
    }

    #[test]
    fn platform_args_are_global_for_from() {
        let s = Scope::default();
        let e = s
            .lexer()
            .process_word("img:$TARGETOS-$TARGETARCH $BUILDPLATFORM", s.global())
            .unwrap();
        assert_eq!(e.value, "img:linux-amd64 linux/amd64");
        assert_eq!(s.global().lookup("TARGETVARIANT"), Some(""));
        assert_eq!(s.global().lookup("TARGETSTAGE"), Some("default"));
    }

    #[test]
    fn platform_args_need_arg_in_stage() {
        let mut s = Scope::default();
        s.enter_stage(None, None);
        assert_eq!(s.lookup("TARGETARCH"), None);
        s.declare_arg("TARGETARCH", None).unwrap();
        assert_eq!(s.lookup("TARGETARCH"), Some("amd64"));
        assert_eq!(s.lookup("TARGETPLATFORM"), None);
    }

    #[test]
    fn platform_args_follow_given_platforms() {
        let arm = Platform {
            os: "linux".into(),
            arch: "arm".into(),
            variant: "v7".into(),
            os_version: String::new(),
        };
        let mut s = Scope::with_platforms(BuildArgs::new(), &Platform::default(), &arm, "final");
        s.enter_stage(Some("final"), None);
        for a in [
            "TARGETPLATFORM",
            "TARGETVARIANT",
            "BUILDARCH",
            "TARGETSTAGE",
        ] {
            s.declare_arg(a, None).unwrap();
        }
        assert_eq!(
            expand_in_stage(&s, "$TARGETPLATFORM $TARGETVARIANT $BUILDARCH $TARGETSTAGE"),
            "linux/arm/v7 v7 amd64 final"
        );
    }

    #[test]
    fn build_arg_overrides_platform_arg() {
        let s = Scope::new(args(&[("TARGETARCH", "riscv64")]));
        assert_eq!(s.global().lookup("TARGETARCH"), Some("riscv64"));
    }

    #[test]
    fn env_is_visible_to_later_instructions() {
        let mut s = Scope::default();
        s.enter_stage(None, None);
        assert_eq!(expand_in_stage(&s, "$APP"), "");
        s.set_env("APP", "/app");
        assert_eq!(expand_in_stage(&s, "$APP/bin"), "/app/bin");
    }

    #[test]
    fn env_overrides_arg() {
        let mut s = Scope::new(args(&[("V", "user")]));
        s.enter_stage(None, None);
        s.declare_arg("V", None).unwrap();
        s.set_env("V", "env");
        assert_eq!(s.lookup("V"), Some("env"));
        assert_eq!(s.current().unwrap().image_env().get("V"), Some("env"));
    }

    #[test]
    fn arg_with_value_after_env_shadows_it_in_build_env_only() {
        let mut s = Scope::default();
        s.enter_stage(None, None);
        s.set_env("V", "env");
        s.declare_arg("V", None).unwrap();
        assert_eq!(
            s.lookup("V"),
            Some("env"),
            "an ARG without value changes nothing"
        );
        s.declare_arg("V", Some("arg")).unwrap();
        assert_eq!(s.lookup("V"), Some("arg"));
        assert_eq!(s.current().unwrap().image_env().get("V"), Some("env"));
    }

    #[test]
    fn env_line_values_expand_with_env_before_the_line() {
        let mut s = Scope::default();
        s.enter_stage(None, None);
        s.set_env("A", "old");
        s.env_instruction(&[("A", "new"), ("B", "$A")]).unwrap();
        assert_eq!(s.lookup("A"), Some("new"));
        assert_eq!(s.lookup("B"), Some("old"));
    }

    #[test]
    fn args_on_one_line_see_each_other() {
        let mut s = Scope::default();
        s.enter_stage(None, None);
        s.declare_arg("A", Some("1")).unwrap();
        s.declare_arg("B", Some("$A.2")).unwrap();
        assert_eq!(s.lookup("B"), Some("1.2"));
    }

    #[test]
    fn env_is_inherited_by_stage_built_from_stage() {
        let mut s = Scope::default();
        let base = s.enter_stage(Some("Base"), None);
        s.set_env("APP", "/app");
        s.declare_arg("TOOL", Some("gcc")).unwrap();
        let from = s.stage_index("base").unwrap();
        assert_eq!(from, base);
        s.enter_stage(Some("final"), Some(from));
        assert_eq!(s.lookup("APP"), Some("/app"));
        assert_eq!(
            s.lookup("TOOL"),
            Some("gcc"),
            "BuildKit carries ARG values in the state env"
        );
        assert!(s.current().unwrap().has_arg("TOOL"));
    }

    #[test]
    fn env_is_not_inherited_by_unrelated_stage() {
        let mut s = Scope::default();
        s.enter_stage(Some("a"), None);
        s.set_env("APP", "/app");
        s.enter_stage(Some("b"), None);
        assert_eq!(s.lookup("APP"), None);
        assert_eq!(s.stage(0).unwrap().lookup("APP"), Some("/app"));
    }

    #[test]
    fn image_env_is_seeded_and_overridable() {
        let mut s = Scope::default();
        let i = s.enter_stage(None, None);
        s.stage_mut(i)
            .unwrap()
            .inherit_image_env([("PATH", "/usr/bin")]);
        assert_eq!(expand_in_stage(&s, "$PATH:/x"), "/usr/bin:/x");
        s.set_env("PATH", "/x:$PATH");
        assert_eq!(s.snapshot().vars[0].origin, Origin::Env);
    }

    #[test]
    fn proxy_args_need_no_declaration() {
        let s = Scope::new(args(&[("http_proxy", "http://p:3128"), ("NO_PROXY", "")]));
        assert!(s.unused_build_args().is_empty());
        let env = s.proxy_env();
        assert_eq!(env.get("HTTP_PROXY"), Some("http://p:3128"));
        assert_eq!(env.get("http_proxy"), Some("http://p:3128"));
        assert_eq!(env.get("NO_PROXY"), None);
        let mut s = s;
        s.enter_stage(None, None);
        assert_eq!(s.lookup("http_proxy"), None, "not visible to expansion");
    }

    #[test]
    fn buildkit_args_are_never_unused() {
        let s = Scope::new(args(&[
            ("BUILDKIT_INLINE_CACHE", "1"),
            ("TYPO", "x"),
            ("SOURCE_DATE_EPOCH", "0"),
        ]));
        assert_eq!(s.unused_build_args(), ["TYPO"]);
    }

    #[test]
    fn declared_build_args_are_used() {
        let mut s = Scope::new(args(&[("A", "1"), ("B", "2")]));
        s.declare_global_arg("A", None).unwrap();
        s.enter_stage(None, None);
        s.declare_arg("B", None).unwrap();
        assert!(s.unused_build_args().is_empty());
    }

    #[test]
    fn sbom_scan_args_stay_out_of_env() {
        let mut s = Scope::default();
        s.enter_stage(None, None);
        s.declare_arg("BUILDKIT_SBOM_SCAN_STAGE", Some("true"))
            .unwrap();
        assert_eq!(s.lookup("BUILDKIT_SBOM_SCAN_STAGE"), None);
        assert!(s.current().unwrap().has_arg("BUILDKIT_SBOM_SCAN_STAGE"));
    }

    #[test]
    fn arg_before_from_via_declare_arg_is_global() {
        let mut s = Scope::default();
        s.declare_arg("V", Some("1")).unwrap();
        assert!(!s.in_stage());
        assert_eq!(s.lookup("V"), Some("1"));
        assert_eq!(s.global().lookup("V"), Some("1"));
    }

    #[test]
    fn arg_default_errors_propagate() {
        let mut s = Scope::default();
        assert!(
            s.declare_global_arg("V", Some("${X:?must be set}"))
                .is_err()
        );
        s.enter_stage(None, None);
        let e = s.declare_arg("V", Some("${}")).unwrap_err();
        assert_eq!(e.message, "syntax error: bad substitution");
    }

    #[test]
    fn backtick_escape_applies_to_defaults() {
        let mut s = Scope::default();
        s.set_escape('`');
        s.enter_stage(None, None);
        s.declare_arg("P", Some("C:\\dir`$x")).unwrap();
        assert_eq!(s.lookup("P"), Some("C:\\dir$x"));
    }

    #[test]
    fn snapshot_lists_origins_in_order() {
        let mut s = Scope::new(args(&[("V", "1")]));
        s.enter_stage(None, None);
        s.declare_arg("V", None).unwrap();
        s.set_env("E", "2");
        insta::assert_json_snapshot!(s.snapshot(), @r#"
        {
          "vars": [
            {
              "name": "V",
              "value": "1",
              "origin": "arg"
            },
            {
              "name": "E",
              "value": "2",
              "origin": "env"
            }
          ]
        }
        "#);
    }

    /// A whole multi-stage Dockerfile replayed, with what each FROM and each
    /// stage sees:
    ///
    /// ```text
    /// ARG BASE=alpine
    /// ARG MINOR                 # build-args: MINOR=20, TYPO=1
    /// ARG TAG=3.$MINOR
    /// FROM $BASE:$TAG AS build
    /// ARG TARGETARCH
    /// ARG TAG
    /// ENV OUT=/out/$TARGETARCH
    /// FROM build AS test
    /// ENV OUT=$OUT/test MODE=ci
    /// FROM scratch
    /// ```
    #[test]
    fn multi_stage_replay() {
        let mut s = Scope::new(args(&[("MINOR", "20"), ("TYPO", "1")]));
        s.declare_global_arg("BASE", Some("alpine")).unwrap();
        s.declare_global_arg("MINOR", None).unwrap();
        s.declare_global_arg("TAG", Some("3.$MINOR")).unwrap();
        let from_build = s
            .lexer()
            .process_word("$BASE:$TAG", s.global())
            .unwrap()
            .value;
        s.enter_stage(Some("build"), None);
        s.declare_arg("TARGETARCH", None).unwrap();
        s.declare_arg("TAG", None).unwrap();
        s.env_instruction(&[("OUT", "/out/$TARGETARCH")]).unwrap();
        let base = s.stage_index("build");
        s.enter_stage(Some("test"), base);
        s.env_instruction(&[("OUT", "$OUT/test"), ("MODE", "ci")])
            .unwrap();
        s.enter_stage(None, None);
        let stages: Vec<_> = s
            .stages()
            .iter()
            .map(|st| (st.name.clone(), st.snapshot(), st.image_env().clone()))
            .collect();
        insta::assert_json_snapshot!((from_build, s.unused_build_args(), stages));
    }
}
