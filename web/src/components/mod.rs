//! One component per panel of the page.

pub mod editor;
pub mod files;
pub mod graph;
pub mod image;
pub mod outline;
pub mod problems;
pub mod rebuild;
pub mod rules;

use layerlab::sim::human_bytes;
use yew::prelude::*;

/// A size as Docker prints it; `≈` in front when the core says it rests on
/// an assumption, with what is assumed on hover.
pub fn size(bytes: u64, estimate: bool, why: Option<String>) -> Html {
    let text = human_bytes(bytes);
    if estimate {
        let title = why.unwrap_or_else(|| "an estimate: see the notes".to_owned());
        html! {
            <span class="size estimate" {title} data-bytes={bytes.to_string()}>
                <abbr title="estimate" aria-label="about">{ "≈" }</abbr>{ text }
            </span>
        }
    } else {
        html! { <span class="size" data-bytes={bytes.to_string()}>{ text }</span> }
    }
}

/// A button naming a Dockerfile line that selects it in the editor.
pub fn line_link(line: usize, end: usize) -> Html {
    let onclick = Callback::from(move |_: MouseEvent| crate::bridge::select_lines(line, end));
    html! {
        <button type="button" class="line-link" {onclick} aria-label={format!("show line {line} in the editor")}>
            { format!("line {line}") }
        </button>
    }
}
