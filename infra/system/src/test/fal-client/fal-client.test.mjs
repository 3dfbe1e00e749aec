// fal's own JavaScript client (@fal-ai/client, pinned by package-lock.json) against this API, in the two ways
// frontends use it: through the proxy route (proxyUrl) and directly (a requestMiddleware rewriting fal's hosts).
// Both send the key as fal's apps do (`credentials`, what FAL_KEY holds). Run by the JUnit test FalClientTest with
// STICKER_API_URL, STICKER_KEY and STICKER_PHOTO set; `node --test` exits non-zero on any failure.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ApiError, ValidationError, createFalClient } from "@fal-ai/client";

const API = (process.env.STICKER_API_URL ?? "").replace(/\/$/, "");
const PHOTO = process.env.STICKER_PHOTO;
const KEY = process.env.STICKER_KEY;
assert.ok(API, "STICKER_API_URL must name the API under test");
assert.ok(KEY, "STICKER_KEY must hold an API key, key_id:key_secret");
assert.ok(PHOTO, "STICKER_PHOTO must name a photo with a face");

const MODEL = "fal-ai/face-to-sticker";
const TIMEOUT = { timeout: 180_000 };
const photoBytes = readFileSync(PHOTO);
const photoBlob = () => new Blob([photoBytes], { type: "image/png" });
const dataUri = `data:image/png;base64,${photoBytes.toString("base64")}`;
const input = (imageUrl, extra = {}) => ({ image_url: imageUrl, prompt: "a person", image_size: "square", ...extra });

const direct = (credentials) => createFalClient({
  credentials,
  requestMiddleware: async (request) => ({
    ...request,
    url: request.url.replace(/^https:\/\/(queue\.fal\.run|rest\.fal\.ai)/, API),
  }),
});
const modes = {
  proxy: createFalClient({ credentials: KEY, proxyUrl: { url: `${API}/fal/proxy`, when: "always" } }),
  direct: direct(KEY),
};

after(() => {
  // Node's fetch keeps idle connections open; they must not hold the process up once the tests are done.
  setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
});

describe("keys", () => {
  test("a call without a key is refused with a 401 in fal's words", TIMEOUT, async () => {
    await assert.rejects(direct(undefined).queue.submit(MODEL, { input: input(dataUri) }), (error) => {
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.status, 401);
      assert.match(error.body.detail, /Authorization/);
      return true;
    });
  });

  test("an unknown key is refused with fal's own answer", TIMEOUT, async () => {
    const unknown = "00000000-0000-4000-8000-000000000000:" + "0".repeat(64);
    await assert.rejects(direct(unknown).queue.submit(MODEL, { input: input(dataUri) }), (error) => {
      assert.equal(error.status, 401);
      assert.equal(error.body.detail, "No user found for Key ID and Secret");
      return true;
    });
  });
});

