//! The `skillbridge` command: parse arguments, call the library, print, exit 0/1/2.
mod cli;

fn main() {
    let code = cli::main();
    std::process::exit(code);
}
