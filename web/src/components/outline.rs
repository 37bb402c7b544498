//! The instructions the parser found, in source order.

use layerlab::syntax::Document;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub document: std::rc::Rc<Document>,
}

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let instructions = props.document.instructions();
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
                    { for instructions.iter().map(|ins| {
                        let lines = if ins.start_line == ins.end_line {
                            format!("line {}", ins.start_line)
                        } else {
                            format!("lines {}–{}", ins.start_line, ins.end_line)
                        };
                        html! {
                            <li class="instruction" data-kind={ins.kind.as_str()} data-line={ins.start_line.to_string()}>
                                <span class="kind">{ ins.kind.as_str() }</span>
                                <span class="lines">{ lines }</span>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}
