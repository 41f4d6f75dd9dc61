//! The error type shown to users, with its exit code and an optional `conseil :` hint.
