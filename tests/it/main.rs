//! One integration-test binary: the CLI end to end and data checks against `../shared`.

mod common;

mod check;
mod credentials;
mod isco_reference;
mod levels;
mod occupation;
mod records;
