// The review page end to end in headless Chromium: the verdict and table 三's
// balance, findings grouped by part with filters, next/previous by keyboard,
// 「不是问题」 marks kept across edits and reloads, CSV and JSON downloads, the
// printed review sheet (A4), the dark scheme, a phone's width, and clearing
// what the page keeps. Every test fails on a request to another origin, a
// console error or a page error (see harness.mjs).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { SEED, openBrowser, screenshot, serve, until, visit } from "./harness.mjs";

const SEED_N = SEED.replace(/\r\n?/g, "\n");

let server;
before(async () => {
  server = await serve();
});
after(async () => {
  await server?.close();
});

/** Runs `body(page)` in a fresh browser and checks that nothing went wrong. */
async function inBrowser(body) {
  const b = await openBrowser(server.origin);
  try {
    await body(b.page, b);
    await b.page.waitForTimeout(100);
    assert.deepEqual(b.problems(), [], "requests to other origins, console or page errors");
  } finally {
    await b.close();
  }
}

const summary = (page) =>
  page.$eval("#summary", (el) => ({
    errors: Number(el.dataset.errors),
    warnings: Number(el.dataset.warnings),
    infos: Number(el.dataset.infos),
    dismissed: Number(el.dataset.dismissed),
  }));

/** Types `value` over the 自然人 value of 一、本年新收 (0 in the example). */
async function setNewNp(page, value) {
  const old = await page.evaluate(() => {
    const ta = document.querySelector("#draft");
    const v = ta.value;
    const label = "一、本年新收政府信息公开申请数量";
    const line = v.indexOf(label);
    const m = /[\t ]+(\d+)/.exec(v.slice(line + label.length));
    const start = line + label.length + m.index + m[0].length - m[1].length;
    ta.focus();
    ta.setSelectionRange(start, start + m[1].length);
    return v.slice(start, start + m[1].length);
  });
  assert.equal(old, "0", "the example's 自然人 新收 is 0");
  await page.keyboard.type(value);
}

/** The A301 finding of the 自然人 column. */
const a301 = (page) => page.locator('.finding[data-code=A301][data-where="t3.np"]');
const a301Item = (page) =>
  page.locator('.finding-item:has(.finding[data-code=A301][data-where="t3.np"])');

/** Marks the 自然人 A301 as not a defect, with `reason`. */
async function markA301(page, reason) {
  const item = a301Item(page);
  await item.locator(".dismiss-open").click();
  const input = item.locator("input.dismiss-reason");
  await until(page, () => document.activeElement?.classList.contains("dismiss-reason"));
  const id = await input.getAttribute("id");
  assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, "the reason is labelled");
  await page.keyboard.type(reason);
  await page.keyboard.press("Enter");
  await until(page, () =>
    document
      .querySelector('.finding[data-code=A301][data-where="t3.np"]')
      ?.closest(".finding-item")
      ?.classList.contains("dismissed"),
  );
}

