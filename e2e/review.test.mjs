// The review tools of the page, end to end in headless Chromium: last year's
// report (Y rules, the side-by-side view of copied parts), the settings kept
// in localStorage, applying fixes with a preview and undo, and rule pages with
// their own address. Every test fails on a request to another origin, a
// console error or a page error (see harness.mjs).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import { SEED, openBrowser, paste, screenshot, serve, until, visit } from "./harness.mjs";

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

const draft = (page) => page.$eval("#draft", (ta) => ta.value);
const count = (page, code) => page.locator(`.finding[data-code=${code}]`).count();
const storedSettings = (page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("nianbao.settings") ?? "null"));

/**
 * Last year's report: the example as the 2020 report (its title only), with
 * 3 applications carried over to the next year (自然人 and 总计 of 四、结转下年度).
 */
function lastYear() {
  const titled = SEED_N.replace("雁鸣湖镇2021年", "雁鸣湖镇2020年");
  assert.notEqual(titled, SEED_N);
  const carried = titled.replace(/^四、结转下年度继续办理.*$/m, (line) => {
    const cells = line.split("\t");
    const values = cells.flatMap((c, i) => (/^\d+$/.test(c.trim()) ? [i] : []));
    assert.equal(values.length, 7, `seven values in: ${line}`);
    cells[values[0]] = "3";
    cells[values[6]] = "3";
    return cells.join("\t");
  });
  assert.notEqual(carried, titled);
  return carried;
}

/** Selects the 自然人 value of 一、本年新收 in the draft (UTF-16 offsets). */
async function selectNewNp(page) {
  return page.evaluate(() => {
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
}

test("last year's report: Y801 at the carry-over cell, Y803 shows both texts side by side", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    assert.equal(await page.locator(".finding[data-code^=Y]").count(), 0, "no Y rule without last year");
    assert.equal(await page.getAttribute("#prev-panel", "open"), null, "collapsed while empty");

    await page.click("#prev-panel > summary");
    await paste(page, lastYear(), "#prev");
    assert.equal(await page.$eval("#prev", (ta) => ta.value), lastYear());

    const y801 = page.locator(".finding[data-code=Y801]");
    await y801.waitFor();
    assert.equal(await y801.count(), 1);
    assert.equal(await y801.getAttribute("data-where"), "t3.r02.np");
    assert.match(await y801.textContent(), /2020年度/);
    assert.match(await page.getAttribute('td[data-cell="t3.r02.np"]', "class"), /\bcell-warning\b/);
    assert.match(await page.textContent("#prev-status"), /已识别「雁鸣湖镇2020年/);

    // The narrative is last year's word for word: Y803, with the parts side by side.
    const y803 = page.locator(".finding-item:has(.finding[data-code=Y803])");
    await y803.waitFor();
    await y803.locator(".compare-open").click();
    const dialog = page.locator("#compare");
    await dialog.locator(".compare-part").first().waitFor();
    assert.equal(await dialog.evaluate((d) => d.open), true);
    const part = dialog.locator('.compare-part[data-part="1"]');
    assert.match(await part.locator("h3").textContent(), /一、总体情况/);
    const now = await part.locator(".compare-now .compare-text").textContent();
    const before = await part.locator(".compare-prev .compare-text").textContent();
    for (const text of [now, before]) {
      assert.match(text, /一是成立政务公开工作专项领导小组/);
      assert.match(text, /雁鸣湖镇2021年按照根据信息公开工作相关规定/);
    }
    assert.match(await part.locator(".compare-now h4").textContent(), /本年（2021年度）/);
    assert.match(await part.locator(".compare-prev h4").textContent(), /上年（2020年度）/);
    assert.ok((await part.locator("mark.same").count()) > 5, "shared sentences are marked");
    assert.equal(
      await dialog.locator(".compare-text *:not(mark)").count(),
      0,
      "the texts are text nodes and marks only",
    );
    await screenshot(page, "compare.png");
    await page.keyboard.press("Escape");
    await until(page, () => !document.querySelector("#compare").open);

    // Kept for the next visit.
    await until(page, () => localStorage.getItem("nianbao.prev")?.includes("雁鸣湖镇2020年"));
    await page.reload();
    await page.waitForSelector("#draft");
    await page.locator(".finding[data-code=Y801]").waitFor();
    assert.equal(await page.$eval("#prev", (ta) => ta.value), lastYear());
    assert.notEqual(await page.getAttribute("#prev-panel", "open"), null, "open when it holds text");
    await page.click("#prev-clear");
    await until(page, () => !document.querySelector(".finding[data-code^=Y]"));
  });
});

