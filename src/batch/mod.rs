//! TODO(skeleton): module `batch`.
