//! The PDF path: work-order slips in Chinese, Japanese, Korean and English, extracted
//! back with `pdftotext` (Debian `poppler-utils`); page breaks and page numbers; the
//! typed error for a character no font has.
//!
//! `STEWARD_PRINT_OUT=dir` keeps the PDFs and first-page PNGs (`pdftoppm -png -r 80`)
//! there, to look at.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use steward_core::print::{self, ChargeLine, Paper, PrintError, SlipLabels, WorkOrderSlip};

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

fn out_dir() -> PathBuf {
    let dir = std::env::var_os("STEWARD_PRINT_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("steward-print-{}", std::process::id())));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(name: &str, pdf: &[u8]) -> PathBuf {
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    path
}

/// Text of the PDF (raw order: the content stream's order, no column guessing).
fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(path).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn pages(path: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(path).output().unwrap();
    let info = String::from_utf8_lossy(&out.stdout).to_string();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

fn png(path: &Path) {
    if have("pdftoppm") {
        let stem = path.with_extension("");
        let _ = Command::new("pdftoppm").args(["-png", "-r", "80", "-f", "1", "-l", "2"]).arg(path).arg(&stem).status();
    }
}

fn zh_labels() -> SlipLabels {
    SlipLabels {
        case_number: "案件编号".into(),
        work_order_number: "工单编号".into(),
        department: "派工部门/供应商".into(),
        assignee: "处理人".into(),
        priority: "优先级".into(),
        received_at: "受理时间".into(),
        due_at: "要求完成".into(),
        unit: "房号/地址".into(),
        customer: "客户".into(),
        contact_phone: "联系电话".into(),
        instructions: "工作说明".into(),
        charges: "收费明细（有偿服务）".into(),
        description: "项目".into(),
        quantity: "数量".into(),
        unit_price: "单价".into(),
        amount: "金额".into(),
        total: "合计".into(),
        technician_signature: "维修人员".into(),
        customer_signature: "客户确认".into(),
        signature: "签字".into(),
        date: "日期".into(),
        page: "第 {page} 页，共 {pages} 页".into(),
    }
}

fn en_labels() -> SlipLabels {
    SlipLabels {
        case_number: "Case no.".into(),
        work_order_number: "Work order no.".into(),
        department: "Department / supplier".into(),
        assignee: "Assignee".into(),
        priority: "Priority".into(),
        received_at: "Received".into(),
        due_at: "Due".into(),
        unit: "Unit".into(),
        customer: "Customer".into(),
        contact_phone: "Phone".into(),
        instructions: "Instructions".into(),
        charges: "Charges (paid service)".into(),
        description: "Description".into(),
        quantity: "Qty".into(),
        unit_price: "Unit price".into(),
        amount: "Amount".into(),
        total: "Total".into(),
        technician_signature: "Technician".into(),
        customer_signature: "Customer".into(),
        signature: "Signature".into(),
        date: "Date".into(),
        page: "Page {page} of {pages}".into(),
    }
}

fn chinese_slip() -> WorkOrderSlip {
    WorkOrderSlip {
        paper: Paper::A5,
        language: "zh-CN".into(),
        office_name: "阳光花园物业服务中心".into(),
        title: "派工单".into(),
        case_number: "C-2026-000042".into(),
        work_order_number: "WO-2026-000042-1".into(),
        department: "工程部".into(),
        assignee: "李师傅".into(),
        priority: "紧急".into(),
        received_at: "2026-11-27 09:30".into(),
        due_at: "2026-11-27 13:30".into(),
        unit: "3 栋 1203 室（北京市朝阳区望京街道阳光花园）".into(),
        customer_name: "张伟".into(),
        contact_phone: "138 0013 8000".into(),
        instructions: "卫生间天花板漏水，楼上 1303 室可能是水管接口渗漏。\n请先关闭总阀，检查并更换接口密封圈；完工后试水 30 分钟。\n客户下午 2 点后在家。".into(),
        charges: vec![
            ChargeLine { description: "上门维修人工".into(), quantity: "1".into(), unit_price: "¥80.00".into(), amount: "¥80.00".into() },
            ChargeLine { description: "密封圈 DN20".into(), quantity: "2".into(), unit_price: "¥12.50".into(), amount: "¥25.00".into() },
        ],
        total: "¥105.00".into(),
        labels: zh_labels(),
    }
}

#[test]
fn slip_in_every_script_extracts_exactly() {
    if !have("pdftotext") {
        eprintln!("SKIPPED: pdftotext (Debian package poppler-utils) is not installed");
        return;
    }
    let mut slip = chinese_slip();
    // The same slip carries Japanese, Korean and Latin texts: mixed-language households.
    slip.customer_name = "张伟 / 山田 太郎 / 김민수".into();
    slip.assignee = "李师傅 (Engineering)".into();
    slip.instructions = "卫生间天花板漏水，请检查北京市朝阳区望京街道阳光花园 3 栋 1203 室。\n\
        山田 太郎さんの部屋：エアコンのリモコンが動かない。カタカナ表記の確認。\n\
        김민수 님 댁 현관문 도어락 배터리 교체.\n\
        Check the balcony drain and replace the rubber seal."
        .into();
    let pdf = print::work_order_slip(&slip).unwrap();
    let path = write("slip-mixed", &pdf);
    png(&path);
    let text = pdftotext(&path);
    for expected in [
        "张伟",
        "北京市朝阳区望京街道阳光花园",
        "山田 太郎",
        "カタカナ",
        "김민수",
        "Check the balcony drain and replace the rubber seal.",
        "派工单",
        "WO-2026-000042-1",
        "C-2026-000042",
        "¥105.00",
        "密封圈 DN20",
        "维修人员",
        "第 1 页，共 1 页",
    ] {
        assert!(text.contains(expected), "{expected:?} not in the extracted text:\n{text}");
    }
    assert_eq!(pages(&path), 1);
}

#[test]
fn english_a4_slip() {
    if !have("pdftotext") {
        eprintln!("SKIPPED: pdftotext (Debian package poppler-utils) is not installed");
        return;
    }
    let slip = WorkOrderSlip {
        paper: Paper::A4,
        language: "en".into(),
        office_name: "Sunny Gardens Management Office".into(),
        title: "Work order".into(),
        case_number: "C-2026-000043".into(),
        work_order_number: "WO-2026-000043-2".into(),
        department: "Blue River Plumbing Ltd.".into(),
        assignee: "Sam O'Neill".into(),
        priority: "Normal".into(),
        received_at: "27 Nov 2026, 10:05".into(),
        due_at: "28 Nov 2026, 10:05".into(),
        unit: "Block 3, Flat 1203".into(),
        customer_name: "Emma Clarke".into(),
        contact_phone: "+44 20 7946 0958".into(),
        instructions: "Kitchen tap drips constantly. Replace the cartridge; the customer has a spare one.".into(),
        charges: vec![],
        total: "£0.00".into(),
        labels: en_labels(),
    };
    let pdf = print::work_order_slip(&slip).unwrap();
    let path = write("slip-en-a4", &pdf);
    png(&path);
    let text = pdftotext(&path);
    for expected in
        ["Work order", "Emma Clarke", "Sam O'Neill", "Block 3, Flat 1203", "Page 1 of 1", "Replace the cartridge"]
    {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

#[test]
fn long_instructions_break_onto_a_second_page_with_page_numbers() {
    if !have("pdftotext") {
        eprintln!("SKIPPED: pdftotext (Debian package poppler-utils) is not installed");
        return;
    }
    let mut slip = chinese_slip();
    slip.instructions = (1..=40)
        .map(|i| format!("第{i}步：检查管道接口并记录读数，确认无渗漏后再进行下一步（Step {i}: check the joint）。"))
        .collect::<Vec<_>>()
        .join("\n");
    let pdf = print::work_order_slip(&slip).unwrap();
    let path = write("slip-long", &pdf);
    png(&path);
    let n = pages(&path);
    assert!(n >= 2, "expected a page break, got {n} page(s)");
    let text = pdftotext(&path);
    for page in 1..=n {
        let line = format!("第 {page} 页，共 {n} 页");
        assert!(text.contains(&line), "{line:?} not in:\n{text}");
    }
    assert!(text.contains("第40步：检查管道接口"), "the last step is missing:\n{text}");
    // The continuation page repeats the work order in its header.
    let second = text.split('\u{c}').nth(1).unwrap_or("");
    assert!(second.contains("派工单 WO-2026-000042-1"), "no running header on page 2:\n{second}");
}

#[test]
fn a_character_no_font_has_is_a_typed_error() {
    let mut slip = chinese_slip();
    // A private-use code point of plane 16: no font assigns a glyph to it.
    slip.instructions = "请检查 \u{10FFFD} 号阀门".into();
    match print::work_order_slip(&slip) {
        Err(PrintError::MissingGlyph { character, text }) => {
            assert_eq!(character, '\u{10FFFD}');
            assert!(text.contains("号阀门"));
        }
        other => panic!("expected MissingGlyph, got {:?}", other.map(|b| b.len())),
    }
}

#[test]
fn hundred_slips_timing() {
    let slip = chinese_slip();
    // The first slip loads the OS fonts (once per process).
    let started = Instant::now();
    print::work_order_slip(&slip).unwrap();
    let first = started.elapsed();
    let started = Instant::now();
    let mut bytes = 0;
    for _ in 0..100 {
        bytes += print::work_order_slip(&slip).unwrap().len();
    }
    let hundred = started.elapsed();
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    eprintln!(
        "print timing ({profile}): first slip {first:?} (loads fonts), 100 slips {hundred:?}, {} KB per slip",
        bytes / 100 / 1024
    );
}
