//! The 766 what-if calculator: a pure scoring engine ([`engine`]) and, for
//! wasm32, the Yew app that shows it ([`app`]).

pub mod catalog;
pub mod codec;
pub mod derive;
pub mod engine;
pub mod history;
pub mod library;
pub mod session;
pub mod text;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod app;
