//! The result type of [`recognize`](super::recognize) and the effects it
//! reports.

use serde::Serialize;

use super::flags::{self, Flag, Parsed, Spec};
use super::pkg::Package;
use crate::shell::argv::{ArgWord, Argv};

/// A structured reading of one simple command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandModel {
    /// The command name as looked up (basename of `argv[0]`).
    pub command: String,
    /// Which model read it (`"apt"`, `"pip"`...), when one exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<&'static str>,
    /// A model exists and the arguments parse under it.
    pub recognized: bool,
    /// Why `recognized` is false.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Things worth knowing that did not stop recognition (unknown flags).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The subcommand (`install`, `add`, `mod download`), if the tool has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subcommand: Option<String>,
    /// Options in order, normalized to their canonical long name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    /// Non-option arguments, after the subcommand.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operands: Vec<ArgWord>,
    /// What running it does, as far as a simulator is concerned.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
    /// A command this one runs (`gosu user cmd`, `sh -c script`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inner: Option<Inner>,
}

impl CommandModel {
    /// An empty, recognized model for `command`; models fill it in.
    pub fn new(command: String) -> Self {
        Self {
            command,
            model: None,
            recognized: true,
            reason: None,
            notes: Vec::new(),
            subcommand: None,
            flags: Vec::new(),
            operands: Vec::new(),
            effects: Vec::new(),
            inner: None,
        }
    }

    /// Marks the invocation as not recognized. The first reason wins: it is
    /// usually the most specific.
    pub fn fail(&mut self, reason: impl Into<String>) {
        self.recognized = false;
        if self.reason.is_none() {
            self.reason = Some(reason.into());
        }
    }

    /// Adds a note that does not affect recognition.
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Takes flags, operands and notes from a parse. Operands are cloned so
    /// that the model owns its data.
    pub fn absorb(&mut self, parsed: &Parsed<'_>) {
        self.flags.extend(parsed.flags.iter().cloned());
        self.operands
            .extend(parsed.operands.iter().map(|w| (*w).clone()));
        for u in &parsed.unknown {
            self.notes.push(format!("unknown option {u}"));
        }
    }

