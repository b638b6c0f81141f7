//! `make bench-search`: the portal's search over 1,000,000 published items on PostgreSQL, served by
//! the real server (release build). Prints the search's latency (p50, p99) under a paced load at
//! half of its measured maximum rate, and its throughput as a ratio to a bare indexed lookup (one
//! published item by its primary key, `GET /public/catalogue/{id}`) served by the same server in the
//! same run, with the query plans of both. A benchmark that prints figures, not a test.
//!
//! The items are 12,000 distinct texts (120 topics × 10 years × 10 months) spread over 100 units
//! and 20 headings; each text's index entry is what the publishing code writes
//! (`disclosure::search::tokens`), so the index has the shape and the word frequencies it would
//! have in a county that published for ten years.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use gongkai_api::disclosure::search::tokens;
use gongkai_api::startup::Application;
use gongkai_api::time::ManualTime;
use gongkai_tests::bench;
use sea_orm::{ConnectionTrait, Statement, Value};

const ITEMS: u32 = 1_000_000;
const UNITS: usize = 100;
const HEADINGS: usize = 20;

/// Topics a county publishes under, as a unit would title them.
const TOPICS: &[&str] = &[
    "农村饮水安全巩固提升工程进展情况",
    "城乡居民最低生活保障资金发放情况",
    "特困人员救助供养资金发放情况",
    "耕地地力保护补贴发放情况",
    "农村危房改造对象公示",
    "高标准农田建设项目公示",
    "森林防火工作安排",
    "防汛抗旱应急预案",
    "安全生产专项整治情况",
    "食品安全监督抽检结果",
    "生态环境保护督察整改情况",
    "河长制工作开展情况",
    "秸秆禁烧工作通报",
    "人居环境整治工作推进情况",
    "乡村振兴衔接资金项目公示",
    "财政预算执行情况",
    "部门预算公开",
    "部门决算公开",
    "三公经费使用情况",
    "政府采购意向公开",
    "政府采购结果公告",
    "重大建设项目批准和实施情况",
    "招商引资项目进展",
    "行政许可事项办理结果",
    "行政处罚决定公示",
    "双随机一公开抽查结果",
    "公开招聘工作人员公告",
    "事业单位公开招聘拟聘用人员公示",
    "干部任前公示",
    "人大代表建议办理结果",
    "政协委员提案办理结果",
    "政府工作报告",
    "国民经济和社会发展统计公报",
    "重点民生实事进展情况",
    "义务教育招生工作方案",
    "学生资助政策落实情况",
    "城乡居民医疗保险参保缴费通知",
    "基本公共卫生服务项目实施情况",
    "传染病防控工作提示",
    "养老服务补贴发放情况",
    "残疾人两项补贴发放情况",
    "退役军人优待抚恤发放情况",
    "就业创业补贴发放情况",
    "农民工工资支付专项检查情况",
    "保障性住房分配结果",
    "老旧小区改造计划",
    "城市供水水质公告",
    "集中供热工作安排",
    "燃气安全隐患排查整治情况",
    "道路交通管制通告",
    "农村公路建设养护情况",
    "土地征收补偿安置方案",
    "国有建设用地使用权出让结果",
    "矿产资源开发利用情况",
    "畜禽养殖污染防治情况",
    "动物疫病防控工作安排",
    "农作物病虫害防治情况",
    "粮食收购政策执行情况",
    "惠民惠农财政补贴资金发放情况",
    "村级财务公开",
    "村务公开",
    "党务公开",
    "信访工作开展情况",
    "法治政府建设年度报告",
    "政府信息公开工作年度报告",
    "规范性文件清理结果",
    "行政规范性文件备案情况",
    "权责清单调整情况",
    "政务服务事项办事指南",
    "营商环境优化提升情况",
    "市场主体登记注册情况",
    "消费投诉处理情况",
    "价格监测情况",
    "药品安全专项整治情况",
    "特种设备安全监察情况",
    "文物保护工作情况",
    "公共文化服务体系建设情况",
    "全民健身活动安排",
    "旅游市场秩序整治情况",
    "冰雪旅游活动安排",
    "地质灾害隐患点排查情况",
    "气象灾害预警信息",
    "突发事件应急处置情况",
    "应急物资储备情况",
    "消防安全检查情况",
    "校园安全专项整治情况",
    "扫黑除恶专项斗争工作情况",
    "禁毒工作开展情况",
    "社区矫正工作情况",
    "法律援助工作情况",
    "人民调解工作开展情况",
    "审计查出问题整改情况",
    "巡察反馈意见整改落实情况",
    "政务公开工作要点",
    "重大行政决策事项目录",
    "重大行政决策公众参与情况",
    "政策解读",
    "新闻发布会实录",
    "政民互动留言办理情况",
    "12345热线办理情况",
    "统计数据发布",
    "人口普查主要数据公报",
    "经济普查主要数据公报",
    "农业普查主要数据公报",
    "林长制工作开展情况",
    "黑土地保护利用情况",
    "水土保持工作情况",
    "污水处理设施运行情况",
    "垃圾分类工作推进情况",
    "绿化美化工作安排",
    "供销合作社改革情况",
    "农民专业合作社发展情况",
    "家庭农场名录",
    "农村集体产权制度改革情况",
    "宅基地管理情况",
    "移民后期扶持资金使用情况",
    "水利工程建设情况",
    "灌区续建配套与节水改造情况",
    "防返贫动态监测帮扶情况",
    "驻村工作队工作情况",
    "东西部协作项目进展",
];

