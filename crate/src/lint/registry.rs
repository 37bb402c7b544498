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
