// The playground as a visitor meets it: it loads, shows what the parser
// found in the sample, and follows the text as it is edited.
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

/** The instruction list as [kind, first line] pairs. */
async function outline(page) {
  return page.$$eval("#instructions .instruction", (items) =>
    items.map((li) => [li.dataset.kind, Number(li.dataset.line)]),
  );
}

test("the page renders the sample and what the parser found in it", async () => {
  const { page, context, errors } = await openPlayground(browser, server.url);
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  assert.equal(await page.title(), "Layerlab — Dockerfile playground");
  const text = await page.inputValue("#dockerfile");
  assert.match(text, /^# syntax=docker\/dockerfile:1\nFROM python:3\.12-slim AS app\n/);
  assert.deepEqual(await outline(page), [
    ["FROM", 2],
    ["WORKDIR", 4],
    ["COPY", 5],
    ["RUN", 7],
    ["RUN", 8],
    ["RUN", 9],
    ["RUN", 11],
    ["ENV", 13],
    ["EXPOSE", 14],
    ["CMD", 15],
  ]);
  assert.equal(await page.textContent("#instruction-count"), "10");
  // The sample installs packages without --no-install-recommends on line 8.
  const finding = page.locator('#problems [data-rule="apt-install-recommends"]');
  assert.equal(await finding.locator(".where").textContent(), "8:5");
  assert.match(await finding.locator(".codes").textContent(), /DL3015/);
  assert.equal(await page.locator("#boot").count(), 0, "the loading message is gone");
  assert.deepEqual(errors, []);
  await context.close();
});

test("each RUN lists the commands it runs, as the core read them", async () => {
  const { page, context, errors } = await openPlayground(browser, server.url);
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  await page.fill(
    "#dockerfile",
    "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl \\\n && frobnicate --all\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n",
  );
  await page.waitForSelector('#instructions [data-command="frobnicate"]');
  const chips = await page.$$eval('#instructions [data-kind="RUN"] .command', (items) =>
    items.map((li) => [li.textContent, li.classList.contains("unknown")]),
  );
  assert.deepEqual(chips, [
    ["apt-get update", false],
    ["apt-get install", false],
    ["frobnicate", true],
  ]);
  assert.match(await page.textContent("#instructions .not-read"), /python3/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the instruction list follows the text as it is typed", async () => {
  const { page, context, errors } = await openPlayground(browser, server.url);
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  await page.fill("#dockerfile", "");
  await page.waitForSelector("#instructions", { state: "detached" });
  await page.type("#dockerfile", "FROM alpine:3.20\nRUN apk add \\\n    curl\nUSER app\n");
  await page.waitForFunction(() => document.querySelectorAll("#instructions .instruction").length === 3);
  assert.deepEqual(await outline(page), [
    ["FROM", 1],
    ["RUN", 2],
    ["USER", 4],
  ]);
  assert.match(await page.textContent('#instructions [data-kind="RUN"] .lines'), /lines 2.3/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("half-typed input keeps every other instruction and names the problem's line and column", async () => {
  const { page, context, errors } = await openPlayground(browser, server.url);
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  await page.fill("#dockerfile", "FROM debian:bookworm\nRUN <<EOF\napt-get update\n");
  await page.waitForSelector("#problems .problem");
  assert.deepEqual(await outline(page), [
    ["FROM", 1],
    ["RUN", 2],
  ]);
  const where = await page.textContent("#problems .problem .where");
  assert.match(where, /^2:\d+$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the rules page documents every rule with its codes", async () => {
  const { page, context, errors } = await openPlayground(browser, server.url);
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  await page.click("#rules-link");
  const rule = page.locator("#rule-apt-install-recommends");
  await rule.waitFor();
  assert.match(await rule.textContent(), /DL3015/);
  assert.deepEqual(await rule.locator("h4").allTextContents(), ["What it does", "Why it matters", "Example", "Fix"]);
  assert.match(await rule.locator("pre").first().textContent(), /apt-get install -y curl/);
  assert.ok((await page.locator("#rules .rule").count()) >= 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the text survives a reload", async () => {
  const { page, context } = await openPlayground(browser, server.url);
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  await page.fill("#dockerfile", "FROM scratch\nCOPY app /app\n");
  await page.waitForFunction(() => document.querySelectorAll("#instructions .instruction").length === 2);
  await page.reload();
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  assert.equal(await page.inputValue("#dockerfile"), "FROM scratch\nCOPY app /app\n");
  await context.close();
});

test("a wasm module that cannot load is reported on the page, not left loading", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto(server.url);
  await page.waitForSelector("#boot.boot-failed", { timeout: 20000 });
  assert.match(await page.textContent("#boot"), /could not start/);
  await context.close();
});
