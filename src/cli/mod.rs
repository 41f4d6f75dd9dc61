//! TODO(skeleton): module `cli`.
