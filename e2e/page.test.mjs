// The page end to end, in headless Chromium: `node --test e2e/` (or e2e/run.sh).
// Each test gets a fresh browser profile; every test fails on a request to
// another origin, a console error or a page error (see harness.mjs).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import { SEED, openBrowser, paste, screenshot, serve, until, visit } from "./harness.mjs";

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
    // Give late console messages a moment to arrive.
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
  }));

/** Selects the 自然人 value of 一、本年新收 in the textarea (UTF-16 offsets). */
async function selectNewNp(page) {
  return page.evaluate(() => {
    const ta = document.querySelector("#draft");
    const v = ta.value;
    const line = v.indexOf("一、本年新收政府信息公开申请数量");
    if (line < 0) throw new Error("row 一、本年新收 not in the draft");
    const m = /[\t ]+(\d+)/.exec(v.slice(line + "一、本年新收政府信息公开申请数量".length));
    const start = line + "一、本年新收政府信息公开申请数量".length + m.index + m[0].length - m[1].length;
    ta.focus();
    ta.setSelectionRange(start, start + m[1].length);
    return v.slice(start, start + m[1].length);
  });
}

test("first visit loads the example: no errors, three tables drawn", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    const value = await page.$eval("#draft", (ta) => ta.value);
    assert.equal(value, SEED.replace(/\r\n?/g, "\n"), "the example is in the textarea");
    await page.waitForSelector('#summary[data-errors="0"]');
    assert.equal((await summary(page)).errors, 0);
    assert.equal(await page.locator('td[data-cell^="t3."]').count(), 175, "175 value cells in 表三");
    assert.equal(await page.locator('td[data-cell^="t4."]').count(), 15, "15 value cells in 表四");
    assert.equal(await page.locator('td[data-cell^="t2."]').count(), 10, "10 value cells in 表二");
    // The official layout's merged cells.
    const spans = await page.evaluate(() => {
      const th = (text) =>
        [...document.querySelectorAll(".pane-tables th")].find((e) => e.textContent.trim() === text);
      const s = (text) => {
        const e = th(text);
        return e ? [e.rowSpan, e.colSpan] : null;
      };
      return {
        results: s("三、本年度办理结果"),
        applicants: s("申请人情况"),
        legal: s("法人或其他组织"),
        np: s("自然人"),
        review: s("行政复议"),
        suit: s("行政诉讼"),
        refused: s("（三）不予公开"),
        caption: s("第二十条第（一）项"),
        corner: [...document.querySelectorAll("th.corner")].map((e) => [e.rowSpan, e.colSpan])[0],
      };
    });
    assert.deepEqual(spans, {
      results: [22, 1],
      applicants: [1, 7],
      legal: [1, 5],
      np: [2, 1],
      review: [1, 5],
      suit: [1, 10],
      refused: [8, 1],
      caption: [1, 4],
      corner: [3, 3],
    });
    assert.match(await page.textContent(".local-note"), /不会上传/);
    await screenshot(page, "first-visit.png");
  });
});

