//! The stages as a graph: one node per stage in source order, an arrow for
//! each `FROM <stage>`, `COPY --from` and `RUN --mount from=`; the target
//! outlined, stages the target does not need greyed out.

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::line_link;
use crate::scenario::Analysis;

#[derive(Properties, PartialEq)]
pub struct GraphProps {
    pub analysis: Rc<Analysis>,
    pub target: Option<String>,
    pub on_target: Callback<Option<String>>,
}

const W: i32 = 120;
const H: i32 = 40;
const GAP: i32 = 44;

fn how_label(how: &str) -> &'static str {
    match how {
        "from" => "FROM",
        "copy" => "COPY --from",
        _ => "--mount",
    }
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    } else {
        text.to_owned()
    }
}

#[function_component(StageGraph)]
pub fn stage_graph(props: &GraphProps) -> Html {
    let r = &props.analysis.report;
    let target = props.analysis.sim.build.target;
    let n = r.stages.len() as i32;
    // Edges grouped by (from, to), their kinds joined.
    let mut edges: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
    for s in &r.stages {
        for u in &s.uses {
            let kinds = edges.entry((u.stage, s.index)).or_default();
            if !kinds.contains(&how_label(u.how)) {
                kinds.push(how_label(u.how));
            }
        }
    }
    let longest = edges
        .keys()
        .map(|(a, b)| b.saturating_sub(*a))
        .max()
        .unwrap_or(1) as i32;
    // Arcs over non-neighbours rise with their span; room for the tallest.
    let top = 24 + 16 * (longest - 1).max(0);
    let width = (n * (W + GAP) - GAP + 20).max(W + 20);
    let height = top + H + 12;
    let x = |i: usize| 10 + i as i32 * (W + GAP);

    let on_select = {
        let on_target = props.on_target.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            on_target.emit((!value.is_empty()).then_some(value));
        })
    };
    let named: Vec<&String> = r.stages.iter().filter_map(|s| s.name.as_ref()).collect();

    html! {
        <section class="panel graph-panel" aria-labelledby="graph-title">
            <h2 id="graph-title">{ "Stages" }</h2>
            if r.stages.is_empty() {
                <p class="empty">{ "No stages yet." }</p>
            } else {
                <label class="target-select">
                    { "Build target " }
                    <select id="target" onchange={on_select}>
                        <option value="" selected={props.target.is_none()}>{ "last stage (default)" }</option>
                        { for named.iter().map(|name| html! {
                            <option value={(*name).clone()} selected={props.target.as_deref() == Some(name.as_str())}>{ (*name).clone() }</option>
                        }) }
                    </select>
                </label>
                <div class="graph-scroll">
                    <svg id="stage-graph" width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}
                        role="img" aria-labelledby="graph-desc">
                        <title id="graph-desc">{ format!("{} stages; the target is stage {target}", r.stages.len()) }</title>
                        <defs>
                            <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                                <path d="M0,0 L8,4 L0,8 z" class="arrowhead" />
                            </marker>
                        </defs>
                        { for edges.iter().map(|(&(a, b), kinds)| {
                            let label = kinds.join(", ");
                            if b == a + 1 {
                                let (x1, x2, y) = (x(a) + W, x(b), top + H / 2);
                                html! {
                                    <g class="edge">
                                        <line x1={x1.to_string()} y1={y.to_string()} x2={(x2 - 2).to_string()} y2={y.to_string()} marker-end="url(#arrow)" />
                                        <text x={((x1 + x2) / 2).to_string()} y={(y - 5).to_string()} text-anchor="middle">{ label }</text>
                                    </g>
                                }
                            } else {
                                let (x1, x2) = (x(a) + W / 2 + 12, x(b) + W / 2 - 12);
                                let rise = 16 * (b - a) as i32;
                                let d = format!("M{x1},{top} C{x1},{} {x2},{} {x2},{}", top - rise, top - rise, top - 2);
                                html! {
                                    <g class="edge">
                                        <path d={d} marker-end="url(#arrow)" />
                                        <text x={((x1 + x2) / 2).to_string()} y={(top - rise * 3 / 4 - 3).to_string()} text-anchor="middle">{ label }</text>
                                    </g>
                                }
                            }
                        }) }
                        { for r.stages.iter().map(|s| {
                            let class = classes!(
                                "node",
                                (s.index == target).then_some("target"),
                                (!s.built).then_some("not-built"),
                                s.in_final_image.then_some("final"),
                            );
                            let name = s.name.clone().unwrap_or_else(|| format!("stage {}", s.index));
                            html! {
                                <g {class} data-stage={s.index.to_string()}>
                                    <title>{ format!("{name}: {}{}", if s.built { "built" } else { "not built" }, if s.index == target { ", the target" } else { "" }) }</title>
                                    <rect x={x(s.index).to_string()} y={top.to_string()} width={W.to_string()} height={H.to_string()} rx="5" />
                                    <text x={(x(s.index) + W / 2).to_string()} y={(top + 16).to_string()} text-anchor="middle" class="name">{ short(&name, 16) }</text>
                                    <text x={(x(s.index) + W / 2).to_string()} y={(top + 31).to_string()} text-anchor="middle" class="ref">{ short(&s.base.reference, 19) }</text>
                                </g>
                            }
                        }) }
                    </svg>
                </div>
                if !edges.is_empty() {
                    <ul class="edges" id="stage-edges">
                        { for r.stages.iter().flat_map(|s| s.uses.iter().map(move |u| (s, u))).map(|(s, u)| {
                            let from = &r.stages[u.stage.min(r.stages.len() - 1)];
                            let name = |st: &layerlab::sim::StageReport| st.name.clone().unwrap_or_else(|| format!("stage {}", st.index));
                            html! {
                                <li>{ format!("{} ← {} ({}) ", name(s), name(from), how_label(u.how)) }{ line_link(u.line, u.line) }</li>
                            }
                        }) }
                    </ul>
                }
            }
        </section>
    }
}
