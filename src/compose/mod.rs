//! TODO(skeleton): module `compose`.