    /// Whether a flag with this canonical name was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f.name == name)
    }

    /// The value of the last flag with this canonical name.
    pub fn value(&self, name: &str) -> Option<&ArgWord> {
        self.flags
            .iter()
            .rev()
            .find(|f| f.name == name)
            .and_then(|f| f.value.as_ref())
    }

    /// Every value given to this flag, in order.
    pub fn values(&self, name: &str) -> Vec<ArgWord> {
        self.flags
            .iter()
            .filter(|f| f.name == name)
            .filter_map(|f| f.value.clone())
            .collect()
    }

    /// Adds an effect.
    pub fn effect(&mut self, e: Effect) {
        self.effects.push(e);
    }

    /// Parses `args` under `spec` into this model (flags, operands, notes
    /// on unknown options). A malformed invocation marks it unrecognized and
    /// returns `None`.
    pub fn parse<'a>(&mut self, args: &'a [ArgWord], spec: &Spec) -> Option<Parsed<'a>> {
        match flags::parse(args, spec) {
            Ok(p) => {
                self.absorb(&p);
                Some(p)
            }
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// Takes the first operand as the subcommand. A missing or unknown one
    /// (not in `known`; empty `known` accepts all) marks the model
    /// unrecognized; a subcommand only known at run time too.
    pub fn subcommand_from(&mut self, known: &[&str]) -> Option<String> {
        if self.operands.is_empty() {
            self.fail("missing subcommand");
            return None;
        }
        let w = self.operands.remove(0);
        let Some(s) = w.value else {
            self.fail("subcommand only known at run time");
            return None;
        };
        if !known.is_empty() && !known.contains(&s.as_str()) {
            self.fail(format!("unknown subcommand {s}"));
        }
        self.subcommand = Some(s.clone());
        Some(s)
    }

    /// Whether the arguments are only a version query (`--version`, `-V`...),
    /// for tools whose `--version` also names a package version elsewhere
    /// (`gem install x --version 1`, `dotnet tool install --version`).
    pub fn is_version_query(args: &[ArgWord]) -> bool {
        matches!(args, [w] if matches!(w.value.as_deref(), Some("--version" | "-v" | "-V" | "version")))
    }

    /// Reads `config`-style operands into [`Effect::Config`]: `[set] key
    /// value`, `[set] key=value`, `delete|unset|rm key...`; `get`, `list` and
    /// friends only read. `unset` forces unsetting (`poetry config --unset`).
    pub fn config_effects(&mut self, tool: &'static str, ops: &[ArgWord], unset: bool) {
        let mut ops = ops;
        let first = ops.first().and_then(|w| w.value.as_deref());
        match first {
            Some("set") => ops = &ops[1..],
            Some("get" | "list" | "ls" | "show" | "edit" | "fix" | "--list" | "-l") => return,
            Some("delete" | "unset" | "rm" | "del") => {
                for key in &ops[1..] {
                    self.effect(Effect::Config {
                        tool,
                        key: key.clone(),
                        value: None,
                    });
                }
                return;
            }
            _ => {}
        }
        let Some(key) = ops.first() else {
            return;
        };
        if unset {
            self.effect(Effect::Config {
                tool,
                key: key.clone(),
                value: None,
            });
            return;
        }
        if ops.len() == 1 {
            // `key=value` in one word; a bare key only reads it.
            if let Some(i) = key.value.as_deref().and_then(|v| v.find('=')) {
                let mut k = key.clone();
                k.value = key.value.as_deref().map(|v| v[..i].to_string());
                self.effect(Effect::Config {
                    tool,
                    key: k,
                    value: Some(flags::sub_word(key, i + 1)),
                });
            }
            return;
        }
        if ops.len() > 2 {
            self.note("config value of several words: only the first is reported");
        }
        self.effect(Effect::Config {
            tool,
            key: key.clone(),
            value: Some(ops[1].clone()),
        });
    }

    /// Drops notes about unknown options that start with one of `prefixes`
    /// (families such as dpkg's `--force-*` that a table cannot list).
    pub fn allow_prefixes(&mut self, prefixes: &[&str]) {
        self.notes.retain(|n| {
            !n.strip_prefix("unknown option ")
                .is_some_and(|o| prefixes.iter().any(|p| o.starts_with(p)))
        });
    }

    /// Lets a flag whose value is optional take the next word when `accept`
    /// says so (`make -j 4`, `dotnet publish --self-contained false`): the
    /// parser only attaches `-j4`; this moves the operand into the flag
    /// named `canonical`.
    pub fn optional_next(
        &mut self,
        args: &[ArgWord],
        spellings: &[&str],
        canonical: &str,
        accept: impl Fn(&ArgWord) -> bool,
    ) {
        for (i, w) in args.iter().enumerate() {
            if !w.value.as_deref().is_some_and(|v| spellings.contains(&v)) {
                continue;
            }
            let Some(next) = args.get(i + 1).filter(|n| accept(n)) else {
                continue;
            };
            let Some(pos) = self.operands.iter().position(|o| o == next) else {
                continue;
            };
            let Some(f) = self
                .flags
                .iter_mut()
                .find(|f| f.name == canonical && f.value.is_none())
            else {
                continue;
            };
            f.value = Some(self.operands.remove(pos));
        }
    }

    /// Takes operands out of the model (they move into an effect or inner
    /// command instead).
    pub fn take_operands(&mut self) -> Vec<ArgWord> {
        std::mem::take(&mut self.operands)
    }
}

/// A command run by another command; the caller recurses into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inner {
    /// A ready argv (`gosu app cmd args`, `find -exec cmd {} ;`, `xargs cmd`).
    Argv {
        /// The inner command.
        argv: Argv,
    },
    /// A shell script given as a string (`sh -c 'script'`): parse it.
    Script {
        /// The script text.
        script: ArgWord,
        /// Arguments passed on.
        args: Vec<ArgWord>,
    },
    /// A script file run by a shell or an interpreter.
    ScriptFile {
        /// The script or file path.
        path: ArgWord,
        /// Arguments passed on.
        args: Vec<ArgWord>,
    },
    /// A script read from standard input (`curl ... | sh`, `sh -s`).
    Stdin {
        /// Arguments passed on.
        args: Vec<ArgWord>,
    },
}

