//! Printing a document back to text. Nodes cover the source exactly, so an
//! unmodified document prints byte for byte as it was read; fixes edit the
//! text by span and parse again.

use super::ast::Document;

pub fn print(doc: &Document) -> String {
    doc.nodes.iter().map(|n| doc.text(n.span())).collect()
}
