use super::*;
use crate::read::Place;

fn text(html: &str) -> String {
    read_html(html).text
}

fn blocks(html: &str) -> Vec<Block> {
    let built = build(html);
    let (placed, _) = convert(&built);
    placed.into_iter().map(|p| p.block).collect()
}

fn cell(text: &str, col_span: u32, row_span: u32) -> TableCell {
    let mut c = TableCell::new(text);
    c.col_span = col_span;
    c.row_span = row_span;
    c
}

#[test]
fn block_structure() {
    assert_eq!(
        text("<h1>标题</h1><p>甲<b>乙</b></p><div>丙<br>丁</div><ul><li>一<li>二</ul>"),
        "标题\n甲乙\n丙\n丁\n一\n二\n"
    );
    assert_eq!(
        blocks("<h2>一、总体情况</h2><p>正文</p>")[0],
        Block::Paragraph(Paragraph {
            text: "一、总体情况".into(),
            heading: Some(2)
        })
    );
    // Unclosed paragraphs and list items end at the next block.
    assert_eq!(text("<p>a<p>b<div>c</div>d"), "a\nb\nc\nd\n");
}

#[test]
fn whitespace_collapses_but_nbsp_stays() {
    assert_eq!(text("<p>  a \n\t b  </p>"), "a b\n");
    assert_eq!(text("<p>a&nbsp;&nbsp;b</p>"), "a  b\n");
    // A line break in the source between Chinese characters shows as nothing.
    assert_eq!(text("<p>政府信息\n公开 工作</p>"), "政府信息公开 工作\n");
    assert_eq!(text("<p>\n\n</p><p>&nbsp;</p><p>x</p>"), "x\n");
}

#[test]
fn rowspan_and_colspan_become_spans() {
    let b = blocks(
        "<table><tr><td colspan=3>收到和处理</td></tr>\
         <tr><td rowspan='2'>三、本年度办理结果</td><td>（一）予以公开</td><td>5</td></tr>\
         <tr><td>（二）部分公开</td><td>1</td></tr></table>",
    );
    assert_eq!(
        b,
        vec![Block::Table(Table {
            rows: vec![
                vec![cell("收到和处理", 3, 1)],
                vec![
                    cell("三、本年度办理结果", 1, 2),
                    cell("（一）予以公开", 1, 1),
                    cell("5", 1, 1)
                ],
                vec![cell("（二）部分公开", 1, 1), cell("1", 1, 1)],
            ]
        })]
    );
    let e =
        read_html("<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c<td>d</table>");
    assert_eq!(e.text, "a\tb\t\n\tc\td\n");
    assert_eq!(
        e.place_at(e.text.find('c').unwrap() as u32),
        Some(Place::Cell {
            table: 0,
            row: 1,
            col: 1
        })
    );
}

#[test]
fn cells_keep_their_paragraphs_and_bad_spans_are_one() {
    let b = blocks(
        "<table><tr><td><p>行政</p><p>许可</p></td><td colspan=x rowspan=0>7</td></tr><tr><td>a</td><td>b</td></tr></table>",
    );
    let Block::Table(t) = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(t.rows[0][0].text, "行政\n许可");
    assert_eq!((t.rows[0][1].col_span, t.rows[0][1].row_span), (1, 1));
}

#[test]
fn nested_tables_keep_all_text() {
    // A layout table around the report's table: the outer cells read as
    // blocks, the inner table stays a table.
    let html = "<table><tr><td>网站头部</td></tr><tr><td><p>前言</p>\
                <table><tr><td>规章</td><td>1</td></tr><tr><td>规范性文件</td><td>2</td></tr></table>\
                后记</td><td>侧栏</td></tr></table>";
    let e = read_html(html);
    assert_eq!(
        e.text,
        "网站头部\n前言\n\n规章\t1\n规范性文件\t2\n\n后记\n侧栏\n"
    );
    // A one-column table is layout too.
    assert_eq!(
        text("<table><tr><td><p>一段</p><p>二段</p></td></tr></table>"),
        "一段\n二段\n"
    );
}

#[test]
fn head_scripts_styles_and_hidden_text_are_dropped() {
    let html = "<html><head><title>标题栏</title><style>p{color:red}</style>\
                <script>var x='<p>脚本</p>';</script></head>\
                <body onclick=\"alert(2)\"><p>正文</p><script>alert(1)</script>\
                <div style='display: none'>隐藏</div><span style='mso-hide:all'>也隐藏</span>\
                <p hidden>藏</p><select><option>选项</option></select><noscript>请启用脚本</noscript>\
                <p>结尾</p></body></html>";
    assert_eq!(text(html), "正文\n结尾\n");
    // Without a </head>, the first body element ends the head.
    assert_eq!(text("<head><meta charset=utf-8><p>正文"), "正文\n");
}

#[test]
fn word_clipboard_markup() {
    let html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>\
        <!--[if gte mso 9]><xml><o:OfficeDocumentSettings>隐藏设置</o:OfficeDocumentSettings></xml><![endif]-->\
        </head><body lang=ZH-CN><!--StartFragment-->\
        <p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span style='mso-list:Ignore'>1、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;</span></span><!--[endif]--><span lang=ZH-CN>在政务公开<o:p></o:p></span></p>\
        <p class=MsoNormal><![if !supportLists]>2.<![endif]>第二项<o:p>&nbsp;</o:p></p>\
        <!--EndFragment--></body></html>";
    assert_eq!(text(html), "1、 在政务公开\n2.第二项\n");
}

