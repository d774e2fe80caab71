//! Migrant records matched per second on one core with the embedded default data.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use skillbridge::record::{Record, RecordMatcher};
use skillbridge::Skillbridge;

fn bench(c: &mut Criterion) {
    let sb = Skillbridge::embedded().expect("embedded data");
    let m = RecordMatcher::new(&sb, None);
    let method = m.method("ilo-normative").unwrap().clone();
    let rec = |o: &str, cr: &str, job: &str, prev: Option<&str>, field: Option<&str>| Record {
        origin_country: o.into(),
        credential: cr.into(),
        destination_country: "DE".into(),
        current_job: job.into(),
        previous_job: prev.map(|s| s.into()),
        field_of_study: field.map(|s| s.into()),
        ..Default::default()
    };
    let records = [
        rec(
            "PH",
            "Bachelor of Science in Nursing",
            "care assistant",
            Some("staff nurse"),
            Some("0913"),
        ),
        rec(
            "SY",
            "Shahadat al-Thanawiyya al-Amma",
            "kitchen helper",
            None,
            None,
        ),
        rec(
            "IN",
            "Master of Science",
            "taxi driver",
            Some("software developer"),
            Some("0613"),
        ),
        rec(
            "UA",
            "Диплом бакалавра",
            "cleaner",
            Some("accountant"),
            Some("business administration"),
        ),
        rec(
            "NG",
            "Higher National Diploma",
            "security guard",
            Some("electrical technician"),
            None,
        ),
        rec("TR", "Lise Diploması", "5321", None, None),
        rec(
            "BR",
            "Bacharel em Direito",
            "shop assistant",
            Some("lawyer"),
            Some("0421"),
        ),
        rec("CN", "硕士学位", "2512", None, Some("0613")),
    ];
    let mut g = c.benchmark_group("records");
    g.throughput(Throughput::Elements(records.len() as u64));
    g.bench_function("match_record, one core, embedded data", |b| {
        b.iter(|| {
            records
                .iter()
                .map(|r| m.match_record(r, &method).summary.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
