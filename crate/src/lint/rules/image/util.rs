//! Shared lookups for the image rules.

use crate::lint::LintContext;
use crate::syntax::Instruction;

/// The instruction that starts on `line`, with its index.
pub fn at_line<'a>(cx: &LintContext<'a>, line: usize) -> Option<(usize, &'a Instruction)> {
    cx.instructions().find(|(_, ins)| ins.start_line == line)
}
