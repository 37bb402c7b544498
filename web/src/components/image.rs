//! The image the build makes: per stage its base and one bar per
//! instruction, drawn to scale, with the cache outcome; then the totals, the
//! largest files and where the wasted bytes come from. Every figure is the
//! core's `SimReport`.

use std::rc::Rc;

use layerlab::sim::{CacheState, StageReport, StepReport, human_bytes};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{line_link, size};
use crate::scenario::{Analysis, parse_size};

#[derive(Properties, PartialEq)]
pub struct ImageProps {
    pub analysis: Rc<Analysis>,
    /// (stage, step) of the selected layer; step 0 is the FROM.
    pub selected: Option<(usize, usize)>,
    pub on_select: Callback<(usize, usize)>,
    /// A size set (or cleared) for a base image the catalog does not know.
    pub on_image_size: Callback<(String, Option<u64>)>,
}

/// Which size the bars are drawn to.
#[derive(Clone, Copy, PartialEq)]
enum Metric {
    Unpacked,
    Compressed,
}

impl Metric {
    fn pick(self, unpacked: u64, compressed: u64) -> u64 {
        match self {
            Metric::Unpacked => unpacked,
            Metric::Compressed => compressed,
        }
    }
}

pub fn cache_badge(state: CacheState, reason: Option<&str>) -> Html {
    let (class, label) = match state {
        CacheState::Hit => ("hit", "hit"),
        CacheState::Rebuild => ("rebuild", "rebuild"),
        CacheState::Skipped => ("skipped", "skipped"),
    };
    let title = reason.map_or_else(
        || format!("cache: {label}"),
        |r| format!("cache: {label}, {r}"),
    );
    html! { <span class={classes!("badge", "cache", class)} {title} data-cache={class}>{ label }</span> }
}

