//! Rules about package managers in RUN, read through the command models.

mod apt_install_recommends;

pub use apt_install_recommends::AptInstallRecommends;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[&AptInstallRecommends];
