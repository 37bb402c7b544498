// A project's .hadolint.yaml pasted into the Problems panel shapes the
// findings as it does for the CLI; a broken one is reported with its line
// and column and not applied.
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

test("a pasted .hadolint.yaml ignores rules, and survives a reload", async () => {
  const { page, context, errors } = await openPlayground(browser, server.url);
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  const rule = '#problems [data-rule="apt-install-recommends"]';
  assert.equal(await page.locator(rule).count(), 1, "the sample has a DL3015 finding");
  await page.locator(".lint-config summary").click();
  await page.fill("#lint-config", "ignored:\n  - DL3015\n");
  await page.waitForFunction((sel) => !document.querySelector(sel), rule);
  assert.equal(await page.locator("#lint-config-problems").count(), 0);
  await page.reload();
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  assert.equal(await page.inputValue("#lint-config"), "ignored:\n  - DL3015\n");
  assert.equal(await page.locator(rule).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a broken configuration shows where it is wrong and is not applied", async () => {
  const { page, context, errors } = await openPlayground(browser, server.url);
  await page.waitForSelector("#instructions .instruction", { timeout: 20000 });
  await page.locator(".lint-config summary").click();
  await page.fill("#lint-config", "ignored:\n  - DL3015\n override: [\n");
  const problem = page.locator("#lint-config-problems .problem.error");
  await problem.waitFor({ timeout: 10000 });
  assert.match(await problem.locator(".where").textContent(), /^\d+:\d+$/);
  assert.equal(await page.locator('#problems [data-rule="apt-install-recommends"]').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
