//! The web app and JSON API (work in progress).
