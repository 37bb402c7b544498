//! Rules about LABEL keys and values. All but the key check act only with
//! a `label-schema` (and `strict-labels`) configured, as in hadolint.

mod invalid_label_key;
mod label_empty;
mod label_missing;
mod label_not_email;
mod label_not_git_hash;
mod label_not_rfc3339;
mod label_not_semver;
mod label_not_spdx;
mod label_not_url;
mod superfluous_label;
mod util;

pub use invalid_label_key::InvalidLabelKey;
pub use label_empty::LabelEmpty;
pub use label_missing::LabelMissing;
pub use label_not_email::LabelNotEmail;
pub use label_not_git_hash::LabelNotGitHash;
pub use label_not_rfc3339::LabelNotRfc3339;
pub use label_not_semver::LabelNotSemver;
pub use label_not_spdx::LabelNotSpdx;
pub use label_not_url::LabelNotUrl;
pub use superfluous_label::SuperfluousLabel;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[
    &InvalidLabelKey,
    &LabelMissing,
    &SuperfluousLabel,
    &LabelEmpty,
    &LabelNotUrl,
    &LabelNotRfc3339,
    &LabelNotSpdx,
    &LabelNotGitHash,
    &LabelNotSemver,
    &LabelNotEmail,
];
