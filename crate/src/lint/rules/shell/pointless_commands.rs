use super::util;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

/// Interactive or system-management commands with no use in a build.
const POINTLESS: &[&str] = &[
    "ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig",
];

declare_rule! {
    /// ## What it does
    /// Flags commands that make no sense while building an image: `ssh`,
    /// `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`
    /// and `ifconfig`.
    ///
    /// ## Why it matters
    /// A RUN has no terminal, no init system and no long-running services:
    /// `service nginx start` starts nothing that survives the RUN, `vim`
    /// and `top` wait for a terminal, `mount` needs privileges a build does
    /// not have. Such commands are leftovers from a VM setup script.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN service nginx start
    /// ```
    ///
    /// ## Fix
    /// Start the service in `CMD` or `ENTRYPOINT` instead:
    /// ```dockerfile
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    pub struct PointlessCommands {
        id: "pointless-commands",
        name: "Command that makes no sense in a build",
        aliases: &["DL3001"],
        severity: Info,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for PointlessCommands {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            let found =
                util::calls(run).find(|c| c.argv.name().is_some_and(|n| POINTLESS.contains(&n)));
            if let Some(call) = found {
                let name = call.argv.name().unwrap_or_default();
                out.push(cx.finding(
                    &Self::META,
                    call.span,
                    format!("`{name}` makes no sense while building an image"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PointlessCommands;
    use crate::lint::testing::findings;

    #[test]
    fn flags_service_and_friends() {
        let found = findings(&PointlessCommands, "FROM debian\nRUN service nginx start\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("service"));
        assert_eq!(
            findings(
                &PointlessCommands,
                "FROM debian\nRUN ps aux | grep x; kill 1\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn installing_them_is_fine() {
        for text in [
            "FROM debian\nRUN apt-get install -y vim openssh-client procps\n",
            "FROM debian\nRUN echo ssh\n",
        ] {
            assert!(findings(&PointlessCommands, text).is_empty(), "{text}");
        }
    }
}
