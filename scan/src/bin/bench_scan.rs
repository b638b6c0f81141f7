//! `make bench-scan`: the secrecy scan's throughput on Chinese text with a 10,000-word sensitive
//! list, against the bare Aho-Corasick matcher over the same text and words (the baseline, measured
//! in the same run). Prints MB/s of each and their ratio. A benchmark that prints figures, not a test.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use gongkai_scan::{scan, word_matcher};

const WORDS: usize = 10_000;
const TEXT_BYTES: usize = 8 * 1024 * 1024;
const ROUNDS: usize = 5;

/// A small deterministic generator, so every run scans the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[usize::try_from(self.next()).unwrap() % from.len()]
    }
}

/// Common characters of government documents.
const CHARS: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质且气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

fn main() {
    let chars: Vec<&str> = CHARS.char_indices().map(|(i, c)| &CHARS[i..i + c.len_utf8()]).collect();
    let mut rng = Lcg(20_261_203);
    let words: Vec<String> = (0..WORDS)
        .map(|_| {
            let n = 2 + usize::try_from(rng.next() % 3).unwrap();
            (0..n).map(|_| rng.pick(&chars)).collect()
        })
        .collect();
    // Sentences of plain characters, with the numbers and marks a real document holds now and then.
    let extras =
        ["身份证号220221199003074529，", "联系电话13812345678。", "秘密★1年", "口前镇前进村3组12号", "。", "，"];
    let mut text = String::with_capacity(TEXT_BYTES + 64);
    while text.len() < TEXT_BYTES {
        for _ in 0..(20 + rng.next() % 40) {
            text.push_str(rng.pick(&chars));
        }
        if rng.next().is_multiple_of(8) {
            text.push_str(rng.pick(&extras));
        } else {
            text.push('。');
        }
    }
    let build = Instant::now();
    let matcher = word_matcher(&words).expect("a matcher for the list");
    println!("sensitive words: {WORDS}, matcher built in {:.1} ms", build.elapsed().as_secs_f64() * 1e3);
    let mb = text.len() as f64 / (1024.0 * 1024.0);
    println!("text: {mb:.1} MiB of Chinese, {} characters", text.chars().count());

    let mut raw = f64::MAX;
    let mut raw_hits = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        raw_hits = black_box(matcher.find_iter(black_box(&text)).count());
        raw = raw.min(t.elapsed().as_secs_f64());
    }
    let mut full = f64::MAX;
    let mut full_hits = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        full_hits = black_box(scan(black_box(&text), Some(&matcher))).len();
        full = full.min(t.elapsed().as_secs_f64());
    }
    println!("baseline, bare matcher : {:8.1} MB/s  ({raw_hits} word matches)", mb / raw);
    println!("secrecy scan, all rules: {:8.1} MB/s  ({full_hits} hits with context and masks)", mb / full);
    println!("ratio scan / baseline  : {:8.2}x the baseline's time", full / raw);
}
