//! The Layerlab playground: a Yew app that hands the text to the core on
//! every edit and renders what comes back. It holds view state only.

mod app;
mod bridge;
mod components;
mod markdown;
mod sample;
mod scenario;

fn main() {
    bridge::remove_boot_message();
    yew::Renderer::<app::App>::new().render();
}
