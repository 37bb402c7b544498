//! Every rule Layerlab has, in one list.

use super::rule::Rule;
use super::rules;

/// All rules, enabled or not, in a stable order.
pub fn all() -> impl Iterator<Item = &'static dyn Rule> {
    rules::FAMILIES
        .iter()
        .flat_map(|family| family.iter().copied())
}

/// The rule with this id or alias.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    all().find(|r| r.meta().answers_to(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_docs_have_their_sections() {
        let metas: Vec<_> = all().map(|r| r.meta()).collect();
        for (n, m) in metas.iter().enumerate() {
            assert!(
                metas[..n].iter().all(|o| o.id != m.id),
                "duplicate id {}",
                m.id
            );
            for section in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## Fix",
            ] {
                assert!(m.docs.contains(section), "{} lacks {section}", m.id);
            }
        }
    }

    #[test]
    fn a_hadolint_code_names_one_rule() {
        // BuildKit's MultipleInstructionsDisallowed covers three hadolint
        // rules on purpose; hadolint's own codes must each be one rule.
        let metas: Vec<_> = all().map(|r| r.meta()).collect();
        for m in &metas {
            for code in m.aliases.iter().filter(|a| a.starts_with("DL")) {
                let owners = metas.iter().filter(|o| o.aliases.contains(code)).count();
                assert_eq!(owners, 1, "{code}");
            }
        }
        assert_eq!(
            find("dl3012").map(|r| r.meta().id),
            Some("multiple-healthcheck")
        );
    }
}