test("verdict, groups, filters, next/previous and 不是问题 across edits, fixes and reloads", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    // The example passes: every column of table 三 balances.
    assert.equal(await page.getAttribute("#verdict", "data-passes"), "true");
    assert.match(await page.textContent("#verdict"), /^✓?通过/);
    assert.equal(await page.locator("#balance tbody tr").count(), 7);
    assert.equal(await page.locator("#balance tbody tr.bal-ok").count(), 7);
    assert.equal((await page.textContent('#balance tr[data-col="np"] .bal-outcome')).trim(), "✓");

    // Break the 自然人 column: 5 new applications that went nowhere.
    await setNewNp(page, "5");
    await a301(page).waitFor();
    assert.equal(await page.getAttribute("#verdict", "data-passes"), "false");
    assert.match(await page.textContent("#verdict .verdict-headline"), /未通过/);
    assert.equal(await page.locator('#verdict .blocker-list li[data-code="A301"]').count(), 1);
    const np = page.locator('#balance tr[data-col="np"]');
    assert.match(await np.getAttribute("class"), /\bbal-fail\b/);
    assert.equal((await np.locator(".bal-outcome").textContent()).trim(), "相差 5");
    const nums = await np.locator("td").allTextContents();
    assert.equal(Number(nums[2]), Number(nums[5]) + 5, `一+二 is 三+四 plus 5: ${nums}`);
    assert.equal(await page.locator("#balance tbody tr.bal-ok").count(), 6, "only 自然人 fails");

    // Grouped by part, each group a heading and a list.
    const t3 = page.locator('.finding-group[data-group="t3"]');
    assert.match(await t3.locator("h3").textContent(), /^表三/);
    assert.equal(await t3.locator("ol.finding-list > li.finding-item").count() > 0, true);
    assert.equal(await t3.locator(".finding[data-code=A301]").count() >= 1, true);
    const p1 = page.locator('.finding-group[data-group="p1"]');
    assert.match(await p1.locator("h3").textContent(), /^一、总体情况/);
    assert.ok((await p1.locator(".finding[data-code=W702]").count()) >= 1, "a misused word of part 一");
    const labelled = await page.$$eval(".finding-group", (gs) =>
      gs.every((g) => document.getElementById(g.getAttribute("aria-labelledby"))?.tagName === "H3"),
    );
    assert.ok(labelled, "each group is labelled by its heading");
    const groups = await page.$$eval(".finding-group", (gs) => gs.map((g) => g.dataset.group));
    assert.ok(groups.indexOf("p1") < groups.indexOf("t3"), `document order: ${groups}`);

    // Filters: errors only, then one rule, then everything again.
    const all = await page.locator(".finding").count();
    await page.uncheck("#filter-warning");
    await page.uncheck("#filter-info");
    const sevs = await page.$$eval(".finding", (fs) => [...new Set(fs.map((f) => f.dataset.severity))]);
    assert.deepEqual(sevs, ["error"]);
    await page.check("#filter-warning");
    await page.check("#filter-info");
    await page.selectOption("#filter-rule", "A303");
    const codes = await page.$$eval(".finding", (fs) => [...new Set(fs.map((f) => f.dataset.code))]);
    assert.deepEqual(codes, ["A303"]);
    await page.selectOption("#filter-rule", "");
    assert.equal(await page.locator(".finding").count(), all);
    assert.equal(await page.getAttribute("#filter-rule", "id"), "filter-rule");
    assert.equal(await page.locator('label[for="filter-rule"]').count(), 1, "the rule filter is labelled");

    // Next and previous: j/k, Alt+↓/↑ and the buttons move the focus along the list shown.
    const order = await page.$$eval(".finding", (fs) => fs.map((f) => f.dataset.index));
    const focusedIndex = () => page.evaluate(() => document.activeElement?.dataset?.index ?? null);
    await page.click("#findings-heading");
    await page.keyboard.press("j");
    await until(page, (i) => document.activeElement?.dataset?.index === i, order[0]);
    await page.keyboard.press("j");
    await until(page, (i) => document.activeElement?.dataset?.index === i, order[1]);
    await page.keyboard.press("k");
    await until(page, (i) => document.activeElement?.dataset?.index === i, order[0]);
    await page.keyboard.press("Alt+ArrowDown");
    await until(page, (i) => document.activeElement?.dataset?.index === i, order[1]);
    await page.keyboard.press("Alt+ArrowUp");
    await until(page, (i) => document.activeElement?.dataset?.index === i, order[0]);
    await page.keyboard.press("k");
    await until(page, (i) => document.activeElement?.dataset?.index === i, order.at(-1));
    assert.equal(await page.locator(".finding-item.current").count(), 1);
    await page.click("#next-finding");
    await until(page, (i) => document.activeElement?.dataset?.index === i, order[0]);
    await page.click("#prev-finding");
    await until(page, (i) => document.activeElement?.dataset?.index === i, order.at(-1));
    // Reaching a finding in the text selects its words, the focus staying on the list.
    const w702 = await page.getAttribute(".finding[data-code=W702]", "data-index");
    for (let n = 0; n < order.length && (await focusedIndex()) !== w702; n++) {
      await page.keyboard.press("j");
      await page.waitForTimeout(30);
    }
    assert.equal(await focusedIndex(), w702);
    const selected = await page.$eval("#draft", (ta) => ta.value.slice(ta.selectionStart, ta.selectionEnd));
    const w702Message = await page.textContent(`.finding[data-index="${w702}"] .f-msg`);
    assert.ok(selected.length > 1 && w702Message.includes(`“${selected}”`), `${selected} in ${w702Message}`);
    // A table finding reached by keyboard flashes its cell.
    const a301Index = await a301(page).getAttribute("data-index");
    for (let n = 0; n < order.length && (await focusedIndex()) !== a301Index; n++) {
      await page.keyboard.press("j");
      await page.waitForTimeout(30);
    }
    assert.equal(await focusedIndex(), a301Index);
    await until(page, () => document.querySelector('td[data-cell^="t3."][data-cell$=".np"].flash'));
    // j typed in the draft is text, not navigation.
    await page.focus("#draft");
    await page.keyboard.press("End");
    await page.keyboard.type("j");
    assert.equal(await page.evaluate(() => document.activeElement.id), "draft");

    // 不是问题: muted, out of the counts and of the verdict.
    await page.click("#findings-heading");
    const before = await summary(page);
    await markA301(page, "台账核实：本年新收 5 件");
    const after = await summary(page);
    assert.equal(after.errors, before.errors - 1);
    assert.equal(after.dismissed, 1);
    assert.match(await a301Item(page).locator(".dismissed-note").textContent(), /台账核实：本年新收 5 件/);
    assert.equal(await page.locator('#verdict .blocker-list li[data-code="A301"]').count(), 0, "A301 no longer blocks");
    assert.equal(await page.locator('#verdict .blocker-list li[data-code="A303"]').count(), 1, "A303 still does");
    assert.match(await page.textContent("#verdict"), /1 条已标记/);
    await screenshot(page, "review-marked.png");

    // An edit elsewhere (a sentence added to part 五) keeps the mark.
    await page.evaluate(() => {
      const ta = document.querySelector("#draft");
      const at = ta.value.lastIndexOf("\n", ta.value.indexOf("五、存在的主要问题及改进情况")) + 1;
      ta.focus();
      ta.setSelectionRange(at, at);
    });
    await page.keyboard.type("补充说明一句。\n");
    await until(page, () => document.querySelector("#draft").value.includes("补充说明一句。"));
    await page.waitForTimeout(300);
    assert.match(await a301Item(page).getAttribute("class"), /\bdismissed\b/);

    // Applying a fix elsewhere keeps it as well.
    const fixItem = page.locator(".finding-item:has(.finding[data-code=W702]) .apply-fix").first();
    await fixItem.click();
    await page.waitForSelector("#undo-fix");
    assert.match(await a301Item(page).getAttribute("class"), /\bdismissed\b/);

    // And a reload.
    await until(page, () => (localStorage.getItem("nianbao.marks") ?? "").includes("台账核实"));
    await page.reload();
    await page.waitForSelector("#draft");
    await a301(page).waitFor();
    assert.match(await a301Item(page).getAttribute("class"), /\bdismissed\b/);
    assert.equal((await summary(page)).dismissed, 1);

    // 撤销标记 counts it again.
    await a301Item(page).locator(".undismiss").click();
    await until(page, () => document.querySelector("#summary").dataset.dismissed === "0");
    assert.equal((await summary(page)).errors, before.errors);
    await until(page, () => localStorage.getItem("nianbao.marks") === null);
  });
});

