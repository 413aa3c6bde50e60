//! Publishing (work in progress).
