//! Rules about stages, base images and the file as a whole.

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[];
