// Page figures for the README (measured, never asserted): the gzipped size of
// what dist/index.html loads, the time from navigation to a checked example,
// and what a keystroke costs (the check and the DOM update it triggers).
// Run by scripts/measure.sh after a release build; prints Markdown rows.

import { readFile, readdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";

import { DIST, ROOT, serve, openBrowser, visit } from "./harness.mjs";

const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. Size: every file of dist/ the first load fetches, and apart the file
// reader (a worker the page loads only when a file is opened).
let raw = 0;
let gz = 0;
let readerRaw = 0;
let readerGz = 0;
for (const f of await readdir(DIST)) {
  // What index.html loads; nianbao.html is the separate single-file build.
  if (!/\.(html|js|wasm|css)$/.test(f) || f === "nianbao.html") continue;
  const body = await readFile(path.join(DIST, f));
  if (f.startsWith("nianbao-reader")) {
    readerRaw += body.length;
    readerGz += gzipSync(body, { level: 9 }).length;
    continue;
  }
  raw += body.length;
  gz += gzipSync(body, { level: 9 }).length;
}

// Opening a file: from choosing it to its text checked in the page (the first
// file also starts the reader worker).
const OPEN = [
  ["tests/fixtures/docx/filled-libreoffice.docx", "Word .docx (filled template)"],
  ["tests/fixtures/pdf/2024_huaian-shi.pdf", "PDF (淮安 2024)"],
];
const opens = Object.fromEntries(OPEN.map(([f]) => [f, []]));

const server = await serve();
const loads = [];
const keys = [];
const bigKeys = [];
const big = await readFile(path.join(ROOT, "tests/fixtures/text/2024_huaian-shi.layout.txt"), "utf8");
try {
  for (let i = 0; i < RUNS; i++) {
    const b = await openBrowser(server.origin);
    try {
      await visit(b.page, server.origin);
      await b.page.waitForSelector("#summary[data-errors]", { timeout: 30_000 });
      // Navigation start to the first checked example on screen.
      loads.push(await b.page.evaluate(() => performance.now()));
      const keystroke = (rounds) =>
        b.page.evaluate(async (rounds) => {
          const ta = document.querySelector("#draft");
          const next = () => new Promise((ok) => {
            const ch = new MessageChannel();
            ch.port1.onmessage = ok;
            ch.port2.postMessage(0);
          });
          const out = [];
          for (let k = 0; k < rounds; k++) {
            const t0 = performance.now();
            ta.value = ta.value + (k % 2 ? "。" : "，");
            ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "，" }));
            await next();
            out.push(performance.now() - t0);
          }
          return out;
        }, rounds);
      keys.push(...(await keystroke(10)));
      for (const [file] of OPEN) {
        const t0 = await b.page.evaluate(() => performance.now());
        await b.page.setInputFiles("#file-input", path.join(ROOT, file));
        await b.page.waitForFunction(
          (f) => document.querySelector("#source .file-name")?.textContent === f &&
            document.querySelector("#summary[data-errors]"),
          path.basename(file),
          { timeout: 60_000, polling: 10 },
        );
        opens[file].push((await b.page.evaluate(() => performance.now())) - t0);
      }
      await b.page.evaluate((t) => {
        const ta = document.querySelector("#draft");
        ta.value = t;
        ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "x" }));
      }, big);
      await b.page.waitForTimeout(300);
      bigKeys.push(...(await keystroke(10)));
    } finally {
      await b.close();
    }
  }
} finally {
  await server.close();
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
console.log(`| first page load, gzipped (html+js+wasm+css) | ${kb(gz)} (${kb(raw)} raw) | scripts/measure.sh |`);
console.log(`| file reader (loaded when a file is opened), gzipped | ${kb(readerGz)} (${kb(readerRaw)} raw) | scripts/measure.sh |`);
for (const [file, what] of OPEN) {
  console.log(`| open a file to checked: ${what}, median | ${ms(median(opens[file]))} | scripts/measure.sh |`);
}
console.log(`| navigation to checked example, headless Chromium, median of ${RUNS} | ${ms(median(loads))} | scripts/measure.sh |`);
console.log(`| one keystroke: check + DOM update, seed report, median | ${ms(median(keys))} | scripts/measure.sh |`);
console.log(`| one keystroke: check + DOM update, 淮安 2024 (${(Buffer.byteLength(big) / 1024).toFixed(0)} KB of text), median | ${ms(median(bigKeys))} | scripts/measure.sh |`);
