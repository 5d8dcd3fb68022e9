//! Counts the renders of the page's components by name, in debug builds only (the
//! browser tests), so a test can show that one keystroke re-renders one field and what
//! shows the estimate, nothing else; and, apart, the renders of the page itself
//! (`Journey`), which a keystroke on the short way (`live`) makes none of. A release build
//! counts nothing.

#[cfg(debug_assertions)]
thread_local! {
    static RENDERED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    static PAGE: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Notes that the component `name` rendered.
pub fn rendered(name: &str) {
    #[cfg(debug_assertions)]
    RENDERED.with(|r| r.borrow_mut().push(name.to_owned()));
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// The components rendered since the last call, in order (always empty in a release build).
pub fn take() -> Vec<String> {
    #[cfg(debug_assertions)]
    return RENDERED.with(|r| std::mem::take(&mut *r.borrow_mut()));
    #[cfg(not(debug_assertions))]
    Vec::new()
}

/// Notes that the page (`Journey`) rendered.
pub fn page_rendered() {
    #[cfg(debug_assertions)]
    PAGE.with(|n| n.set(n.get() + 1));
}

/// The page's renders since the last call (always 0 in a release build).
pub fn page_renders() -> u32 {
    #[cfg(debug_assertions)]
    return PAGE.with(|n| n.replace(0));
    #[cfg(not(debug_assertions))]
    0
}
