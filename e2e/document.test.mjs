// The report rendered as a document (src/app/document.rs): findings
// underlined in place by severity, explaining themselves on hover, focus and
// tap, reachable by Tab; a finding clicked in the panel scrolls the document
// to its mark; marks dismissed as 「不是问题」 are not drawn. Then screenshots
// of the document, light and dark, compared with the reviewed references in
// e2e/references/ (UPDATE_SCREENSHOTS=1 writes them instead).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { inflateSync } from "node:zlib";
import path from "node:path";

import { ROOT, OUT, SEED, openBrowser, serve, until, visit } from "./harness.mjs";

const REFS = path.join(ROOT, "e2e", "references");
const UPDATE = process.env.UPDATE_SCREENSHOTS === "1";

let server;
before(async () => {
  server = await serve();
});
after(async () => {
  await server?.close();
});

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

// ------------------------------------------------------------ PNG (8-bit, non-interlaced)

/** Decodes an 8-bit RGB or RGBA non-interlaced PNG (as Chromium writes them) to RGBA. */
export function decodePng(buf) {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  sig.forEach((b, i) => {
    if (buf[i] !== b) throw new Error("not a PNG");
  });
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    at += 12 + len;
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9];
      if (depth !== 8 || data[12] !== 0 || (colorType !== 6 && colorType !== 2)) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${data[12]}`);
      }
    } else if (type === "IDAT") {
      idat.push(data);
    } else if (type === "IEND") {
      break;
    }
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = px.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? px.subarray((y - 1) * stride, y * stride) : null;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[x - bpp] : 0;
      const b = up ? up[x] : 0;
      const c = up && x >= bpp ? up[x - bpp] : 0;
      let v = line[x];
      switch (f) {
        case 0:
          break;
        case 1:
          v += a;
          break;
        case 2:
          v += b;
          break;
        case 3:
          v += (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`bad PNG filter ${f}`);
      }
      out[x] = v & 255;
    }
  }
  if (bpp === 4) return { width, height, data: px };
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0, j = 0; i < px.length; i += 3, j += 4) {
    rgba[j] = px[i];
    rgba[j + 1] = px[i + 1];
    rgba[j + 2] = px[i + 2];
    rgba[j + 3] = 255;
  }
  return { width, height, data: rgba };
}

/** The share of pixels differing by more than `threshold` in some channel. */
function differing(a, b, threshold = 32) {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let k = 0; k < 4; k++) {
      if (Math.abs(a.data[i + k] - b.data[i + k]) > threshold) {
        n++;
        break;
      }
    }
  }
  return n / (a.width * a.height);
}

/** Compares a screenshot with its reference (or writes the reference). */
async function matchesReference(png, name) {
  const ref = path.join(REFS, name);
  if (UPDATE) {
    await mkdir(REFS, { recursive: true });
    await writeFile(ref, png);
    return;
  }
  const expected = decodePng(await readFile(ref));
  const actual = decodePng(png);
  await mkdir(OUT, { recursive: true });
  await writeFile(path.join(OUT, `actual-${name}`), png);
  assert.deepEqual(
    [actual.width, actual.height],
    [expected.width, expected.height],
    `${name}: the size changed (actual in e2e/out/actual-${name})`,
  );
  const share = differing(actual, expected);
  assert.ok(
    share < 0.005,
    `${name}: ${(share * 100).toFixed(2)}% of pixels differ (actual in e2e/out/actual-${name})`,
  );
}

// ------------------------------------------------------------ the draft

/** The example with two planted defects: 表三 自然人 unbalanced (5 new
 * applications that went nowhere) and a half-width comma in part 一. */
function planted() {
  let t = SEED.replace(/\r\n?/g, "\n").replace("不断突破、优化。", "不断突破,优化。");
  const label = "一、本年新收政府信息公开申请数量";
  const at = t.indexOf(label);
  const m = /^([\t ]+)(\d+)/.exec(t.slice(at + label.length));
  const start = at + label.length + m[1].length;
  t = t.slice(0, start) + String(Number(m[2]) + 5) + t.slice(start + m[2].length);
  return t;
}

async function load(page, text) {
  await visit(page, server.origin);
  await page.waitForSelector("#summary[data-errors]");
  await page.evaluate((t) => {
    const ta = document.querySelector("#draft");
    ta.value = t;
    ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "x" }));
  }, text);
  await page.waitForSelector('.finding[data-code=A301][data-where="t3.np"]');
  await page.waitForSelector("#doc-view .doc-title");
}

/** The mark of the planted comma: the 「,」 before 「优化」. */
const plantedMark = (page) =>
  page.locator("#doc-view p.doc-para", { hasText: "不断突破,优化" }).locator("mark.doc-mark", { hasText: /^,$/ });

test("findings are marked in place, explain themselves and lead to the panel", async () => {
  await inBrowser(async (page) => {
    await load(page, planted());
    const doc = page.locator("#doc-view");
    // A region with a heading; the report's title, six parts and three tables.
    assert.equal(await doc.getAttribute("aria-labelledby"), "doc-view-heading");
    assert.match(await doc.locator("h2#doc-view-heading").textContent(), /排版预览/);
    assert.equal(await doc.locator("h1.doc-title").textContent(), "雁鸣湖镇2021年政府信息公开工作年度报告");
    assert.equal(await doc.locator("h2.doc-part").count(), 6);
    assert.equal(await doc.locator("h3.doc-heading").count() > 3, true);
    assert.equal(await doc.locator(".doc-table table.form").count(), 3);
    assert.equal(await doc.locator('td[data-doc-cell^="t3."]').count(), 175, "table 三 in the official layout");
    // The tables pane keeps the only data-cell keys.
    assert.equal(await page.locator('td[data-cell^="t3."]').count(), 175);
    assert.equal(await doc.locator("td[data-cell]").count(), 0);

    // The unbalanced cell is outlined as an error, in the document too.
    assert.match(await doc.locator('td[data-doc-cell="t3.r01.np"]').getAttribute("class"), /\bcell-error\b/);

    // The planted comma: a warning, wavy amber, with its rule and message.
    const comma = plantedMark(page);
    assert.equal(await comma.count(), 1);
    const cls = await comma.getAttribute("class");
    assert.match(cls, /\bmark-warning\b/);
    assert.equal(await comma.getAttribute("data-severity"), "warning");
    assert.match(await comma.getAttribute("data-codes"), /\bW701\b/);
    const title = await comma.getAttribute("title");
    assert.match(title, /^W701 警告：/);
    const style = await comma.evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.textDecorationLine, s.textDecorationStyle];
    });
    assert.deepEqual(style, ["underline", "wavy"]);
    // Severities: errors red, warnings amber, info blue (the W702 wording is a warning too).
    const severities = await doc.locator("mark.doc-mark").evaluateAll((ms) => [
      ...new Set(ms.map((m) => m.dataset.severity)),
    ]);
    assert.ok(severities.includes("warning"), String(severities));
    // Text only: the paragraph's children are text and marks, the marks text and their tooltip.
    assert.equal(await doc.locator("p.doc-para > :not(mark)").count(), 0);

    // Focus shows the tooltip (drawn from data-tip, so the text stays the
    // draft's); a hidden element with the same words describes the mark.
    const tipShown = () =>
      comma.evaluate((el) => getComputedStyle(el, "::after").content);
    assert.equal(await tipShown(), "none");
    await comma.focus();
    assert.match(await tipShown(), /W701 警告：/);
    assert.match(await comma.getAttribute("data-tip"), /^W701 警告：/);
    const described = await comma.getAttribute("aria-describedby");
    assert.match(await page.textContent(`#${described}`), /^W701 警告：/);
    assert.equal(await comma.getAttribute("tabindex"), "0");

    // Tab goes to the next mark in document order.
    const order = await doc.locator("mark.doc-mark").evaluateAll((ms) => ms.map((m) => m.getAttribute("aria-describedby")));
    const here = order.indexOf(await comma.getAttribute("aria-describedby"));
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-describedby")),
      order[here + 1],
      "Tab reaches the next mark",
    );

    // A click takes the user to the finding in the panel.
    await comma.click();
    await until(page, () => document.activeElement?.matches('.finding[data-code="W701"]'));

    // A finding clicked in the panel scrolls the document to its mark and highlights it.
    await page.$eval("#doc-view .doc-scroll", (s) => (s.scrollTop = 0));
    await page.locator('.finding[data-code=A301][data-where="t3.np"]').click();
    await until(page, () => document.querySelector('#doc-view td[data-doc-cell="t3.r01.np"].flash'));
    assert.ok((await page.$eval("#doc-view .doc-scroll", (s) => s.scrollTop)) > 0, "the document scrolled");
    const w702 = page.locator(".finding[data-code=W702]").first();
    await w702.click();
    await until(page, () => document.querySelector('#doc-view mark.doc-mark[data-codes~="W702"].flash'));

    // Dismissed (「不是问题」): the comma is no longer marked, and A301's cells
    // are no longer outlined, in the document or in the tables pane.
    const dismiss = async (item) => {
      await item.locator(".dismiss-open").click();
      await until(page, () => document.activeElement?.classList.contains("dismiss-reason"));
      await page.keyboard.type("台账核实");
      await page.keyboard.press("Enter");
    };
    const cells = () =>
      page.evaluate(() =>
        ['td[data-cell="t3.r01.np"]', '#doc-view td[data-doc-cell="t3.r01.np"]'].map((sel) => {
          const td = document.querySelector(sel);
          return `${td.className} | ${td.title}`;
        }),
      );
    // Three findings involve the cell: A301 (the column), A303 (the row), A306 (the cell).
    for (const c of await cells()) assert.match(c, /A301.*\n.*A303|A303.*\n.*A301/s);
    await dismiss(page.locator('.finding-item:has(.finding[data-code=A301][data-where="t3.np"])'));
    await until(page, () =>
      [document.querySelector('td[data-cell="t3.r01.np"]'), document.querySelector('#doc-view td[data-doc-cell="t3.r01.np"]')]
        .every((td) => !td.title.includes("A301 错误") && td.title.includes("A303 错误")),
    );
    await dismiss(page.locator(".finding-item:has(.finding[data-code=A303])"));
    await dismiss(page.locator(".finding-item:has(.finding[data-code=A306])"));
    await until(page, () =>
      [document.querySelector('td[data-cell="t3.r01.np"]'), document.querySelector('#doc-view td[data-doc-cell="t3.r01.np"]')]
        .every((td) => !td.classList.contains("marked") && !td.title),
    );
    for (const c of await cells()) assert.doesNotMatch(c, /cell-|A30\d /);
    // The planted comma's finding: the one its mark leads to.
    await comma.click();
    await until(page, () => document.activeElement?.matches('.finding[data-code="W701"]'));
    await dismiss(page.locator(".finding-item:has(.finding:focus)"));
    await until(page, () =>
      [...document.querySelectorAll("#doc-view p.doc-para")]
        .find((p) => p.textContent.includes("不断突破,优化"))
        ?.querySelectorAll("mark").length === 1,
    );
    assert.equal(await plantedMark(page).count(), 0, "the dismissed comma is not marked");
  });
});

