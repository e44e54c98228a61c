// Opening files in the page (issue 4, 5): the file picker, drag-and-drop and
// rich paste, read by the reader worker. Each file kind must give the same
// tables as the equivalent text pasted into the page; bad files get a clear
// message and leave the draft alone. Every test fails on a request to another
// origin, a console error or a page error (harness.mjs).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { ROOT, openBrowser, paste, serve, until, visit } from "./harness.mjs";

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

const fixture = (p) => path.join(ROOT, "tests/fixtures", p);

/** Every value cell of the three tables as the page shows it. */
const cells = (page) =>
  page.$$eval("td[data-cell]", (tds) =>
    Object.fromEntries(tds.map((td) => [td.dataset.cell, td.querySelector(".val")?.textContent ?? ""])),
  );

/** The tables the page shows for `text` pasted into an empty draft. */
async function tablesOfText(page, text) {
  await page.click("#clear");
  await paste(page, text);
  await until(page, (t) => document.querySelector("#draft").value === t, text.replace(/\r\n?/g, "\n"));
  await page.waitForSelector("#summary");
  return cells(page);
}

/** Opens a file with the file picker and waits until it is read. */
async function openFile(page, file) {
  await page.setInputFiles("#file-input", file);
  await until(
    page,
    (name) =>
      !document.querySelector("#reading") &&
      (document.querySelector("#file-error") ||
        document.querySelector("#source .file-name")?.textContent === name),
    path.basename(file),
    30_000,
  );
}

// Each file and the text it must read the same as (its tables).
const SAME_AS_TEXT = [
  ["docx/filled-libreoffice.docx", "text/seed_distinct.txt"],
  ["docx/filled-word-xml.docx", "text/seed_distinct.txt"],
  ["html/filled-libreoffice.html", "text/seed_distinct.txt"],
  ["html/gov-page-gbk.html", "text/seed_distinct.txt"],
  ["html/gov-page-gbk.mht", "text/seed_distinct.txt"],
  ["html/gov-page-utf8.html", "text/seed_distinct.txt"],
  ["xlsx/official-libreoffice.xlsx", "text/seed_distinct.txt"],
  ["xlsx/label-values.xlsx", "text/seed_distinct.txt"],
  ["text/seed_distinct.gbk.txt", "text/seed_distinct.txt"],
  ["pdf/2023_hongze-qu.pdf", "text/2023_hongze-qu.layout.txt"],
  ["pdf/2024_hongze-qu.pdf", "text/2024_hongze-qu.layout.txt"],
  ["pdf/2024_huaian-shi.pdf", "text/2024_huaian-shi.layout.txt"],
];

test("each file kind gives the same tables as its text, and says what it is", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    for (const [file, text] of SAME_AS_TEXT) {
      const expected = await tablesOfText(page, await readFile(fixture(text), "utf8"));
      assert.ok(Object.keys(expected).length > 150, `${text}: tables drawn`);
      await openFile(page, fixture(file));
      assert.equal(await page.$("#file-error"), null, `${file}: no error`);
      const shown = await page.$eval("#source", (el) => el.textContent);
      assert.ok(shown.includes(path.basename(file)), `${file}: its name is shown: ${shown}`);
      const got = await cells(page);
      assert.deepEqual(got, expected, `${file}: the same tables as ${text}`);
    }
  });
});

test("the Word template maps cell for cell to the three tables", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await openFile(page, fixture("docx/official-template-2021.docx"));
    assert.equal(await page.$("#file-error"), null);
    assert.match(await page.$eval("#source", (el) => el.textContent), /Word 文档/);
    assert.equal(await page.locator('td[data-cell^="t3."]').count(), 175, "175 value cells in 表三");
    assert.equal(await page.locator('td[data-cell^="t4."]').count(), 15, "15 value cells in 表四");
  });
});

test("findings of a PDF say the page they are on", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    await openFile(page, fixture("pdf/2023_hongze-qu.pdf"));
    await page.waitForSelector('.finding[data-code="A304"]');
    const where = await page.$eval('.finding[data-code="A304"] .f-file', (el) => el.textContent);
    assert.match(where, /^PDF 第 \d+ 页$/);
  });
});

test("a file dropped anywhere on the page is opened", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    const bytes = [...(await readFile(fixture("docx/filled-libreoffice.docx")))];
    await page.evaluate((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], "拖入的报告.docx"));
      const target = document.querySelector("header") ?? document.body;
      target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await page.waitForSelector("#source");
    assert.match(await page.$eval("#source", (el) => el.textContent), /拖入的报告\.docx/);
    const draft = await page.$eval("#draft", (ta) => ta.value);
    assert.match(draft, /1011/, "values of the dropped file are in the draft");
  });
});

test("rich paste from Word uses the table cells of the clipboard's HTML", async () => {
  await inBrowser(async (page) => {
    await visit(page, server.origin);
    const expected = await tablesOfText(page, await readFile(fixture("text/seed_distinct.txt"), "utf8"));
    const html = await readFile(fixture("html/word-clipboard.html"), "utf8");
    await page.click("#clear");
    await page.evaluate((h) => {
      const ta = document.querySelector("#draft");
      ta.focus();
      const dt = new DataTransfer();
      dt.setData("text/html", h);
      // What Word also puts on the clipboard: the tables' cells run together.
      dt.setData("text/plain", "表格文字（纯文本）");
      ta.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    }, html);
    await until(page, () => document.querySelector("#draft").value.length > 1000, null, 30_000);
    assert.deepEqual(await cells(page), expected);
    const draft = await page.$eval("#draft", (ta) => ta.value);
    assert.ok(!draft.includes("表格文字（纯文本）"), "the HTML was used, not the plain text");
  });
});

test("bad files get a clear message and leave the draft as it was", async () => {
  const big = path.join(tmpdir(), `nianbao-e2e-100mb-${process.pid}.pdf`);
  await writeFile(big, Buffer.alloc(100 * 1024 * 1024, 0x20));
  const cases = [
    ["truncated.docx", (await readFile(fixture("docx/filled-libreoffice.docx"))).subarray(0, 3000), /Word 文档.*损坏/],
    ["报告.doc", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64), Buffer.from("WordDocument", "utf16le")]), /旧版 Word 文档.*另存为/],
    ["加密.docx", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64), Buffer.from("EncryptedPackage", "utf16le")]), /密码/],
    ["扫描件.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), /PNG 图片/],
  ];
  try {
    await inBrowser(async (page) => {
      await visit(page, server.origin);
      const draft = await page.$eval("#draft", (ta) => ta.value);
      for (const [name, buffer, message] of cases) {
        await page.setInputFiles("#file-input", { name, mimeType: "application/octet-stream", buffer });
        await page.waitForSelector("#file-error", { timeout: 30_000 });
        const text = await page.$eval("#file-error", (el) => el.textContent);
        assert.ok(text.includes(name), `${name}: the message names the file: ${text}`);
        assert.match(text, message, name);
        assert.equal(await page.$eval("#draft", (ta) => ta.value), draft, `${name}: draft kept`);
      }
      const t0 = Date.now();
      await page.setInputFiles("#file-input", big);
      await until(page, () => /过大/.test(document.querySelector("#file-error")?.textContent ?? ""), null, 30_000);
      assert.ok(Date.now() - t0 < 30_000, "the 100 MB file is refused before it is read");
      assert.equal(await page.$eval("#draft", (ta) => ta.value), draft);
    });
  } finally {
    await rm(big, { force: true });
  }
});
