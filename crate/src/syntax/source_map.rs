//! BuildKit joins continuation lines into one logical line before reading an
//! instruction, dropping the escape characters, comment lines and empty
//! lines in between. A [`SourceMap`] remembers where each piece of that
//! logical line came from, so every word can point back into the file.

use serde::Serialize;

use crate::span::Span;

/// One contiguous piece of a logical line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Offset of the piece in the logical line.
    pub logical: usize,
    /// Offset of the piece in the source file.
    pub source: usize,
    pub len: usize,
}

/// Maps offsets in a logical (assembled) line to offsets in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceMap {
    segments: Vec<Segment>,
}

impl SourceMap {
    pub(crate) fn push(&mut self, logical: usize, source: usize, len: usize) {
        if len > 0 {
            self.segments.push(Segment {
                logical,
                source,
                len,
            });
        }
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Where byte `offset` of the logical line is in the source. An offset
    /// at the very end maps just past the last piece.
    pub fn to_source(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.logical <= offset);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some(s) if offset < s.logical + s.len => s.source + (offset - s.logical),
            Some(s) => s.source + s.len,
            None => self.segments.first().map_or(0, |s| s.source),
        }
    }

    /// The source span of logical range `start..end`. A range that crosses a
    /// line join covers the join too.
    pub fn span(&self, start: usize, end: usize) -> Span {
        if end <= start {
            let at = self.to_source(start);
            return Span::new(at, at);
        }
        Span::new(self.to_source(start), self.to_source(end - 1) + 1)
    }

    /// The pieces of logical range `start..end` as `(source start, len)`
    /// pairs: the form the shell parser takes to map its own spans back.
    pub fn pieces(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        self.segments
            .iter()
            .filter_map(|s| {
                let from = start.max(s.logical);
                let to = end.min(s.logical + s.len);
                (from < to).then(|| (s.source + (from - s.logical), to - from))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_across_joins() {
        // "RUN a \\\n  b" assembles to "RUN a   b".
        let mut map = SourceMap::default();
        map.push(0, 0, 6);
        map.push(6, 8, 3);
        assert_eq!(map.to_source(4), 4);
        assert_eq!(map.to_source(6), 8);
        assert_eq!(map.to_source(9), 11);
        assert_eq!(map.span(4, 9), Span::new(4, 11));
        assert_eq!(map.pieces(4, 9), vec![(4, 2), (8, 3)]);
    }
}
