//! The files of the selected layer: what it adds, modifies, removes or
//! makes opaque, or the whole filesystem as it stands after it.

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use layerlab::sim::human_bytes;
use layerlab::sim::vfs::{Entry, Kind};
use yew::prelude::*;

use super::size;
use crate::scenario::Analysis;

#[derive(Properties, PartialEq)]
pub struct FilesProps {
    pub analysis: Rc<Analysis>,
    /// (stage, step) in the report; step 0 is the FROM.
    pub selected: Option<(usize, usize)>,
}

/// One path to show, from a changeset or from the merged view.
struct Item {
    change: Option<&'static str>,
    kind: &'static str,
    size: u64,
    /// Bytes of lower layers a whiteout or opaque directory hides.
    hidden: u64,
    estimate: bool,
    note: Option<String>,
}

#[derive(Default)]
struct Node {
    path: String,
    item: Option<Item>,
    total: u64,
    children: BTreeMap<String, Node>,
}

impl Node {
    fn insert(&mut self, path: &str, item: Item) {
        let mut node = self;
        let mut at = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            at.push('/');
            at.push_str(part);
            node = node
                .children
                .entry(part.to_owned())
                .or_insert_with(|| Node {
                    path: at.clone(),
                    ..Node::default()
                });
        }
        node.item = Some(item);
    }

    fn sum(&mut self) -> u64 {
        let own = self.item.as_ref().map_or(0, |i| i.size);
        self.total = own + self.children.values_mut().map(Node::sum).sum::<u64>();
        self.total
    }

    fn count(&self) -> usize {
        self.children.len() + self.children.values().map(Node::count).sum::<usize>()
    }
}

fn kind_name(e: &Entry) -> &'static str {
    match e.kind {
        Kind::File => "file",
        Kind::Dir => "dir",
        Kind::Symlink(_) => "symlink",
        Kind::Bundle => "bundle",
    }
}

#[function_component(LayerFiles)]
pub fn layer_files(props: &FilesProps) -> Html {
    let merged = use_state(|| false);
    let by_size = use_state(|| false);
    // Paths whose open/closed state differs from the default for their depth.
    let toggled = use_state(HashSet::<String>::new);
    {
        // Folding is per layer; the view and sort choices carry over.
        let toggled = toggled.clone();
        use_effect_with(props.selected, move |_| toggled.set(HashSet::new()));
    }
    let report = &props.analysis.report;
    let step = props
        .selected
        .and_then(|(si, k)| Some((si, k, report.stages.get(si)?.steps.get(k)?)));
    let Some((si, k, step)) = step else {
        return html! {
            <section class="panel files-panel" aria-labelledby="files-title">
                <h2 id="files-title">{ "Layer files" }</h2>
                <p class="empty" id="files-empty">{ "Select a layer in the Image panel to see the files it changes." }</p>
            </section>
        };
    };

    let mut root = Node::default();
    if *merged {
        let stage = props.analysis.sim.build.stages.get(si);
        // Report step 0 is the FROM: the stage's start; step k follows sim step k-1.
        let tree = stage.map(|s| {
            if k == 0 {
                s.start.clone()
            } else {
                s.tree_after(k - 1)
            }
        });
        for (path, e) in tree.iter().flat_map(|t| t.iter()) {
            root.insert(
                path,
                Item {
                    change: None,
                    kind: kind_name(e),
                    size: e.size,
                    hidden: 0,
                    estimate: e.estimate,
                    note: e.note.as_deref().map(str::to_string),
                },
            );
        }
    } else {
        for c in &step.changes {
            root.insert(
                &c.path,
                Item {
                    change: Some(c.change),
                    kind: c.kind,
                    size: c.size_bytes,
                    hidden: c.hidden_bytes,
                    estimate: c.estimate,
                    note: c.note.clone(),
                },
            );
        }
    }
    root.sum();
    let entries = root.count();
    // Small trees open fully; big ones (a merged base image) show the top.
    let open_depth = if entries <= 150 { usize::MAX } else { 2 };

    let toggle = {
        let toggled = toggled.clone();
        Callback::from(move |path: String| {
            let mut set = (*toggled).clone();
            if !set.remove(&path) {
                set.insert(path);
            }
            toggled.set(set);
        })
    };
    let view = Tree {
        toggled: &toggled,
        toggle,
        by_size: *by_size,
        open_depth,
    };
    let flag = |state: &UseStateHandle<bool>, value: bool| {
        let state = state.clone();
        Callback::from(move |_: Event| state.set(value))
    };

    html! {
        <section class="panel files-panel" aria-labelledby="files-title">
            <h2 id="files-title">{ "Layer files" }</h2>
            <p class="files-head">
                <code>{ step.instruction.clone() }</code>
                { format!(" (line {})", step.line) }
            </p>
            <div class="files-controls">
                <fieldset class="toggle">
                    <legend>{ "Show" }</legend>
                    <label><input type="radio" name="files-view" id="files-changes" checked={!*merged} onchange={flag(&merged, false)} />{ " this layer's changes" }</label>
                    <label><input type="radio" name="files-view" id="files-merged" checked={*merged} onchange={flag(&merged, true)} />{ " filesystem after it" }</label>
                </fieldset>
                <fieldset class="toggle">
                    <legend>{ "Sort by" }</legend>
                    <label><input type="radio" name="files-sort" id="sort-name" checked={!*by_size} onchange={flag(&by_size, false)} />{ " name" }</label>
                    <label><input type="radio" name="files-sort" id="sort-size" checked={*by_size} onchange={flag(&by_size, true)} />{ " size" }</label>
                </fieldset>
            </div>
            if !*merged {
                <p class="files-summary" id="files-summary">
                    if step.layer {
                        { format!("{} added · {} modified · {} removed · ", step.added, step.modified, step.removed) }
                        { size(step.size_bytes, step.estimate, None) }
                        { " stored in this layer" }
                    } else if k == 0 {
                        { "The base image: choose \"filesystem after it\" to see what it holds." }
                    } else {
                        { "A config-only instruction: it changes the image's settings, not its files." }
                    }
                </p>
                <ul class="legend" aria-label="colours">
                    <li class="added">{ "added" }</li>
                    <li class="modified">{ "modified (stored whole again)" }</li>
                    <li class="removed">{ "removed (a whiteout; the bytes stay below)" }</li>
                    <li class="opaque">{ "opaque (hides everything below)" }</li>
                </ul>
            } else {
                <p class="files-summary" id="files-summary">
                    { format!("{entries} paths, ") }
                    { size(root.total, false, None) }
                    { " visible after this step" }
                </p>
            }
            if root.children.is_empty() {
                <p class="empty">{ "No files." }</p>
            } else {
                <ul class="tree" id="file-tree" role="tree" aria-label="files">
                    { view.children(&root, 0) }
                </ul>
            }
        </section>
    }
}

