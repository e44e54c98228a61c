// Writes dist/nianbao.html: the whole page in one file that works opened
// straight from disk (file://), with no server. Run after `trunk build`
// (scripts/build-web.sh does).
//
// A browser will not fetch a .wasm or import a module from file://, so the
// wasm-bindgen glue goes into an inline module script, the WebAssembly module
// into it as base64, and the stylesheet into a <style>. The inline script and
// style are allowed by their SHA-256 hashes: the Content-Security-Policy still
// forbids every other script and style, and `connect-src 'none'` forbids any
// connection at all.

import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");

const html = await readFile(path.join(DIST, "index.html"), "utf8");
const attr = (name) => {
  const m = html.match(new RegExp(`${name}=["']?([^"' >]+)`));
  if (!m) throw new Error(`single-file: dist/index.html has no ${name}`);
  return m[1].replace(/^\.\//, "");
};
const glue = await readFile(path.join(DIST, attr("data-nianbao-js")), "utf8");
const wasm = await readFile(path.join(DIST, attr("data-nianbao-wasm")));
const cssName = html.match(/href=["']?\.\/([^"' >]+\.css)/)?.[1];
if (!cssName) throw new Error("single-file: dist/index.html links no stylesheet");
const css = await readFile(path.join(DIST, cssName), "utf8");

// The reader worker: its no-modules glue and module, named by its loader
// shim (`importScripts("./X.js");wasm_bindgen("./Y_bg.wasm");`).
const readerLoader = attr("data-nianbao-reader");
const shim = await readFile(path.join(DIST, readerLoader), "utf8");
const shimNames = shim.match(/importScripts\("\.\/([^"]+)"\);\s*wasm_bindgen\("\.\/([^"]+)"\)/);
if (!shimNames) throw new Error(`single-file: unexpected reader loader ${readerLoader}: ${shim}`);
const readerGlue = await readFile(path.join(DIST, shimNames[1]), "utf8");
const readerWasm = await readFile(path.join(DIST, shimNames[2]));
// In the worker, the first message carries the module's bytes.
const workerSource = `${readerGlue}
self.onmessage = (e) => { self.onmessage = null; wasm_bindgen({ module_or_path: e.data }); };
`;

if (!/\b__wbg_init\b/.test(glue)) {
  throw new Error("single-file: the wasm-bindgen glue has no __wbg_init (wasm-bindgen changed?)");
}
if (css.includes("</style")) throw new Error("single-file: the stylesheet contains </style");

// The glue is an ES module: kept whole in an inline module script (its exports
// are harmless there), then started with the bytes instead of a URL.
const script = `${glue}
;globalThis.nianbaoReader = () => {
  // The worker comes from a blob (a file:// page cannot start one from a
  // file); its module's bytes are decoded only when a file is opened.
  const source = ${JSON.stringify(workerSource)};
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const worker = new Worker(url);
  const b = atob("${readerWasm.toString("base64")}");
  const bytes = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);
  worker.postMessage(bytes, [bytes.buffer]);
  return worker;
};
;(async () => {
  try {
    const b = atob("${wasm.toString("base64")}");
    const bytes = new Uint8Array(b.length);
    for (let i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);
    await __wbg_init({ module_or_path: bytes });
  } catch (err) {
    const p = document.createElement("p");
    p.className = "boot-failed";
    p.textContent =
      "页面未能启动：浏览器可能版本过旧或禁用了 WebAssembly。请使用较新版本的 Chrome、Edge、Firefox 或 360/QQ 浏览器的极速模式。";
    document.body.prepend(p);
    throw err;
  }
})();
`;
if (script.includes("</script")) throw new Error("single-file: the glue contains </script");

const sha = (s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha(css)}`,
  "connect-src 'none'",
  // The file reader runs in a worker started from a blob of this page.
  "worker-src blob:",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join("; ");

let out = html
  // The policy of the served page allows 'self'; a file has no such origin.
  .replace(/<meta[^>]*Content-Security-Policy[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  // Nothing is fetched: no stylesheet link, no loader, no preloads.
  .replace(/<link[^>]*rel=["']?stylesheet[^>]*>/, `<style>${css}</style>`)
  .replace(/<script[^>]*data-nianbao-js[^>]*><\/script>/, "")
  .replace(/<link[^>]*rel=["']?(modulepreload|preload)[^>]*>/g, "");
for (const name of [attr("data-nianbao-wasm"), shimNames[2], readerLoader]) {
  if (out.includes(name)) throw new Error(`single-file: a reference to ${name} is left`);
}
// The script goes last in the body, after the markup it mounts into.
out = out.replace(/<\/body>/, `<script type="module">${script}</script></body>`);
if (!out.includes(`<script type="module">`)) {
  throw new Error("single-file: dist/index.html has no </body> to put the script before");
}

await writeFile(path.join(DIST, "nianbao.html"), out);
console.log(`single-file: dist/nianbao.html ${out.length} bytes`);
