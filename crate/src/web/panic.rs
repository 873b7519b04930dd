//! A panic is a bug, but it must not leave a dead page: the hook logs it and keeps the
//! message, and the element shows it as its error state when the call that panicked
//! throws (`lastPanic()`).

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook (once; later calls do nothing new).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!("hubpulse bug: {info}");
            web_sys::console::error_1(&message.clone().into());
            LAST.with(|last| *last.borrow_mut() = Some(message));
        }));
    });
}

/// The message of the last panic, if any happened.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST.with(|last| last.borrow().clone())
}

/// Panics with `message`: a bug on purpose, so that the tests can check that a panic
/// becomes the widget's error state and leaves the other widgets working. Nothing in
/// hubpulse calls it.
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}
