//! TODO(skeleton): module `typeset`.
