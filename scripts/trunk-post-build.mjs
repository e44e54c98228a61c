// Trunk post-build hook (Trunk.toml): writes the hashed file name of the
// reader worker's loader into the page's loader tag, as
// data-nianbao-reader="./nianbao-reader-<hash>_loader.js", so that
// web/boot.js can start the worker when the page asks for it.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("trunk-post-build: TRUNK_STAGING_DIR is not set (run by Trunk)");
const loader = (await readdir(dir)).find((f) => /^nianbao-reader.*_loader\.js$/.test(f));
if (!loader) throw new Error(`trunk-post-build: no reader worker loader in ${dir}`);
const file = path.join(dir, "index.html");
const html = await readFile(file, "utf8");
if (!/data-nianbao-js=/.test(html)) throw new Error("trunk-post-build: no loader tag in index.html");
const out = html.replace(/data-nianbao-js=/, `data-nianbao-reader="./${loader}" data-nianbao-js=`);
await writeFile(file, out);