#[test]
fn clipboard_header_is_skipped() {
    let html = "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000200\r\n<html><body><p>正文</p></body></html>";
    assert_eq!(text(html), "正文\n");
}

#[test]
fn furniture_around_the_report_is_dropped() {
    let html = "<body><div class=nav><a>首页</a><a>政务公开</a></div>\
        <div class=crumb>首页 &gt; 政务公开 &gt; 政府信息公开年报</div>\
        <div class=title><h1>某镇2021年政府信息公开工作年度报告</h1></div>\
        <div class=info>发布时间：2022-01-08 【打印本页】</div>\
        <div class=content><p>一、总体情况</p><p>正文</p><p>二、主动公开政府信息情况</p>\
        <table><tr><td>规章</td><td>1</td></tr></table><p>三、收到和处理政府信息公开申请情况</p></div>\
        <div class=footer>网站标识码：1234 ICP备12345678号</div></body>";
    let e = read_html(html);
    assert_eq!(
        e.text,
        "某镇2021年政府信息公开工作年度报告\n一、总体情况\n正文\n二、主动公开政府信息情况\n\n规章\t1\n\n三、收到和处理政府信息公开申请情况\n"
    );
    assert_eq!(e.notes, vec![FURNITURE_NOTE.to_string()]);
    // A fragment with one heading is kept whole.
    let e = read_html("<div>导航</div><div><p>一、总体情况</p></div>");
    assert_eq!(e.text, "导航\n一、总体情况\n");
    assert!(e.notes.is_empty());
}

#[test]
fn part_headings_and_titles() {
    assert_eq!(part_number("一、总体情况"), Some(1));
    assert_eq!(
        part_number("　　四、政府信息公开行政复议、行政诉讼情况"),
        Some(4)
    );
    assert_eq!(part_number("六．其他需要报告的事项"), Some(6));
    assert_eq!(part_number("（一）总体情况"), None);
    assert_eq!(part_number("二、总体情况"), None);
    assert!(is_title("雁鸣湖镇2021年政府信息公开工作年度报告"));
    assert!(!is_title("政府信息公开指南"));
    assert!(!is_title(
        "(四) 政府信息公开指南的公布与更新情况与2021年度政府信息公开年度报告的公布情况"
    ));
}

#[test]
fn charsets() {
    assert_eq!(
        declared_charset(
            b"<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\">"
        ),
        Some("gb2312".into())
    );
    assert_eq!(
        declared_charset(b"<meta charset='utf-8'>"),
        Some("utf-8".into())
    );
    assert_eq!(
        declared_charset(b"<?xml version=\"1.0\" encoding=\"GBK\"?><html>"),
        Some("gbk".into())
    );
    assert_eq!(declared_charset(b"<meta name=x><p>charset=x"), None);
    assert_eq!(charset_of("GB2312"), Charset::Gb);
    // GBK bytes without a decoder are refused with advice.
    let gbk = b"<meta charset=gbk><p>\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6</p>";
    let err = read_bytes(gbk, ReadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("gbk"), "{err}");
    let fake = |_: &[u8]| Some("<p>一、总体情况</p>".to_string());
    let e = read_bytes(
        gbk,
        ReadOptions {
            legacy: Some(&fake),
        },
    )
    .unwrap();
    assert_eq!(e.text, "一、总体情况\n");
    // Declared legacy but really UTF-8.
    let e = read_bytes(
        "<meta charset=gb2312><p>一、总体情况</p>".as_bytes(),
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(e.text, "一、总体情况\n");
    assert_eq!(e.notes.len(), 1);
    // Windows-1252 and UTF-8 BOM.
    let e = read_bytes(
        b"<meta charset=iso-8859-1><p>caf\xe9 \x93x\x94</p>",
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(e.text, "café “x”\n");
    let e = read_bytes(b"\xEF\xBB\xBF<p>x</p>", ReadOptions::default()).unwrap();
    assert_eq!(e.text, "x\n");
    assert!(matches!(
        read_bytes(b"<p> </p>", ReadOptions::default()),
        Err(ReadError::NoText { .. })
    ));
}

#[test]
fn deep_and_broken_markup_is_bounded() {
    let deep = format!("{}正文{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
    assert_eq!(text(&deep), "正文\n");
    let deep = "<div>x".repeat(5_000);
    let e = read_html(&deep);
    assert_eq!(e.text.matches('x').count(), 5_000);
    assert_eq!(text("<table><tr><td>a<td>b"), "a\tb\n");
    assert_eq!(text("<p>a</span></div></td></table></p></p>b"), "a\nb\n");
    assert_eq!(text("<p>a<!-- b"), "a\n");
    assert!(!read_html("<p>a<!-- b").notes.is_empty());
}

#[test]
fn many_small_runs_stay_linear() {
    // Many separate runs of spaces before any text, and many tables between
    // the part headings, in a deep page: no quadratic walks.
    let nbsp = format!("<p>{}一、总体情况</p>", "<b>&nbsp;</b>".repeat(200_000));
    let start = std::time::Instant::now();
    assert_eq!(read_html(&nbsp).text.trim_start(), "一、总体情况\n");
    let deep = format!(
        "{}<p>一、总体情况</p>{}<p>二、主动公开政府信息情况</p>",
        "<div>".repeat(1000),
        "<div><table><tr><td>a</td><td>1</td></tr></table></div>".repeat(5_000)
    );
    assert_eq!(read_html(&deep).text.matches("a\t1").count(), 5_000);
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}
