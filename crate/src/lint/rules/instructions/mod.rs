//! Rules about instructions themselves: their form, arguments and metadata.

mod maintainer_deprecated;

pub use maintainer_deprecated::MaintainerDeprecated;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[&MaintainerDeprecated];
