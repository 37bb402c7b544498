//! Rules about instructions themselves: their form, arguments and metadata.

mod json_args_recommended;
mod maintainer_deprecated;

pub use json_args_recommended::JsonArgsRecommended;
pub use maintainer_deprecated::MaintainerDeprecated;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[&MaintainerDeprecated, &JsonArgsRecommended];
