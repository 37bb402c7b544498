//! Rules about stages, base images and the file as a whole.

mod copy_from_own_stage;
mod copy_from_undefined_stage;
mod duplicate_stage_name;
mod latest_tag;
mod untagged_base_image;
mod util;

pub use copy_from_own_stage::CopyFromOwnStage;
pub use copy_from_undefined_stage::CopyFromUndefinedStage;
pub use duplicate_stage_name::DuplicateStageName;
pub use latest_tag::LatestTag;
pub use untagged_base_image::UntaggedBaseImage;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[
    &UntaggedBaseImage,
    &LatestTag,
    &DuplicateStageName,
    &CopyFromUndefinedStage,
    &CopyFromOwnStage,
];
