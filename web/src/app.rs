//! The page: editor on the left, what the core found on the right.

use std::rc::Rc;

use layerlab::lint::config::Config;
use layerlab::lint::{self, Finding};

use crate::components::problems::ParsedConfig;
use layerlab::report::{Report, analyze};
use yew::prelude::*;

use crate::bridge;
use crate::components::{
    editor::Editor, files::LayerFiles, graph::StageGraph, image::ImagePanel, outline::Outline,
    problems::Problems, rebuild::Rebuild, rules::RulesPage,
};
use crate::sample::SAMPLE_DOCKERFILE;
use crate::scenario::{self, Analysis, Scenario};

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
    let scenario = use_state(Scenario::load);
    let previous: Rc<Option<Report>> =
        use_memo(scenario.previous.clone(), |p| p.as_deref().map(analyze));
    // Keyed on the text (through its report) and the scenario; the
    // remembered text lives in `previous`, so typing never re-parses it.
    let analysis: Rc<Analysis> = use_memo(
        (report.clone(), previous.clone(), (*scenario).clone()),
        |(report, previous, scenario)| {
            scenario::analyse(report, previous.as_ref().as_ref(), scenario)
        },
    );
    // The image rules read the panels' simulation (with the user's build
    // context) rather than simulating the text a second time.
    // A pasted `.hadolint.yaml` shapes the findings as it does for the CLI.
    let lint_config = use_state(|| bridge::load_lint_config().unwrap_or_default());
    let parsed_config: Rc<ParsedConfig> =
        use_memo((*lint_config).clone(), |text| Config::parse(text));
    let findings: Rc<Vec<Finding>> = use_memo(
        (report.clone(), analysis.clone(), parsed_config.clone()),
        |(report, analysis, parsed)| {
            let config = match &**parsed {
                Ok((config, _)) => config.clone(),
                Err(_) => Config::default(),
            };
            lint::lint_with_simulation(report, &config, &analysis.sim)
        },
    );
    let on_lint_config = {
        let lint_config = lint_config.clone();
        Callback::from(move |text: String| {
            bridge::save_lint_config(&text);
            lint_config.set(text);
        })
    };
    let selected = use_state(|| None::<(usize, usize)>);
    // A selection that no longer names a step (the text changed) is dropped.
    let selection = (*selected).filter(|&(si, k)| {
        analysis
            .report
            .stages
            .get(si)
            .is_some_and(|s| k < s.steps.len())
    });
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |at: (usize, usize)| selected.set(Some(at)))
    };
    let on_scenario = {
        let scenario = scenario.clone();
        Callback::from(move |next: Scenario| {
            next.save();
            scenario.set(next);
        })
    };
    let on_image_size = {
        let scenario = scenario.clone();
        let on_scenario = on_scenario.clone();
        Callback::from(move |(reference, bytes): (String, Option<u64>)| {
            let mut next = (*scenario).clone();
            match bytes {
                Some(b) => next.image_sizes.insert(reference, b),
                None => next.image_sizes.remove(&reference),
            };
            on_scenario.emit(next);
        })
    };
    let on_target = {
        let scenario = scenario.clone();
        let on_scenario = on_scenario.clone();
        Callback::from(move |target: Option<String>| {
            on_scenario.emit(Scenario {
                target,
                ..(*scenario).clone()
            });
        })
    };

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
            <main>
                <div class="workspace">
                    <Editor text={AttrValue::from((*text).clone())} {on_change} />
                    <div class="side">
                        <Outline report={report.clone()} />
                        <Problems {report} {findings} config_text={(*lint_config).clone()} config={parsed_config.clone()} on_config={on_lint_config} />
                    </div>
                </div>
                <div class="analysis">
                    <ImagePanel analysis={analysis.clone()} selected={selection} {on_select} {on_image_size} />
                    <div class="side">
                        <LayerFiles analysis={analysis.clone()} selected={selection} />
                        <Rebuild analysis={analysis.clone()} scenario={(*scenario).clone()} text={AttrValue::from((*text).clone())} on_change={on_scenario} />
                        <StageGraph {analysis} target={scenario.target.clone()} {on_target} />
                    </div>
                </div>
            </main>
            }
        </>
    }
}
