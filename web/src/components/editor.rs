//! The Dockerfile text area.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: AttrValue,
    pub on_change: Callback<String>,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit(area.value());
        })
    };
    html! {
        <section class="panel editor-panel" aria-labelledby="editor-title">
            <h2 id="editor-title">{ "Dockerfile" }</h2>
            <textarea
                id="dockerfile"
                class="editor"
                spellcheck="false"
                autocomplete="off"
                aria-label="Dockerfile text"
                value={props.text.clone()}
                {oninput}
            />
        </section>
    }
}