/// A package manager or build tool, as named in effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Manager {
    /// `apt-get`, `apt`, `apt-mark`.
    Apt,
    /// `dpkg`.
    Dpkg,
    /// Alpine `apk`.
    Apk,
    /// `yum`.
    Yum,
    /// `dnf`.
    Dnf,
    /// `microdnf`.
    Microdnf,
    /// `tdnf`.
    Tdnf,
    /// `rpm`.
    Rpm,
    /// `zypper`.
    Zypper,
    /// `pip`, `python -m pip`.
    Pip,
    /// `pipx`.
    Pipx,
    /// `uv`.
    Uv,
    /// `poetry`.
    Poetry,
    /// `npm`.
    Npm,
    /// `yarn`.
    Yarn,
    /// `pnpm`.
    Pnpm,
    /// `gem`.
    Gem,
    /// `bundle`.
    Bundler,
    /// `go`.
    Go,
    /// `cargo`.
    Cargo,
    /// `rustup`.
    Rustup,
    /// `mvn`.
    Maven,
    /// `gradle`.
    Gradle,
    /// `dotnet`.
    Dotnet,
    /// `composer`.
    Composer,
    /// `pecl`.
    Pecl,
    /// `docker-php-ext-install`.
    PhpExt,
    /// `conda`, `mamba`, `micromamba`.
    Conda,
    /// `bun`.
    Bun,
}

/// Where a download goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Output {
    /// To standard output (usually piped or redirected by the shell).
    Stdout,
    /// To a named file.
    File {
        /// The script or file path.
        path: ArgWord,
    },
    /// To a file named after the URL's last path segment, in the current
    /// directory.
    RemoteName {
        /// The name.
        name: Option<String>,
    },
}

/// Options that shape what an install leaves behind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InstallOptions {
    /// `--no-install-recommends` (apt), `--no-recommends` (zypper),
    /// `install_weak_deps=False` (dnf).
    #[serde(skip_serializing_if = "is_false")]
    pub no_recommends: bool,
    /// Leaves no download cache in the image (`apk --no-cache`,
    /// `pip --no-cache-dir`, `--nodocs` does not count).
    #[serde(skip_serializing_if = "is_false")]
    pub no_cache: bool,
    /// Skips documentation (`--nodocs`, `--setopt=tsflags=nodocs`).
    #[serde(skip_serializing_if = "is_false")]
    pub no_docs: bool,
    /// Refreshes the index first (`apk add --update`, `apt-get install --update`).
    #[serde(skip_serializing_if = "is_false")]
    pub update_index: bool,
    /// `apk add --virtual NAME`: the group to delete later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub virtual_name: Option<ArgWord>,
    /// Non-interactive (`-y`, `-n`, `--batch`).
    #[serde(skip_serializing_if = "is_false")]
    pub assume_yes: bool,
    /// Installs for the user only (`pip --user`).
    #[serde(skip_serializing_if = "is_false")]
    pub user: bool,
    /// Installs globally (`npm -g`, `yarn global`).
    #[serde(skip_serializing_if = "is_false")]
    pub global: bool,
    /// Upgrades what is there (`pip -U`).
    #[serde(skip_serializing_if = "is_false")]
    pub upgrade: bool,
    /// Requirement or constraint files (`pip -r`, `-c`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<ArgWord>,
    /// Editable installs (`pip -e path`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editable: Vec<ArgWord>,
    /// Local package files (`dpkg -i x.deb`, `apk add --allow-untrusted x.apk`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<ArgWord>,
    /// Installation root or prefix (`--prefix`, `--target`, `--installroot`,
    /// `--tool-path`, `--root`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<ArgWord>,
}

/// Installing a project's dependencies from its manifest or lockfile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProjectInstall {
    /// Refuses to change the lockfile (`npm ci`, `--frozen-lockfile`,
    /// `--locked`, `--deployment`).
    #[serde(skip_serializing_if = "is_false")]
    pub frozen: bool,
    /// Skips development dependencies (`--production`, `--omit=dev`,
    /// `--no-dev`, `--only main`, `--without development`).
    #[serde(skip_serializing_if = "is_false")]
    pub production: bool,
    /// Leaves no cache behind.
    #[serde(skip_serializing_if = "is_false")]
    pub no_cache: bool,
    /// Project directory or manifest, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<ArgWord>,
}

