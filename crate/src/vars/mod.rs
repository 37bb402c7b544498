//! (filled in by the vars work)
