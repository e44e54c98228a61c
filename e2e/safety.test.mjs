// User text is rendered as text, never as HTML: a draft full of <script>,
// event attributes and javascript: links goes through every place the page
// shows text (the title, headings, row labels in the tables and in findings,
// messages, last year's report, the side-by-side view) and nothing runs;
// nor does anything in an uploaded web page or text file.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import { SEED, openBrowser, paste, serve, until, visit } from "./harness.mjs";

let server;
before(async () => {
  server = await serve();
});
after(async () => {
  await server?.close();
});

const HOSTILE = [
  `<script>window.__pwned = "script"</script>`,
  `<img src=x onerror="window.__pwned = 'onerror'">`,
  `<a href="javascript:window.__pwned = 'link'">点此</a>`,
  `<svg onload="window.__pwned = 'svg'"></svg>`,
];

/** The seed with hostile markup in its title, a heading, a paragraph and a table row label. */
function hostileDraft() {
  return SEED.replace(
    "# 雁鸣湖镇2021年政府信息公开工作年度报告",
    `# 雁鸣湖镇${HOSTILE[0]}2021年政府信息公开工作年度报告`,
  )
    .replace("### (一) 加强组织领导、完善制度建设", `### (一) 加强组织领导${HOSTILE[1]}`)
    .replace("现将雁鸣湖镇人民政府", `${HOSTILE[2]}现将雁鸣湖镇人民政府`)
    // A row label the form does not know: shown in an S106 finding.
    .replace("四、结转下年度继续办理", `四、结转下年度继续办理\n${HOSTILE[3]}\t\t1\t0\t0\t0\t0\t0\t1`);
}

test("hostile markup in a draft and in last year's report is shown as text and never runs", async () => {
  const b = await openBrowser(server.origin);
  try {
    const { page } = b;
    await visit(page, server.origin);
    await page.click("#clear");
    const draft = hostileDraft();
    await paste(page, draft);
    await until(page, () => document.querySelector("#summary")?.dataset.errors !== undefined);
    // Last year's report with the same markup, so the Y rules and the
    // side-by-side view show it too.
    await page.evaluate(() => {
      document.querySelector("#prev-panel").open = true;
    });
    await paste(page, draft.replace("2021年政府", "2020年政府"), "#prev");
    await until(page, () => document.querySelector('.finding[data-code="Y803"]'));
    // Open every finding and every rule link a user could click.
    const findings = await page.$$(".finding");
    assert.ok(findings.length > 0, "the hostile draft has findings");
    for (const f of findings.slice(0, 30)) {
      await f.click();
    }
    const compare = await page.$(".compare-open");
    if (compare) await compare.click();
    await page.waitForTimeout(300);

    const state = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      scripts: [...document.scripts].map((s) => s.src || "inline"),
      injected: document.querySelectorAll("img[onerror], svg[onload], a[href^='javascript:']").length,
      shown: document.body.innerText,
    }));
    assert.equal(state.pwned, null, "no hostile code ran");
    assert.equal(state.injected, 0, "no hostile element was created");
    assert.ok(
      state.scripts.every((s) => s !== "inline" && s.startsWith(server.origin)),
      `only the page's own scripts: ${state.scripts}`,
    );
    // The markup is on the page as text (in the title, the findings or the tables).
    assert.ok(state.shown.includes("<script>") || state.shown.includes("<svg"), "markup shown as text");
    await page.waitForTimeout(100);
    assert.deepEqual(b.problems(), [], "requests to other origins, console or page errors");
  } finally {
    await b.close();
  }
});

test("uploaded files full of markup are read as text and nothing in them runs", async () => {
  const b = await openBrowser(server.origin);
  try {
    const { page } = b;
    await visit(page, server.origin);
    // A web page whose script, handlers and links must never run, and whose
    // entity-escaped markup is the author's text (shown as text).
    const html = `<!DOCTYPE html><html><head><script>window.__pwned = "head"</script></head><body>
      <h1 onclick="window.__pwned='h1'">雁鸣湖镇2021年政府信息公开工作年度报告</h1>
      ${HOSTILE.join("\n")}
      <p>一、总体情况</p><p>正文 &lt;script&gt;window.__pwned = "escaped"&lt;/script&gt; 正文</p>
      <p>二、主动公开政府信息情况</p><iframe src="javascript:window.__pwned='iframe'"></iframe>
      <object data="javascript:window.__pwned='object'"></object></body></html>`;
    // And a text file with the same markup as its words.
    const text = hostileDraft();
    for (const [name, body] of [["恶意网页.html", html], ["恶意文本.txt", text]]) {
      await page.setInputFiles("#file-input", { name, mimeType: "application/octet-stream", buffer: Buffer.from(body) });
      await until(page, (n) => document.querySelector("#source .file-name")?.textContent === n, name, 30_000);
      for (const f of (await page.$$(".finding")).slice(0, 20)) await f.click();
      await page.waitForTimeout(200);
      const state = await page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        scripts: [...document.scripts].map((s) => s.src || "inline"),
        injected: document.querySelectorAll("img[onerror], svg[onload], a[href^='javascript:'], iframe, object").length,
        draft: document.querySelector("#draft").value,
      }));
      assert.equal(state.pwned, null, `${name}: no hostile code ran`);
      assert.equal(state.injected, 0, `${name}: no hostile element was created`);
      assert.ok(state.scripts.every((s) => s !== "inline"), `${name}: only the page's own scripts`);
      if (name.endsWith(".html")) {
        assert.ok(!state.draft.includes("window.__pwned = \"head\""), "the page's script is not in the text");
        assert.ok(state.draft.includes('<script>window.__pwned = "escaped"</script>'), "escaped markup is the author's text");
      }
    }
    assert.deepEqual(b.problems(), [], "requests to other origins, console or page errors");
  } finally {
    await b.close();
  }
});
