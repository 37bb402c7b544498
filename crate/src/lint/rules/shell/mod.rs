//! Rules about how RUN uses the shell.

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[];