test("export: CSV for Excel and WPS, JSON in the CLI's schema, both with the marks", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    await setNewNp(page, "5");
    await a301(page).waitFor();
    await markA301(page, "原文如此，已核对");
    const n = await page.locator(".finding").count();

    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    assert.match(csvDownload.suggestedFilename(), /^雁鸣湖镇2021年政府信息公开工作年度报告-检查结果\.csv$/);
    assert.match(csvDownload.url(), /^blob:/);
    const bytes = await readFile(await csvDownload.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a BOM");
    const csv = bytes.subarray(3).toString("utf8");
    const lines = csv.split("\r\n");
    assert.equal(
      lines[0],
      '"序号","严重程度","规则","规则名称","位置","说明","建议值","标记为不是问题","理由"',
    );
    assert.equal(lines.at(-1), "", "every row ends with CRLF");
    assert.equal(lines.length - 2, n, "one row per finding");
    const row = lines.find((l) => l.includes('"A301"') && l.includes("自然人列"));
    assert.ok(row, "the A301 row");
    assert.match(row, /^"\d+","错误","A301","表三各列新收加结转与办结加结转下年不相等","表三 自然人列","自然人列：第一项\(5\)/);
    assert.match(row, /,"是","原文如此，已核对"$/);
    const a306 = lines.find((l) => l.includes('"A306"'));
    assert.match(a306, /"提示","A306",.*,"0","",""$/, "A306 suggests 0");

    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
    assert.match(jsonDownload.suggestedFilename(), /检查数据\.json$/);
    const out = JSON.parse(await readFile(await jsonDownload.path(), "utf8"));
    assert.deepEqual(Object.keys(out), ["files"]);
    const file = out.files[0];
    for (const k of ["path", "error", "report", "diagnostics"]) assert.ok(k in file, k);
    assert.equal(file.error, null);
    assert.equal(file.report.title, "雁鸣湖镇2021年政府信息公开工作年度报告");
    assert.equal(file.report.year, 2021);
    assert.equal(file.report.table3.r01.np, 5);
    assert.deepEqual(Object.keys(file.report.table3.r01), ["np", "biz", "res", "ngo", "law", "oth", "tot"]);
    assert.equal(file.diagnostics.length, n);
    const d = file.diagnostics.find((x) => x.code === "A301" && x.cell?.col === "np");
    assert.deepEqual(Object.keys(d).slice(0, 9), [
      "code", "name", "severity", "message", "cell", "span", "help", "suggested_value", "related",
    ]);
    assert.deepEqual(d.dismissed, { reason: "原文如此，已核对" });
    assert.equal(file.diagnostics.filter((x) => "dismissed" in x).length, 1, "only the marked finding");
  });
});

