//! The web app's entry point (built for wasm32 by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    vn766::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the web app: build and serve it with `make serve`. For the command line, see `cargo run --release --bin score -- --help`.");
    std::process::exit(2);
}
