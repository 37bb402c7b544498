//! Just enough Markdown for the rule docs the core ships: `##` headings,
//! paragraphs, fenced code blocks and inline code.

use yew::prelude::*;

pub fn render(text: &str) -> Html {
    let mut blocks: Vec<Html> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Html>| {
        if !paragraph.is_empty() {
            blocks.push(html! { <p>{ inline(&paragraph.join(" ")) }</p> });
            paragraph.clear();
        }
    };
    for line in text.lines() {
        let trimmed = line.strip_prefix(' ').unwrap_or(line);
        if let Some(lines) = code.as_mut() {
            if trimmed.starts_with("```") {
                let body = lines.join("\n");
                blocks.push(html! { <pre><code>{ body }</code></pre> });
                code = None;
            } else {
                lines.push(trimmed);
            }
        } else if trimmed.starts_with("```") {
            flush(&mut paragraph, &mut blocks);
            code = Some(Vec::new());
        } else if let Some(heading) = trimmed.strip_prefix("## ") {
            flush(&mut paragraph, &mut blocks);
            blocks.push(html! { <h4>{ heading.to_owned() }</h4> });
        } else if trimmed.trim().is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else {
            paragraph.push(trimmed.trim());
        }
    }
    if let Some(lines) = code {
        let body = lines.join("\n");
        blocks.push(html! { <pre><code>{ body }</code></pre> });
    }
    flush(&mut paragraph, &mut blocks);
    html! { <>{ for blocks }</> }
}

/// `code` spans; everything else as text.
fn inline(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{ part.to_owned() }</code> }
        } else {
            html! { { part.to_owned() } }
        }
    });
    html! { <>{ for parts }</> }
}