/// Queries as people type them: two characters, a longer word, several words, and with filters.
const QUERIES: &[&str] = &[
    "低保",
    "饮水",
    "补贴",
    "预算",
    "招聘",
    "处罚",
    "防汛",
    "供热",
    "采购结果",
    "耕地地力保护",
    "危房改造",
    "年度报告",
    "残疾人补贴",
    "农民工工资",
    "老旧小区改造",
    "食品安全抽检",
    "政府采购意向",
    "黑土地保护",
    "应急预案",
    "医疗保险",
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    bench::with_database("gk_bench_search", |url| async move { run(&url).await }).await
}

async fn run(url: &str) -> anyhow::Result<()> {
    let app = Application::build_with_time(bench::settings(url)?, ManualTime::new(chrono::Utc::now())).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    let backend = db.get_database_backend();
    let one = |sql: &str| Statement::from_string(backend, sql.to_string());
    let text = |row: Option<sea_orm::QueryResult>, col: &str| -> String { row.unwrap().try_get("", col).unwrap() };
    let county = text(db.query_one_raw(one("SELECT CAST(id AS TEXT) AS id FROM counties LIMIT 1")).await?, "id");
    let user = text(db.query_one_raw(one("SELECT CAST(id AS TEXT) AS id FROM users LIMIT 1")).await?, "id");
    let seeded: i64 = db.query_one_raw(one("SELECT COUNT(*) AS n FROM units")).await?.unwrap().try_get("", "n")?;
    db.execute_unprepared(&format!(
        "INSERT INTO units (id, county_id, parent_id, slug, name, short_name, name_en, kind, sector, function, credit_code, \
         active, created_at, updated_at) \
         SELECT gen_random_uuid(), '{county}'::uuid, NULL, 'bench' || g, '基准单位' || g, '基准' || g, 'Bench ' || g, \
         'department', NULL, NULL, 'BENCH' || lpad(g::text, 13, '0'), true, now(), now() FROM generate_series(1, {}) g",
        UNITS as i64 - seeded
    ))
    .await?;
    db.execute_unprepared(&format!(
        "INSERT INTO catalogue_headings (id, county_id, name, name_en, category, publish_within_days, position, active, \
         created_at, updated_at, update_every_days) \
         SELECT gen_random_uuid(), '{county}'::uuid, '基准栏目' || g, 'Bench heading ' || g, 'other_statutory', NULL, \
         1000 + g, true, now(), now(), NULL FROM generate_series(1, {HEADINGS}) g"
    ))
    .await?;

    let t = Instant::now();
    db.execute_unprepared(
        "CREATE TABLE bench_texts (n integer PRIMARY KEY, title text, summary text, body text, tokens text, \
         published_on date)",
    )
    .await?;
    let mut rows: Vec<(String, String, String, String, chrono::NaiveDate)> = Vec::new();
    for (k, topic) in TOPICS.iter().enumerate() {
        for year in 2017..2027 {
            for month in 1..=10u32 {
                let title = format!("{year}年{month}月{topic}");
                let summary = format!("本单位{year}年{month}月{topic}的具体内容，供社会公众查阅。");
                let body = format!(
                    "根据《中华人民共和国政府信息公开条例》，现将{year}年{month}月{topic}予以公开。\
                     如有疑问，请在工作日内与本单位政务公开工作机构联系。（编号{k}）"
                );
                let tokens = tokens(&title, &summary, &body, &[]);
                let day = chrono::NaiveDate::from_ymd_opt(year, month, 1 + (k as u32 % 28)).unwrap();
                rows.push((title, summary, body, tokens, day));
            }
        }
    }
    for (chunk_no, chunk) in rows.chunks(500).enumerate() {
        let mut sql = String::from("INSERT INTO bench_texts (n, title, summary, body, tokens, published_on) VALUES ");
        let mut values: Vec<Value> = Vec::new();
        for (i, (title, summary, body, tokens, day)) in chunk.iter().enumerate() {
            let n = chunk_no * 500 + i;
            let p = values.len();
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("({n}, ${}, ${}, ${}, ${}, ${})", p + 1, p + 2, p + 3, p + 4, p + 5));
            values.extend([title.clone().into(), summary.clone().into(), body.clone().into(), tokens.clone().into()]);
            values.push((*day).into());
        }
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    }
    let texts = rows.len();
    // The index is built once over the loaded rows, as a restore would; maintained row by row it is the same index.
    db.execute_unprepared("DROP INDEX IF EXISTS ix_catalogue_search_tokens").await?;
    db.execute_unprepared(&format!(
        "WITH u AS (SELECT array_agg(id ORDER BY slug) AS ids FROM units), \
              h AS (SELECT array_agg(id ORDER BY position) AS ids FROM catalogue_headings WHERE county_id = '{county}'::uuid) \
         INSERT INTO information_items (id, county_id, unit_id, title, summary, body, category, heading_id, formed_on, \
         doc_number, valid_from, valid_until, attribute, ground, attribute_reason, sensitive_domains, domain_authority, \
         domain_procedure, classification_level, classified_until, status, revision, reviewed_revision, index_number, \
         first_published_on, withdrawn_on, withdrawal_reason, drafter_id, suggestion_id, created_at, updated_at, \
         report_kind, decisions, amount_fen, repealed_on) \
         SELECT gen_random_uuid(), '{county}'::uuid, u.ids[1 + g % {UNITS}], t.title, t.summary, t.body, 'other_statutory', \
         h.ids[1 + g % {HEADINGS}], t.published_on, NULL, NULL, NULL, 'proactive', NULL, NULL, '[]', NULL, NULL, NULL, NULL, \
         'published', 1, 1, 'BENCH-' || lpad(g::text, 9, '0'), t.published_on, NULL, NULL, '{user}'::uuid, NULL, now(), now(), \
         NULL, NULL, NULL, NULL \
         FROM generate_series(1, {ITEMS}) g JOIN bench_texts t ON t.n = g % {texts}, u, h"
    ))
    .await?;
    db.execute_unprepared(
        "INSERT INTO item_versions (id, item_id, county_id, unit_id, revision, index_number, title, summary, body, category, \
         heading_id, formed_on, doc_number, valid_from, valid_until, published_on, correction_note, drafter_id, reviewer_id, \
         approver_id, published_by, published_at) \
         SELECT gen_random_uuid(), i.id, i.county_id, i.unit_id, 1, i.index_number, i.title, i.summary, i.body, i.category, \
         i.heading_id, i.formed_on, NULL, NULL, NULL, i.first_published_on, NULL, i.drafter_id, i.drafter_id, i.drafter_id, \
         i.drafter_id, now() FROM information_items i WHERE i.index_number LIKE 'BENCH-%'",
    )
    .await?;
    db.execute_unprepared(
        "INSERT INTO catalogue_search (item_id, county_id, unit_id, heading_id, category, published_on, valid_until, \
         repealed_on, tokens) \
         SELECT i.id, i.county_id, i.unit_id, i.heading_id, i.category, i.first_published_on, NULL, NULL, t.tokens \
         FROM information_items i JOIN bench_texts t ON t.title = i.title WHERE i.index_number LIKE 'BENCH-%'",
    )
    .await?;
    db.execute_unprepared("CREATE INDEX ix_catalogue_search_tokens ON catalogue_search USING GIN (tokens_tsv)").await?;
    db.execute_unprepared("ANALYZE").await?;
    let indexed: i64 =
        db.query_one_raw(one("SELECT COUNT(*) AS n FROM catalogue_search")).await?.unwrap().try_get("", "n")?;
    println!(
        "loaded {indexed} published items ({texts} distinct texts, {UNITS} units) in {:.1}s",
        t.elapsed().as_secs_f64()
    );

    let some_unit =
        text(db.query_one_raw(one("SELECT CAST(id AS TEXT) AS id FROM units ORDER BY slug LIMIT 1")).await?, "id");
    let some_heading = text(
        db.query_one_raw(one(
            "SELECT CAST(heading_id AS TEXT) AS id FROM catalogue_search WHERE heading_id IS NOT NULL LIMIT 1",
        ))
        .await?,
        "id",
    );
    let api = format!("{base}/api/v1/public");
    let mut search_urls = Vec::new();
    for (i, q) in QUERIES.iter().enumerate() {
        let q = urlencode(q);
        search_urls.push(match i % 4 {
            0 => format!("{api}/search?q={q}"),
            1 => format!("{api}/search?q={q}&unit_id={some_unit}"),
            2 => format!("{api}/search?q={q}&year=2024"),
            _ => format!("{api}/search?q={q}&heading_id={some_heading}&valid_only=true"),
        });
    }
    let ids = db
        .query_all_raw(one("SELECT CAST(item_id AS TEXT) AS id FROM catalogue_search ORDER BY item_id LIMIT 2000"))
        .await?;
    let lookup_urls: Vec<String> =
        ids.iter().map(|r| format!("{api}/catalogue/{}", r.try_get::<String>("", "id").unwrap())).collect();

    let client = reqwest::Client::builder().pool_max_idle_per_host(64).build()?;
    println!("\nresults per query (total matches, the slowest of 3 answers alone, first title):");
    for url in &search_urls {
        let mut slowest = 0.0f64;
        let mut body = serde_json::Value::Null;
        for _ in 0..3 {
            let started = Instant::now();
            body = client.get(url).send().await?.error_for_status()?.json().await?;
            slowest = slowest.max(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "  {:<60} {:>7} {:>9.2} ms  {}",
            url.trim_start_matches(&api),
            body["total"],
            slowest,
            body["items"][0]["title"].as_str().unwrap_or("—")
        );
    }
    let words = gongkai_api::disclosure::search::query_words("补贴").join(" ");
    println!("\nquery plan of the search's page (\"补贴\", whole county):");
    let plan = format!(
        "EXPLAIN (ANALYZE, BUFFERS) SELECT s.item_id FROM catalogue_search s \
         WHERE s.tokens_tsv @@ plainto_tsquery('simple', '{words}') \
         ORDER BY s.published_on DESC, s.item_id DESC LIMIT 20"
    );
    for row in db.query_all_raw(one(&plan)).await? {
        println!("  {}", row.try_get::<String>("", "QUERY PLAN")?);
    }

    let lookup_max = bench::max_rate(&client, &lookup_urls, None).await;
    let search_max = bench::max_rate(&client, &search_urls, None).await;
    println!("\nmaximum rate, 16 concurrent clients for 5 s each:");
    println!("  GET /public/catalogue/{{id}} (indexed lookup) {lookup_max:>8.0} req/s");
    println!(
        "  GET /public/search (20 queries, filters)     {search_max:>8.0} req/s = {:.3} × the indexed lookup",
        search_max / lookup_max
    );
    for (name, urls, max) in [("search", &search_urls, search_max), ("indexed lookup", &lookup_urls, lookup_max)] {
        let target = max / 2.0;
        let latencies = bench::paced(&client, urls, None, target, Duration::from_secs(10)).await;
        println!(
            "\n{name} paced at half its maximum ({target:.0} req/s for 10 s, {} answers): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms{}",
            latencies.len(),
            bench::quantile(&latencies, 0.50),
            bench::quantile(&latencies, 0.99),
            latencies.last().copied().unwrap_or_default(),
            if name == "search" { " (goal p99 < 100 ms)" } else { "" }
        );
    }
    Ok(())
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
