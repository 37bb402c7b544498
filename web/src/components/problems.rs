//! Parse errors and warnings, then lint findings, each with its line and
//! column; a finding's rule codes show hadolint's and BuildKit's names.

use layerlab::lint::Finding;
use layerlab::lint::config::{Config, ConfigError};
use layerlab::report::Report;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// A parsed `.hadolint.yaml`: the configuration and its warnings, or the
/// error that stopped it.
pub type ParsedConfig = Result<(Config, Vec<ConfigError>), ConfigError>;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub report: std::rc::Rc<Report>,
    pub findings: std::rc::Rc<Vec<Finding>>,
    /// The pasted `.hadolint.yaml` and what the core made of it.
    pub config_text: String,
    pub config: std::rc::Rc<ParsedConfig>,
    pub on_config: Callback<String>,
}

/// The `.hadolint.yaml` box: hadolint's own configuration, so a project's
/// file can be pasted as is; problems are shown with line and column.
fn config_box(props: &ProblemsProps) -> Html {
    let on_input = props
        .on_config
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let messages: Vec<(String, &str, String)> = match &*props.config {
        Ok((_, warnings)) => warnings
            .iter()
            .map(|w| {
                (
                    format!("{}:{}", w.line, w.column),
                    "warning",
                    w.message.clone(),
                )
            })
            .collect(),
        Err(e) => vec![(
            format!("{}:{}", e.line, e.column),
            "error",
            format!("{} (the configuration is not applied)", e.message),
        )],
    };
    html! {
        <details class="lint-config" open={!props.config_text.is_empty()}>
            <summary>{ "Lint configuration (.hadolint.yaml)" }</summary>
            <textarea id="lint-config" aria-label=".hadolint.yaml" spellcheck="false" rows="5"
                placeholder={"ignored:\n  - DL3008\nfailure-threshold: warning\ntrustedRegistries:\n  - docker.io"}
                value={props.config_text.clone()} oninput={on_input} />
            if !messages.is_empty() {
                <ul class="config-problems" id="lint-config-problems">
                    { for messages.into_iter().map(|(at, sev, msg)| html! {
                        <li class={classes!("problem", sev)}>
                            <span class="where">{ at }</span>
                            <span class="severity">{ sev }</span>
                            <span class="message">{ msg }</span>
                        </li>
                    }) }
                </ul>
            }
        </details>
    }
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
            { config_box(props) }
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
