//! What every rule declares about itself.

use serde::Serialize;

use super::context::LintContext;
use super::finding::Finding;

/// hadolint's levels, which BuildKit's warnings map onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
            Self::Style => "style",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "error" => Some(Self::Error),
            "warning" => Some(Self::Warning),
            "info" => Some(Self::Info),
            "style" => Some(Self::Style),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Syntax and instruction form.
    Syntax,
    /// Stages and how they refer to each other.
    Stages,
    /// Base images, tags, registries, platforms.
    BaseImage,
    /// Instruction semantics and metadata.
    Instructions,
    /// Package managers in RUN.
    Packages,
    /// Shell usage in RUN.
    Shell,
    /// Users, secrets and verification.
    Security,
    /// Layer size, cache and build time.
    Performance,
    /// Labels and their formats.
    Labels,
}

/// A rule's identity and defaults.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMeta {
    /// Layerlab's id, kebab-case.
    pub id: &'static str,
    /// A short title.
    pub name: &'static str,
    /// The same check's codes in other tools: hadolint (`DL3008`),
    /// ShellCheck (`SC2086`), BuildKit (`JSONArgsRecommended`).
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub category: Category,
    /// Whether findings come with a fix.
    pub fixable: bool,
    pub enabled_by_default: bool,
    /// What it does, why it matters, an example and the fix (Markdown).
    pub docs: &'static str,
}

impl RuleMeta {
    /// Whether `code` names this rule (its id or any alias), ignoring case.
    pub fn answers_to(&self, code: &str) -> bool {
        self.id.eq_ignore_ascii_case(code)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    }
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Adds this rule's findings for the whole file.
    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>);
}

/// Declares a rule: its doc comment becomes both the Rust docs and
/// [`RuleMeta::docs`], so the two can never drift apart.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does ...
///     pub struct MyRule {
///         id: "my-rule", name: "...", aliases: &["DL0000"],
///         severity: Warning, category: Shell, fixable: false, enabled_by_default: true,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            name: $title:literal,
            aliases: $aliases:expr,
            severity: $severity:ident,
            category: $category:ident,
            fixable: $fixable:literal,
            enabled_by_default: $enabled:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
                id: $id,
                name: $title,
                aliases: $aliases,
                severity: $crate::lint::Severity::$severity,
                category: $crate::lint::Category::$category,
                fixable: $fixable,
                enabled_by_default: $enabled,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
