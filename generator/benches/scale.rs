//! The scale benchmark: corpora of 5 (the seeds), 1,000 and 10,000
//! policies — the seeds plus synthetic public bodies of one policy each
//! (local governments, schools, public institutions), shaped like them —
//! built with the real build path.
//!
//! `cargo bench -p bangchim --bench scale [-- 5 1000 10000]`
//!
//! For each size it prints: cold build wall time, the median of three
//! builds with the fastest and slowest (dictionary and searcher already
//! provisioned, the corpus synced to disk, the binary's allocator), pages written, MB of text analysed, peak memory
//! (the build's process high-water mark) and the time `serve` takes to
//! rebuild after one policy is edited (its analyses kept, no precompression). Then the browser table of
//! `tests/e2e/bench.mjs` for each size: bangchim's searcher and Pagefind
//! (default settings, over the same HTML) in Chromium against a local static
//! server — bytes before the first result and per later query, wasm bytes,
//! warm latency p50/p95, and Korean relevance on `tests/relevance.json`.
//!
//! The generator is deterministic (a fixed seed), writes `content/`-format
//! input into a temporary folder (or `BANGCHIM_BENCH_KEEP=DIR`), and never
//! touches the repository's `content/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bangchim::content::{read_content, write_agency};
use bangchim::model::{Agency, Contact, Policy, Role, Trustee};
use bangchim::site::{BuildOptions, build};

/// The allocator of the `bangchim` binary, so that the build is timed as
/// `bangchim build` runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "가", "경", "고", "광", "금", "남", "단", "대", "동", "명", "문", "보", "부", "산", "서", "성",
    "송", "수", "신", "안", "양", "영", "옥", "용", "원", "은", "인", "장", "정", "중", "진", "창",
    "천", "청", "태", "평", "포", "하", "해", "화",
];
const SURNAMES: &[&str] = &[
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권",
];
const REGIONS: &[(&str, &str, &str)] = &[
    ("서울특별시", "02", "seoul"),
    ("부산광역시", "051", "busan"),
    ("대구광역시", "053", "daegu"),
    ("인천광역시", "032", "incheon"),
    ("광주광역시", "062", "gwangju"),
    ("대전광역시", "042", "daejeon"),
    ("경기도", "031", "gg"),
    ("강원특별자치도", "033", "gwd"),
    ("충청남도", "041", "chungnam"),
    ("전라남도", "061", "jeonnam"),
    ("경상북도", "054", "gb"),
    ("경상남도", "055", "gyeongnam"),
];
const DEPARTMENTS: &[&str] = &[
    "총무과",
    "정보통신과",
    "민원여권과",
    "세무과",
    "복지정책과",
    "보건소",
    "환경과",
    "교통행정과",
    "문화관광과",
    "건축과",
    "일자리경제과",
    "교육청소년과",
    "감사담당관",
    "기획예산과",
    "재난안전과",
];
const TASKS: &[&str] = &[
    "홈페이지 유지보수",
    "민원 시스템 운영",
    "통합메시징 유지관리",
    "고지서 출력 및 봉입",
    "정보화교육 위탁 운영",
    "지역사회건강조사",
    "노인요양센터 위탁 운영",
    "체육시설 예약 시스템 운영",
    "전산장비 유지관리",
    "콜센터 운영",
    "주차관리 시스템 운영",
    "평생학습관 수강신청 운영",
    "보건소 통합정보시스템 유지보수",
    "재난문자 발송 대행",
];
const COMPANY_STEMS: &[&str] = &[
    "한빛",
    "누리",
    "미래",
    "정보",
    "데이터",
    "소프트",
    "시스템",
    "네트웍스",
    "솔루션",
    "커뮤니케이션",
    "테크",
    "아이티",
];
const ITEMS: &[&str] = &[
    "이름",
    "주소",
    "연락처",
    "생년월일",
    "성별",
    "이메일",
    "휴대전화번호",
    "주민등록번호",
    "차량번호",
    "계좌번호",
    "건강정보",
];

fn word(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(SYLLABLES)).collect()
}

fn phone(rng: &mut Rng, area: &str) -> String {
    format!("{area}-{}-{:04}", 100 + rng.below(900), rng.below(10_000))
}

