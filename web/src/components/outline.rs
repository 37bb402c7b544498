//! The instructions the parser found, in source order; under each RUN, the
//! commands it runs as the core read them.

use layerlab::model::RunAnalysis;
use layerlab::report::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub report: std::rc::Rc<Report>,
}

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let report = &props.report;
    let instructions = report.document.instructions();
    html! {
        <section class="panel outline-panel" aria-labelledby="outline-title">
            <h2 id="outline-title">
                { "Instructions " }
                <span class="count" id="instruction-count">{ instructions.len() }</span>
            </h2>
            if instructions.is_empty() {
                <p class="empty">{ "No instructions yet. Start with a FROM line." }</p>
            } else {
                <ol class="outline" id="instructions">
                    { for instructions.iter().enumerate().map(|(i, ins)| {
                        let lines = if ins.start_line == ins.end_line {
                            format!("line {}", ins.start_line)
                        } else {
                            format!("lines {}–{}", ins.start_line, ins.end_line)
                        };
                        html! {
                            <li class="instruction" data-kind={ins.kind.as_str()} data-line={ins.start_line.to_string()}>
                                <div class="head">
                                    <span class="kind">{ ins.kind.as_str() }</span>
                                    <span class="lines">{ lines }</span>
                                </div>
                                { report.run(i).map(commands).unwrap_or_default() }
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}

/// The commands of one RUN as chips; an unrecognised one says why on hover.
fn commands(run: &RunAnalysis) -> Html {
    if !run.interpreted {
        let reason = run.reason.clone().unwrap_or_default();
        return html! { <p class="commands not-read">{ format!("Not read: {reason}") }</p> };
    }
    html! {
        <ul class="commands">
            { for run.commands.iter().map(|c| {
                let label = match &c.model.subcommand {
                    Some(sub) => format!("{} {sub}", c.name),
                    None => c.name.clone(),
                };
                let title = match (&c.model.reason, c.recognized) {
                    (_, true) => format!("line {}, column {}", c.line, c.column),
                    (Some(reason), false) => format!("not understood: {reason}"),
                    (None, false) => "not understood".to_owned(),
                };
                html! {
                    <li class={classes!("command", (!c.recognized).then_some("unknown"))} {title} data-command={c.name.clone()}>
                        { label }
                    </li>
                }
            }) }
        </ul>
    }
}
