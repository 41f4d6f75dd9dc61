//! Every file the binary carries: data tables, templates and fonts, embedded at build time so
//! `recours` runs from any folder. This is the only place that uses `include_str!` and
//! `include_bytes!`.
