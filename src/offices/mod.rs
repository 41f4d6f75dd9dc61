//! TODO(skeleton): module `offices`.