test("settings: A301 switched off stays off after a reload; 恢复默认 brings it back", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    assert.equal(await selectNewNp(page), "0");
    await page.keyboard.type("5");
    await page.locator(".finding[data-code=A301]").first().waitFor();

    await page.click("#settings > summary");
    const select = page.locator("#rule-setting-A301");
    assert.match(await select.getAttribute("aria-label"), /A301/);
    assert.equal(await select.inputValue(), "default");
    await select.selectOption("off");
    await until(page, () => !document.querySelector(".finding[data-code=A301]"));
    assert.ok((await count(page, "A303")) > 0, "the other rules still run");
    assert.match(await page.textContent("#rules-off"), /关闭 1 条规则/);
    assert.match(await page.getAttribute('tr[data-rule="A301"]', "class"), /\bis-off\b/);
    assert.deepEqual((await storedSettings(page)).rules, { A301: "off" });
    await page.locator('tr[data-rule="A301"]').scrollIntoViewIfNeeded();
    await screenshot(page, "settings.png");

    await page.reload();
    await page.waitForSelector("#draft");
    await page.locator(".finding[data-code=A303]").first().waitFor();
    assert.equal(await count(page, "A301"), 0, "still off after the reload");
    // The rule table is drawn when the panel is opened.
    await page.click("#settings > summary");
    assert.equal(await page.locator("#rule-setting-A301").inputValue(), "off");

    await page.click("#reset-settings");
    await page.locator(".finding[data-code=A301]").first().waitFor();
    assert.equal(await page.locator("#rule-setting-A301").inputValue(), "default");
    assert.equal(await storedSettings(page), null, "the defaults are stored as nothing");
  });
});

test("settings: body type and publication date drive D502", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    await page.click("#settings > summary");
    await page.selectOption("#body-type", "department");
    await page.fill("#published", "2022-03-01");
    await until(page, () => JSON.parse(localStorage.getItem("nianbao.settings") ?? "{}").published === "2022-03-01");
    assert.deepEqual(await storedSettings(page), { body_type: "department", published: "2022-03-01" });
    // The example states its publication (「于2022年1月8日……公布」): the stated
    // date wins over the setting, and it is on time.
    assert.equal(await count(page, "D502"), 0);

    // Without that sentence the set date is used: after 1月31日, late.
    const unstated = SEED_N.replace(",并于2022年1月8日在本单位政府信息公开网站首页向社会进行了公布", "");
    assert.notEqual(unstated, SEED_N);
    await page.click("#clear");
    await paste(page, unstated);
    const d502 = page.locator(".finding[data-code=D502]");
    await d502.waitFor();
    const message = await d502.textContent();
    assert.match(message, /设置的发布日期2022年3月1日/);
    assert.match(message, /2022年1月31日/);
    assert.match(message, /县级以上人民政府部门/);

    // A 县级以上地方人民政府 has until 3月31日: on time.
    await page.selectOption("#body-type", "government");
    await until(page, () => !document.querySelector(".finding[data-code=D502]"));
    assert.match(await page.textContent("#settings > summary"), /已调整 2 项/);
  });
});

test("safe fixes: preview, apply, undo; a suggested fix from its finding", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    const w701 = await count(page, "W701");
    assert.ok(w701 > 0, "the example has half-width punctuation");
    const fixTitle = page.locator(".finding-item:has(.finding[data-code=W701]) .fix-title").first();
    assert.ok((await fixTitle.textContent()).trim().length > 0, "a finding shows its fix");

    const button = page.locator("#apply-safe-fixes");
    const n = Number(await button.getAttribute("data-count"));
    assert.ok(n > 0);
    assert.equal((await button.textContent()).trim(), `应用全部安全修正（${n} 处）`);

    // Cancel first, by keyboard and by 「取消」: nothing changes.
    const dialog = page.locator("#fix-preview");
    await button.focus();
    await page.keyboard.press("Enter");
    await dialog.locator(".diff-item").first().waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.closest("dialog")?.id), "fix-preview");
    await page.keyboard.press("Escape");
    await until(page, () => !document.querySelector("#fix-preview").open);
    await button.click();
    await dialog.locator(".diff-item").first().waitFor();
    await page.click("#fix-cancel");
    await until(page, () => !document.querySelector("#fix-preview").open);
    assert.equal(await draft(page), SEED_N);

    await button.click();
    await dialog.locator(".diff-item").first().waitFor();
    assert.equal(await dialog.evaluate((d) => d.open), true);
    assert.match(await dialog.locator(".fix-summary").textContent(), new RegExp(`将修改 ${n} 处`));
    const item = dialog.locator(".diff-item", { hasText: "机构,办公" }).first();
    assert.match(await item.locator(".diff-before").textContent(), /日常工作机构,办公室设在党政办/);
    assert.match(await item.locator(".diff-after").textContent(), /日常工作机构，办公室设在党政办/);
    assert.ok((await item.locator(".diff-before del").allTextContents()).includes(","));
    assert.ok((await item.locator(".diff-after ins").allTextContents()).includes("，"));
    await screenshot(page, "fix-preview.png");

    await page.click("#fix-apply");
    await until(page, () => !document.querySelector("#draft").value.includes("机构,办公"));
    assert.match(await draft(page), /日常工作机构，办公室设在党政办/);
    await until(page, () => !document.querySelector(".finding[data-code=W701]"));
    assert.equal(await count(page, "W701"), 0);
    await until(page, () => document.activeElement?.id === "undo-fix");
    await screenshot(page, "fixes-applied.png");

    await page.click("#undo-fix");
    await until(page, () => document.querySelector("#draft").value.includes("机构,办公"));
    assert.equal(await draft(page), SEED_N);
    await until(page, (w) => document.querySelectorAll(".finding[data-code=W701]").length === w, w701);

    // A suggested fix, applied from its finding.
    const misused = page.locator(".finding-item", { hasText: "取的一定突破" });
    assert.equal(await misused.count(), 1);
    assert.match(await misused.locator(".f-fix").getAttribute("class"), /\bfix-suggested\b/);
    await misused.locator(".apply-fix").click();
    await until(page, () => document.querySelector("#draft").value.includes("取得一定突破"));
    await until(page, () => ![...document.querySelectorAll(".finding")].some((f) => f.textContent.includes("取的一定突破")));
    assert.equal((await draft(page)).length, SEED_N.length, "one character replaced");
    await page.click("#undo-fix");
    await until(page, () => document.querySelector("#draft").value.includes("取的一定突破"));
    assert.equal(await draft(page), SEED_N);
  });
});

