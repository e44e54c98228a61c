//! The Leptos page (stub: being written).
