use super::util::{cache_mount, has_effect, insert_after, installs};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::{Effect, Manager};
use crate::shell::parse::CommandCall;

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
    /// `apk add --no-network` is not a finding either, unless the RUN also
    /// refreshes the index (`apk update`, `apk add --update`): it downloads
    /// nothing, so nothing lands in the cache.
    ///
    /// ## Differences from hadolint
    /// A tmpfs mount and a cache mount on `/etc/apk/cache` count like a
    /// cache mount on `/var/cache/apk`.
    ///
    /// `apk add --no-network` is accepted. When the RUN does not refresh
    /// the index, such an install downloads nothing; hadolint asks for
    /// `--no-cache` on every `apk add`, so it flags the last step of the
    /// official httpd and redis alpine images,
    /// `apk add --no-network --virtual .redis-rundeps $runDeps`.
    ///
    /// Commands run by `xargs`, `sh -c` and the like are checked. This rule
    /// looks at the command they run: `RUN find /pkgs -name '*.apk' | xargs apk add`
    /// is a finding here, not for hadolint, which sees only `xargs`.
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
            // An offline `apk add` writes no index, but it does not undo the
            // one `apk update` (or `--update`) leaves in the cache.
            let refreshes = has_effect(
                run,
                |e| matches!(e, Effect::IndexUpdate { manager } if *manager == Manager::Apk),
            );
            for site in installs(run, &[Manager::Apk]) {
                if site.options.no_cache || (!refreshes && offline(site.call)) {
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

/// Whether the call passes apk's `--no-network` (it has no short form).
fn offline(call: &CommandCall) -> bool {
    call.argv
        .words
        .iter()
        .any(|w| w.value.as_deref() == Some("--no-network"))
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
            // Offline, but the index was just fetched into the cache.
            "FROM alpine:3.20\nRUN apk update && apk add --no-network bash\n",
            "FROM alpine:3.20\nRUN find /pkgs -name '*.apk' | xargs apk add\n",
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
            // The python images' last step: nothing is downloaded.
            "FROM alpine:3.20\nRUN apk add --no-cache gcc && scanelf -n /usr/local \\\n | xargs -rt apk add --no-network --virtual .rundeps\n",
            "FROM alpine:3.20\nRUN apk --no-network add .local-deps\n",
        ] {
            assert!(findings(&ApkNoCache, text).is_empty(), "{text}");
        }
    }
}
