use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind, Word};

declare_rule! {
    /// ## What it does
    /// Flags an `ARG` or `ENV` whose name suggests a secret: a password,
    /// token, key or credential.
    ///
    /// ## Why it matters
    /// `ENV` values are stored in the image config, and `ARG` values used by
    /// a `RUN` are recorded in the image history. Anyone who can pull the
    /// image can read them with `docker history` or `docker inspect`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG NPM_TOKEN
    /// RUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc && npm ci
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    ///     echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc && npm ci
    /// ```
    /// and build with `--secret id=npm_token,env=NPM_TOKEN`.
    ///
    /// ## Differences from hadolint
    /// Names only BuildKit's word list flags are flagged too. `ENV GPG_KEY=…`
    /// and `ENV DefaultProcess__Filters__0__Key=…` contain the word `key`,
    /// which BuildKit's `SecretsUsedInArgOrEnv` reports and hadolint's list
    /// does not.
    ///
    /// A name is flagged when either tool would flag it: hadolint's list of
    /// known names (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, ...) and
    /// substrings (`password`, `secret`, `token`, `api_key`, ...), or
    /// BuildKit's whole `_`-separated words (`key`, `auth`, `passwd`,
    /// `credentials`, ...). BuildKit's exceptions apply to its words: a name
    /// that also has the word `public`, `file` or `version` (`GPG_KEY_FILE`,
    /// `PUBLIC_KEY`) is not flagged for them.
    pub struct SecretsInArgOrEnv {
        id: "secrets-in-arg-or-env",
        name: "Secret-looking name in ARG or ENV",
        aliases: &["DL3064", "SecretsUsedInArgOrEnv"],
        severity: Warning,
        category: Security,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Names hadolint knows to hold credentials.
const KNOWN_NAMES: &[&str] = &[
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

/// Lowercase substrings hadolint treats as suspicious anywhere in a name.
const SUBSTRINGS: &[&str] = &[
    "api_key",
    "client_key",
    "password",
    "private",
    "secret",
    "token",
    "username",
];

/// BuildKit's words: a whole `_`-separated part of the name.
const WORDS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// Words that make BuildKit accept a name its other words would flag.
const ALLOWED_WORDS: &[&str] = &["public", "file", "version"];

pub(super) fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let hadolint = KNOWN_NAMES.iter().any(|k| k.eq_ignore_ascii_case(name))
        || SUBSTRINGS.iter().any(|s| lower.contains(s));
    let has_word = |list: &[&str]| lower.split('_').any(|part| list.contains(&part));
    hadolint || has_word(WORDS) && !has_word(ALLOWED_WORDS)
}

impl Rule for SecretsInArgOrEnv {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let ins = ins.effective();
            let names: Vec<(&str, &Word)> = match (&ins.kind, &ins.args) {
                (InstructionKind::Arg, Args::Words(words)) => words
                    .iter()
                    .map(|w| (w.value.split('=').next().unwrap_or(""), w))
                    .collect(),
                (InstructionKind::Env, Args::KeyValues(pairs)) => pairs
                    .iter()
                    .map(|p| (p.key.value.as_str(), &p.key))
                    .collect(),
                _ => continue,
            };
            let keyword = ins.kind.as_str();
            for (name, word) in names {
                if name.contains('$') || !looks_secret(name) {
                    continue;
                }
                out.push(cx.finding(
                    &Self::META,
                    word.span,
                    format!("{keyword} `{name}` looks like a secret: its value ends up in the image; use a secret mount"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{SecretsInArgOrEnv, looks_secret};
    use crate::lint::testing::findings;

    #[test]
    fn names_either_tool_flags() {
        for name in [
            "GITHUB_TOKEN",
            "db_password",
            "MyPrivateThing",
            "AWS_ACCESS_KEY_ID",
            "API_KEY",
            "SSH_KEY",
            "AUTH",
            "auth_header",
            "PASSWD",
            "STRIPE_DEVICE_NAME",
            "mytoken",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in [
            "PUBLIC_KEY",
            "GPG_KEY_FILE",
            "KEY_VERSION",
            "MONKEY",
            "AUTHOR",
            "PATH",
            "NODE_VERSION",
        ] {
            assert!(!looks_secret(name), "{name}");
        }
    }

    #[test]
    fn flags_args_and_env_keys() {
        let text = "FROM alpine\nARG GITHUB_TOKEN\nARG DB_PASSWORD=x\nENV APP=1 SECRET_KEY=y\nONBUILD ARG NPM_TOKEN\n";
        let at: Vec<_> = findings(&SecretsInArgOrEnv, text)
            .iter()
            .map(|f| (f.line, f.column))
            .collect();
        assert_eq!(at, [(2, 5), (3, 5), (4, 11), (5, 13)]);
    }

    #[test]
    fn ordinary_names_are_fine() {
        let text =
            "FROM alpine\nARG VERSION=1\nENV PATH=/x:$PATH NODE_ENV=production\nLABEL secret=no\n";
        assert!(findings(&SecretsInArgOrEnv, text).is_empty());
    }
}
