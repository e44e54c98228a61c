//! Benchmarks of the rules across reports (H901, H902) on synthetic batches of
//! 100, 1,000 and 10,000 reports: each is the seed report under another body
//! name with its narrative rewritten (sentences shuffled, one character in
//! five replaced), and one report in fifty a copy of another body's
//! narrative. Throughput is in reports per second.
//!
//! ```text
//! cargo bench --bench batch               full measurement
//! cargo bench --bench batch -- --quick    quicker, less precise
//! cargo bench --bench batch -- --test     run each benchmark once (CI smoke test)
//! ```

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nianbao::batch::{self, Fingerprint, Member};
use nianbao::{Config, Report, parse};

const SEED: &str = include_str!("../tests/fixtures/text/seed.txt");
const SIZES: [usize; 3] = [100, 1_000, 10_000];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Characters swapped into the narrative.
const POOL: &str = "政务公开信息平台建设管理服务监督保障工作机制制度规范标准流程审核发布解读回应群众企业申请办理答复依法及时准确全面推进落实加强完善提升优化创新深化统筹";

/// The seed's lines split into the narrative (lines of prose) and the rest.
fn is_prose(line: &str) -> bool {
    line.chars().count() > 40 && !line.contains('\t') && !line.starts_with('#')
}

/// `n` synthetic reports of distinct bodies.
fn reports(n: usize) -> Vec<String> {
    let pool: Vec<char> = POOL.chars().collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let body = format!("第{i}号镇");
        if i % 50 == 49 {
            // A copy of the previous report's narrative under this body.
            let prev_body = format!("第{}号镇", i - 1);
            let copy = out[i - 1].replace(&prev_body, &body);
            out.push(copy);
            continue;
        }
        let mut text = String::with_capacity(SEED.len() + 256);
        for line in SEED.replace("雁鸣湖镇", &body).lines() {
            if is_prose(line) {
                let mut sentences: Vec<String> = line
                    .split_inclusive('。')
                    .map(|s| {
                        s.chars()
                            .map(|c| {
                                if c.is_alphabetic() && rng.below(5) == 0 {
                                    pool[rng.below(pool.len())]
                                } else {
                                    c
                                }
                            })
                            .collect()
                    })
                    .collect();
                for k in (1..sentences.len()).rev() {
                    sentences.swap(k, rng.below(k + 1));
                }
                text.push_str(&sentences.concat());
            } else {
                text.push_str(line);
            }
            text.push('\n');
        }
        out.push(text);
    }
    out
}

fn similarity(c: &mut Criterion) {
    let mut g = c.benchmark_group("similar_pairs");
    g.sample_size(10);
    for n in SIZES {
        let parsed: Vec<Report> = reports(n).iter().map(|t| parse::parse_text(t)).collect();
        let prints: Vec<Fingerprint> = parsed.iter().map(Fingerprint::new).collect();
        let refs: Vec<&Fingerprint> = prints.iter().collect();
        // The copies, and nothing else, are found.
        let found = batch::similar_pairs(&refs);
        assert_eq!(found.len(), n / 50, "{n} reports");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &refs, |b, refs| {
            b.iter(|| batch::similar_pairs(black_box(refs)))
        });
    }
    g.finish();
}

fn whole_batch(c: &mut Criterion) {
    let config = Config::default();
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    for n in SIZES {
        let texts = reports(n);
        let parsed: Vec<Report> = texts.iter().map(|t| parse::parse_text(t)).collect();
        let prints: Vec<Fingerprint> = parsed.iter().map(Fingerprint::new).collect();
        let names: Vec<String> = (0..n).map(|i| format!("r{i}.txt")).collect();
        let members: Vec<Member<'_>> = (0..n)
            .map(|i| Member {
                path: &names[i],
                report: &parsed[i],
                print: &prints[i],
            })
            .collect();
        g.throughput(Throughput::Elements(n as u64));
        // Fingerprints (the part a caller runs on its threads), one thread here.
        g.bench_with_input(BenchmarkId::new("fingerprints", n), &parsed, |b, parsed| {
            b.iter(|| {
                parsed
                    .iter()
                    .map(|r| Fingerprint::new(black_box(r)))
                    .collect::<Vec<_>>()
            })
        });
        // H901 and H902 with their findings.
        g.bench_with_input(BenchmarkId::new("check", n), &members, |b, members| {
            b.iter(|| batch::check(black_box(members), &config))
        });
        if n <= 1_000 {
            // Everything, one thread: parse, check each report, then the batch.
            g.bench_with_input(BenchmarkId::new("end_to_end", n), &texts, |b, texts| {
                b.iter(|| {
                    let checked: Vec<_> = texts
                        .iter()
                        .map(|t| nianbao::check_text(t, &config).unwrap())
                        .collect();
                    let prints: Vec<Fingerprint> = checked
                        .iter()
                        .map(|c| Fingerprint::new(&c.report))
                        .collect();
                    let members: Vec<Member<'_>> = checked
                        .iter()
                        .zip(&prints)
                        .zip(&names)
                        .map(|((c, p), name)| Member {
                            path: name,
                            report: &c.report,
                            print: p,
                        })
                        .collect();
                    batch::check(&members, &config)
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, similarity, whole_batch);
criterion_main!(benches);
