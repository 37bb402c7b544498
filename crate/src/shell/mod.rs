//! (filled in by the shell work)
