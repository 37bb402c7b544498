//! The page: editor on the left, what the core found on the right.

use std::rc::Rc;

use layerlab::lint::{self, Finding};
use layerlab::report::{Report, analyze};
use yew::prelude::*;

use crate::bridge;
use crate::components::{editor::Editor, outline::Outline, problems::Problems, rules::RulesPage};
use crate::sample::SAMPLE_DOCKERFILE;

#[derive(Clone, Copy, PartialEq)]
enum View {
    Playground,
    Rules,
}

#[function_component(App)]
pub fn app() -> Html {
    let view = use_state(|| {
        if bridge::location_hash().starts_with("rules") {
            View::Rules
        } else {
            View::Playground
        }
    });
    let show = |target: View| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(target))
    };
    let text = use_state(|| bridge::load_text().unwrap_or_else(|| SAMPLE_DOCKERFILE.to_owned()));
    let report: Rc<Report> = use_memo((*text).clone(), |text| analyze(text));
    let findings: Rc<Vec<Finding>> = use_memo(report.clone(), |report| lint::lint(report));

    let on_change = {
        let text = text.clone();
        Callback::from(move |value: String| {
            bridge::save_text(&value);
            text.set(value);
        })
    };
    let on_reset = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            bridge::save_text(SAMPLE_DOCKERFILE);
            text.set(SAMPLE_DOCKERFILE.to_owned());
        })
    };

    html! {
        <>
            <header class="topbar">
                <h1>{ "Layerlab" }</h1>
                <p class="tagline">{ "A Dockerfile playground that runs in your browser. Nothing you type leaves this page." }</p>
                <nav class="views">
                    <a href="#" class={classes!((*view == View::Playground).then_some("active"))} onclick={show(View::Playground)}>{ "Playground" }</a>
                    <a href="#rules" id="rules-link" class={classes!((*view == View::Rules).then_some("active"))} onclick={show(View::Rules)}>{ "Rules" }</a>
                </nav>
                <button class="reset" type="button" onclick={on_reset}>{ "Reset to sample" }</button>
            </header>
            if *view == View::Rules {
                <RulesPage />
            } else {
            <main class="workspace">
                <Editor text={AttrValue::from((*text).clone())} {on_change} />
                <div class="side">
                    <Outline report={report.clone()} />
                    <Problems {report} {findings} />
                </div>
            </main>
            }
        </>
    }
}
