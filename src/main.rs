//! The `recours` binary: parse the command line, run, print errors, pick the exit code.

fn main() {}
