//! The taxonomies and mappings are embedded with `include_dir!`, which cargo cannot see: rebuild
//! when any data file changes.
fn main() {
    println!("cargo:rerun-if-changed=taxonomies");
    println!("cargo:rerun-if-changed=mappings");
    println!("cargo:rerun-if-changed=build.rs");
}
