//! JVM builds: `mvn`/`mvnw`, `gradle`/`gradlew`, `java`, `jar`.

use super::flags::{Opt, Spec, flag, val};
use super::model::{CommandModel, Effect, Manager, ProjectInstall};
use crate::shell::argv::ArgWord;

const MVN_OPTS: &[Opt] = &[
    flag("batch-mode|B"),
    flag("quiet|q"),
    flag("errors|e"),
    flag("debug|X"),
    flag("update-snapshots|U"),
    flag("offline|o"),
    val("file|f"),
    val("settings|s"),
    val("global-settings|gs"),
    val("activate-profiles|P"),
    val("projects|pl"),
    flag("also-make|am"),
    flag("also-make-dependents|amd"),
    val("threads|T"),
    val("define|D"),
    flag("no-transfer-progress|ntp"),
    flag("show-version|V"),
    flag("version|v"),
    flag("non-recursive|N"),
    val("resume-from|rf"),
    flag("fail-at-end|fae"),
    flag("fail-fast|ff"),
    flag("fail-never|fn"),
    flag("strict-checksums|C"),
    flag("lax-checksums|c"),
    val("log-file|l"),
    flag("help|h"),
    val("builder|b"),
    val("toolchains|t"),
    flag("no-snapshot-updates|nsu"),
    val("color"),
];

/// `mvn`/`mvnw`: goals and phases with `-B -q -DskipTests -f pom.xml`.
pub fn mvn(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::single_dash(MVN_OPTS)).is_none() {
        return;
    }
    if m.operands.is_empty() {
        if !m.has("version") && !m.has("help") {
            m.fail("mvn without goals");
        }
        return;
    }
    let goals = m.operands.clone();
    let offline_prep = goals.iter().any(|g| {
        g.value.as_deref().is_some_and(|v| {
            v.starts_with("dependency:go-offline") || v.starts_with("dependency:resolve")
        })
    });
    if offline_prep {
        m.effect(Effect::ProjectInstall {
            manager: Manager::Maven,
            options: ProjectInstall {
                project: m.value("file").cloned(),
                ..Default::default()
            },
        });
    }
    m.effect(Effect::Build {
        tool: "maven",
        targets: goals,
        dir: m.value("file").cloned(),
        outputs: Vec::new(),
        release: false,
    });
}

const GRADLE_OPTS: &[Opt] = &[
    flag("no-daemon"),
    flag("daemon"),
    flag("offline"),
    flag("quiet|q"),
    flag("info|i"),
    flag("debug|d"),
    flag("warn|w"),
    flag("stacktrace|s"),
    flag("full-stacktrace|S"),
    flag("build-cache"),
    flag("no-build-cache"),
    flag("parallel"),
    flag("no-parallel"),
    val("console"),
    val("warning-mode"),
    val("exclude-task|x"),
    val("project-prop|P"),
    val("system-prop|D"),
    val("project-dir|p"),
    val("build-file|b"),
    val("settings-file|c"),
    val("gradle-user-home|g"),
    val("init-script|I"),
    val("max-workers"),
    val("priority"),
    val("include-build"),
    flag("refresh-dependencies"),
    flag("continue"),
    flag("scan"),
    flag("no-scan"),
    flag("configuration-cache"),
    flag("no-configuration-cache"),
    flag("dry-run|m"),
    flag("version|v"),
    flag("status"),
    flag("stop"),
    flag("write-locks"),
    flag("rerun-tasks"),
    flag("profile"),
    flag("continuous|t"),
    flag("help|h"),
    flag("no-watch-fs"),
    flag("watch-fs"),
    flag("foreground"),
    val("dependency-verification|F"),
    val("update-locks"),
];

/// `gradle`/`gradlew`: tasks.
pub fn gradle(args: &[ArgWord], m: &mut CommandModel) {
    if m.parse(args, &Spec::gnu(GRADLE_OPTS)).is_none() {
        return;
    }
    let tasks = m.operands.clone();
    if tasks.is_empty() {
        return; // `gradle --version`, or the default tasks
    }
    m.effect(Effect::Build {
        tool: "gradle",
        targets: tasks,
        dir: m.value("project-dir").cloned(),
        outputs: Vec::new(),
        release: false,
    });
}

/// `java [options] -jar file [args]` or `java [options] Main [args]`.
pub fn java(args: &[ArgWord], m: &mut CommandModel) {
    const OPTS: &[Opt] = &[
        val("jar"),
        val("cp|classpath|class-path"),
        val("p|module-path"),
        val("m|module"),
        flag("version"),
        flag("showversion"),
        flag("server"),
        flag("client"),
        flag("ea|enableassertions"),
        flag("da|disableassertions"),
        flag("help|h|?"),
        flag("verbose"),
        val("D"),
        val("X"),
        val("add-opens"),
        val("add-exports"),
        val("add-modules"),
        val("agentlib"),
        val("javaagent"),
    ];
    let mut spec = Spec::single_dash(OPTS);
    spec.stop_at_operand = true;
    let Some(p) = m.parse(args, &spec) else {
        return;
    };
    m.operands.extend(p.rest.iter().cloned());
    if m.value("jar").is_none()
        && m.operands.is_empty()
        && !m.has("version")
        && !m.has("help")
        && !m.has("showversion")
    {
        m.fail("java without a class or -jar");
    }
}

/// `jar xf file.jar`, `jar -xf ...`, `jar cf ...`.
pub fn jar(args: &[ArgWord], m: &mut CommandModel) {
    m.operands.extend(args.iter().cloned());
    if args.is_empty() {
        m.fail("jar without a mode");
    }
}

#[cfg(test)]
mod tests {
    use super::super::flags::testing::{rec, texts};
    use super::*;

    #[test]
    fn maven() {
        let m = rec("mvn -B -q -DskipTests -Dmaven.test.skip=true -f pom.xml clean package");
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        assert_eq!(
            texts(&m.values("define")),
            ["skipTests", "maven.test.skip=true"]
        );
        assert!(
            matches!(&m.effects[0], Effect::Build { targets, dir: Some(_), .. } if texts(targets) == ["clean", "package"])
        );
        let m = rec("mvnw dependency:go-offline -ntp");
        assert!(m.notes.is_empty());
        assert!(matches!(m.effects[0], Effect::ProjectInstall { .. }));
        assert!(!rec("mvn -B").recognized);
        assert!(!rec("mvn -f").recognized);
    }

    #[test]
    fn gradle_java() {
        let m = rec("gradlew build --no-daemon -x test -PskipDocs=true");
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        assert!(
            matches!(&m.effects[0], Effect::Build { targets, .. } if texts(targets) == ["build"])
        );
        let m = rec("java -Djarmode=layertools -jar app.jar extract");
        assert!(m.recognized && m.notes.is_empty(), "{m:?}");
        assert_eq!(m.value("jar").unwrap().text(), "app.jar");
        assert!(!rec("java").recognized);
    }
}
