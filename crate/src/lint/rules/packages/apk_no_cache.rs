use super::util::{cache_mount, insert_after, installs};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `apk add` without `--no-cache`.
    ///
    /// ## Why it matters
    /// Without it apk keeps the package index in `/var/cache/apk` (a few MiB
    /// per repository) inside the layer. `--no-cache` fetches the index,
    /// uses it and leaves nothing behind, so `apk update` and
    /// `rm -rf /var/cache/apk/*` become unnecessary.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apk update && apk add curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apk add --no-cache curl
    /// ```
    /// The fix adds `--no-cache` after `add`. A cache or tmpfs mount on
    /// `/var/cache/apk` (or `/etc/apk/cache`) is fine too:
    /// `RUN --mount=type=cache,target=/var/cache/apk apk add curl`.
    ///
    /// ## Differences from hadolint
    /// A tmpfs mount and a cache mount on `/etc/apk/cache` count like a
    /// cache mount on `/var/cache/apk`.
    pub struct ApkNoCache {
        id: "apk-no-cache",
        name: "apk add without --no-cache",
        aliases: &["DL3019"],
        severity: Info,
        category: Packages,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for ApkNoCache {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, inst) in cx.runs() {
            if cache_mount(inst, &["/var/cache/apk", "/etc/apk/cache"]) {
                continue;
            }
            for site in installs(run, &[Manager::Apk]) {
                if site.options.no_cache {
                    continue;
                }
                let mut finding = cx.finding(
                    &Self::META,
                    site.call.span,
                    "apk add without `--no-cache` leaves the package index in /var/cache/apk",
                );
                if let Some(edit) = insert_after(cx, site.call, "add", " --no-cache") {
                    finding = finding.with_fix("Add --no-cache", vec![edit]);
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ApkNoCache;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_a_missing_flag() {
        let text = "FROM alpine:3.20\nRUN apk update && apk add --virtual .deps gcc\n";
        assert_eq!(findings(&ApkNoCache, text).len(), 1);
        assert_eq!(
            apply_fixes(&ApkNoCache, text),
            "FROM alpine:3.20\nRUN apk update && apk add --no-cache --virtual .deps gcc\n"
        );
        for text in [
            "FROM alpine:3.20\nRUN apk add --update curl && rm -rf /var/cache/apk/*\n",
            "FROM alpine:3.20\nRUN <<EOF\napk add bash\nEOF\n",
            "FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache apk add bash\n",
        ] {
            assert_eq!(findings(&ApkNoCache, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts_the_flag_and_cache_mounts() {
        for text in [
            "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
            "FROM alpine:3.20\nRUN apk --no-cache add curl\n",
            "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n",
            "FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add curl\n",
            "FROM alpine:3.20\nRUN apk del curl\n",
        ] {
            assert!(findings(&ApkNoCache, text).is_empty(), "{text}");
        }
    }
}
