//! Occupation coding speed. With ../shared present, ESCO v1.1.1 is imported into a temporary
//! data directory first, so the figures are with the ESCO index loaded; otherwise the embedded
//! index is used (and the group names say so).
//! - titles/s on all cores (rayon), on one core, and a naive baseline (a linear Jaro-Winkler
//!   scan over every label, as rapidfuzz `extractOne` does);
//! - one `skillbridge code` invocation end to end (process start, index load, coding).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use skillbridge::taxonomy::esco;
use skillbridge::Skillbridge;
use std::path::PathBuf;

fn titles() -> Vec<(String, String)> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/titles-dev.csv");
    if let Ok(mut r) = csv::Reader::from_path(&p) {
        return r
            .records()
            .filter_map(|x| x.ok())
            .map(|x| (x[1].to_string(), x[2].to_string()))
            .collect();
    }
    [
        "staff nurse",
        "care assistant",
        "software developer",
        "forklift driver",
        "Krankenpfleger",
        "infirmière",
        "enfermero",
        "accountant, tax",
        "bus driver",
        "cook",
    ]
    .iter()
    .map(|t| (t.to_string(), String::new()))
    .collect()
}

fn bench(c: &mut Criterion) {
    let sb = Skillbridge::embedded().expect("embedded data");
    let esco_src =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/esco-v1.1.1");
    let dir = tempfile::tempdir().unwrap();
    let with_esco =
        esco_src.exists() && esco::import(&sb.taxonomy, &sb.data, &esco_src, dir.path()).is_ok();
    let (index, _) = sb
        .title_index(if with_esco { Some(dir.path()) } else { None })
        .unwrap();
    let label = if with_esco {
        "ESCO index"
    } else {
        "embedded index (no ../shared)"
    };
    let input = titles();

    let mut g = c.benchmark_group(format!("code titles, {label}"));
    g.sample_size(10);
    g.throughput(Throughput::Elements(input.len() as u64));
    g.bench_function("all cores (rayon)", |b| {
        b.iter(|| {
            input
                .par_iter()
                .map(|(t, l)| index.code(t, l, 3).candidates.len())
                .sum::<usize>()
        })
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    g.bench_function("one core", |b| {
        b.iter(|| {
            pool.install(|| {
                input
                    .iter()
                    .map(|(t, l)| index.code(t, l, 3).candidates.len())
                    .sum::<usize>()
            })
        })
    });
    g.finish();

    // naive baseline on a small sample (it is slow): linear Jaro-Winkler over every label
    let labels: Vec<(String, String)> = index
        .labels()
        .into_iter()
        .map(|l| (skillbridge::text::fold(&l.text), l.code))
        .collect();
    let sample: Vec<String> = input
        .iter()
        .take(20)
        .map(|(t, _)| skillbridge::text::fold(t))
        .collect();
    let mut n = c.benchmark_group(format!("naive baseline, {label}"));
    n.sample_size(10);
    n.throughput(Throughput::Elements(sample.len() as u64));
    n.bench_function("linear jaro-winkler scan, one core", |b| {
        b.iter(|| {
            sample
                .iter()
                .map(|q| {
                    labels
                        .iter()
                        .map(|(l, _)| strsim::jaro_winkler(q, l))
                        .fold(0.0, f64::max)
                })
                .sum::<f64>()
        })
    });
    n.finish();

    let mut e = c.benchmark_group(format!("skillbridge code end to end, {label}"));
    e.sample_size(10);
    let exe = env!("CARGO_BIN_EXE_skillbridge");
    let d = dir.path().to_str().unwrap().to_string();
    e.bench_function("one invocation", |b| {
        b.iter(|| {
            let mut cmd = std::process::Command::new(exe);
            cmd.args(["code", "staff nurse"]);
            if with_esco {
                cmd.args(["--data", &d]);
            } else {
                cmd.arg("--no-esco");
            }
            let o = cmd.output().unwrap();
            assert!(o.status.success());
        })
    });
    e.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
