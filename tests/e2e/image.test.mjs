// The simulation on the page: the Image panel's layers and totals, a
// layer's files, a rebuild scenario, the stage graph, and input that the
// simulation cannot make sense of.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPlayground, serveDist } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open() {
  const opened = await openPlayground(browser, server.url);
  await opened.page.waitForSelector("#image-stages .layer", { timeout: 20000 });
  return opened;
}

/** The layer rows of the Image panel as [line, cache state] pairs. */
async function cacheStates(page) {
  return page.$$eval("#image-stages .layer[data-line]", (rows) =>
    rows.map((li) => [Number(li.dataset.line), li.querySelector("[data-cache]").dataset.cache]),
  );
}

const row = (page, line) => page.locator(`#image-stages .layer[data-line="${line}"]`);

test("the Image panel draws the sample's layers with sizes and a wasted-bytes figure", async () => {
  const { page, context, errors } = await open();
  // One row per instruction after FROM: WORKDIR, COPY, 4 RUNs, ENV, EXPOSE, CMD.
  const lines = await page.$$eval("#image-stages .layer[data-line]", (rows) => rows.map((r) => Number(r.dataset.line)));
  assert.deepEqual(lines, [4, 5, 7, 8, 9, 11, 13, 14, 15]);
  // The apt-get install layer is large and its bar is the widest of the built steps.
  const install = row(page, 8);
  assert.match(await install.locator(".size").textContent(), /\d[\d.]* MB/);
  // Sizes that rest on an assumption (the requirements file's packages) are marked.
  assert.match(await row(page, 11).locator(".size").textContent(), /^≈\s*\d/);
  const widths = await page.$$eval("#image-stages .layer[data-line] .bar", (bars) =>
    bars.map((b) => b.getBoundingClientRect().width),
  );
  assert.ok(widths.every((w) => w >= 3), "tiny layers stay visible");
  const installWidth = await install.locator(".bar").evaluate((b) => b.getBoundingClientRect().width);
  assert.equal(installWidth, Math.max(...widths));
  // Config-only steps are markers, not bars.
  assert.equal(await row(page, 13).locator(".marker").count(), 1);
  assert.match(await row(page, 13).textContent(), /config only/);
  // The base image with its published layers and where the figures come from.
  assert.match(await page.textContent("#image-stages .base"), /python:3\.12-slim/);
  assert.ok((await page.locator("#image-stages .base-layer").count()) >= 1);
  // Totals, waste and dive's figure.
  assert.match(await page.textContent("#final-size"), /MB.*unpacked.*≈.*MB.*compressed/s);
  assert.match(await page.textContent("#wasted"), /\d.*B.*efficiency \d+(\.\d)? %/s);
  assert.match(await page.textContent("#dive-note"), /dive would report .*\d.*B/s);
  assert.ok((await page.locator("#largest-files li").count()) >= 1);
  // Every step of a first build is a cache hit.
  assert.ok((await cacheStates(page)).every(([, state]) => state === "hit"));
  // Bars can be drawn to the compressed size instead.
  await page.check("#bars-compressed");
  await page.waitForFunction(() => /≈/.test(document.querySelector('#image-stages .layer[data-line="4"] .fig').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a waste row points at the lines in the editor", async () => {
  const { page, context, errors } = await open();
  const link = page.locator("#waste .line-link").first();
  const label = await link.textContent();
  const line = Number(label.replace("line ", ""));
  await link.click();
  const selected = await page.$eval("#dockerfile", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  const text = await page.inputValue("#dockerfile");
  assert.equal(selected, text.split("\n")[line - 1]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("selecting a layer shows its changes, and the filesystem after it", async () => {
  const { page, context, errors } = await open();
  assert.equal(await page.locator("#files-empty").count(), 1);
  await row(page, 8).locator(".layer-row").click();
  await page.waitForSelector("#file-tree");
  assert.equal(await row(page, 8).locator(".layer-row").getAttribute("aria-pressed"), "true");
  assert.match(await page.textContent("#files-summary"), /\d+ added · \d+ modified · \d+ removed/);
  assert.ok((await page.locator("#file-tree .entry.added").count()) >= 1, "added paths are listed");
  assert.ok((await page.locator("#file-tree .entry.modified").count()) >= 1, "dpkg's status is copied up");
  // Directories fold.
  const dir = page.locator("#file-tree > li > .dir").first();
  const before = await page.locator("#file-tree .entry").count();
  await dir.click();
  assert.ok((await page.locator("#file-tree .entry").count()) < before);
  await dir.click();
  // Sorting by size puts the biggest top-level directory first.
  await page.check("#sort-size");
  const sizes = await page.$$eval("#file-tree > li > .size", (s) => s.map((e) => Number(e.dataset.bytes)));
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
  // The merged view holds the base image's files as well.
  await page.check("#files-merged");
  await page.waitForFunction(() => /visible after this step/.test(document.querySelector("#files-summary").textContent));
  assert.ok((await page.locator('#file-tree [data-path="/usr"]').count()) === 1);
  assert.equal(await page.locator("#file-tree .entry.added").count(), 0);
  // The COPY layer's changes are the context files.
  await row(page, 5).locator(".layer-row").click();
  await page.check("#files-changes");
  await page.waitForSelector('#file-tree [data-path="/app"]');
  // The FROM line opens what the stage starts from.
  await page.click("#image-stages .from-select");
  await page.waitForFunction(() => /base image/.test(document.querySelector("#files-summary").textContent));
  await page.check("#files-merged");
  // The base image's published layers are bundles: many files sized as one.
  await page.waitForSelector("#file-tree .entry.bundle");
  assert.equal(await page.locator('#file-tree [data-path="/app"]').count(), 0, "not there before WORKDIR");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a changed context file turns its COPY and every later step into rebuilds, and is remembered", async () => {
  const { page, context, errors } = await open();
  const files = await page.$$eval("#context-files tbody tr", (rows) => rows.map((r) => r.dataset.path));
  assert.ok(files.includes("requirements.txt"), `context lists requirements.txt: ${files}`);
  assert.ok((await page.locator("#context-files .tag.assumed").count()) >= 1, "inferred files are marked assumed");
  await page.check('#context-files tr[data-path="requirements.txt"] input.changed');
  await page.waitForFunction(() => document.querySelector('#image-stages .layer[data-line="5"] [data-cache]').dataset.cache === "rebuild");
  const states = Object.fromEntries(await cacheStates(page));
  assert.equal(states[4], "hit");
  for (const line of [5, 7, 8, 9, 11]) assert.equal(states[line], "rebuild", `line ${line}`);
  assert.match(await page.textContent("#steps-rebuilt"), /^5 of 6$/);
  assert.match(await page.textContent("#cache-summary"), /estimated from the time model/);
  assert.match(await row(page, 5).locator(".cache-reason").textContent(), /\S/);
  // The scenario survives a reload.
  await page.reload();
  await page.waitForSelector("#image-stages .layer", { timeout: 20000 });
  assert.ok(await page.isChecked('#context-files tr[data-path="requirements.txt"] input.changed'));
  assert.equal(await row(page, 11).locator("[data-cache]").getAttribute("data-cache"), "rebuild");
  // A bigger size is a different file too, and shows in the COPY layer.
  await page.uncheck('#context-files tr[data-path="requirements.txt"] input.changed');
  await page.fill('#context-files tr[data-path="file-01"] .size-input', "5 MB");
  await page.press('#context-files tr[data-path="file-01"] .size-input', "Enter");
  await page.waitForFunction(() => document.querySelector('#image-stages .layer[data-line="5"] [data-cache]').dataset.cache === "hit");
  await page.waitForFunction(() => /5\.\d+ MB/.test(document.querySelector('#image-stages .layer[data-line="5"] .size').textContent));
  assert.equal(await page.locator('#context-files tr[data-path="file-01"] .tag.assumed').count(), 0, "a size set is no longer assumed");
  await page.fill('#context-files tr[data-path="file-01"] .size-input', "lots");
  await page.press('#context-files tr[data-path="file-01"] .size-input', "Enter");
  await page.waitForSelector(".rebuild-panel .error");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a remembered build shows what an edit of the Dockerfile rebuilds", async () => {
  const { page, context, errors } = await open();
  await page.click("#remember-build");
  await page.waitForSelector("#forget-build");
  const text = await page.inputValue("#dockerfile");
  await page.fill("#dockerfile", text.replace("pip install -r requirements.txt", "pip install --no-cache-dir -r requirements.txt"));
  await page.waitForFunction(() => document.querySelector('#image-stages .layer[data-line="11"] [data-cache]').dataset.cache === "rebuild");
  // `COPY . /app` copies the Dockerfile too: editing it invalidates that COPY.
  let states = Object.fromEntries(await cacheStates(page));
  assert.equal(states[4], "hit");
  for (const line of [5, 7, 8, 9, 11]) assert.equal(states[line], "rebuild", `line ${line}`);
  assert.match(await page.textContent("#cache-summary"), /remembered build/);
  // With the Dockerfile ignored, only the edited step runs again.
  await page.fill("#dockerignore", "Dockerfile\n");
  await page.waitForFunction(() => document.querySelector('#image-stages .layer[data-line="5"] [data-cache]').dataset.cache === "hit");
  states = Object.fromEntries(await cacheStates(page));
  for (const line of [4, 5, 7, 8, 9]) assert.equal(states[line], "hit", `line ${line}`);
  assert.equal(states[11], "rebuild");
  assert.match(await page.textContent("#steps-rebuilt"), /^1 of 6$/);
  await page.click("#forget-build");
  await page.waitForFunction(() => document.querySelector('#image-stages .layer[data-line="11"] [data-cache]').dataset.cache === "hit");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a .dockerignore is applied, and its problems are named by line and column", async () => {
  const { page, context, errors } = await open();
  await page.fill("#dockerignore", "*.md\n  src/[a-\n");
  await page.waitForSelector("#dockerignore-problems .problem");
  assert.equal(await page.textContent("#dockerignore-problems .where"), "2:7");
  await page.fill("#dockerignore", "requirements.txt\n");
  await page.waitForSelector("#excluded-files");
  assert.match(await page.textContent("#excluded-files"), /requirements\.txt/);
  assert.equal(await page.locator('#context-files tr[data-path="requirements.txt"]').count(), 0);
  await page.fill("#dockerignore", "");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the stage graph links the stages and greys out the ones the target skips", async () => {
  const { page, context, errors } = await open();
  await page.fill(
    "#dockerfile",
    "FROM golang:1.23 AS build\nRUN echo x > /app\n\nFROM alpine:3.20 AS unused\nRUN echo y\n\nFROM build AS test\nRUN --mount=type=bind,from=build,target=/b cat /b/app\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n",
  );
  await page.waitForFunction(() => document.querySelectorAll("#stage-graph .node").length === 4);
  assert.equal(await page.getAttribute("#stage-graph .node.target", "data-stage"), "3");
  const skipped = await page.$$eval("#stage-graph .node.not-built", (n) => n.map((g) => g.dataset.stage));
  assert.deepEqual(skipped, ["1", "2"]);
  assert.equal(await page.locator("#stage-graph .edge").count(), 2);
  assert.match(await page.textContent("#stage-edges"), /COPY --from/);
  assert.equal(await page.locator('#image-stages .stage[data-stage="1"] [data-cache="skipped"]').count(), 2);
  // Building the test stage instead makes it the target.
  await page.selectOption("#target", "test");
  await page.waitForFunction(() => document.querySelector("#stage-graph .node.target")?.dataset.stage === "2");
  await page.selectOption("#target", "");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an unknown base image can be given a size", async () => {
  const { page, context, errors } = await open();
  await page.fill("#dockerfile", "FROM registry.example/mystery:1\nRUN echo hi > /greeting\n");
  await page.waitForSelector("#image-stages .badge.unknown");
  const input = page.locator('#image-stages input[aria-label="size of registry.example/mystery:1"]');
  await input.fill("80 MB");
  await input.press("Enter");
  await page.waitForFunction(() => /80\.0 MB/.test(document.querySelector("#image-stages .base").textContent));
  assert.match(await page.textContent("#final-size"), /≈/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("input the simulation cannot build shows messages, never a crash", async () => {
  const { page, context, errors } = await open();
  // A bare FROM names no image: the Image panel says so.
  await page.fill("#dockerfile", "FROM");
  await page.waitForFunction(() => /not an image reference/.test(document.querySelector("#image-stages .base").textContent));
  assert.equal(await page.locator("#image-stages .base input").count(), 0);
  for (const text of [
    "FROM\nRUN\nCOPY\n",
    "}}}} garbage ((( \u0000 \u2603\nRUN --mount=from= x\nCOPY --from=nowhere / /\n",
    "RUN echo before any FROM\n",
    "FROM scratch\nCOPY . .\nRUN rm -rf /\nWORKDIR ../../..\n",
    "",
  ]) {
    await page.fill("#dockerfile", text);
    await page.waitForFunction(
      (t) => document.querySelector("#dockerfile").value === t && document.querySelector(".image-panel"),
      text,
    );
    if (/garbage|before any/.test(text)) {
      await page.waitForSelector("#problems .problem");
      await page.waitForSelector("#image-empty");
    }
  }
  await page.waitForSelector("#image-empty");
  // The page still works afterwards.
  await page.fill("#dockerfile", "FROM alpine:3.20\nRUN apk add curl\n");
  await page.waitForSelector('#image-stages .layer[data-line="2"]');
  assert.deepEqual(errors, []);
  await context.close();
});
