//! Rules about package managers in RUN, read through the command models.

mod apk_no_cache;
mod apk_pin;
mod apt_get_yes;
mod apt_install_recommends;
mod apt_lists;
mod apt_not_apt_get;
mod apt_pin;
mod dnf_clean;
mod dnf_pin;
mod dnf_yes;
mod gem_pin;
mod go_pin;
mod npm_pin;
mod pip_no_cache;
mod pip_pin;
mod util;
mod yarn_clean;
mod yum_clean;
mod yum_pin;
mod yum_yes;
mod zypper_clean;
mod zypper_dist_upgrade;
mod zypper_pin;
mod zypper_yes;

pub use apk_no_cache::ApkNoCache;
pub use apk_pin::ApkPin;
pub use apt_get_yes::AptGetYes;
pub use apt_install_recommends::AptInstallRecommends;
pub use apt_lists::AptLists;
pub use apt_not_apt_get::AptNotAptGet;
pub use apt_pin::AptPin;
pub use dnf_clean::DnfClean;
pub use dnf_pin::DnfPin;
pub use dnf_yes::DnfYes;
pub use gem_pin::GemPin;
pub use go_pin::GoPin;
pub use npm_pin::NpmPin;
pub use pip_no_cache::PipNoCache;
pub use pip_pin::PipPin;
pub use yarn_clean::YarnClean;
pub use yum_clean::YumClean;
pub use yum_pin::YumPin;
pub use yum_yes::YumYes;
pub use zypper_clean::ZypperClean;
pub use zypper_dist_upgrade::ZypperDistUpgrade;
pub use zypper_pin::ZypperPin;
pub use zypper_yes::ZypperYes;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[
    &AptInstallRecommends,
    &AptPin,
    &AptLists,
    &AptGetYes,
    &AptNotAptGet,
    &PipPin,
    &PipNoCache,
    &ApkPin,
    &ApkNoCache,
    &YumYes,
    &DnfYes,
    &ZypperYes,
    &YumClean,
    &DnfClean,
    &ZypperClean,
    &YarnClean,
    &YumPin,
    &DnfPin,
    &ZypperPin,
    &NpmPin,
    &GemPin,
    &ZypperDistUpgrade,
    &GoPin,
];
