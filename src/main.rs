//! The app's entry point, for trunk.

fn main() {
    ipsc_app::mount();
}
