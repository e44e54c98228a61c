//! Benchmarks of the whole path on the seed report: parsing, checking, rendering,
//! and a large input (the seed fifty times over).
//!
//! ```text
//! cargo bench --bench check               full measurement
//! cargo bench --bench check -- --quick    quicker, less precise
//! cargo bench --bench check -- --test     run each benchmark once (CI smoke test)
//! ```

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nianbao::render::{json, text};
use nianbao::{Config, check_text, parse};

const SEED: &str = include_str!("../tests/fixtures/text/seed.txt");

fn seed(c: &mut Criterion) {
    let config = Config::default();
    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("parse_text", |b| {
        b.iter(|| parse::parse_text(black_box(SEED)))
    });
    g.bench_function("check_text", |b| {
        b.iter(|| check_text(black_box(SEED), &config).unwrap())
    });
    let checked = check_text(SEED, &config).unwrap();
    g.bench_function("render_json", |b| {
        b.iter(|| json::to_json(&[json::FileResult::checked("seed.txt", black_box(&checked))]))
    });
    g.bench_function("render_text", |b| {
        b.iter(|| text::render_file("seed.txt", black_box(&checked), text::Style::PLAIN))
    });
    g.finish();
}

fn large(c: &mut Criterion) {
    let config = Config::default();
    let big = SEED.repeat(50);
    let mut g = c.benchmark_group("large");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    g.bench_function("check_text_50x", |b| {
        b.iter(|| check_text(black_box(&big), &config).unwrap())
    });
    g.finish();
}

/// Each rule alone on the seed (parsing once, outside the timing): where the
/// check's time goes.
fn per_rule(c: &mut Criterion) {
    use nianbao::rules::{self, RULES, RuleSetting};
    let report = parse::parse_text(SEED);
    let mut g = c.benchmark_group("rule");
    for rule in RULES {
        let mut config = Config::default();
        for other in RULES.iter().filter(|r| r.code != rule.code) {
            config
                .rules
                .insert(other.code.to_string(), RuleSetting::Off);
        }
        g.bench_function(rule.code, |b| {
            b.iter(|| rules::check(black_box(&report), &config))
        });
    }
    g.finish();
}

criterion_group!(benches, seed, large, per_rule);
criterion_main!(benches);