/// One synthetic agency, its policy built from a seed policy's skeleton
/// with articles of the same category drawn from any seed.
fn synthetic(rng: &mut Rng, i: usize, seeds: &[Policy]) -> Agency {
    let (region, area, mail) = *rng.pick(REGIONS);
    let body = body_name(rng, i);
    let local = body.local;
    let full_name = format!("{region} {local}");
    let template = rng.pick(seeds).clone();
    let mut policy = template.clone();
    policy.slug = "privacy".into();
    policy.title = format!("{local} 개인정보 처리방침");
    policy.source_title = None;
    policy.site = None;
    recombine(rng, &mut policy, seeds);
    policy.trustees = trustees(rng, &local, area);
    policy.trustee_reference = None;
    policy.contacts = contacts(rng, i, area, mail);
    Agency {
        slug: format!("{mail}-a{i:04}"),
        name: local,
        full_name,
        region: region.to_string(),
        kind: body.kind.into(),
        policies: vec![policy],
    }
}

/// A synthetic body's name (without its region) and kind.
struct Body {
    /// The name: `가경시`, `문보중학교`, `해청공단`.
    local: String,
    /// The kind of body.
    kind: &'static str,
}

/// The name and kind of synthetic agency number `i`.
fn body_name(rng: &mut Rng, i: usize) -> Body {
    // Every kind of public body: half local governments, then schools and
    // public institutions (공단, 공사, 재단). Names are unique, as real ones
    // are: two syllables from the agency's number (and the number itself
    // past 1,600).
    let n = SYLLABLES.len();
    let mut stem = format!("{}{}", SYLLABLES[i % n], SYLLABLES[(i / n) % n]);
    if i >= n * n {
        stem.push_str(&(i / (n * n)).to_string());
    }
    let (suffixes, kind): (&[&str], &str) = match i % 10 {
        0..=4 => (&["시", "구", "군"], "기초자치단체"),
        5..=7 => (&["초등학교", "중학교", "고등학교"], "교육기관"),
        _ => (&["공단", "공사", "재단"], "공공기관"),
    };
    Body {
        local: format!("{stem}{}", rng.pick(suffixes)),
        kind,
    }
}

/// Recombines a policy: each article's text from some seed's article of
/// the same category.
fn recombine(rng: &mut Rng, policy: &mut Policy, seeds: &[Policy]) {
    for a in &mut policy.articles {
        let same: Vec<&bangchim::model::Article> = seeds
            .iter()
            .flat_map(|s| &s.articles)
            .filter(|b| b.category == a.category)
            .collect();
        if !same.is_empty() {
            a.blocks = rng.pick(&same).blocks.clone();
        }
    }
}

/// The trustees of a synthetic body named `local`: a long tail of sizes,
/// most agencies entrust little, a few a lot.
fn trustees(rng: &mut Rng, local: &str, area: &str) -> Vec<Trustee> {
    let trustees = match rng.below(10) {
        0..=3 => rng.below(3),
        4..=7 => 3 + rng.below(12),
        _ => 15 + rng.below(46),
    };
    (0..trustees)
        .map(|_| {
            let n_items = 2 + rng.below(5);
            Trustee {
                company: format!("(주){}{}", word(rng, 2), rng.pick(COMPANY_STEMS)),
                task: format!("{} {}", local, rng.pick(TASKS)),
                department: rng.pick(DEPARTMENTS).to_string(),
                manager: format!("{}{}", rng.pick(SURNAMES), word(rng, 2)),
                phone: phone(rng, area),
                items: (0..n_items).map(|_| rng.pick(ITEMS).to_string()).collect(),
                ..Trustee::default()
            }
        })
        .collect()
}

/// The privacy officer and contact of synthetic agency number `i`.
fn contacts(rng: &mut Rng, i: usize, area: &str, mail: &str) -> Vec<Contact> {
    [Role::PrivacyOfficer, Role::PrivacyContact]
        .into_iter()
        .map(|role| Contact {
            role,
            department: rng.pick(DEPARTMENTS).to_string(),
            name: format!("{}{}", rng.pick(SURNAMES), word(rng, 2)),
            title: if role == Role::PrivacyOfficer {
                "국장".into()
            } else {
                "주무관".into()
            },
            phones: vec![phone(rng, area)],
            email: format!("privacy{i}@{}.{mail}.kr", i % 97),
            fax: phone(rng, area),
        })
        .collect()
}

