//! The page: editor on the left, what the core found on the right.

use std::rc::Rc;

use layerlab::lint::{self, Finding};
use layerlab::report::{Report, analyze};
use yew::prelude::*;

use crate::bridge;
use crate::components::{editor::Editor, outline::Outline, problems::Problems};
use crate::sample::SAMPLE_DOCKERFILE;

#[function_component(App)]
pub fn app() -> Html {
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
                <button class="reset" type="button" onclick={on_reset}>{ "Reset to sample" }</button>
            </header>
            <main class="workspace">
                <Editor text={AttrValue::from((*text).clone())} {on_change} />
                <div class="side">
                    <Outline report={report.clone()} />
                    <Problems {report} {findings} />
                </div>
            </main>
        </>
    }
}
