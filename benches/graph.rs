//! Graph build and level path queries.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use skillbridge::graph::Graph;
use skillbridge::taxonomy::{DataSet, Taxonomy};

fn bench(c: &mut Criterion) {
    let t = Taxonomy::load_strict(&DataSet::embedded()).expect("embedded data loads");
    let mut g = c.benchmark_group("graph");
    g.throughput(Throughput::Elements(1));
    g.bench_function("build", |b| {
        b.iter(|| Graph::build(std::hint::black_box(&t)))
    });
    let graph = Graph::build(&t);
    g.bench_function("path PH-PQF:6 -> DE-DQR", |b| {
        b.iter(|| graph.levels("PH-PQF", "6", "DE-DQR").unwrap())
    });
    g.bench_function("path GB-SCT-SCQF:10 -> IE-NFQ", |b| {
        b.iter(|| graph.levels("GB-SCT-SCQF", "10", "IE-NFQ").unwrap())
    });
    g.finish();
    let mut l = c.benchmark_group("load");
    l.sample_size(10);
    l.bench_function("load embedded taxonomy (YAML)", |b| {
        b.iter(|| Taxonomy::load(&DataSet::embedded()))
    });
    l.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
