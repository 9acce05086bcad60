//! The web app's entry point (built for wasm32 by Trunk, feature "web").

fn main() {
    vn766::app::start();
}
