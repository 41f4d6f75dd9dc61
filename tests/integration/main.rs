//! Integration tests: drive the real `recours` binary over fixture folders.
