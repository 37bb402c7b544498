//! Parse errors and warnings, each with its line and column.

use layerlab::report::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub report: std::rc::Rc<Report>,
}

#[function_component(Problems)]
pub fn problems(props: &ProblemsProps) -> Html {
    let diagnostics = &props.report.document.diagnostics;
    html! {
        <section class="panel problems-panel" aria-labelledby="problems-title">
            <h2 id="problems-title">
                { "Problems " }
                <span class="count" id="problem-count">{ diagnostics.len() }</span>
            </h2>
            if diagnostics.is_empty() {
                <p class="empty">{ "The parser found no problems." }</p>
            } else {
                <ul class="problems" id="problems">
                    { for diagnostics.iter().map(|d| html! {
                        <li class={classes!("problem", d.severity.as_str())}>
                            <span class="where">{ format!("{}:{}", d.line, d.column) }</span>
                            <span class="severity">{ d.severity.as_str() }</span>
                            <span class="message">{ d.message.clone() }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
