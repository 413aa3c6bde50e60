//! The report library (work in progress).
