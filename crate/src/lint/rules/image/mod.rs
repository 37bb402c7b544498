//! Rules that read the simulated image: what stays in which layer, what a
//! change rebuilds. No other linter can make these checks, because they
//! need the layers themselves.

mod build_tools_in_final_image;
mod cache_hostile_order;
mod cleanup_in_later_layer;
mod copy_ignored_file;
mod recursive_permission_layer;
mod retired_base_image;
mod util;

pub use build_tools_in_final_image::BuildToolsInFinalImage;
pub use cache_hostile_order::CacheHostileOrder;
pub use cleanup_in_later_layer::CleanupInLaterLayer;
pub use copy_ignored_file::CopyIgnoredFile;
pub use recursive_permission_layer::RecursivePermissionLayer;
pub use retired_base_image::RetiredBaseImage;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[
    &CacheHostileOrder,
    &CleanupInLaterLayer,
    &RecursivePermissionLayer,
    &BuildToolsInFinalImage,
    &RetiredBaseImage,
    &CopyIgnoredFile,
];