test("print: an A4 review sheet with the verdict, findings and tables; the editor hidden", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    await setNewNp(page, "5");
    await a301(page).waitFor();
    await markA301(page, "已核对");
    assert.equal(await page.isVisible("#review-sheet"), false, "the sheet is for print only");
    // It is drawn only for printing (not on every check): the browser's own
    // print (Ctrl+P) announces itself with beforeprint, and afterprint clears it.
    const drawn = () => page.$$eval("#review-sheet *", (e) => e.length);
    assert.equal(await drawn(), 0, "not drawn while editing");
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await until(page, () => document.querySelectorAll("#review-sheet li, #review-sheet tr").length > 0);
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await until(page, () => document.querySelectorAll("#review-sheet *").length === 0);

    // 打印审查单 calls window.print().
    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => window.__printed++;
    });
    await page.click("#print-sheet");
    await until(page, () => window.__printed === 1);

    await page.emulateMedia({ media: "print" });
    assert.equal(await page.isVisible("#draft"), false, "no editor in print");
    assert.equal(await page.isVisible("#findings-heading"), false, "no findings panel in print");
    assert.equal(await page.isVisible("#export-csv"), false, "no controls in print");
    assert.equal(await page.isVisible("#review-sheet"), true);
    const sheet = await page.textContent("#review-sheet");
    assert.match(sheet, /雁鸣湖镇2021年政府信息公开工作年度报告/);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
    });
    assert.match(await page.textContent("#review-sheet .sheet-date"), new RegExp(today));
    assert.match(await page.textContent("#review-sheet .sheet-verdict"), /未通过/);
    const n = await page.evaluate(() => document.querySelectorAll("#summary").length);
    assert.equal(n, 1);
    const rows = await page.locator("#review-sheet .sheet-findings tbody tr").count();
    assert.ok(rows > 3, `findings listed: ${rows}`);
    const marked = page.locator('#review-sheet .sheet-findings tr.dismissed[data-code="A301"]');
    assert.equal(await marked.count(), 1);
    assert.match(await marked.textContent(), /不是问题：已核对/);
    assert.equal(await page.isVisible("#review-sheet #sheet-balance"), true);
    // The tables with their marked cells follow.
    assert.equal(await page.isVisible('td[data-cell="t3.r01.np"]'), true);
    assert.match(await page.getAttribute('td[data-cell="t3.r01.np"]', "class"), /\bcell-error\b/);

    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 2, `sheet and tables: ${pages} pages`);
    await page.emulateMedia({ media: "screen" });
    assert.equal(await page.isVisible("#draft"), true);
  });
});