test("paste the example, then break 表三: A301, A303 and A306 point at the cell", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.click("#clear");
    assert.equal(await page.$eval("#draft", (ta) => ta.value), "");
    await until(page, () => document.querySelector("#message")?.textContent.includes("请粘贴"));

    await paste(page, SEED);
    await page.waitForSelector('#summary[data-errors="0"]');
    assert.equal(await page.$eval("#draft", (ta) => ta.value), SEED.replace(/\r\n?/g, "\n"));

    assert.equal(await selectNewNp(page), "0");
    await page.keyboard.type("5");
    const a301 = page.locator(".finding[data-code=A301]");
    await a301.first().waitFor();
    assert.match(await a301.first().textContent(), /自然人/);
    assert.equal(await a301.first().getAttribute("data-severity"), "error");

    for (const key of ["t3.r01.np", "t3.r02.np", "t3.r24.np", "t3.r25.np"]) {
      const cls = await page.getAttribute(`td[data-cell="${key}"]`, "class");
      assert.match(cls, /\bcell-error\b/, `${key} is marked as an error: ${cls}`);
    }
    const r01 = page.locator('td[data-cell="t3.r01.np"]');
    assert.equal(await r01.getAttribute("tabindex"), "0");
    assert.match(await r01.getAttribute("title"), /A301/);

    const a303 = page.locator('.finding[data-code=A303][data-where^="t3.r01"]');
    assert.equal(await a303.count(), 1, "one A303 on row r01");
    const a306 = page.locator('.finding[data-code=A306][data-where="t3.r01.np"]');
    assert.equal(await a306.count(), 1, "A306 names t3.r01.np");
    assert.equal(await a306.getAttribute("data-suggested"), "0");
    assert.equal(await a306.getAttribute("data-severity"), "info");
    assert.match(await a306.textContent(), /建议值：0/);

    // Scroll the tables away, then let the finding bring the cell back.
    await page.$eval(".pane-tables", (p) => (p.scrollTop = p.scrollHeight));
    await a301.first().click();
    const focused = await until(page, () => {
      const el = document.activeElement;
      if (!el || el.tagName !== "TD" || !el.classList.contains("flash")) return null;
      const r = el.getBoundingClientRect();
      const inView = r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
      return inView ? el.dataset.cell : null;
    });
    assert.match(focused, /^t3\.r\d\d\.np$/, "the A301 cell is focused and in view");
    // Focus shows the tooltip listing the findings.
    assert.equal(await page.locator("td:focus .tip").isVisible(), true);
    await page.waitForTimeout(400); // let the smooth scroll settle
    await screenshot(page, "a301.png");

    // Enter on a finding works as well (findings are buttons).
    await page.focus(".finding[data-code=A306]");
    await page.keyboard.press("Enter");
    await until(page, () => document.activeElement?.dataset?.cell === "t3.r01.np");
  });
});

test("bad input: junk, then 5 MB; the page stays responsive and keeps the text", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.click("#clear");
    await page.focus("#draft");
    const junk = "qwertyuiop asdfghjkl zxcvbnm 1234567890 !@#$%^&*()";
    assert.equal(junk.length, 50);
    await page.keyboard.type(junk);
    await until(page, () => document.querySelector("#message")?.textContent.includes("未识别到年报内容"));
    assert.equal(await page.locator(".finding").count(), 0);

    await page.click("#clear");
    const big = await page.evaluate(() => {
      const unit = "第二十条第（一）项 信息内容 本年制发件数 0 0 0\n"; // mixed ASCII and CJK
      const n = Math.ceil((5 * 1024 * 1024) / new TextEncoder().encode(unit).length);
      window.__big = unit.repeat(n);
      return { chars: window.__big.length, bytes: new TextEncoder().encode(window.__big).length };
    });
    assert.ok(big.bytes > 5 * 1024 * 1024);
    await page.evaluate(() => {
      const ta = document.querySelector("#draft");
      ta.focus();
      const dt = new DataTransfer();
      dt.setData("text/plain", window.__big);
      ta.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    // The browser itself needs a moment to lay out 5 MB in the textarea; the
    // page adds no work of its own (the text is refused before parsing).
    await until(page, () => document.querySelector("#message")?.textContent.includes("文本过大"), undefined, 15_000);
    const t0 = Date.now();
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    assert.ok(Date.now() - t0 < 500, `responsive after the paste (${Date.now() - t0} ms)`);
    assert.equal(await page.$eval("#draft", (ta) => ta.value.length), big.chars, "the text is kept");
    assert.match(await page.textContent("#storage-note"), /未保存/);
    // Typing into the oversized text stays quick: the size check comes first.
    await page.focus("#draft");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("x");
    await until(page, () => document.querySelector("#draft").value.endsWith("x"));
    const t1 = Date.now();
    await page.evaluate(() => document.title);
    assert.ok(Date.now() - t1 < 1_000, "still responsive");

    // A file dropped on the page does not navigate away (the draft would be lost).
    const prevented = await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["PK"], "年报.docx"));
      const ev = new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true });
      document.querySelector(".pane-tables").dispatchEvent(ev);
      return ev.defaultPrevented;
    });
    assert.equal(prevented, true);
    // It is opened: two bytes are no Word document, and the message says so.
    await until(page, () => /年报\.docx.*损坏/.test(document.querySelector("#file-error")?.textContent ?? ""), null, 30_000);
    assert.equal(await page.$eval("#draft", (ta) => ta.value.length), big.chars + 1, "the draft is kept");
  });
});

