// The batch review's speed for the README (measured, never asserted): 1,000
// generated reports (tests/fixtures/batch/generate.py, fixed seed, with 40 of
// last year) chosen at once in 「批量审查」, from choosing them to the summary
// with the rules across reports (H901 similarity, H902, Y pairs) done.
// Also the longest main-thread task seen meanwhile. Prints Markdown rows.
//
//   node e2e/measure-batch.mjs              (after scripts/build-web.sh)
//   KIND=docx COUNT=300 node e2e/measure-batch.mjs
//                                           Word input: copies of the filled template

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { ROOT, openBrowser, serve, visit } from "./harness.mjs";

const COUNT = Number(process.env.COUNT ?? 1000);
const KIND = process.env.KIND ?? "text";
const tmp = mkdtempSync(path.join(tmpdir(), "nianbao-measure-batch-"));
const server = await serve();
try {
  let files;
  if (KIND === "docx") {
    const docx = path.join(ROOT, "tests/fixtures/docx/filled-libreoffice.docx");
    files = Array.from({ length: COUNT }, (_, i) => {
      const f = path.join(tmp, `report-${i}.docx`);
      copyFileSync(docx, f);
      return f;
    });
  } else {
    execFileSync("python3", [path.join(ROOT, "tests/fixtures/batch/generate.py"), tmp, "--count", String(COUNT), "--prev", "40", "--seed", "7"]);
    const manifest = JSON.parse(readFileSync(path.join(tmp, "manifest.json"), "utf8"));
    files = [...manifest.reports, ...manifest.prev].map((r) => path.join(tmp, r.path));
  }
  const b = await openBrowser(server.origin);
  try {
    const { page } = b;
    await visit(page, server.origin);
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push([e.startTime, e.duration]))).observe({ type: "longtask" });
      window.addEventListener("change", () => { window.__handled = performance.now(); });
    });
    await page.click("#tab-batch");
    const t0 = Date.now();
    await page.setInputFiles("#batch-input", files);
    await page.waitForFunction(() => document.querySelector("#batch-summary")?.dataset.done === "true", undefined, { timeout: 900_000, polling: 50 });
    const s = (Date.now() - t0) / 1000;
    // Long tasks after the page's change handler returned: the task that
    // delivers the chosen files is mostly the browser's own work on them.
    const [long, selection] = await page.evaluate(() => [
      window.__longTasks.filter(([start]) => start >= window.__handled).map(([, d]) => d),
      window.__longTasks.filter(([start]) => start < window.__handled).map(([, d]) => d),
    ]);
    const summary = await page.textContent("#batch-summary");
    console.log(`| batch review in the page: ${files.length} ${KIND === "docx" ? ".docx" : "generated text"} reports read, checked, paired and compared (H901) | ${s.toFixed(1)} s, ${(files.length / s).toFixed(0)} reports/s | e2e/measure-batch.mjs |`);
    console.log(`| longest main-thread task during that batch (after the files are handed to the page) | ${Math.max(0, ...long).toFixed(0)} ms (${long.length} over 50 ms) | e2e/measure-batch.mjs |`);
    console.log(`| the browser's task delivering the ${files.length} chosen files (before the batch starts) | ${Math.max(0, ...selection).toFixed(0)} ms | e2e/measure-batch.mjs |`);
    console.log(`<!-- ${summary} -->`);
  } finally {
    await b.close();
  }
} finally {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
