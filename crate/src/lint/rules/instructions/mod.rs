//! Rules about instructions themselves: their form, arguments and metadata.

mod json_args_recommended;
mod maintainer_deprecated;
mod workdir_relative_path;

pub use json_args_recommended::JsonArgsRecommended;
pub use maintainer_deprecated::MaintainerDeprecated;
pub use workdir_relative_path::WorkdirRelativePath;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[
    &MaintainerDeprecated,
    &JsonArgsRecommended,
    &WorkdirRelativePath,
];