test("screenshots of the rendered document, light and dark, match the references", async () => {
  await inBrowser(async (page) => {
    await load(page, planted());
    // No caret, no transitions or animations (through the CSSOM: the page's
    // Content-Security-Policy refuses inline style elements).
    await page.evaluate(() =>
      document.styleSheets[0].insertRule(
        "*, *::before, *::after { caret-color: transparent !important; transition: none !important; animation: none !important; }",
        document.styleSheets[0].cssRules.length,
      ),
    );
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.activeElement?.blur());
    const box = page.locator("#doc-view .doc-scroll");
    await page.$eval("#doc-view .doc-scroll", (s) => (s.scrollTop = 0));
    await page.evaluate(() => document.fonts.ready);
    await matchesReference(await box.screenshot({ type: "png" }), "document-light.png");

    // Table 三 with the unbalanced column, where the finding takes the document.
    await page.$eval('#doc-view td[data-doc-cell="t3.r01.np"]', (td) => {
      const s = document.querySelector("#doc-view .doc-scroll");
      let y = 0;
      for (let e = td; e && e !== s; e = e.offsetParent) y += e.offsetTop;
      s.scrollTop = y - 120;
    });
    await matchesReference(await box.screenshot({ type: "png" }), "document-table3-light.png");

    await page.emulateMedia({ colorScheme: "dark" });
    await page.$eval("#doc-view .doc-scroll", (s) => (s.scrollTop = 0));
    await page.waitForTimeout(50);
    await matchesReference(await box.screenshot({ type: "png" }), "document-dark.png");
  });
});
