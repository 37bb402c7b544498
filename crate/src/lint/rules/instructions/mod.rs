//! Rules about instructions themselves: their form, arguments and metadata.

mod add_instead_of_copy;
mod copy_dest_trailing_slash;
mod env_self_reference;
mod expose_invalid_format;
mod expose_port_range;
mod expose_proto_casing;
mod inline_ignore_pragma;
mod invalid_definition_description;
mod json_args_recommended;
mod legacy_key_value_format;
mod maintainer_deprecated;
mod missing_healthcheck;
mod multiple_cmd;
mod multiple_entrypoint;
mod multiple_healthcheck;
mod non_numeric_user;
mod onbuild_trigger;
mod secrets_in_arg_or_env;
mod undefined_var;
mod untrusted_registry;
mod util;
mod workdir_relative_path;

pub use add_instead_of_copy::AddInsteadOfCopy;
pub use copy_dest_trailing_slash::CopyDestTrailingSlash;
pub use env_self_reference::EnvSelfReference;
pub use expose_invalid_format::ExposeInvalidFormat;
pub use expose_port_range::ExposePortRange;
pub use expose_proto_casing::ExposeProtoCasing;
pub use inline_ignore_pragma::InlineIgnorePragma;
pub use invalid_definition_description::InvalidDefinitionDescription;
pub use json_args_recommended::JsonArgsRecommended;
pub use legacy_key_value_format::LegacyKeyValueFormat;
pub use maintainer_deprecated::MaintainerDeprecated;
pub use missing_healthcheck::MissingHealthcheck;
pub use multiple_cmd::MultipleCmd;
pub use multiple_entrypoint::MultipleEntrypoint;
pub use multiple_healthcheck::MultipleHealthcheck;
pub use non_numeric_user::NonNumericUser;
pub use onbuild_trigger::OnbuildTrigger;
pub use secrets_in_arg_or_env::SecretsInArgOrEnv;
pub use undefined_var::UndefinedVar;
pub use untrusted_registry::UntrustedRegistry;
pub use workdir_relative_path::WorkdirRelativePath;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[
    &MaintainerDeprecated,
    &JsonArgsRecommended,
    &WorkdirRelativePath,
    &ExposePortRange,
    &ExposeProtoCasing,
    &ExposeInvalidFormat,
    &MultipleCmd,
    &MultipleEntrypoint,
    &MultipleHealthcheck,
    &AddInsteadOfCopy,
    &CopyDestTrailingSlash,
    &OnbuildTrigger,
    &EnvSelfReference,
    &LegacyKeyValueFormat,
    &SecretsInArgOrEnv,
    &NonNumericUser,
    &UntrustedRegistry,
    &UndefinedVar,
    &MissingHealthcheck,
    &InlineIgnorePragma,
    &InvalidDefinitionDescription,
];