fn peak_rss_mb() -> f64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let sizes = sizes();
    let seeds: Vec<Policy> = read_content(&repo.join("content"))
        .expect("content")
        .into_iter()
        .flat_map(|a| a.policies)
        .collect();
    println!(
        "| policies | build s, median (min–max) of {COLD_BUILDS} | pages | MB analysed | peak MB | serve rebuild after 1 edit s |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut browser_rows = Vec::new();
    let mut spare_outputs = Vec::new();
    let mut corpora = Vec::new();
    for n in sizes {
        let corpus = Corpus::write(&repo, n, &seeds);
        let out = corpus.dir.join("public");
        let opts = BuildOptions {
            root: corpus.root.clone(),
            out: out.clone(),
            base_url: None,
            live_reload: false,
            progress: false,
            precompress: true,
            search: true,
        };
        let (report, times) = cold_builds(&opts, &corpus.dir, &mut spare_outputs);
        let rebuild = serve_rebuild(&corpus, &opts);
        println!(
            "| {n} | {:.2} ({:.2}–{:.2}) | {} | {:.2} | {:.0} | {rebuild:.2} |",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            report.pages,
            report.text_bytes as f64 / 1e6,
            peak_rss_mb()
        );
        browser_rows.push(browser_figures(&repo, &out, n, browser_rows.is_empty()));
        // Deleted, with the spare builds, once nothing more is timed (see
        // `Corpus::write` on deleting just before a build).
        corpora.push(corpus);
    }
    println!();
    for rows in browser_rows {
        print!("{rows}");
    }
    for o in spare_outputs {
        let _ = fs::remove_dir_all(o);
    }
    drop(corpora);
}

/// Builds `opts` [`COLD_BUILDS`] times, the last into `opts.out` and the
/// others into folders of their own beside it (replacing the last one
/// would time the deletion of its files too), which are added to
/// `spare`; returns the last build's report and the times, sorted.
fn cold_builds(
    opts: &BuildOptions,
    dir: &Path,
    spare: &mut Vec<PathBuf>,
) -> (bangchim::site::BuildReport, Vec<f64>) {
    let mut times = Vec::new();
    for k in 1..COLD_BUILDS {
        let out = dir.join(format!("public-{k}"));
        times.push(
            timed_build(&BuildOptions {
                out: out.clone(),
                ..opts.clone()
            })
            .1,
        );
        spare.push(out);
    }
    let (report, last) = timed_build(opts);
    times.push(last);
    times.sort_by(f64::total_cmp);
    (report, times)
}

/// One cold build, from a fresh process state (no analyses kept), and its
/// seconds.
fn timed_build(opts: &BuildOptions) -> (bangchim::site::BuildReport, f64) {
    bangchim::site::forget_analyses();
    let t = Instant::now();
    let report = build(opts).expect("build");
    (report, t.elapsed().as_secs_f64())
}

/// Cold builds timed per size: this machine's speed varies by a third from one
/// minute to the next (the same 10,000-policy build took 28.3 to 37.7 s),
/// so the table gives the median of three, with the fastest and slowest.
const COLD_BUILDS: usize = 3;

/// The corpus sizes asked for on the command line, else 5, 1,000 and
/// 10,000.
fn sizes() -> Vec<usize> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        vec![5, 1000, 10000]
    } else {
        sizes
    }
}

/// A corpus written for one size: its site root (`content/` and
/// `bangchim.toml`) inside a work folder that also takes the built sites.
struct Corpus {
    /// Holds the temporary work folder while the corpus is in use.
    _temp: tempfile::TempDir,
    /// The work folder.
    dir: PathBuf,
    /// The site root.
    root: PathBuf,
    /// The previous run's kept folder, moved aside and deleted only once
    /// every size is measured.
    stale: Option<PathBuf>,
}

impl Drop for Corpus {
    fn drop(&mut self) {
        if let Some(stale) = &self.stale {
            let _ = fs::remove_dir_all(stale);
        }
    }
}