/// What a command does that the simulator cares about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// Refreshes the package index (`apt-get update`, `apk update`).
    IndexUpdate {
        /// The package manager or tool.
        manager: Manager,
    },
    /// Installs named packages.
    Install {
        /// The package manager or tool.
        manager: Manager,
        /// The packages named, in order; unknown words are kept.
        packages: Vec<Package>,
        /// Installation options.
        #[serde(flatten)]
        options: InstallOptions,
    },
    /// Installs a project's dependencies (`npm ci`, `bundle install`).
    ProjectInstall {
        /// The package manager or tool.
        manager: Manager,
        /// Installation options.
        #[serde(flatten)]
        options: ProjectInstall,
    },
    /// Removes packages (`apt-get purge`, `apk del`).
    Remove {
        /// The package manager or tool.
        manager: Manager,
        /// The packages named, in order; unknown words are kept.
        packages: Vec<Package>,
        /// Also removes configuration (`purge`).
        #[serde(skip_serializing_if = "is_false")]
        purge: bool,
        /// Also removes unneeded dependencies.
        #[serde(skip_serializing_if = "is_false")]
        autoremove: bool,
    },
    /// Removes packages nothing depends on any more.
    Autoremove {
        /// The package manager or tool.
        manager: Manager,
    },
    /// Upgrades installed packages (all when `packages` is empty).
    Upgrade {
        /// The package manager or tool.
        manager: Manager,
        /// The packages named, in order; unknown words are kept.
        packages: Vec<Package>,
        /// A full upgrade that may add or remove packages.
        #[serde(skip_serializing_if = "is_false")]
        dist: bool,
    },
    /// Empties a package manager's cache (`apt-get clean`, `yum clean all`,
    /// `npm cache clean --force`).
    CacheClean {
        /// The package manager or tool.
        manager: Manager,
    },
    /// Marks packages as manually or automatically installed (`apt-mark`).
    Mark {
        /// The package manager or tool.
        manager: Manager,
        /// The mark (`auto`, `manual`, `hold`, `unhold`).
        mark: String,
        /// The packages named, in order; unknown words are kept.
        packages: Vec<Package>,
    },
    /// Adds a foreign architecture (`dpkg --add-architecture`).
    AddArchitecture {
        /// The architecture (`i386`, `arm64`).
        arch: ArgWord,
    },
    /// Reconfigures installed packages (`dpkg-reconfigure`).
    Reconfigure {
        /// The packages named, in order; unknown words are kept.
        packages: Vec<Package>,
    },
    /// Fetches a URL.
    Download {
        /// The URL fetched.
        url: ArgWord,
        /// Where the body goes.
        output: Output,
    },
    /// Unpacks an archive (`archive: None` reads standard input).
    Extract {
        /// The archive file; `None` for standard input.
        #[serde(skip_serializing_if = "Option::is_none")]
        archive: Option<ArgWord>,
        /// The directory extracted into (`-C`, `-d`); `None` is the current one.
        #[serde(skip_serializing_if = "Option::is_none")]
        dest: Option<ArgWord>,
        /// The compression, from a flag or the file name.
        #[serde(skip_serializing_if = "Option::is_none")]
        compression: Option<&'static str>,
        /// `--strip-components` count.
        #[serde(skip_serializing_if = "Option::is_none")]
        strip_components: Option<ArgWord>,
    },
    /// Creates an archive (`archive: None` writes standard output).
    CreateArchive {
        /// The archive file; `None` for standard input or output.
        #[serde(skip_serializing_if = "Option::is_none")]
        archive: Option<ArgWord>,
        /// The paths acted on.
        paths: Vec<ArgWord>,
        /// The compression, from a flag or the file name.
        #[serde(skip_serializing_if = "Option::is_none")]
        compression: Option<&'static str>,
    },
    /// Decompresses files in place (`gzip -d f.gz` leaves `f`).
    Decompress {
        /// The files concerned.
        files: Vec<ArgWord>,
        /// Keeps the compressed originals (`-k`).
        keep: bool,
    },
    /// Deletes paths (`rm`, `rmdir`, `find -delete`).
    Delete {
        /// The paths acted on.
        paths: Vec<ArgWord>,
        /// Descends into directories (`-R`, `-r`).
        #[serde(skip_serializing_if = "is_false")]
        recursive: bool,
        /// Ignores errors or overwrites (`-f`).
        #[serde(skip_serializing_if = "is_false")]
        force: bool,
    },
    /// Creates directories.
    MakeDirs {
        /// The paths acted on.
        paths: Vec<ArgWord>,
        /// Creates missing parents (`-p`).
        #[serde(skip_serializing_if = "is_false")]
        parents: bool,
        /// The mode as given (`0755`, `+x`).
        #[serde(skip_serializing_if = "Option::is_none")]
        mode: Option<ArgWord>,
    },
    /// Copies files (`cp`, `install`).
    Copy {
        /// What is copied or moved.
        sources: Vec<ArgWord>,
        /// The destination (a directory or the new name).
        dest: ArgWord,
        /// Descends into directories (`-R`, `-r`).
        #[serde(skip_serializing_if = "is_false")]
        recursive: bool,
    },
    /// Moves or renames files.
    Move {
        /// What is copied or moved.
        sources: Vec<ArgWord>,
        /// The destination (a directory or the new name).
        dest: ArgWord,
    },
    /// Creates a link `link` pointing at `target`.
    Link {
        /// What the link points to.
        target: ArgWord,
        /// The link created (a directory when several targets).
        link: ArgWord,
        /// A symbolic link (`-s`).
        #[serde(skip_serializing_if = "is_false")]
        symbolic: bool,
        /// Ignores errors or overwrites (`-f`).
        #[serde(skip_serializing_if = "is_false")]
        force: bool,
    },
    /// Changes permissions.
    Chmod {
        /// The mode as given (`0755`, `+x`).
        mode: ArgWord,
        /// The paths acted on.
        paths: Vec<ArgWord>,
        /// Descends into directories (`-R`, `-r`).
        #[serde(skip_serializing_if = "is_false")]
        recursive: bool,
    },
    /// Changes ownership (`owner` is `user[:group]`; `chgrp` gives `:group`).
    Chown {
        /// `user[:group]` as given.
        owner: ArgWord,
        /// The paths acted on.
        paths: Vec<ArgWord>,
        /// Descends into directories (`-R`, `-r`).
        #[serde(skip_serializing_if = "is_false")]
        recursive: bool,
    },
    /// Creates files or updates their times.
    Touch {
        /// The paths acted on.
        paths: Vec<ArgWord>,
    },
    /// Edits files in place (`sed -i`).
    EditInPlace {
        /// The files concerned.
        files: Vec<ArgWord>,
    },
    /// Writes to files named as arguments (`tee`).
    WriteFiles {
        /// The files concerned.
        files: Vec<ArgWord>,
        /// Appends rather than truncates (`-a`).
        #[serde(skip_serializing_if = "is_false")]
        append: bool,
    },
    /// Creates a user account.
    CreateUser {
        /// The login name.
        name: ArgWord,
        /// The user id, when given.
        #[serde(skip_serializing_if = "Option::is_none")]
        uid: Option<ArgWord>,
        /// Primary group, by name or id.
        #[serde(skip_serializing_if = "Option::is_none")]
        group: Option<ArgWord>,
        /// Supplementary groups.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        groups: Vec<ArgWord>,
        /// The home directory.
        #[serde(skip_serializing_if = "Option::is_none")]
        home: Option<ArgWord>,
        /// Creates the home directory.
        #[serde(skip_serializing_if = "is_false")]
        create_home: bool,
        /// The login shell.
        #[serde(skip_serializing_if = "Option::is_none")]
        shell: Option<ArgWord>,
        /// A system account (`-r`, `--system`, `-S`).
        #[serde(skip_serializing_if = "is_false")]
        system: bool,
    },
    /// Creates a group.
    CreateGroup {
        /// The group name.
        name: ArgWord,
        /// The group id, when given.
        #[serde(skip_serializing_if = "Option::is_none")]
        gid: Option<ArgWord>,
        /// A system account (`-r`, `--system`, `-S`).
        #[serde(skip_serializing_if = "is_false")]
        system: bool,
    },
    /// Adds a user to a group (`adduser user group`, `usermod -aG`).
    AddToGroup {
        /// The user.
        user: ArgWord,
        /// Supplementary groups.
        groups: Vec<ArgWord>,
    },
    /// Builds something (`make`, `go build`, `cargo build`, `gcc -o`).
    Build {
        /// Which tool (`make`, `go`, `cargo`, `npm`...).
        tool: &'static str,
        /// Targets, goals, tasks or packages built.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        targets: Vec<ArgWord>,
        /// The directory concerned, when given.
        #[serde(skip_serializing_if = "Option::is_none")]
        dir: Option<ArgWord>,
        /// Files or directories produced (`-o`, `--output`).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        outputs: Vec<ArgWord>,
        /// A release or optimized build.
        #[serde(skip_serializing_if = "is_false")]
        release: bool,
    },
    /// Creates a Python virtual environment.
    CreateVenv {
        /// The directory concerned, when given.
        dir: ArgWord,
    },
    /// Changes the working directory of the rest of the script.
    Chdir {
        /// The directory concerned, when given.
        #[serde(skip_serializing_if = "Option::is_none")]
        dir: Option<ArgWord>,
    },
    /// Sets (and exports) a shell variable.
    SetVar {
        /// The variable's name.
        name: String,
        /// The value; `None` for `export NAME` without one.
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<ArgWord>,
        /// Exported to the environment (`export`).
        exported: bool,
    },
    /// Changes shell options (`set -eux`): letters turned on and off.
    ShellOptions {
        /// Letters turned on (`-e`).
        #[serde(skip_serializing_if = "String::is_empty")]
        on: String,
        /// Letters turned off (`+x`).
        #[serde(skip_serializing_if = "String::is_empty")]
        off: String,
        /// `-o name` / `+o name` options.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        long: Vec<String>,
    },
    /// Clones a git repository.
    GitClone {
        /// The repository URL.
        url: ArgWord,
        /// The target directory; `None` means the URL's last segment
        /// without `.git`, in the current directory.
        #[serde(skip_serializing_if = "Option::is_none")]
        dir: Option<ArgWord>,
        /// `--branch`/`-b`.
        #[serde(skip_serializing_if = "Option::is_none")]
        branch: Option<ArgWord>,
        /// `--depth` of a shallow clone.
        #[serde(skip_serializing_if = "Option::is_none")]
        depth: Option<ArgWord>,
    },
    /// Verifies checksums listed in a file (`sha256sum -c`).
    VerifyChecksums {
        /// The files concerned.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        files: Vec<ArgWord>,
    },
    /// Verifies a signature (`gpg --verify`).
    VerifySignature {
        /// The files concerned.
        files: Vec<ArgWord>,
    },
    /// Imports keys into a keyring (`gpg --recv-keys`, `--import`).
    ImportKeys {
        /// Key ids, files or URLs.
        keys: Vec<ArgWord>,
    },
    /// Refreshes the dynamic linker cache.
    Ldconfig,
    /// Rebuilds the CA certificate bundle.
    UpdateCaCertificates,
    /// Generates locales.
    GenerateLocales {
        /// Locales named; empty means those configured in `/etc/locale.gen`.
        locales: Vec<ArgWord>,
    },
    /// Enables or disables something by name (`a2enmod`, `docker-php-ext-enable`).
    Toggle {
        /// What kind of thing is toggled (`apache-module`, `php-extension`).
        what: &'static str,
        /// Enables (`a2enmod`) rather than disables (`a2dismod`).
        enable: bool,
        /// The names given.
        names: Vec<ArgWord>,
    },
    /// Sets or unsets a tool's configuration (`npm config set k v`,
    /// `bundle config set without development`, `git config --global k v`,
    /// `go env -w K=V`); `value: None` unsets.
    Config {
        /// Which tool (`make`, `go`, `cargo`, `npm`...).
        tool: &'static str,
        /// The configuration key.
        key: ArgWord,
        /// The value; `None` unsets the key.
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<ArgWord>,
    },
    /// Ends the script with a status.
    Exit {
        /// The exit status; `None` for the last status.
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<ArgWord>,
    },
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
