// Page figures for the README (measured, never asserted): the gzipped size of
// what dist/index.html loads, the time from navigation to a checked example,
// and what a keystroke costs (the check and the DOM update it triggers).
// Run by scripts/measure.sh after a release build; prints Markdown rows.

import { readFile, readdir } from "node:fs/promises";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import path from "node:path";

import { DIST, ROOT, serve, openBrowser, visit } from "./harness.mjs";

const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. Size: every file of dist/ the first load fetches, and apart the file
// reader (a worker the page loads only when a file is opened).
let raw = 0;
let gz = 0;
let br = 0;
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
  br += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

// Opening a file: from choosing it to its text checked in the page (the first
// file also starts the reader worker).
const OPEN = [
  ["tests/fixtures/docx/filled-libreoffice.docx", "Word .docx (filled template)"],
  ["tests/fixtures/pdf/2024_huaian-shi.pdf", "PDF (淮安 2024)"],
];
const opens = Object.fromEntries(OPEN.map(([f]) => [f, []]));

// Timestamps taken in the page as things happen (polling from here would be
// late while the page is busy): the checked example in the DOM, then on
// screen (the frame after it), and the rendered document.
const markLoad = (page) =>
  page.addInitScript(() => {
    const marks = (globalThis.__nianbao = {});
    new MutationObserver((_, observer) => {
      if (!marks.checked && document.querySelector("#summary[data-errors]")) {
        marks.checked = performance.now();
        requestAnimationFrame(() => setTimeout(() => (marks.shown = performance.now()), 0));
      }
      if (!marks.document && document.querySelector("#doc-view .doc-page > *")) {
        marks.document = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
const loaded = (page) =>
  page.waitForFunction(() => globalThis.__nianbao?.shown && globalThis.__nianbao.document, null, {
    timeout: 30_000,
  });

const server = await serve();
const loads = [];
const docs = [];
const fromWasm = [];
const keys = [];
const changing = [];
const renders = [];
// The trace events of the browser's rendering of a frame.
const RENDERING = new Set(["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize"]);
// What a user types: a sentence of a report's narrative.
const TYPED = "本年度共收到政府信息公开申请并全部按期答复";
const bigKeys = [];
const big = await readFile(path.join(ROOT, "tests/fixtures/text/2024_huaian-shi.layout.txt"), "utf8");
try {
  for (let i = 0; i < RUNS; i++) {
    const b = await openBrowser(server.origin);
    try {
      await markLoad(b.page);
      await visit(b.page, server.origin);
      await loaded(b.page);
      // Navigation start to the first checked example on screen.
      const m = await b.page.evaluate(() => ({
        ...globalThis.__nianbao,
        wasm: performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"))?.responseEnd,
      }));
      loads.push(m.shown);
      // Our own part of it: from the wasm's last byte to the checked example
      // on screen (compiling, starting, checking, drawing). The rest is the
      // browser starting and fetching.
      fromWasm.push(m.shown - m.wasm);
      docs.push(m.document);
      const keystroke = (rounds, chars) =>
        b.page.evaluate(async ([rounds, chars]) => {
          const ta = document.querySelector("#draft");
          const next = () => new Promise((ok) => {
            const ch = new MessageChannel();
            ch.port1.onmessage = ok;
            ch.port2.postMessage(0);
          });
          const out = [];
          for (let k = 0; k < rounds; k++) {
            const t0 = performance.now();
            const ch = chars[k % chars.length];
            ta.value = ta.value + ch;
            ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: ch }));
            await next();
            out.push(performance.now() - t0);
            // Typing pace: the browser draws the frame before the next key.
            await new Promise((ok) => setTimeout(ok, 60));
          }
          return out;
        }, [rounds, chars]);
      // The browser's own work after each keystroke (style, layout, paint),
      // from a trace of the same typing.
      const cdp = await b.page.context().newCDPSession(b.page);
      const events = [];
      cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
      const traced = new Promise((ok) => cdp.once("Tracing.tracingComplete", ok));
      // V8 optimises the wasm as it runs: time typing once it has (the
      // first keystrokes after loading cost about twice as much).
      await keystroke(20, TYPED);
      keys.push(...(await keystroke(10, TYPED)));
      // (Traced apart: tracing slows the page's own work down.)
      await cdp.send("Tracing.start", { categories: "devtools.timeline", transferMode: "ReportEvents" });
      await keystroke(10, TYPED);
      await cdp.send("Tracing.end");
      await traced;
      const seen = new Set();
      let drawing = 0;
      for (const e of events) {
        if (e.ph !== "X" || !RENDERING.has(e.name) || seen.has(`${e.name}@${e.ts}`)) continue;
        seen.add(`${e.name}@${e.ts}`);
        drawing += e.dur / 1000;
      }
      renders.push(drawing / 10);
      // Punctuation typed twice over: each keystroke adds or removes a
      // finding, so the findings panel is drawn again every time.
      changing.push(...(await keystroke(10, "，。")));
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
      bigKeys.push(...(await keystroke(10, TYPED)));
    } finally {
      await b.close();
    }
  }
} finally {
  await server.close();
}

// A repeat visit, as from a server that caches the hashed files (as
// deploy/nginx-site.conf does): the browser's HTTP cache and V8's cache of
// the compiled wasm are warm. (No request routing here: it turns the cache off.)
const repeats = [];
const cached = await serve(DIST, { cache: true });
try {
  for (let i = 0; i < RUNS; i++) {
    const b = await openBrowser(cached.origin, { route: false });
    try {
      await markLoad(b.page);
      for (let visit_ = 0; visit_ < 3; visit_++) {
        await b.page.goto(cached.origin + "/");
        await loaded(b.page);
      }
      repeats.push(await b.page.evaluate(() => globalThis.__nianbao.shown));
      const problems = b.problems();
      if (problems.length) throw new Error(problems.join("\n"));
    } finally {
      await b.close();
    }
  }
} finally {
  await cached.close();
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
console.log(`| first page load, gzipped (html+js+wasm+css) | ${kb(gz)} (${kb(raw)} raw) | scripts/measure.sh |`);
console.log(`| first page load, brotli (servers that offer it) | ${kb(br)} | scripts/measure.sh |`);
console.log(`| file reader (loaded when a file is opened), gzipped | ${kb(readerGz)} (${kb(readerRaw)} raw) | scripts/measure.sh |`);
for (const [file, what] of OPEN) {
  console.log(`| open a file to checked: ${what}, median | ${ms(median(opens[file]))} | scripts/measure.sh |`);
}
console.log(`| navigation to the checked example on screen, headless Chromium, median of ${RUNS} | ${ms(median(loads))} | scripts/measure.sh |`);
console.log(`| of which from the wasm received (compile, start, check, draw, first frame), median | ${ms(median(fromWasm))} | scripts/measure.sh |`);
console.log(`| navigation to the checked example on screen, repeat visit (cached files), median | ${ms(median(repeats))} | scripts/measure.sh |`);
console.log(`| navigation to the rendered document added too (it follows the first frame), median | ${ms(median(docs))} | scripts/measure.sh |`);
console.log(`| one keystroke: check + DOM update, seed report, typing a sentence, median | ${ms(median(keys))} | scripts/measure.sh |`);
console.log(`| then the browser's style, layout and paint for that keystroke, seed report, median | ${ms(median(renders))} | scripts/measure.sh |`);
console.log(`| one keystroke that changes the findings (panel redrawn), seed report, median | ${ms(median(changing))} | scripts/measure.sh |`);
console.log(`| one keystroke: check + DOM update, 淮安 2024 (${(Buffer.byteLength(big) / 1024).toFixed(0)} KB of text), typing a sentence, median | ${ms(median(bigKeys))} | scripts/measure.sh |`);
