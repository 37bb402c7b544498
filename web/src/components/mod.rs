//! One component per panel of the page.

pub mod editor;
pub mod outline;
pub mod problems;
pub mod rules;
