//! Writes one PDF per letter kind and prints how long loading and each render took.
//!
//! ```text
//! cargo run --release -p gongkai-letters --example render_all -- /tmp/letters [font-dir]
//! ```
#![allow(clippy::print_stdout, reason = "a command-line example reports to the terminal")]

use std::error::Error;
use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use gongkai_letters::{Letter, LetterKind, LetterRenderer};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let out_dir = PathBuf::from(args.next().ok_or("usage: render_all <output-dir> [font-dir]")?);
    let font_dir = args.next().map_or_else(|| PathBuf::from("/usr/share/fonts/opentype/noto"), PathBuf::from);
    std::fs::create_dir_all(&out_dir)?;

    let started = Instant::now();
    let renderer = LetterRenderer::from_font_dir(&font_dir)?;
    println!("loaded {} font faces from {} in {:?}", renderer.font_faces(), font_dir.display(), started.elapsed());

    // The first pass is cold (Typst's caches are empty). The second renders other letters of the same kinds
    // (another applicant, code and text), which is the steady state of a server.
    for pass in ["cold", "warm"] {
        for kind in LetterKind::ALL {
            let mut letter = sample(kind)?;
            if pass == "warm" {
                letter.recipient = "吉林某某农业发展有限公司".to_owned();
                letter.tracking_code = "YJ2026-000987".to_owned();
                letter.body.push("另，本机关已于同日将本文书抄送永吉县人民政府办公室。".to_owned());
            }
            let started = Instant::now();
            let pdf = renderer.render(&letter)?;
            let took = started.elapsed();
            let name = format!("{kind:?}");
            let written = if pass == "cold" {
                let path = out_dir.join(format!("{name}.pdf"));
                std::fs::write(&path, &pdf)?;
                path.display().to_string()
            } else {
                String::new()
            };
            println!("{pass}  {name:<24} {:>7.1} ms {:>7} bytes  {written}", took.as_secs_f64() * 1e3, pdf.len());
        }
    }
    Ok(())
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn Error>> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| "invalid date".into())
}

fn sample(kind: LetterKind) -> Result<Letter, Box<dyn Error>> {
    let (recipient, body, basis, due): (&str, Vec<&str>, Vec<&str>, Option<NaiveDate>) = match kind {
        LetterKind::Receipt => ("张三", vec![], vec!["第三十一条", "第三十三条"], Some(date(2026, 11, 9)?)),
        LetterKind::CorrectionNotice => (
            "张三",
            vec![
                "一、请明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述；",
                "二、请明确所需信息的形成时间范围，例如“2025年1月至12月”。",
            ],
            vec!["第二十九条", "第三十条"],
            Some(date(2026, 11, 6)?),
        ),
        LetterKind::ExtensionNotice => (
            "张三",
            vec!["延长理由：你（单位）申请的信息涉及多个年度的档案，需要调阅、核对的数量较大。"],
            vec!["第三十三条第二款"],
            Some(date(2026, 12, 7)?),
        ),
        LetterKind::ThirdPartyDisclosureNotice => (
            "吉林某某科技有限公司",
            vec![
                "决定公开的政府信息：中标单位名称、中标金额及主要技术参数。",
                "理由：该项目使用财政资金，中标结果关系公众对政府采购公平性的监督，不公开可能对公共利益造成重大影响。",
            ],
            vec!["第十五条", "第三十二条"],
            None,
        ),
        LetterKind::ThirdPartyConsultation => (
            "吉林某某科技有限公司",
            vec!["涉及你（单位）的内容为：中标单位的投标报价明细及技术方案。"],
            vec!["第十五条", "第三十二条"],
            Some(date(2026, 11, 19)?),
        ),
        LetterKind::FeeNotice => (
            "张三",
            vec!["计费标准：按件计收，同一申请人一个自然月内累计申请10件以上的部分，每件收费100元，共3件。"],
            vec!["第四十二条"],
            Some(date(2026, 11, 26)?),
        ),
        LetterKind::EvaluationFeedback => (
            "永吉县口前镇人民政府",
            vec![
                "一、评议情况。本次评议共收到对你单位的有效评议3份，其中群众评议2份（含纸质问卷1份）、代表评议1份。",
                "二、评议结果。你单位综合得分58.00分，评议等次为“不满意”。",
            ],
            vec!["第六条"],
            None,
        ),
        LetterKind::EvaluationCirculation => (
            "各乡镇人民政府，县政府各部门、各直属机构",
            vec!["评议等次为“满意”的单位（1个）：永吉县西阳镇人民政府。"],
            vec!["第六条"],
            None,
        ),
        LetterKind::Reply => (
            "张三",
            vec![
                "你（单位）申请获取的招标文件属于本机关已主动公开的政府信息，可在“永吉县人民政府”网站“政府信息公开”栏目查阅。",
                "你（单位）申请获取的验收报告，本机关予以公开，现随本答复书一并提供（共12页）。",
            ],
            vec!["第三十六条第（一）项、第（二）项"],
            None,
        ),
    };
    Ok(Letter {
        kind,
        issuer: "永吉县口前镇人民政府".to_owned(),
        recipient: recipient.to_owned(),
        tracking_code: "YJ2026-000123".to_owned(),
        document_number: "口前政依申〔2026〕12号".to_owned(),
        issued_on: date(2026, 10, 29)?,
        received_on: Some(date(2026, 10, 12)?),
        request_summary: "2025年度口前镇农村道路建设项目的招标文件及验收报告".to_owned(),
        due_on: due,
        body: body.into_iter().map(str::to_owned).collect(),
        legal_basis: basis.into_iter().map(|article| format!("《中华人民共和国政府信息公开条例》{article}")).collect(),
        contact: "联系电话：0432-64201234".to_owned(),
        amount_yuan: (kind == LetterKind::FeeNotice).then(|| "300.00".to_owned()),
        agreed_by: None,
        remedy: gongkai_letters::Remedy::default(),
    })
}
