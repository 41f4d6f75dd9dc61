//! TODO(skeleton): module `french`.