test("rule pages: #rule/A306 opens on load; the catalogue lists every rule by family", async () => {
  await inBrowser(async (page) => {
    await page.goto(server.origin + "/#rule/A306");
    await page.waitForSelector("#draft", { timeout: 30_000 });
    const dialog = page.locator("#rule-doc");
    await dialog.locator("h3", { hasText: "检查内容" }).waitFor();
    assert.equal(await dialog.evaluate((d) => d.open), true);
    assert.match(await dialog.locator("h2").textContent(), /A306/);
    assert.equal(await dialog.locator(".permalink").getAttribute("href"), "#rule/A306");
    await screenshot(page, "rule-a306.png");
    await page.keyboard.press("Escape");
    await until(page, () => !document.querySelector("#rule-doc").open);
    assert.equal(await page.evaluate(() => location.hash), "", "closing drops the address");

    // The catalogue: every rule once, grouped by family; an entry opens the
    // rule and writes its address.
    await page.click("#catalogue > summary");
    const entries = page.locator("#catalogue .rule-entry");
    // Drawn once the panel is first opened.
    await entries.first().waitFor();
    const n = await entries.count();
    assert.ok(n >= 38, `${n} rules in the catalogue`);
    // Every rule of one report can be set; the rules across reports (H9xx)
    // run only on a batch and are listed, not set.
    await page.click("#settings > summary");
    await page.locator("select.rule-setting").first().waitFor();
    const settable = await page.locator("select.rule-setting").count();
    const batch = await page.locator('#catalogue .rule-entry[data-rule^="H9"]').count();
    assert.equal(batch, 2, "H901 and H902 are in the catalogue");
    assert.equal(n, settable + batch, "the settings' rules and the batch rules");
    const codes = await entries.evaluateAll((es) => es.map((e) => e.dataset.rule));
    assert.equal(new Set(codes).size, n, "each rule once");
    const families = await page.locator("#catalogue h3").allTextContents();
    assert.deepEqual(families, ["结构", "单元格", "表格勾稽", "正文与表格", "日期与主体", "必备内容", "文字规范", "跨年度", "跨报告"]);
    const y803 = page.locator('#catalogue li:has(.rule-entry[data-rule="Y803"])');
    assert.match(await y803.textContent(), /Y803.*正文与上年报告大量雷同.*警告.*copied-text/s);
    await page.locator('#catalogue .rule-entry[data-rule="Y803"]').scrollIntoViewIfNeeded();
    await screenshot(page, "catalogue.png");
    await y803.locator(".rule-entry").click();
    await dialog.locator("h3", { hasText: "检查内容" }).waitFor();
    assert.match(await dialog.locator("h2").textContent(), /Y803/);
    assert.equal(await page.evaluate(() => location.hash), "#rule/Y803");
    await page.click("#rule-doc .close");
    await until(page, () => !document.querySelector("#rule-doc").open);

    // An address typed into the location bar opens its rule as well.
    await page.evaluate(() => (location.hash = "#rule/C202"));
    await until(page, () => document.querySelector("#rule-doc").open);
    assert.match(await dialog.locator("h2").textContent(), /C202/);
  });
});
