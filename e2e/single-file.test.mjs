// The single-file build (dist/nianbao.html, scripts/single-file.mjs) works
// opened straight from disk, with no server: the example is checked, a broken
// cell is found, and nothing but the file itself (and data: URLs) is loaded.
// A CSP violation would be a console error, which fails the test.

import { test } from "node:test";
import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { DIST, ROOT, openBrowser, until } from "./harness.mjs";

test("dist/nianbao.html works from file:// with no server and no connection", async () => {
  const file = path.join(DIST, "nianbao.html");
  await stat(file);
  const url = pathToFileURL(file).href;
  // The harness allows requests under this "origin": file:///… only.
  const b = await openBrowser("file://");
  try {
    const { page } = b;
    await page.goto(url);
    await page.waitForSelector("#draft", { timeout: 30_000 });
    await until(page, () => document.querySelector("#summary")?.dataset.errors === "0", undefined, 30_000);
    // Break 一、本年新收 自然人 and see A301 on that column.
    await page.evaluate(() => {
      const ta = document.querySelector("#draft");
      const line = "一、本年新收政府信息公开申请数量\t\t0";
      const at = ta.value.indexOf(line) + line.length - 1;
      ta.setRangeText("5", at, at + 1, "end");
      ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "5" }));
    });
    await until(page, () => document.querySelector('.finding[data-code="A301"]'));
    assert.match(await page.textContent('.finding[data-code="A301"]'), /自然人/);
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    assert.match(csp, /connect-src 'none'/);
    // The file reader is inlined too: a Word file opens from file:// with no server.
    await page.setInputFiles("#file-input", path.join(ROOT, "tests/fixtures/docx/filled-libreoffice.docx"));
    await page.waitForSelector("#source", { timeout: 30_000 });
    assert.equal(await page.$("#file-error"), null);
    assert.match(await page.$eval("#draft", (ta) => ta.value), /1011/);
    await page.waitForTimeout(100);
    assert.deepEqual(b.problems(), [], "requests, console or page errors");
  } finally {
    await b.close();
  }
});
