//! Rules about stages, base images and the file as a whole.

mod consistent_instruction_casing;
mod copy_from_own_stage;
mod copy_from_undefined_stage;
mod copy_relative_without_workdir;
mod copy_whole_filesystem;
mod duplicate_stage_name;
mod empty_continuation;
mod final_stage_runs_as_root;
mod first_instruction;
mod from_as_casing;
mod invalid_default_arg_in_from;
mod latest_tag;
mod platform_flag_const;
mod redundant_target_platform;
mod reserved_stage_name;
mod root_user;
mod stage_name_casing;
mod undefined_arg_in_from;
mod untagged_base_image;
mod util;

pub use copy_from_own_stage::CopyFromOwnStage;
pub use copy_from_undefined_stage::CopyFromUndefinedStage;
pub use duplicate_stage_name::DuplicateStageName;
pub use final_stage_runs_as_root::FinalStageRunsAsRoot;
pub use latest_tag::LatestTag;
pub use root_user::RootUser;
pub use untagged_base_image::UntaggedBaseImage;

pub use consistent_instruction_casing::ConsistentInstructionCasing;
pub use copy_relative_without_workdir::CopyRelativeWithoutWorkdir;
pub use copy_whole_filesystem::CopyWholeFilesystem;
pub use empty_continuation::EmptyContinuation;
pub use first_instruction::FirstInstruction;
pub use from_as_casing::FromAsCasing;
pub use invalid_default_arg_in_from::InvalidDefaultArgInFrom;
pub use platform_flag_const::PlatformFlagConst;
pub use redundant_target_platform::RedundantTargetPlatform;
pub use reserved_stage_name::ReservedStageName;
pub use stage_name_casing::StageNameCasing;
pub use undefined_arg_in_from::UndefinedArgInFrom;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[
    &UntaggedBaseImage,
    &LatestTag,
    &DuplicateStageName,
    &CopyFromUndefinedStage,
    &CopyFromOwnStage,
    &RootUser,
    &FinalStageRunsAsRoot,
    &ReservedStageName,
    &PlatformFlagConst,
    &RedundantTargetPlatform,
    &CopyWholeFilesystem,
    &FirstInstruction,
    &CopyRelativeWithoutWorkdir,
    &EmptyContinuation,
    &StageNameCasing,
    &FromAsCasing,
    &ConsistentInstructionCasing,
    &UndefinedArgInFrom,
    &InvalidDefaultArgInFrom,
];
