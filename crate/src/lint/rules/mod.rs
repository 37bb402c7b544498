//! The rules, one file each, grouped in families. Each family lists its
//! rules in its own `RULES`.

pub mod image;
pub mod instructions;
pub mod labels;
pub mod packages;
pub mod shell;
pub mod stages;

use super::rule::Rule;

/// Every family's rules, in order.
pub const FAMILIES: &[&[&dyn Rule]] = &[
    stages::RULES,
    instructions::RULES,
    labels::RULES,
    packages::RULES,
    shell::RULES,
    image::RULES,
];
