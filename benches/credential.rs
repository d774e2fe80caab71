//! Credentials matched per second on one core, beside a naive baseline (a linear Jaro-Winkler
//! scan over every catalogue name of the origin country, no hints, no graph).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use skillbridge::credential::{CredentialMatcher, CredentialQuery};
use skillbridge::text::fold;
use skillbridge::Skillbridge;

const QUERIES: &[(&str, &str)] = &[
    ("SY", "Shahadat al-Thanawiyya al-Amma"),
    ("DE", "Allgemeine Hochschulreife"),
    ("FR", "Licence professionnelle"),
    ("RU", "Диплом бакалавра"),
    ("CN", "学士学位证书"),
    ("IN", "Bachelor of Technology (B.Tech), duration: 4 years"),
    ("PH", "Bachelor of Science in Nursing"),
    ("PK", "Higher Secondary School Certificate (HSSC)"),
    ("XK", "Diplomë e Maturës Shtetërore"),
    ("BR", "Bacharel em Direito"),
    ("NG", "Higher National Diploma (HND)"),
    ("TR", "Yüksek Lisans Diploması"),
    ("IR", "کارشناسی ارشد"),
    ("MX", "Título de Licenciatura"),
    ("UA", "Диплом молодшого спеціаліста"),
    ("ET", "Ethiopian Secondary School Leaving Certificate"),
];

fn bench(c: &mut Criterion) {
    let sb = Skillbridge::embedded().expect("embedded data");
    let m = CredentialMatcher::new(&sb);
    let queries: Vec<CredentialQuery> = QUERIES
        .iter()
        .map(|(o, t)| CredentialQuery {
            origin: o.to_string(),
            text: t.to_string(),
            destination: "NL".into(),
            ..Default::default()
        })
        .collect();
    let mut g = c.benchmark_group("credential");
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function("skillbridge matcher (one core)", |b| {
        b.iter(|| {
            for q in &queries {
                std::hint::black_box(m.match_credential(q).unwrap());
            }
        })
    });
    // naive baseline: best Jaro-Winkler over the origin catalogue's names
    let names: Vec<(String, Vec<String>)> = QUERIES
        .iter()
        .map(|(o, _)| {
            (
                o.to_string(),
                sb.taxonomy
                    .education_system(o)
                    .map(|e| {
                        e.credentials
                            .iter()
                            .flat_map(|c| c.names.iter().map(|n| fold(n)))
                            .collect()
                    })
                    .unwrap_or_default(),
            )
        })
        .collect();
    g.bench_function("naive jaro-winkler scan", |b| {
        b.iter(|| {
            for ((_, t), (_, ns)) in QUERIES.iter().zip(&names) {
                let q = fold(t);
                std::hint::black_box(
                    ns.iter()
                        .map(|n| strsim::jaro_winkler(&q, n))
                        .fold(0.0, f64::max),
                );
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