for (const [mode, fal] of Object.entries(modes)) {
  describe(`${mode} mode`, () => {
    test("subscribe with logs reports queue updates and log lines, then the result", TIMEOUT, async () => {
      const updates = [];
      let enqueuedId;
      // The photo goes in as a Blob: the client uploads it through the storage upload first.
      const result = await fal.subscribe(MODEL, {
        input: input(photoBlob()),
        logs: true,
        onEnqueue: (requestId) => { enqueuedId = requestId; },
        onQueueUpdate: (update) => updates.push(update),
      });

      assert.ok(enqueuedId, "onEnqueue gave the request id");
      assert.equal(result.requestId, enqueuedId, "the result's request id comes from x-fal-request-id");
      const statuses = updates.map((u) => u.status);
      assert.ok(statuses.length >= 2, `several updates: ${statuses}`);
      assert.equal(statuses.at(-1), "COMPLETED");
      assert.ok(statuses.slice(0, -1).every((s) => s === "IN_QUEUE" || s === "IN_PROGRESS"),
        `updates before the end are IN_QUEUE or IN_PROGRESS: ${statuses}`);
      const messages = updates.flatMap((u) => u.logs ?? []).map((line) => line.message);
      assert.ok(messages.some((m) => m.startsWith("detecting face")), `log lines seen: ${messages}`);
      assertStickers(result.data);
    });

    test("queue.submit, status and result", TIMEOUT, async () => {
      const submitted = await fal.queue.submit(MODEL, { input: input(dataUri) });
      assert.equal(submitted.status, "IN_QUEUE");
      const requestId = submitted.request_id;

      const status = await fal.queue.status(MODEL, { requestId, logs: true });
      assert.ok(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"].includes(status.status), status.status);
      assert.ok(Array.isArray(status.logs));

      const done = await fal.queue.subscribeToStatus(MODEL, { requestId, logs: false, pollInterval: 200 });
      assert.equal(done.status, "COMPLETED");
      const result = await fal.queue.result(MODEL, { requestId });
      assert.equal(result.requestId, requestId);
      assertStickers(result.data);
    });

    test("queue.cancel ends a request, whose result then says so", TIMEOUT, async () => {
      const { request_id: requestId } = await fal.queue.submit(MODEL, {
        input: input(dataUri, { image_size: "square_hd" }),
      });

      await fal.queue.cancel(MODEL, { requestId });

      const status = await fal.queue.status(MODEL, { requestId });
      assert.equal(status.status, "COMPLETED");
      await assert.rejects(fal.queue.result(MODEL, { requestId }), (error) => {
        assert.ok(error instanceof ApiError, String(error));
        assert.equal(error.status, 400);
        assert.equal(error.body.detail, "Request cancelled");
        return true;
      });
    });

    test("storage.upload of a Blob gives a URL serving the same bytes", TIMEOUT, async () => {
      const url = await fal.storage.upload(photoBlob());

      assert.ok(url.startsWith(`${API}/files/uploads/`), url);
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), photoBytes);
    });

    test("a bad input is a ValidationError with its field errors", TIMEOUT, async () => {
      await assert.rejects(
        fal.queue.submit(MODEL, { input: { image_url: "ftp://example.com/a.png", image_size: "enormous" } }),
        (error) => {
          assert.ok(error instanceof ValidationError, String(error));
          assert.equal(error.status, 422);
          assert.equal(error.getFieldErrors("prompt")[0].type, "missing");
          assert.equal(error.getFieldErrors("image_url").length, 1);
          assert.equal(error.getFieldErrors("image_size").length, 1);
          return true;
        });
    });

    test("subscribe in streaming mode follows the status stream to the result", TIMEOUT, async () => {
      const updates = [];
      const result = await fal.subscribe(MODEL, {
        input: input(dataUri),
        logs: true,
        mode: "streaming",
        onQueueUpdate: (update) => updates.push(update),
      });

      assert.equal(updates.at(-1)?.status, "COMPLETED", `updates: ${updates.map((u) => u.status)}`);
      assert.ok(updates.at(-1).logs.length > 0, "streamed log lines are accumulated");
      assertStickers(result.data);
    });
  });
}

test("the proxy refuses targets other than fal's queue and storage calls of this model", async () => {
  for (const target of ["https://example.com/", "https://queue.fal.run/fal-ai/flux/dev",
    "http://queue.fal.run/fal-ai/face-to-sticker"]) {
    const response = await fetch(`${API}/fal/proxy`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-fal-target-url": target, authorization: `Key ${KEY}` },
      body: "{}",
    });
    assert.equal(response.status, 400, target);
    assert.equal(typeof (await response.json()).detail, "string");
  }
});

function assertStickers(output) {
  assert.equal(output.images.length, 2);
  assert.equal(output.sticker_image.content_type, "image/png");
  assert.equal(output.sticker_image.width, 512);
  assert.ok(output.sticker_image.url.startsWith(`${API}/files/results/`), output.sticker_image.url);
  assert.equal(typeof output.seed, "number");
}
