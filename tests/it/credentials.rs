//! Credential equivalence end to end.
