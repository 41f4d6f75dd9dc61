//! TODO(skeleton): module `deadlines`.