impl Corpus {
    /// Writes the seeds and synthetic agencies up to `n` policies into a
    /// temporary folder, or into `BANGCHIM_BENCH_KEEP`/<n>.
    fn write(repo: &Path, n: usize, seeds: &[Policy]) -> Corpus {
        // `BANGCHIM_BENCH_KEEP=DIR` keeps each corpus and its site in DIR/<n>.
        let work = tempfile::tempdir().expect("tempdir");
        let mut stale = None;
        let work_dir = match std::env::var_os("BANGCHIM_BENCH_KEEP") {
            Some(keep) => {
                let d = PathBuf::from(&keep).join(n.to_string());
                // Deleting the previous run's 60,000 files just before the
                // build made ext4 scan their recently freed inodes for
                // every file the build created (the kernel's
                // `recently_deleted`, 13% of a 10,000-policy build's
                // samples): moved aside, deleted after the measurements.
                let aside = PathBuf::from(&keep).join(format!(".{n}.stale"));
                let _ = fs::remove_dir_all(&aside);
                if fs::rename(&d, &aside).is_ok() {
                    stale = Some(aside);
                }
                d
            }
            None => work.path().to_path_buf(),
        };
        let root = work_dir.join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        fs::copy(repo.join("bangchim.toml"), root.join("bangchim.toml")).unwrap();
        // The seeds, and synthetic agencies up to n: the relevance set's
        // answers stay in every corpus, among more and more look-alikes.
        copy_dir(&repo.join("content"), &root.join("content"));
        let mut rng = Rng(0x5eed_0000 + n as u64);
        // The seeds are five policies; each synthetic agency has one.
        for i in 5..n {
            write_agency(&root.join("content"), &synthetic(&mut rng, i, seeds)).unwrap();
        }
        // The corpus on disk before the build is timed, as an author's
        // content is: its writeback would otherwise compete with the
        // build's own writes.
        let synced = std::process::Command::new("sync").status();
        assert!(synced.is_ok_and(|s| s.success()), "sync failed");
        Corpus {
            _temp: work,
            dir: work_dir,
            root,
            stale,
        }
    }
}

/// `serve`: its first build, then an edit and the rebuild it triggers;
/// the seconds the rebuild takes.
fn serve_rebuild(corpus: &Corpus, opts: &BuildOptions) -> f64 {
    let serve_opts = BuildOptions {
        out: corpus.dir.join("serve"),
        base_url: Some("http://127.0.0.1:1111/".into()),
        live_reload: true,
        precompress: false,
        search: true,
        ..opts.clone()
    };
    build(&serve_opts).expect("serve build");
    // Edit one policy, rebuild as serve does.
    edit_one_policy(&corpus.root);
    let t = Instant::now();
    build(&serve_opts).expect("rebuild");
    t.elapsed().as_secs_f64()
}

/// Adds a sentence to the first policy of the first agency in `root`.
fn edit_one_policy(root: &Path) {
    let first = fs::read_dir(root.join("content"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .min()
        .unwrap();
    let md = fs::read_dir(&first)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let mut text = fs::read_to_string(&md).unwrap();
    text.push_str("\n추가된 문장입니다.\n");
    fs::write(&md, text).unwrap();
}

/// The browser half of the table, from `tests/e2e/bench.mjs` (bangchim and
/// Pagefind over the same site in Chromium); a note when the end-to-end
/// tools are not installed yet.
fn browser_figures(repo: &Path, site: &Path, n: usize, header: bool) -> String {
    let e2e = repo.join("tests/e2e");
    let tools = bangchim::dict::cache_root().join("tools/node_modules");
    if !e2e.join("node_modules/playwright-core").is_dir() || !tools.join("pagefind").is_dir() {
        return format!(
            "{n}: browser figures need the end-to-end tools: run tests/bench once (it installs Chromium, playwright and pagefind)\n"
        );
    }
    let mut cmd = std::process::Command::new("node");
    cmd.arg(e2e.join("bench.mjs"))
        .arg(site)
        .args(["--label", &n.to_string()]);
    if header {
        cmd.arg("--header");
    }
    match cmd.output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        Ok(o) => format!(
            "{n}: the browser benchmark failed:\n{}{}\n",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => format!("{n}: cannot run node: {e}\n"),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let p: PathBuf = e.path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            fs::copy(&p, &target).unwrap();
        }
    }
}