#[function_component(ImagePanel)]
pub fn image_panel(props: &ImageProps) -> Html {
    let metric = use_state(|| Metric::Unpacked);
    let r = &props.analysis.report;
    let m = *metric;
    // One scale for every bar on the panel, base layers included, so that
    // layers compare across stages.
    let scale = r
        .stages
        .iter()
        .flat_map(|s| {
            s.base
                .layers
                .iter()
                .map(move |l| m.pick(l.size_bytes, l.compressed_bytes))
                .chain(
                    s.steps
                        .iter()
                        .filter(|st| st.layer)
                        .map(move |st| m.pick(st.size_bytes, st.compressed_bytes)),
                )
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let set_metric = |value: Metric| {
        let metric = metric.clone();
        Callback::from(move |_: Event| metric.set(value))
    };
    let efficiency = format!("{:.1} %", r.efficiency * 100.0);

    html! {
        <section class="panel image-panel" aria-labelledby="image-title">
            <h2 id="image-title">{ "Image" }</h2>
            if r.stages.is_empty() {
                <p class="empty" id="image-empty">{ "No stage to build yet: the image starts at a FROM line." }</p>
            } else {
                <div class="image-summary" id="image-summary">
                    <dl class="figures">
                        <div>
                            <dt>{ format!("Final image ({})", r.target) }</dt>
                            <dd id="final-size">
                                { size(r.final_size_bytes, r.estimate, Some("some layer sizes rest on assumptions: see the ≈ rows".into())) }
                                { " unpacked · " }
                                { size(r.final_compressed_bytes, true, Some("compressed sizes of built layers are estimated from a gzip model; base layers are as published".into())) }
                                { " compressed" }
                            </dd>
                        </div>
                        <div>
                            <dt>{ "Wasted" }</dt>
                            <dd id="wasted">
                                { size(r.wasted_bytes, r.estimate, None) }
                                { format!(" stored but hidden by a later layer · dive efficiency {efficiency}") }
                            </dd>
                        </div>
                    </dl>
                    <p class="muted" id="dive-note">
                        { "dive would report " }
                        { size(r.dive_wasted_bytes, r.estimate, None) }
                        { " wasted: it counts every copy of a path stored in two or more layers, the copy you still see included. The figure above counts only bytes no one can see." }
                    </p>
                    if !r.problems.is_empty() {
                        <ul class="sim-problems">
                            { for r.problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }
                        </ul>
                    }
                </div>
                <fieldset class="toggle">
                    <legend>{ "Bars show" }</legend>
                    <label><input type="radio" name="bar-metric" id="bars-unpacked" checked={m == Metric::Unpacked} onchange={set_metric(Metric::Unpacked)} />{ " unpacked size" }</label>
                    <label><input type="radio" name="bar-metric" id="bars-compressed" checked={m == Metric::Compressed} onchange={set_metric(Metric::Compressed)} />{ " compressed size" }</label>
                </fieldset>
                <p class="muted legend-note">
                    <abbr title="estimate">{ "≈" }</abbr>
                    { " marks a size that rests on an assumption (hover it to see which). Select a layer to see its files." }
                </p>
                <div class="stages" id="image-stages">
                    { for r.stages.iter().map(|s| stage(s, m, scale, props)) }
                </div>
                { largest(&props.analysis) }
                { waste(&props.analysis) }
            }
        </section>
    }
}

fn stage(s: &StageReport, m: Metric, scale: u64, props: &ImageProps) -> Html {
    let title = match &s.name {
        Some(name) => format!("Stage {} · {name}", s.index),
        None => format!("Stage {}", s.index),
    };
    let from = s.steps.first();
    let select_from = {
        let on_select = props.on_select.clone();
        let si = s.index;
        Callback::from(move |_: MouseEvent| on_select.emit((si, 0)))
    };
    html! {
        <section class={classes!("stage", (!s.built).then_some("not-built"))} data-stage={s.index.to_string()}>
            <h3>
                { title }
                <span class={classes!("badge", if s.built { "built" } else { "skipped" })}>
                    { if s.built { "built" } else { "not built: the target does not need it" } }
                </span>
                if s.in_final_image {
                    <span class="badge final">{ "in the final image" }</span>
                } else if s.built {
                    <span class="badge">{ "not in the final image" }</span>
                }
            </h3>
            { base(s, m, scale, props) }
            if let Some(from) = from {
                <p class="from-line">
                    { line_link(from.line, from.end_line) }
                    <button type="button" class="from-select" aria-pressed={(props.selected == Some((s.index, 0))).to_string()}
                        title="show the files this stage starts from" onclick={select_from}>
                        <code>{ from.instruction.clone() }</code>
                    </button>
                    { cache_badge(from.cache, from.cache_reason.as_deref()) }
                    if let Some(reason) = &from.cache_reason {
                        <span class="cache-reason">{ reason.clone() }</span>
                    }
                </p>
            }
            <ol class="layers">
                { for s.steps.iter().enumerate().skip(1).map(|(k, step)| layer_row(s.index, k, step, m, scale, props)) }
            </ol>
        </section>
    }
}

fn base(s: &StageReport, m: Metric, scale: u64, props: &ImageProps) -> Html {
    let b = &s.base;
    if b.layers.is_empty() && b.known {
        // Built on another stage (or scratch): nothing of its own to draw.
        let note = b.note.clone().unwrap_or_else(|| "empty base".to_owned());
        return html! { <p class="base muted">{ format!("{}: {note}", b.reference) }</p> };
    }
    // An empty reference (a bare FROM) has no image to size; the core's note says so.
    let unknown = if b.known || b.reference.trim().is_empty() {
        html! {}
    } else {
        let reference = b.reference.clone();
        let on_image_size = props.on_image_size.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            if text.trim().is_empty() {
                on_image_size.emit((reference.clone(), None));
            } else if let Some(bytes) = parse_size(&text) {
                input.set_custom_validity("");
                on_image_size.emit((reference.clone(), Some(bytes)));
            } else {
                input.set_custom_validity("a size such as 80 MB");
                input.report_validity();
            }
        });
        let current = if b.size_bytes > 0 {
            human_bytes(b.size_bytes)
        } else {
            String::new()
        };
        html! {
            <label class="unknown-size">
                <span class="badge unknown">{ "unknown image" }</span>
                { format!(" Its size (unpacked), if you know it: ") }
                <input type="text" class="size-input" inputmode="decimal" placeholder="e.g. 80 MB" value={current}
                    aria-label={format!("size of {}", b.reference)} {onchange} />
            </label>
        }
    };
    html! {
        <div class="base">
            <p>
                <strong>{ b.reference.clone() }</strong>
                { " · " }
                { size(b.size_bytes, !b.known || b.layers.iter().any(|l| l.estimate), b.note.clone()) }
                { " unpacked, " }
                { size(b.compressed_bytes, !b.known, None) }
                { " compressed" }
                if let Some(source) = &b.source {
                    <span class="source">{ format!(" · {source}") }</span>
                }
            </p>
            { unknown }
            if let Some(note) = &b.note {
                <p class="note">{ note.clone() }</p>
            }
            <ol class="layers base-layers" aria-label={format!("published layers of {}", b.reference)}>
                { for b.layers.iter().map(|l| {
                    let value = m.pick(l.size_bytes, l.compressed_bytes);
                    let why = l.estimate.then(|| "the unpacked size is apportioned from the image total".to_owned());
                    html! {
                        <li class="layer base-layer">
                            <div class="layer-row static" title={l.created_by.clone()}>
                                <span class="ins">{ l.created_by.clone() }</span>
                                { bar(value, scale, true) }
                                <span class="fig">{ size(value, l.estimate && m == Metric::Unpacked || !b.known, why) }</span>
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}

fn bar(value: u64, scale: u64, layer: bool) -> Html {
    if !layer {
        return html! { <span class="bar-track"><span class="marker" title="config only: no layer"></span></span> };
    }
    let pct = value as f64 / scale as f64 * 100.0;
    html! {
        <span class="bar-track" aria-hidden="true">
            <span class="bar" style={format!("width: {pct:.2}%")}></span>
        </span>
    }
}

fn layer_row(
    si: usize,
    k: usize,
    step: &StepReport,
    m: Metric,
    scale: u64,
    props: &ImageProps,
) -> Html {
    let selected = props.selected == Some((si, k));
    let onclick = {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit((si, k)))
    };
    let value = m.pick(step.size_bytes, step.compressed_bytes);
    // Compressed sizes of built layers always come from the gzip model.
    let estimate = step.estimate || m == Metric::Compressed;
    let why = (!step.notes.is_empty())
        .then(|| step.notes.join("\n"))
        .or_else(|| {
            (m == Metric::Compressed)
                .then(|| "compressed size estimated from a gzip model".to_owned())
        });
    let figure = if step.layer {
        size(value, estimate, why)
    } else {
        html! { <span class="size config">{ "config only" }</span> }
    };
    let label = format!(
        "line {}: {}, {}, cache {}",
        step.line,
        step.instruction,
        if step.layer {
            human_bytes(value)
        } else {
            "no layer".to_owned()
        },
        match step.cache {
            CacheState::Hit => "hit",
            CacheState::Rebuild => "rebuild",
            CacheState::Skipped => "skipped",
        }
    );
    html! {
        <li class={classes!("layer", (!step.layer).then_some("config"), selected.then_some("selected"))}
            data-line={step.line.to_string()} data-keyword={step.keyword.clone()}>
            { line_link(step.line, step.end_line) }
            <button type="button" class="layer-row" aria-pressed={selected.to_string()} aria-label={label} title={step.instruction.clone()} {onclick}>
                <span class="ins">{ step.instruction.clone() }</span>
                { bar(value, scale, step.layer) }
                <span class="fig">{ figure }</span>
                { cache_badge(step.cache, step.cache_reason.as_deref()) }
            </button>
            if step.cache_reason.is_some() || !step.notes.is_empty() {
                <div class="layer-extra">
                    if let Some(reason) = &step.cache_reason {
                        <span class="cache-reason">{ reason.clone() }</span>
                    }
                    if !step.notes.is_empty() {
                        <details class="notes">
                            <summary>{ if step.notes.len() == 1 { "1 note".to_owned() } else { format!("{} notes", step.notes.len()) } }</summary>
                            <ul>{ for step.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                        </details>
                    }
                </div>
            }
        </li>
    }
}

fn largest(a: &Analysis) -> Html {
    let files = &a.report.largest_files;
    if files.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h3 class="sub">{ "Largest files in the final image" }</h3>
            <ol class="filelist" id="largest-files">
                { for files.iter().map(|f| html! {
                    <li title={f.note.clone().unwrap_or_default()}>
                        { size(f.bytes, f.estimate, f.note.clone()) }
                        <code>{ f.path.clone() }</code>
                        if let Some(note) = &f.note {
                            <span class="note">{ note.clone() }</span>
                        }
                    </li>
                }) }
            </ol>
        </>
    }
}

fn waste(a: &Analysis) -> Html {
    let items = &a.report.waste;
    html! {
        <>
            <h3 class="sub">{ "Wasted bytes, and where they come from" }</h3>
            if items.is_empty() {
                <p class="empty" id="waste-empty">{ "Nothing is stored and then hidden: no later layer deletes or overwrites an earlier layer's files." }</p>
            } else {
                <ol class="filelist" id="waste">
                    { for items.iter().map(|w| html! {
                        <li class="waste">
                            { size(w.bytes, a.report.estimate, None) }
                            <code>{ w.path.clone() }</code>
                            <span class="how">
                                { " written " }
                                { match w.added_line {
                                    Some(line) => html! { <>{ "at " }{ line_link(line, line) }</> },
                                    None => html! { { "by the base image" } },
                                } }
                                { format!(", {} ", w.how) }
                                { match w.hidden_line {
                                    Some(line) => html! { <>{ "at " }{ line_link(line, line) }</> },
                                    None => html! {},
                                } }
                            </span>
                        </li>
                    }) }
                </ol>
            }
        </>
    }
}
