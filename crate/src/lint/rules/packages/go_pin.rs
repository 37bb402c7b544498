use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `go install`, `go get` and `go run` of a remote package without
    /// a version (`@v1.2.3`), or with a moving one (`@latest`).
    ///
    /// ## Why it matters
    /// Without a version, or with `@latest`, the build fetches whatever the
    /// module's newest release is on build day; two builds of the same
    /// Dockerfile can install different tools.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN go install github.com/air-verse/air@latest
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN go install github.com/air-verse/air@v1.52.3
    /// ```
    /// Packages of the current module (`./cmd/app`, `./...`) and files
    /// (`main.go`) are not checked.
    ///
    /// ## Differences from hadolint
    /// Only remote import paths (whose first element has a dot, like
    /// `github.com/...` or `golang.org/x/...`) are checked, so
    /// `go install ./cmd/app` and `go run main.go` are fine. Branch names
    /// that move like `@latest` (`@main`, `@master`, `@HEAD`) are flagged
    /// too. Words are read after ARG/ENV substitution
    /// (`ARG AIR=v1.52.3` then `go install github.com/air-verse/air@$AIR`).
    pub struct GoPin {
        id: "go-pin-versions",
        name: "go install without a pinned version",
        aliases: &["DL3062"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Whether an import path names a remote module.
fn remote(path: &str) -> bool {
    !path.starts_with(['.', '/', '-'])
        && !path.ends_with(".go")
        && path
            .split('/')
            .next()
            .is_some_and(|first| first.contains('.') && path.contains('/'))
}

impl Rule for GoPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for command in &run.commands {
                let m = &command.model;
                let sub = m.subcommand.as_deref().unwrap_or("");
                if m.command != "go" && command.name != "go" {
                    continue;
                }
                if !matches!(sub, "install" | "get" | "run") {
                    continue;
                }
                let take = if sub == "run" { 1 } else { usize::MAX };
                let loose: Vec<String> = m
                    .operands
                    .iter()
                    .take(take)
                    .filter_map(|w| w.value.as_deref())
                    .filter(|v| {
                        let (path, version) = v.split_once('@').unwrap_or((v, ""));
                        remote(path)
                            && matches!(version, "" | "latest" | "main" | "master" | "HEAD")
                    })
                    .map(|v| format!("`{v}`"))
                    .collect();
                if loose.is_empty() {
                    continue;
                }
                out.push(cx.finding(
                    &Self::META,
                    run.script.calls[command.call].span,
                    format!(
                        "Pin the version of {}: use `go {sub} <package>@<version>`",
                        loose.join(", ")
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GoPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM golang:1.22\nRUN go install github.com/air-verse/air@latest\n",
            "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls\n",
            "FROM golang:1.22\nRUN go get github.com/pkg/errors\n",
            "FROM golang:1.22\nRUN go run github.com/swaggo/swag/cmd/swag@master init\n",
            "FROM golang:1.22\nRUN <<EOF\ngo install -v github.com/go-delve/delve/cmd/dlv@latest\nEOF\n",
        ] {
            assert_eq!(findings(&GoPin, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM golang:1.22\nRUN go install github.com/air-verse/air@v1.52.3\n",
            "FROM golang:1.22\nRUN go install ./cmd/app ./...\n",
            "FROM golang:1.22\nRUN go run main.go\n",
            "FROM golang:1.22\nRUN go run ./cmd/gen github.com/x/y\n",
            "FROM golang:1.22\nARG V=v1.52.3\nRUN go install github.com/air-verse/air@$V\n",
            "FROM golang:1.22\nRUN go build -o /app ./cmd/app\n",
            "FROM golang:1.22\nRUN go mod download\n",
        ] {
            assert!(findings(&GoPin, text).is_empty(), "{text}");
        }
    }
}