test("a rule link opens the rule's documentation", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    // From a finding.
    await selectNewNp(page);
    await page.keyboard.type("5");
    const link = page.locator(".finding-item:has(.finding[data-code=A301]) .rule-link").first();
    await link.click();
    const dialog = page.locator("#rule-doc");
    await dialog.locator("h3", { hasText: "检查内容" }).waitFor();
    assert.equal(await dialog.evaluate((d) => d.open), true);
    assert.match(await dialog.locator("h2").textContent(), /A301/);
    const sections = await dialog.locator(".doc h3").allTextContents();
    for (const s of ["检查内容", "为什么", "示例", "依据"]) assert.ok(sections.includes(s), `section ${s}: ${sections}`);
    await screenshot(page, "rule-doc.png");
    await page.keyboard.press("Escape");
    await until(page, () => !document.querySelector("#rule-doc").open);
    // From the catalogue.
    await page.click(".catalogue summary");
    await page.click('.rule-entry[data-rule="S101"]');
    await dialog.locator("h3", { hasText: "检查内容" }).waitFor();
    assert.match(await dialog.locator("h2").textContent(), /S101/);
    await page.click("#rule-doc .close");
    await until(page, () => !document.querySelector("#rule-doc").open);
  });
});

test("a reload keeps the draft (localStorage)", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.focus("#draft");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n草稿末尾的补充说明。");
    const edited = await page.$eval("#draft", (ta) => ta.value);
    assert.ok(edited.endsWith("草稿末尾的补充说明。"));
    await until(page, () => localStorage.getItem("nianbao.draft")?.endsWith("补充说明。"));
    await page.reload();
    await page.waitForSelector("#draft");
    assert.equal(await page.$eval("#draft", (ta) => ta.value), edited);
    // 「载入示例」 replaces it, and the old draft can be restored.
    await page.click("#load-example");
    assert.equal(await page.$eval("#draft", (ta) => ta.value), SEED.replace(/\r\n?/g, "\n"));
    await page.click("#restore");
    assert.equal(await page.$eval("#draft", (ta) => ta.value), edited);
  });
});

test("a finding in the text selects its words in the draft", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    // Renumber part 五 as 七: S102 points at the heading in the text.
    await page.evaluate(() => {
      const ta = document.querySelector("#draft");
      const at = ta.value.indexOf("五、存在的主要问题及改进情况");
      ta.focus();
      ta.setSelectionRange(at, at + 1);
    });
    await page.keyboard.type("七");
    const s102 = page.locator('.finding[data-code=S102][data-where^="span:"]').first();
    await s102.waitFor();
    await page.$eval("#draft", (ta) => {
      ta.setSelectionRange(0, 0);
      ta.scrollTop = 0;
    });
    await s102.click();
    const selected = await until(page, () => {
      const ta = document.activeElement;
      if (ta?.id !== "draft" || ta.scrollTop === 0) return null;
      return ta.value.slice(ta.selectionStart, ta.selectionEnd);
    });
    assert.match(selected, /七、存在的主要问题及改进情况/);
  });
});

test("typing through an input method: the check waits for the composition to end", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await page.waitForSelector('#summary[data-errors="0"]');
    await selectNewNp(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "wu", selectionStart: 2, selectionEnd: 2 });
    await page.waitForTimeout(300);
    const during = await page.$eval("#draft", (ta) => ta.value);
    assert.match(during, /一、本年新收政府信息公开申请数量\s+wu/, "the composition is in the textarea");
    assert.equal(await page.getAttribute("#summary", "data-errors"), "0", "not checked mid-composition");
    await cdp.send("Input.insertText", { text: "5" });
    await page.locator(".finding[data-code=A301]").first().waitFor();
    const after = await page.$eval("#draft", (ta) => ta.value);
    assert.match(after, /一、本年新收政府信息公开申请数量\s+5\t/, "the committed text stays as typed");
  });
});
