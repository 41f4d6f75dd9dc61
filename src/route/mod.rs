//! TODO(skeleton): module `route`.
