// dist/ under a real web server: Debian's nginx on 127.0.0.1 with the
// documented configuration (deploy/nginx-site.conf). The wasm is served as
// application/wasm, the CSP arrives as a header, hashed files are cached, and
// the page checks the example with no request elsewhere and no console error.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { DIST, ROOT, openBrowser, until, visit } from "./harness.mjs";

const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";
let nginx;
let origin;
let prefix;

async function freePort() {
  const s = net.createServer();
  await new Promise((ok) => s.listen(0, "127.0.0.1", ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

before(async () => {
  prefix = mkdtempSync(path.join(tmpdir(), "nianbao-nginx-"));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
user root;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${DIST};
    include ${path.join(ROOT, "deploy/nginx-site.conf")};
  }
}
`,
  );
  nginx = spawn(NGINX, ["-p", prefix, "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "inherit", "inherit"] });
  nginx.on("error", (e) => {
    throw new Error(`cannot start ${NGINX} (scripts/setup.sh installs Debian's nginx): ${e.message}`);
  });
  // Wait until it answers.
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(origin + "/");
      if (r.ok) return;
    } catch {}
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error("nginx did not answer on " + origin);
});

after(async () => {
  nginx?.kill("SIGTERM");
  await new Promise((ok) => setTimeout(ok, 200));
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

test("nginx serves the wasm as application/wasm, the CSP as a header, hashed files cached", async () => {
  // The page's module (hashed); the reader worker's files keep fixed names
  // and are revalidated like index.html.
  const wasm = (await readdir(DIST)).find((f) => /^nianbao-web-[0-9a-f]{16}_bg\.wasm$/.test(f));
  const w = await fetch(`${origin}/${wasm}`, { headers: { "accept-encoding": "gzip" } });
  assert.equal(w.status, 200);
  assert.equal(w.headers.get("content-type"), "application/wasm");
  assert.match(w.headers.get("cache-control"), /immutable/);
  const page = await fetch(`${origin}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-security-policy"), /default-src 'none'.*connect-src 'self'.*frame-ancestors 'none'/);
  assert.equal(page.headers.get("cache-control"), "no-cache");
  const single = await fetch(`${origin}/nianbao.html`);
  assert.equal(single.status, 200);
  assert.equal(single.headers.get("content-security-policy"), null, "the single file keeps its own policy");
});

test("the page works under nginx with no request elsewhere", async () => {
  const b = await openBrowser(origin);
  try {
    await visit(b.page, origin);
    await until(b.page, () => document.querySelector("#summary")?.dataset.errors === "0", undefined, 30_000);
    // The file reader worker starts under the server's CSP header.
    await b.page.setInputFiles("#file-input", path.join(ROOT, "tests/fixtures/pdf/2024_huaian-shi.pdf"));
    await b.page.waitForSelector("#source", { timeout: 30_000 });
    assert.equal(await b.page.$("#file-error"), null);
    await b.page.waitForTimeout(100);
    assert.deepEqual(b.problems(), [], "requests to other origins, console or page errors");
  } finally {
    await b.close();
  }
});
