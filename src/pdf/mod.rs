//! TODO(skeleton): module `pdf`.
