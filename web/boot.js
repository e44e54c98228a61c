// Starts the page. Trunk writes the hashed names of the wasm-bindgen glue and
// of the WebAssembly module into this script's tag (`pattern_script` in
// Trunk.toml). Loading from this file instead of Trunk's inline loader keeps
// inline scripts out of the page, so the Content-Security-Policy in
// index.html needs neither 'unsafe-inline' nor a hash.
const tag = document.querySelector("script[data-nianbao-js]");
// The page starts its file reader (a Web Worker) only when a file is opened.
globalThis.nianbaoReader = () =>
  new Worker(new URL(tag.dataset.nianbaoReader, document.baseURI));
try {
  const base = document.baseURI;
  const glue = await import(new URL(tag.dataset.nianbaoJs, base).href);
  await glue.default({ module_or_path: new URL(tag.dataset.nianbaoWasm, base) });
} catch (err) {
  const p = document.createElement("p");
  p.className = "boot-failed";
  p.textContent =
    "页面未能启动：浏览器可能版本过旧或禁用了 WebAssembly。请使用较新版本的 Chrome、Edge、Firefox 或 360/QQ 浏览器的极速模式。";
  document.body.prepend(p);
  throw err;
}
