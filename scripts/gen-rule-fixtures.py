#!/usr/bin/env python3
"""Writes tests/fixtures/rules/*.txt: the seed report with one planted defect
(or a look-alike that must not fire) each. Run from the repository root after
changing a case; the outputs are committed and reviewed like code.

Each fixture's first line is `expect: …`, the findings of the rule named by
the file name's code, as `CODE location[=suggested]`, `;`-separated, or `none`.
Locations: t3.r01.np (a cell), t3.*.np (a column), t3.r01.* (a row),
t4.review.* / t4.review.total, t2.rules.issued / t2.rules.*, doc, L<line>.
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

for name, (expect, text) in sorted(cases.items()):
    if "{line}" in expect:
        # The line of the first changed line, counted after the header line.
        a, b = SEED.split("\n"), text.split("\n")
        first = next(i for i in range(min(len(a), len(b))) if a[i] != b[i])
        expect = expect.replace("{line}", str(first + 1))
    (OUT / f"{name}.txt").write_text(f"expect: {expect}\n{text}", encoding="utf-8")
print(f"wrote {len(cases)} fixtures to {OUT.relative_to(ROOT)}")
