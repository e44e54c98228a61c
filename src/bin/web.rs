//! The page's entry point (feature `web`, built to WebAssembly by Trunk):
//! mounts [`nianbao::app::App`]. Everything else lives in `src/app`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(nianbao::app::App);
}