test("dark scheme, a phone's width and 1366×768", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    const colours = () =>
      page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        ink: getComputedStyle(document.body).color,
        finding: getComputedStyle(document.querySelector(".finding")).backgroundColor,
        draft: getComputedStyle(document.querySelector("#draft")).backgroundColor,
      }));
    await page.emulateMedia({ colorScheme: "light" });
    const light = await colours();
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await colours();
    for (const k of Object.keys(light)) assert.notEqual(dark[k], light[k], `${k} changes in the dark`);
    const lum = (rgb) => {
      const [r, g, b] = rgb.match(/\d+/g).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    assert.ok(lum(dark.body) < 60 && lum(dark.ink) > 180, `dark page, light text: ${JSON.stringify(dark)}`);
    assert.ok(lum(light.body) > 200 && lum(light.ink) < 80);
    await screenshot(page, "dark.png");
    await page.emulateMedia({ colorScheme: "light" });

    // 1366×768: the panes side by side, nothing wider than the window.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1366));

    // A phone: no horizontal scrolling, with a broken table and the findings open.
    await page.setViewportSize({ width: 390, height: 844 });
    await setNewNp(page, "5");
    await a301(page).waitFor();
    await a301Item(page).locator(".dismiss-open").click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
    const verdictBox = await page.locator("#verdict").boundingBox();
    assert.ok(verdictBox.x >= 0 && verdictBox.x + verdictBox.width <= 390);
    await screenshot(page, "phone.png");
  });
});

test("清除本机保存的数据: asks first, then clears the draft, last year, settings and marks", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    await setNewNp(page, "5");
    await a301(page).waitFor();
    await markA301(page, "保留");
    await page.click("#settings > summary");
    await page.selectOption("#body-type", { index: 1 });
    await until(page, () =>
      ["nianbao.draft", "nianbao.marks", "nianbao.settings"].every((k) => localStorage.getItem(k) !== null),
    );
    await page.click("#local-data > summary");
    assert.match(await page.textContent("#local-data"), /不会上传/);
    assert.match(await page.textContent("#local-data"), /Content-Security-Policy/);

    // Cancelled: nothing changes.
    page.once("dialog", (d) => d.dismiss());
    await page.click("#clear-local");
    await page.waitForTimeout(200);
    assert.notEqual(await page.evaluate(() => localStorage.getItem("nianbao.draft")), null);

    // Confirmed: the page is the example again and nothing of ours is kept.
    let message = "";
    page.once("dialog", (d) => {
      message = d.message();
      d.accept();
    });
    await page.click("#clear-local");
    await page.waitForSelector("#clear-note");
    assert.match(message, /草稿.*上年年报.*设置.*标记/s);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("nianbao.")));
    assert.deepEqual(kept, []);
    assert.equal(await page.$eval("#draft", (ta) => ta.value), SEED_N);
    await page.waitForSelector('#summary[data-errors="0"]');
    assert.equal(await page.locator(".finding-item.dismissed").count(), 0);

    await page.reload();
    await page.waitForSelector('#summary[data-errors="0"]');
    assert.equal(await page.$eval("#draft", (ta) => ta.value), SEED_N);
    assert.equal(await page.$eval("#body-type", (s) => s.selectedIndex), 0);
  });
});
