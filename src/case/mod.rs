//! TODO(skeleton): module `case`.
