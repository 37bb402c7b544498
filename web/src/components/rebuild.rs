//! The rebuild scenario: which context files changed, their sizes, a
//! `.dockerignore`, an updated base, a remembered previous build; and what
//! the core says the rebuild then costs.

use std::rc::Rc;

use layerlab::sim::human_bytes;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::size;
use crate::scenario::{Analysis, Scenario, parse_size};

#[derive(Properties, PartialEq)]
pub struct RebuildProps {
    pub analysis: Rc<Analysis>,
    pub scenario: Scenario,
    /// The Dockerfile text now, for "remember this build".
    pub text: AttrValue,
    pub on_change: Callback<Scenario>,
}

/// A change a control makes to the scenario.
type Edit = Rc<dyn Fn(&mut Scenario, Event)>;

#[function_component(Rebuild)]
pub fn rebuild(props: &RebuildProps) -> Html {
    let size_error = use_state(|| None::<String>);
    let a = &props.analysis;
    let r = &a.report;
    let cache = &r.cache;
    // Each control edits a copy of the scenario and hands it up.
    let update = |f: Edit| {
        let scenario = props.scenario.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let mut next = scenario.clone();
            f(&mut next, e);
            if next != scenario {
                on_change.emit(next);
            }
        })
    };
    let checked = |e: &Event| e.target_unchecked_into::<HtmlInputElement>().checked();

    let files = r.context.files.iter().map(|f| {
        let path = f.path.clone();
        let on_tick = update(Rc::new({
            let path = path.clone();
            move |s: &mut Scenario, e: Event| {
                if checked(&e) {
                    s.changed.insert(path.clone());
                } else {
                    s.changed.remove(&path);
                }
            }
        }));
        let on_size = {
            let size_error = size_error.clone();
            update(Rc::new({
                let path = path.clone();
                move |s: &mut Scenario, e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    match parse_size(&input.value()) {
                        Some(bytes) => {
                            size_error.set(None);
                            s.sizes.insert(path.clone(), bytes);
                        }
                        None => size_error.set(Some(format!(
                            "\u{201c}{}\u{201d} is not a size for {path}: try 1200, 12 kB or 3.5 MB",
                            input.value()
                        ))),
                    }
                }
            }))
        };
        let id = format!("ctx-{}", path.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        html! {
            <tr data-path={path.clone()}>
                <td>
                    <input type="checkbox" class="changed" id={id.clone()} checked={props.scenario.changed.contains(&path)} onchange={on_tick} />
                </td>
                <td>
                    <label for={id}><code>{ path.clone() }</code></label>
                    if f.assumed {
                        <span class="tag assumed" title="not in the Dockerfile's text: assumed from the COPY sources, with a typical size">{ "assumed" }</span>
                    }
                </td>
                <td>
                    <input type="text" class="size-input" inputmode="decimal" value={human_bytes(f.size_bytes)}
                        aria-label={format!("size of {path}")} onchange={on_size} />
                </td>
            </tr>
        }
    });

    let on_ignore = {
        let scenario = props.scenario.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let mut next = scenario.clone();
            next.dockerignore = area.value();
            on_change.emit(next);
        })
    };
    let on_base = update(Rc::new(move |s: &mut Scenario, e: Event| {
        s.base_updated = checked(&e)
    }));
    let on_remember = {
        let scenario = props.scenario.clone();
        let on_change = props.on_change.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            // The remembered build already has these changes in it.
            on_change.emit(Scenario {
                previous: Some(text.to_string()),
                changed: Default::default(),
                base_updated: false,
                ..scenario.clone()
            });
        })
    };
    let on_forget = {
        let scenario = props.scenario.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            on_change.emit(Scenario {
                previous: None,
                ..scenario.clone()
            })
        })
    };
    let on_reset_sizes = {
        let scenario = props.scenario.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            on_change.emit(Scenario {
                sizes: Default::default(),
                ..scenario.clone()
            })
        })
    };

    html! {
        <section class="panel rebuild-panel" aria-labelledby="rebuild-title">
            <h2 id="rebuild-title">{ "Rebuild" }</h2>
            <div class="cache-summary" id="cache-summary">
                <p>
                    <strong id="steps-rebuilt">{ format!("{} of {}", cache.steps_rebuilt, cache.steps_total) }</strong>
                    { " layer steps run again, writing " }
                    { size(cache.bytes_rebuilt, r.estimate, None) }
                </p>
                <p>
                    { "Rebuild time " }
                    <span class="size estimate" title="an estimate from the time model: a fixed cost per step plus download and install rates">
                        <abbr title="estimate" aria-label="about">{ "≈" }</abbr>{ format!("{:.1} s", cache.rebuild_seconds) }
                    </span>
                    { " (estimated from the time model) · a pull of the new image fetches " }
                    { size(cache.pull_bytes, true, Some("compressed bytes of the layers whose content changed".into())) }
                </p>
                if cache.changes.is_empty() && !a.since_previous {
                    <p class="muted">{ "Nothing changed yet, so every step is a cache hit. Tick a file below, or remember this build and edit the Dockerfile." }</p>
                } else {
                    <ul class="changes">
                        if a.since_previous {
                            <li>{ "Dockerfile compared with the remembered build" }</li>
                        }
                        { for cache.changes.iter().map(|c| html! { <li>{ c.clone() }</li> }) }
                    </ul>
                }
            </div>

            <h3 class="sub">{ "Build context" }</h3>
            <p class="muted">
                { format!("{} files, ", r.context.files.len()) }
                { size(r.context.total_bytes, r.context.files.iter().any(|f| f.assumed), None) }
                if r.context.inferred || r.context.files.iter().any(|f| f.assumed) {
                    { ". Files marked assumed are inferred from the COPY and ADD sources, with typical sizes until you set them." }
                }
            </p>
            if r.context.files.is_empty() {
                <p class="empty">{ "No COPY or ADD reads the context." }</p>
            } else {
                <div class="context-scroll">
                    <table class="context" id="context-files">
                        <thead><tr><th scope="col">{ "Changed" }</th><th scope="col">{ "File" }</th><th scope="col">{ "Size" }</th></tr></thead>
                        <tbody>{ for files }</tbody>
                    </table>
                </div>
            }
            if let Some(error) = &*size_error {
                <p class="error" role="alert">{ error.clone() }</p>
            }
            if !props.scenario.sizes.is_empty() {
                <button type="button" onclick={on_reset_sizes}>{ "Back to assumed sizes" }</button>
            }
            if !a.excluded.is_empty() {
                <ul class="excluded" id="excluded-files" aria-label="excluded by .dockerignore">
                    { for a.excluded.iter().map(|(path, bytes, assumed)| html! {
                        <li><code>{ path.clone() }</code>{ " " }{ size(*bytes, *assumed, None) }{ " excluded by .dockerignore" }</li>
                    }) }
                </ul>
            }

            <label for="dockerignore" class="sub">{ ".dockerignore" }</label>
            <textarea id="dockerignore" class="ignore" spellcheck="false" rows="3" placeholder={"node_modules\n*.log"}
                value={props.scenario.dockerignore.clone()} oninput={on_ignore} />
            if !a.ignore_diagnostics.is_empty() {
                <ul class="problems" id="dockerignore-problems">
                    { for a.ignore_diagnostics.iter().map(|d| html! {
                        <li class={classes!("problem", d.severity.as_str())} data-code={d.code}>
                            <span class="where">{ format!("{}:{}", d.line, d.column) }</span>
                            <span class="severity">{ d.severity.as_str() }</span>
                            <span class="message">{ d.message.clone() }</span>
                        </li>
                    }) }
                </ul>
            }

            <label class="check">
                <input type="checkbox" id="base-updated" checked={props.scenario.base_updated} onchange={on_base} />
                { " The base image's tag points at a new build" }
            </label>

            <div class="remember">
                <button type="button" id="remember-build" onclick={on_remember}>{ "Remember this build" }</button>
                if props.scenario.previous.is_some() {
                    <span class="muted">{ " Edits to the Dockerfile now show what they rebuild. " }</span>
                    <button type="button" id="forget-build" onclick={on_forget}>{ "Forget it" }</button>
                }
            </div>
        </section>
    }
}
