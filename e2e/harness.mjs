// The browser-test harness: serves dist/ on 127.0.0.1, drives Debian's Chromium
// headless through playwright-core, and fails a test on any request to another
// origin, any console error (a CSP violation is one) and any page error.

import http from "node:http";
import { readFile, stat, mkdir } from "node:fs/promises";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "../tools/node_modules/playwright-core/index.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = path.join(ROOT, "dist");
export const OUT = path.join(ROOT, "e2e", "out");
export const SEED = await readFile(path.join(ROOT, "tests/fixtures/text/seed.txt"), "utf8");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` on 127.0.0.1 at a random port. Nothing is cached, unless
 * `cache` is set: then files with a content hash in their name are cached
 * for a year and the rest revalidated, as deploy/nginx-site.conf does.
 */
export async function serve(dir = DIST, { cache = false } = {}) {
  await stat(path.join(dir, "index.html")).catch(() => {
    throw new Error(`${dir}/index.html is missing: build the page first (scripts/build-web.sh)`);
  });
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith("/")) rel += "index.html";
      const file = path.resolve(dir, "." + rel);
      if (!file.startsWith(dir + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file);
      const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file);
      res.writeHead(200, {
        "content-type": MIME[path.extname(file)] ?? "application/octet-stream",
        "cache-control": !cache ? "no-store" : hashed ? "public, max-age=31536000, immutable" : "no-cache",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A fresh browser profile (its own user-data dir) on a 1366×768 window.
 * Records every problem; `problems()` lists them.
 */
export async function openBrowser(origin, { route = true } = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "nianbao-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 768 },
    locale: "zh-CN",
  });
  const seen = [];
  const allowed = (url) =>
    url.startsWith(origin + "/") || url === origin || url.startsWith("data:") || url.startsWith("blob:");
  // Nothing leaves the machine: any other request is refused and recorded.
  // (Routing turns the browser's HTTP cache off: `route: false` keeps it,
  // for timing a repeat visit; requests elsewhere are still recorded.)
  if (route) {
    await context.route("**/*", (r) => {
      const url = r.request().url();
      if (allowed(url)) return r.continue();
      seen.push(`request to another origin: ${url}`);
      return r.abort();
    });
  }
  context.on("request", (req) => {
    if (!allowed(req.url())) seen.push(`request to another origin: ${req.url()}`);
  });
  const watch = (page) => {
    page.on("console", (m) => {
      if (m.type() === "error") seen.push(`console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => seen.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => {
      if (allowed(r.url())) seen.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) seen.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    problems: () => [...new Set(seen)],
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the page and waits until the app has mounted. */
export async function visit(page, origin) {
  await page.goto(origin + "/");
  await page.waitForSelector("#draft", { timeout: 30_000 });
}

/** Polls `fn` (in the page) until it returns truthy; returns its value. */
export async function until(page, fn, arg, timeout = 5_000) {
  const handle = await page.waitForFunction(fn, arg, { timeout, polling: 50 });
  return handle.jsonValue();
}

/**
 * Pastes `text` into a textarea (#draft unless `selector` says otherwise)
 * with a synthetic (untrusted) paste event.
 */
export async function paste(page, text, selector = "#draft") {
  await page.evaluate(
    ([t, sel]) => {
      const ta = document.querySelector(sel);
      ta.focus();
      const dt = new DataTransfer();
      dt.setData("text/plain", t);
      ta.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    },
    [text, selector],
  );
}

export async function screenshot(page, name) {
  await mkdir(OUT, { recursive: true });
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  return file;
}