struct Tree<'a> {
    toggled: &'a HashSet<String>,
    toggle: Callback<String>,
    by_size: bool,
    open_depth: usize,
}

impl Tree<'_> {
    fn children(&self, node: &Node, depth: usize) -> Html {
        let mut kids: Vec<(&String, &Node)> = node.children.iter().collect();
        if self.by_size {
            kids.sort_by(|a, b| b.1.total.cmp(&a.1.total).then_with(|| a.0.cmp(b.0)));
        }
        kids.into_iter()
            .map(|(name, n)| self.node(name, n, depth))
            .collect::<Html>()
    }

    fn node(&self, name: &str, n: &Node, depth: usize) -> Html {
        let change = n.item.as_ref().and_then(|i| i.change);
        let estimate = n.item.as_ref().is_some_and(|i| i.estimate);
        let note = n.item.as_ref().and_then(|i| i.note.clone());
        let kind = n.item.as_ref().map_or("dir", |i| i.kind);
        let hidden = n.item.as_ref().map_or(0, |i| i.hidden);
        let figure = if change == Some("removed") {
            html! {
                <span class="size" title="a whiteout: the path is hidden, its bytes stay in the lower layers">
                    { "whiteout" }
                    if hidden > 0 { { format!(", hides {}", human_bytes(hidden)) } }
                </span>
            }
        } else if n.total > 0 || kind == "file" || kind == "bundle" {
            size(n.total, estimate, note.clone())
        } else {
            html! {}
        };
        let tag = match kind {
            "bundle" => {
                html! { <span class="tag" title="many files sized as one">{ "bundle" }</span> }
            }
            "symlink" => html! { <span class="tag">{ "symlink" }</span> },
            _ => html! {},
        };
        let class = classes!("entry", change, kind);
        if n.children.is_empty() {
            return html! {
                <li {class} role="treeitem" data-path={n.path.clone()}>
                    <span class="name">{ name.to_owned() }</span>
                    { tag }
                    { figure }
                    if kind == "bundle" {
                        if let Some(note) = note {
                            <span class="note">{ note }</span>
                        }
                    }
                </li>
            };
        }
        let open = (depth < self.open_depth) != self.toggled.contains(&n.path);
        let onclick = {
            let toggle = self.toggle.clone();
            let path = n.path.clone();
            Callback::from(move |_: MouseEvent| toggle.emit(path.clone()))
        };
        html! {
            <li {class} role="treeitem" aria-expanded={open.to_string()} data-path={n.path.clone()}>
                <button type="button" class="dir" {onclick} aria-label={format!("{} {name}", if open { "collapse" } else { "expand" })}>
                    { if open { "▾ " } else { "▸ " } }{ format!("{name}/") }
                </button>
                { figure }
                if open {
                    <ul role="group">{ self.children(n, depth + 1) }</ul>
                } else {
                    <span class="muted">{ format!(" {} inside", n.count()) }</span>
                }
            </li>
        }
    }
}
