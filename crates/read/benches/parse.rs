//! `cargo bench -p juesuan-read`: parse time of the bundled sample (target < 5 ms in release).

use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

fn main() {
    let runs = 200;
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let r = juesuan_read::read_text("jilin.txt", SAMPLE);
        times.push(t.elapsed());
        assert!(r.is_ok());
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / runs as u32;
    println!(
        "parse jilin sample ({} bytes): mean {:.3} ms, median {:.3} ms, min {:.3} ms over {runs} runs",
        SAMPLE.len(),
        mean.as_secs_f64() * 1e3,
        times[runs / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
}
