//! Reading the Dockerfile a command was pointed at.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use layerlab::syntax::{self, Document};

/// Reads and parses `path`; on failure prints why and gives the exit code
/// (2: the file could not be read).
pub fn load(path: &Path) -> Result<(Document, String), ExitCode> {
    match read(path) {
        Ok(bytes) => Ok((syntax::parse_bytes(&bytes), display_name(path))),
        Err(e) => {
            eprintln!("layerlab: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// The bytes of `path`, or of standard input for `-`; an error message names the file.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("<stdin>: {e}"))?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// How a file is named in messages.
fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Prints the document's parse errors as `file:line:column: message`.
pub fn report_errors(doc: &Document, name: &str) {
    for d in doc
        .diagnostics
        .iter()
        .filter(|d| d.severity == syntax::Severity::Error)
    {
        eprintln!("{name}:{}:{}: {}", d.line, d.column, d.message);
    }
}
