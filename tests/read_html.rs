//! The HTML reader (rich paste, saved web pages, .mht) against realistic
//! fixtures and hostile input.
//!
//! Fixtures (tests/fixtures/html, see its README): each holds the report of
//! `tests/fixtures/text/seed_distinct.txt` (a distinct number in every value
//! cell) in the official template's tables, so every table, row and column must
//! come out of the HTML exactly as the pasted text reads.

use std::time::{Duration, Instant};

use nianbao::model::{Cell, CellValue, PartKind, Report, T2Item};
use nianbao::parse::parse_text;
use nianbao::read::html::{FURNITURE_NOTE, read_bytes, read_html, read_mht};
use nianbao::read::{Extracted, Format, ReadError, ReadOptions};

fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn gbk(bytes: &[u8]) -> Option<String> {
    let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
    (!bad).then(|| text.into_owned())
}

fn options() -> ReadOptions<'static> {
    ReadOptions { legacy: Some(&gbk) }
}

/// The values of every table cell, table by table (spans and labels aside).
fn values(r: &Report) -> [Vec<CellValue>; 3] {
    let cells = |c: &[Cell]| c.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
    let t2 = r
        .table2
        .as_ref()
        .map(|t| {
            T2Item::ALL
                .iter()
                .flat_map(|&i| cells(t.item(i).unwrap_or(&[])))
                .collect()
        })
        .unwrap_or_default();
    let t3 = r
        .table3
        .as_ref()
        .map(|t| {
            t.rows
                .iter()
                .flat_map(|row| row.as_ref().map(|r| cells(&r.cells)).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    let t4 = r
        .table4
        .as_ref()
        .map(|t| {
            t.groups
                .iter()
                .flat_map(|g| g.as_ref().map(|g| cells(g)).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    [t2, t3, t4]
}

fn seed_values() -> [Vec<CellValue>; 3] {
    let text = String::from_utf8(fixture("text/seed_distinct.txt")).unwrap();
    let v = values(&parse_text(&text));
    // The seed itself: 10 + 175 + 15 distinct values.
    assert_eq!(v.each_ref().map(Vec::len), [10, 175, 15]);
    v
}

/// The report read from `e` has the seed's tables and all six parts.
fn assert_seed_report(e: &Extracted, what: &str) -> Report {
    let r = parse_text(&e.text);
    let [t2, t3, t4] = values(&r);
    let [s2, s3, s4] = seed_values();
    assert_eq!(t2, s2, "{what}: table 二\n{}", e.text);
    assert_eq!(t3, s3, "{what}: table 三\n{}", e.text);
    assert_eq!(t4, s4, "{what}: table 四\n{}", e.text);
    let kinds: Vec<_> = r.parts.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        PartKind::ALL.map(Some).to_vec(),
        "{what}: parts {:#?}",
        r.parts
    );
    r
}

fn assert_no_furniture(e: &Extracted, what: &str) {
    for junk in [
        "ICP备",
        "网站标识码",
        "联系我们",
        "打印本页",
        "关闭窗口",
        "当前位置",
        "您当前的位置",
        "分享",
        "发布时间",
        "alert",
        "onclick",
        "document.write",
        "脚本里的文字",
        "搜索",
        "长者模式",
        "2020年政府信息公开工作年度报告",
    ] {
        assert!(!e.text.contains(junk), "{what}: {junk:?} in\n{}", e.text);
    }
    assert!(
        e.notes.iter().any(|n| n == FURNITURE_NOTE),
        "{what}: {:?}",
        e.notes
    );
    assert!(
        e.text
            .starts_with("雁鸣湖镇2021年政府信息公开工作年度报告\n"),
        "{what}: the title is kept first:\n{}",
        &e.text[..e.text.len().min(300)]
    );
}

#[test]
fn word_clipboard_html() {
    let html = String::from_utf8(fixture("html/word-clipboard.html")).unwrap();
    let e = read_html(&html);
    assert_eq!(e.format, Format::Html);
    let r = assert_seed_report(&e, "word clipboard");
    assert_eq!(
        r.title.as_ref().map(|t| t.text.as_str()),
        Some("雁鸣湖镇2021年政府信息公开工作年度报告")
    );
    // Nothing from the head, the XML blocks, the styles or hidden text.
    for junk in [
        "mso-",
        "隐藏",
        "Normal",
        "font-family",
        "磅",
        "StartFragment",
    ] {
        assert!(!e.text.contains(junk), "{junk:?} in\n{}", e.text);
    }
    // A sentence Word's source wraps between two Chinese characters reads whole.
    assert!(e.text.contains(
        "认真贯彻《条例》和各级规定的各项要求，始终坚持将政府信息与政务公开工作作为提升政府形象"
    ));
    // The automatic list numbers Word prints are kept.
    assert!(
        e.text.contains("\n1、  在政务公开信息工作中存在"),
        "{}",
        e.text
    );
    // The whole report is a paste: nothing is dropped as furniture.
    assert!(e.notes.is_empty(), "{:?}", e.notes);
    // Every table value has its cell as origin.
    let at = e.text.find("\t1101").unwrap() as u32 + 1;
    assert!(matches!(
        e.place_at(at),
        Some(nianbao::read::Place::Cell { table: 1, .. })
    ));
    // As a file it reads the same.
    let file = read_bytes(html.as_bytes(), options()).unwrap();
    assert_eq!(file.text, e.text);
}

#[test]
fn saved_gbk_government_page() {
    let bytes = fixture("html/gov-page-gbk.html");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let e = read_bytes(&bytes, options()).unwrap();
    assert_eq!(e.format, Format::Html);
    assert_seed_report(&e, "GBK page");
    assert_no_furniture(&e, "GBK page");
    assert!(e.text.contains("雁鸣湖镇人民政府\n2022年1月8日"));
    // Through the format detection too.
    let e2 = nianbao::read::read_bytes("t20220108_123456.html", &bytes, options()).unwrap();
    assert_eq!(e2.text, e.text);
    // Without a GBK decoder: refused with advice, never mojibake.
    let err = read_bytes(&bytes, ReadOptions::default()).unwrap_err();
    assert!(matches!(err, ReadError::NotText { .. }), "{err:?}");
    assert!(err.to_string().contains("gb2312"), "{err}");
}

#[test]
fn saved_utf8_government_page() {
    let bytes = fixture("html/gov-page-utf8.html");
    let e = read_bytes(&bytes, ReadOptions::default()).unwrap();
    assert_seed_report(&e, "UTF-8 page");
    assert_no_furniture(&e, "UTF-8 page");
    for junk in ["搜索图标", "附件", "__DATA__", "分享到微信"] {
        assert!(!e.text.contains(junk), "{junk:?} in\n{}", e.text);
    }
}

#[test]
fn web_archive() {
    let bytes = fixture("html/gov-page-gbk.mht");
    let e = read_mht(&bytes, options()).unwrap();
    assert_eq!(e.format, Format::Mht);
    assert_seed_report(&e, "mht");
    assert_no_furniture(&e, "mht");
    let page = read_bytes(&fixture("html/gov-page-gbk.html"), options()).unwrap();
    assert_eq!(e.text, page.text);
    let e2 = nianbao::read::read_bytes("年报.mht", &bytes, options()).unwrap();
    assert_eq!(e2.format, Format::Mht);
    assert_eq!(e2.text, e.text);
}

#[test]
fn libreoffice_export() {
    // Written by the docx fixtures (tests/fixtures/docx/fill_template.py).
    let path = fixture_path("html/filled-libreoffice.html");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("{path} not present; skipped");
        return;
    };
    let e = read_bytes(&bytes, options()).unwrap();
    let r = parse_text(&e.text);
    let [t2, t3, t4] = values(&r);
    let [s2, s3, s4] = seed_values();
    assert_eq!((t2, t3, t4), (s2, s3, s4), "{}", e.text);
    assert!(r.parts.len() >= 6, "{:#?}", r.parts);
}

#[test]
fn scripts_and_handlers_never_reach_the_text() {
    let html = "<p onclick=\"alert(1)\" onmouseover='steal()'>正文</p>\
        <script>alert(1)</script><script type=module>import x from 'y'</script>\
        <SCRIPT LANGUAGE=javascript><!-- document.write('x') //--></SCRIPT>\
        <style>body{background:url(javascript:alert(1))}</style>\
        <a href=\"javascript:alert(1)\">链接</a><img src=x onerror=alert(1)>\
        <iframe src=\"https://example.com\">框架</iframe><noscript>请启用</noscript>\
        <svg><script>alert(1)</script><text>svg</text></svg><template><p>模板</p></template>";
    let e = read_html(html);
    assert_eq!(e.text, "正文\n链接\n");
    // An unclosed script hides the rest, as in a browser, and says so.
    let e = read_html("<p>前</p><script>alert(1)<p>后</p>");
    assert_eq!(e.text, "前\n");
    assert!(!e.notes.is_empty());
}

#[test]
fn entities_decode() {
    let e = read_html(
        "<p>&lt;条例&gt; &amp; &quot;x&quot; &#20013;&#x6587; A&nbsp;B &ldquo;三安全一稳定&rdquo; &yen;1 &copy &bogus; &#xZZ;</p>",
    );
    assert_eq!(
        e.text,
        "<条例> & \"x\" 中文 A B “三安全一稳定” ¥1 © &bogus; &#xZZ;\n"
    );
}

#[test]
fn rowspan_and_colspan() {
    // The merged header of table 三, short: a cell spanning 3 rows and 3
    // columns, one spanning 7 columns, and rowspans in the body.
    let html = "<table>\
        <tr><td rowspan=3 colspan=3>（本列数据的勾稽关系为：…）</td><td colspan=7>申请人情况</td></tr>\
        <tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>\
        <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\
        <tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>\
        <tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\
        <tr><td rowspan=1>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>\
        </table>";
    let lines: Vec<String> = read_html(html)
        .text
        .lines()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(
        lines,
        vec![
            "（本列数据的勾稽关系为：…）\t\t\t申请人情况\t\t\t\t\t\t",
            "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
            "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
            "一、本年新收政府信息公开申请数量\t\t\t1\t2\t3\t4\t5\t6\t21",
            "三、本年度办理结果\t（一）予以公开\t\t1\t0\t0\t0\t0\t0\t1",
            "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
        ]
    );
}

#[test]
fn nested_tables_lose_no_text() {
    let html = "<table><tr><td>外层甲</td><td><table><tr><td>内层<table><tr><td>最内1</td><td>最内2</td></tr></table>尾</td><td>乙</td></tr></table></td></tr></table>";
    let e = read_html(html);
    for t in ["外层甲", "内层", "最内1", "最内2", "尾", "乙"] {
        assert!(e.text.contains(t), "{t} lost:\n{}", e.text);
    }
    assert!(e.text.contains("最内1\t最内2"), "{}", e.text);
}

#[test]
fn truncated_and_unclosed_markup() {
    let page = String::from_utf8(fixture("html/word-clipboard.html")).unwrap();
    // Cut anywhere (on a character boundary): never panics, keeps what came before.
    let mut cut = 0;
    while cut < page.len() {
        if page.is_char_boundary(cut) {
            let e = read_html(&page[..cut]);
            assert!(e.text.ends_with('\n'));
        }
        cut += 997;
    }
    let half = &page[..page.find("三、收到和处理").unwrap()];
    let e = read_html(half);
    assert!(e.text.contains("1010.25"), "{}", e.text);
    assert_eq!(
        read_html("<table><tr><td>规章<td>1<tr><td>规范性文件<td>2").text,
        "规章\t1\n规范性文件\t2\n"
    );
    assert_eq!(read_html("<div><p>甲<span>乙<b>丙").text, "甲乙丙\n");
    assert_eq!(read_html("<p title='unclosed>甲</p>").text, "\n");
    assert_eq!(read_html("甲<").text, "甲<\n");
}

#[test]
fn ten_thousand_nested_divs() {
    let html = format!(
        "{}一、总体情况{}",
        "<div><span>".repeat(10_000),
        "</span></div>".repeat(10_000)
    );
    let e = read_html(&html);
    assert_eq!(e.text, "一、总体情况\n");
    let tables = format!("{}x", "<table><tr><td>".repeat(10_000));
    assert_eq!(read_html(&tables).text, "x\n");
    let lists = "<ul><li>项".repeat(10_000);
    assert_eq!(read_html(&lists).text.matches('项').count(), 10_000);
}

#[test]
fn a_twenty_megabyte_page_is_fast() {
    let row = "<tr><td><p class=MsoNormal><span style='mso-x:y'>行政许可</span></p></td><td>1&nbsp;</td></tr>\n";
    let mut html = String::from("<html><body><table>");
    while html.len() < 20 * 1024 * 1024 {
        html.push_str(row);
    }
    html.push_str("</table></body></html>");
    let start = Instant::now();
    let e = read_bytes(html.as_bytes(), ReadOptions::default()).unwrap();
    let elapsed = start.elapsed();
    assert!(e.text.len() > 1_000_000);
    // Generous for debug builds on a slow machine; linear work takes ~1 s.
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
    // Stray end tags by the hundred thousand: each is ignored in constant time.
    let stray = format!(
        "<div><table><tr><td>{}x{}",
        "<b>".repeat(500),
        "</i>".repeat(500_000)
    );
    let start = Instant::now();
    assert_eq!(read_html(&stray).text, "x\n");
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn binary_garbage_is_refused_or_read_without_panic() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for len in [1usize, 2, 7, 64, 1000, 65536] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        for opts in [ReadOptions::default(), options()] {
            if let Err(e) = read_bytes(&bytes, opts) {
                assert!(!e.to_string().is_empty());
            }
            assert!(read_mht(&bytes, opts).is_err());
        }
        let _ = read_html(&String::from_utf8_lossy(&bytes));
    }
    assert_eq!(read_bytes(b"", options()), Err(ReadError::Empty));
    assert!(read_mht(b"MIME-Version: 1.0\r\n\r\n", options()).is_err());
    assert!(
        read_mht(
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n--b--",
            options()
        )
        .is_err()
    );
}
