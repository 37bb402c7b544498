//! The rule reference: every lint rule with its codes, defaults and docs.

use layerlab::lint::registry;
use yew::prelude::*;

use crate::markdown;

#[function_component(RulesPage)]
pub fn rules_page() -> Html {
    let rules: Vec<_> = registry::all().map(|r| r.meta()).collect();
    html! {
        <main class="rules-page" id="rules">
            <h2>{ format!("Lint rules ({})", rules.len()) }</h2>
            <p class="muted">
                { "Each rule has a Layerlab id; where hadolint, ShellCheck or BuildKit check the same thing, their codes are aliases. " }
                { "Suppress a rule for one instruction with " }<code>{ "# hadolint ignore=CODE" }</code>
                { " on the line above, for the file with " }<code>{ "# hadolint global ignore=CODE" }</code>
                { " or BuildKit's " }<code>{ "# check=skip=Name" }</code>{ "." }
            </p>
            { for rules.iter().map(|m| html! {
                <article class="rule" id={format!("rule-{}", m.id)}>
                    <h3>
                        <code>{ m.id }</code>
                        <span class={classes!("severity", m.severity.as_str())}>{ m.severity.as_str() }</span>
                        { for m.aliases.iter().map(|a| html! { <span class="alias">{ *a }</span> }) }
                    </h3>
                    <p class="meta">
                        { m.name }
                        { if m.enabled_by_default { "" } else { " · off by default" } }
                        { if m.fixable { " · fixable" } else { "" } }
                    </p>
                    { markdown::render(m.docs) }
                </article>
            }) }
        </main>
    }
}
