#!/usr/bin/env python3
"""Writes tests/fixtures/rules/*.txt: the seed report with one planted defect
(or a look-alike that must not fire) each. Run from the repository root after
changing a case; the outputs are committed and reviewed like code.

Each fixture's first line is `expect: …`, the findings of the rule named by
the file name's code, as `CODE location[=suggested]`, `;`-separated, or `none`.
Locations: t3.r01.np (a cell), t3.*.np (a column), t3.r01.* (a row),
t4.review.* / t4.review.total, t2.rules.issued / t2.rules.*, t2.fee, doc, L<line>. Where `<name>.prev.txt`
exists, it is last year's report and the check runs with it (Y rules).
The harness (tests/rules.rs) strips that line before checking. Fixtures of
other rules may be written by hand into the same folder: this script only
writes the files it names."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tests/fixtures/text/seed.txt").read_text(encoding="utf-8")
OUT = ROOT / "tests/fixtures/rules"

COLS = ["np", "biz", "res", "ngo", "law", "oth", "tot"]
T4 = [f"{g}.{f}" for g in ("review", "suit_direct", "suit_after")
      for f in ("upheld", "corrected", "other", "pending", "total")]


def set_numbers(text, line_pred, index, value):
    """Replaces the index-th number token on the one line matching line_pred."""
    lines = text.split("\n")
    hits = [i for i, l in enumerate(lines) if line_pred(l)]
    assert len(hits) == 1, (hits, index)
    line = lines[hits[0]]
    cells = line.split("\t")
    nums = [i for i, c in enumerate(cells) if re.fullmatch(r"\d+", c.strip())]
    cells[nums[index]] = str(value)
    lines[hits[0]] = "\t".join(cells)
    return "\n".join(lines)


def t3(text, label, col, value):
    return set_numbers(text, lambda l: label in l, COLS.index(col), value)


def t4(text, key, value):
    return set_numbers(text, lambda l: re.fullmatch(r"(0\t){14}0\s*", l) is not None or l.count("\t") >= 14 and l.split("\t")[0].strip().isdigit(), T4.index(key), value)


def replace(text, old, new, count=1):
    assert old in text, old
    return text.replace(old, new, count)


def drop_lines(text, pred):
    return "\n".join(l for l in text.split("\n") if not pred(l))


R01, R02, R03 = "一、本年新收", "二、上年结转", "(一) 予以公开"
R05, R24, R25 = "1. 属于国家秘密", "(七) 总计", "四、结转下年度"

cases = {}

# --- A301 t3-balance -------------------------------------------------------
s = t3(SEED, R01, "np", 5)
cases["A301_column_fires"] = ("A301 t3.*.np", s)
cases["A306_single_cell"] = ("A306 t3.r01.np=0", s)
s = SEED
for col in ("np", "tot"):
    s = t3(s, R01, col, 5)
    s = t3(s, R02, col, 1)
    s = t3(s, R03, col, 4)
    s = t3(s, R24, col, 4)
    s = t3(s, R25, col, 2)
cases["A301_balanced_must_not"] = ("none", s)
cases["A302_balanced_must_not"] = ("none", s)
cases["A303_balanced_must_not"] = ("none", s)
cases["A306_balanced_must_not"] = ("none", s)
# Blank, not zero: the relation is unverified (C202), never an A301 error.
s = t3(SEED, R02, "np", 1)
s = replace(s, "一、本年新收政府信息公开申请数量\t\t0\t", "一、本年新收政府信息公开申请数量\t\t\t")
cases["A301_blank_must_not"] = ("none", s)
cases["C202_blank_in_t3"] = ("C202 t3.r01.np", s)

# --- A302 t3-results-total ---------------------------------------------------
s = SEED
for col in ("np", "tot"):
    s = t3(s, R01, col, 3)
    s = t3(s, R24, col, 3)
cases["A302_total_without_results"] = ("A302 t3.*.np; A302 t3.*.tot", s)
cases["A306_ambiguous_must_not"] = ("none", s)

# --- A303 t3-row-total -------------------------------------------------------
s = t3(SEED, R05, "oth", 2)
s = t3(s, R05, "tot", 3)
cases["A303_row_fires"] = ("A303 t3.r05.*", s)

# --- A304 t4-total -------------------------------------------------------------
s = t4(SEED, "review.upheld", 1)
cases["A304_review_fires"] = ("A304 t4.review.*", s)
# Two cells qualify (upheld back to 0, or total up to 1): no guess.
cases["A306_two_candidates_must_not"] = ("none", s)
s = t4(SEED, "suit_after.corrected", 2)
s = t4(s, "suit_after.total", 2)
cases["A304_balanced_must_not"] = ("none", s)

# --- C201 invalid-count --------------------------------------------------------
s = replace(SEED, "行政许可\t0", "行政许可\t若干")
s = t3(s, R03, "biz", 0)
s = replace(s, "(一) 予以公开\t\t0\t0", "(一) 予以公开\t\t0\t1.5")
cases["C201_text_and_decimal"] = ("C201 t2.licensing; C201 t3.r03.biz", s)
cases["C201_zero_must_not"] = ("none", SEED)

# --- C202 blank-cell -----------------------------------------------------------
s = replace(SEED, "规章\t0\t0\t0", "规章\t/\t/\t/")
cases["C202_slash_in_t2"] = ("C202 t2.rules.issued", s)
cases["C202_seed_must_not"] = ("none", SEED)

# --- S101 missing-part ---------------------------------------------------------
s = SEED[: SEED.index("### 五、存在的主要问题")] + SEED[SEED.index("## 六、其他需要报告的事项"):]
cases["S101_part5_missing"] = ("S101 doc", s)
cases["S101_seed_must_not"] = ("none", SEED)

# --- S102 part-order -----------------------------------------------------------
s = replace(SEED, "## 六、其他需要报告的事项", "## 七、其他需要报告的事项")
cases["S102_wrong_ordinal"] = ("S102 L{line}", s)
cases["S102_seed_must_not"] = ("none", SEED)

# --- S104 old-format -----------------------------------------------------------
s = replace(SEED, "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量")
cases["S104_trial_columns"] = ("S104 L{line}", s)
cases["S104_seed_must_not"] = ("none", SEED)

# --- S105 missing-table --------------------------------------------------------
start = SEED.index("行政复议\t\t\t\t\t行政诉讼")
end = SEED.index("### 五、存在的主要问题")
s = SEED[:start] + "本年度未发生政府信息公开行政复议、行政诉讼。\n\n" + SEED[end:]
# Located at the heading of part 四, where the table should be.
cases["S105_table4_missing"] = ("S105 L74", s)
s = drop_lines(SEED, lambda l: "2. 重复申请" in l)
cases["S105_row_missing"] = ("S105 t3.r17.*", s)
cases["S105_seed_must_not"] = ("none", SEED)

# --- S108 missing-title --------------------------------------------------------
s = replace(SEED, "# 雁鸣湖镇2021年政府信息公开工作年度报告", "# 政府信息公开工作年度报告")
cases["S108_title_without_year"] = ("S108 L{line}", s)
cases["S108_seed_must_not"] = ("none", SEED)

# --- S103 nonstandard-heading ------------------------------------------------
s = replace(SEED, "### 五、存在的主要问题及改进情况", "### 五、存在的主要问题及改进举措")
cases["S103_variant_heading"] = ("S103 L{line}", s)
cases["S103_seed_must_not"] = ("none", SEED)

# --- S106 unknown-row ----------------------------------------------------------
s = replace(SEED, "2. 重复申请", "2. 重复申情")
cases["S106_typo_in_label"] = ("S106 L{line}", s)
cases["S106_seed_must_not"] = ("none", SEED)

# --- S107 inconsistent-headings (the seed itself mixes ## and ### for parts) --
cases["S107_seed_mixed_levels"] = ("S107 L43", SEED)
s = SEED
for n in "三四五":
    s = replace(s, f"### {n}、", f"## {n}、")
s = s.replace("#### (", "### (")
cases["S107_consistent_must_not"] = ("none", s)

# --- C203 fee-amount -----------------------------------------------------------
cases["C203_negative"] = ("C203 t2.fee", replace(SEED, "行政事业性收费\t0", "行政事业性收费\t-1"))
s = replace(SEED, "行政事业性收费\t0", "行政事业性收费\t380")
s = replace(s, "我单位暂未开始收取相关费用。", "我单位全年收取信息处理费380元。")
cases["C203_yuan_in_wan_cell"] = ("C203 t2.fee", s)
cases["C203_five_decimals"] = ("C203 t2.fee", replace(SEED, "行政事业性收费\t0", "行政事业性收费\t0.03805"))
s = replace(SEED, "行政事业性收费\t0", "行政事业性收费\t0.038")
s = replace(s, "我单位暂未开始收取相关费用。", "我单位全年收取信息处理费380元。")
cases["C203_converted_must_not"] = ("none", s)

# --- A305 rules-without-power --------------------------------------------------
s = replace(SEED, "规章\t0\t0\t0", "规章\t2\t0\t2")
cases["A305_township_rules"] = ("A305 t2.rules.issued", s)
s = s.replace("雁鸣湖镇", "淮安市人民政府")
cases["A305_city_government_must_not"] = ("none", s)

# --- Y8xx across years: a second file <name>.prev.txt is last year's report -----
PREV = SEED.replace("雁鸣湖镇2021年", "雁鸣湖镇2020年")
prevs = {}
s = t3(PREV, R25, "np", 2)
s = t3(s, R25, "tot", 2)
s = t3(s, R01, "np", 2)
s = t3(s, R01, "tot", 2)
cases["Y801_carryover_lost"] = ("Y801 t3.r02.np", SEED)
prevs["Y801_carryover_lost"] = s
now = t3(SEED, R02, "np", 2)
now = t3(now, R02, "tot", 2)
now = t3(now, R25, "np", 2)
now = t3(now, R25, "tot", 2)
cases["Y801_carried_must_not"] = ("none", now)
prevs["Y801_carried_must_not"] = s
p2 = replace(PREV, "行政规范性文件\t0\t0\t0", "行政规范性文件\t3\t0\t40")
cases["Y802_in_force_drift"] = ("Y802 t2.normative.in_force", replace(SEED, "行政规范性文件\t0\t0\t0", "行政规范性文件\t5\t2\t45"))
prevs["Y802_in_force_drift"] = p2
cases["Y802_balanced_must_not"] = ("none", replace(SEED, "行政规范性文件\t0\t0\t0", "行政规范性文件\t5\t2\t43"))
prevs["Y802_balanced_must_not"] = p2
cases["Y803_copied_text"] = ("Y803 L5", SEED)
prevs["Y803_copied_text"] = PREV
rewritten = PREV
for old_part, new_part in [
    (PREV[PREV.index("## 一、总体情况"):PREV.index("## 二、")], "## 一、总体情况\n\n本年度我镇围绕主动公开、依申请公开、政府信息管理、平台建设和监督保障五个方面推进工作，新设政务公开专栏三个，更新村务公开栏四十处，组织专题培训两次。\n\n"),
    (PREV[PREV.index("### 五、"):PREV.index("## 六、")], "### 五、存在的主要问题及改进情况\n\n一是基层信息员队伍变动较大，业务衔接不够顺畅；二是公开栏目更新频率不均衡。下一步将建立信息员备案制度，按季度检查栏目更新情况。\n\n"),
]:
    rewritten = rewritten.replace(old_part, new_part)
cases["Y803_rewritten_must_not"] = ("none", SEED)
prevs["Y803_rewritten_must_not"] = rewritten
both = t3(SEED, R01, "np", 2)
both = t3(both, R01, "tot", 2)
both = t3(both, R03, "np", 2)
both = t3(both, R03, "tot", 2)
both = t3(both, R24, "np", 2)
both = t3(both, R24, "tot", 2)
cases["Y804_same_tables"] = ("Y804 t3.*.*", both)
prevs["Y804_same_tables"] = both.replace("雁鸣湖镇2021年", "雁鸣湖镇2020年")
cases["Y804_zero_tables_must_not"] = ("none", SEED)
prevs["Y804_zero_tables_must_not"] = PREV

for name, (expect, text) in sorted(cases.items()):
    if "{line}" in expect:
        # The line of the first changed line, counted after the header line.
        a, b = SEED.split("\n"), text.split("\n")
        first = next(i for i in range(min(len(a), len(b))) if a[i] != b[i])
        expect = expect.replace("{line}", str(first + 1))
    (OUT / f"{name}.txt").write_text(f"expect: {expect}\n{text}", encoding="utf-8")
    if name in prevs:
        (OUT / f"{name}.prev.txt").write_text(prevs[name], encoding="utf-8")
print(f"wrote {len(cases)} fixtures to {OUT.relative_to(ROOT)}")
