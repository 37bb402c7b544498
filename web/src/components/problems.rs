//! Parse errors and warnings, then lint findings, each with its line and
//! column; a finding's rule codes show hadolint's and BuildKit's names.

use layerlab::lint::Finding;
use layerlab::report::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub report: std::rc::Rc<Report>,
    pub findings: std::rc::Rc<Vec<Finding>>,
}

#[function_component(Problems)]
pub fn problems(props: &ProblemsProps) -> Html {
    let diagnostics = &props.report.document.diagnostics;
    let findings = &*props.findings;
    let total = diagnostics.len() + findings.len();
    html! {
        <section class="panel problems-panel" aria-labelledby="problems-title">
            <h2 id="problems-title">
                { "Problems " }
                <span class="count" id="problem-count">{ total }</span>
            </h2>
            if total == 0 {
                <p class="empty">{ "No problems found." }</p>
            } else {
                <ul class="problems" id="problems">
                    { for diagnostics.iter().map(|d| html! {
                        <li class={classes!("problem", d.severity.as_str())} data-code={d.code}>
                            <span class="where">{ format!("{}:{}", d.line, d.column) }</span>
                            <span class="severity">{ d.severity.as_str() }</span>
                            <span class="message">{ d.message.clone() }</span>
                        </li>
                    }) }
                    { for findings.iter().map(|f| html! {
                        <li class={classes!("problem", "finding", f.severity.as_str())} data-rule={f.rule}>
                            <span class="where">{ format!("{}:{}", f.line, f.column) }</span>
                            <span class="severity">{ f.severity.as_str() }</span>
                            <span class="message">{ f.message.clone() }</span>
                            <span class="codes">{ std::iter::once(f.rule).chain(f.aliases.iter().copied()).collect::<Vec<_>>().join(" · ") }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
