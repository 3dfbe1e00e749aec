// How the page talks to this API. Calls are named by fal's URLs (queue.fal.run, rest.fal.ai) and sent one of three
// ways: directly with the caller's key, through the deployment's publishable browser access (fal's proxy protocol,
// the target in x-fal-target-url), or directly without a key where the deployment needs none.

export const API = new URL(".", document.baseURI).href.replace(/\/$/, "");
export const MODEL = "fal-ai/face-to-sticker";
export const QUEUE = "https://queue.fal.run";
export const REST = "https://rest.fal.ai";
const BROWSER_PROXY = `${API}/fal/browser-proxy`;
const KEY_ITEM = "sticker-playground-key";
const ACCESS_ITEM = "sticker-playground-access";

/** A refused call: the status, the body as the API sent it, and the seconds of Retry-After (null without one). */
export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const retryAfterSeconds = seconds(retryAfter);
    super(describe(status, body, retryAfterSeconds));
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** fal's 422 shape: [{loc: ["body", field, ...], msg, type}], or nothing. */
  get fieldErrors() {
    return this.status === 422 && Array.isArray(this.body?.detail) ? this.body.detail : [];
  }

  /** True when another key (or one at all) would help: the page then opens the key form. */
  get needsKey() {
    return this.status === 401 || (this.status === 403 && !exhausted(this.body));
  }
}

const seconds = (retryAfter) => {
  const value = Number.parseInt(retryAfter ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : null;
};
const exhausted = (body) => /exhausted balance/i.test(detailText(body));
const detailText = (body) => (typeof body?.detail === "string" ? body.detail : "");

function describe(status, body, retryAfterSeconds) {
  const detail = detailText(body);
  if (status === 401) {
    return key()
      ? `This API refused the key${detail ? ` (${detail})` : ""}. Check it and enter it again.`
      : "This API needs an API key. Enter yours under “API key”; it stays in this browser tab.";
  }
  if (status === 403 && exhausted(body)) {
    return "Your account has no credit left, so this API will not run requests for it. Top it up, then try again.";
  }
  if (status === 403) {
    return `This key may not do this${detail ? ` (${detail})` : ""}. Use a key that may run requests.`;
  }
  if (status === 429) {
    return `Too many requests right now. Try again ${retryAfterSeconds === null ? "in a moment"
      : `in ${retryAfterSeconds} s`}.`;
  }
  if (status === 413) {
    return detail || "The photo is too large.";
  }
  return detail || `The API answered ${status}.`;
}

export function key() {
  return sessionStorage.getItem(KEY_ITEM) ?? "";
}

export function setKey(value) {
  sessionStorage.setItem(KEY_ITEM, value.trim());
  sessionStorage.removeItem(ACCESS_ITEM);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_ITEM);
}

function mode() {
  if (key()) {
    return "key";
  }
  return sessionStorage.getItem(ACCESS_ITEM) === "browser" ? "browser" : "open";
}

async function send(method, falUrl, body, via) {
  const headers = {};
  let url;
  if (via === "browser") {
    url = BROWSER_PROXY;
    headers["x-fal-target-url"] = falUrl;
  } else {
    url = API + falUrl.slice(falUrl.indexOf("/", "https://".length));
    if (via === "key") {
      headers.Authorization = `Key ${key()}`;
    }
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { detail: text.slice(0, 200) };
  }
  return { status: response.status, json, retryAfter: response.headers.get("Retry-After") };
}

/** Our own answers carry "detail" or data; API Gateway's (a route this deployment lacks) carry "message". */
const servedByTheApi = (reply) => reply.json !== null && !("message" in reply.json);

/**
 * Makes one call and answers {status, json} for any status the call itself may give (200, 202, 400, 404, 422, ...).
 * Refusals of the caller (401, 403, 429) throw an ApiError. Without a key, a 401 is tried once more through the
 * publishable browser access; if that serves it, later calls go that way too.
 */
export async function call(method, falUrl, body) {
  const via = mode();
  let reply = await send(method, falUrl, body, via);
  if (reply.status === 401 && via === "open") {
    const viaBrowser = await send(method, falUrl, body, "browser");
    if (viaBrowser.status !== 401 && viaBrowser.status !== 403 && servedByTheApi(viaBrowser)) {
      sessionStorage.setItem(ACCESS_ITEM, "browser");
      reply = viaBrowser;
    }
  }
  if (reply.status === 401 || reply.status === 403 || reply.status === 429) {
    throw new ApiError(reply.status, reply.json, reply.retryAfter);
  }
  return reply;
}

/** Throws the reply as an ApiError unless its status is one of those expected. */
export function expect(reply, ...statuses) {
  if (!statuses.includes(reply.status)) {
    throw new ApiError(reply.status, reply.json, reply.retryAfter);
  }
  return reply.json;
}

/** fal's storage upload: a presigned PUT (no key sent there), then the durable URL to pass as image_url. */
export async function upload(file) {
  const type = file.type || "application/octet-stream";
  const initiated = expect(await call("POST", `${REST}/storage/upload/initiate?storage_type=fal-cdn-v3`,
    { content_type: type, file_name: file.name || "photo" }), 200);
  const put = await fetch(initiated.upload_url, {
    method: "PUT",
    headers: { "Content-Type": type },
    body: file,
    credentials: "omit",
  });
  if (!put.ok) {
    throw new ApiError(put.status, { detail: `The photo could not be uploaded (storage answered ${put.status}).` });
  }
  return initiated.file_url;
}

export const requestUrl = (requestId) => `${QUEUE}/${MODEL}/requests/${encodeURIComponent(requestId)}`;

/** The caller's remaining credit, or null when the key may not read it (or the deployment has no accounts). */
export async function credit() {
  if (!key()) {
    return null;
  }
  try {
    const response = await fetch(`${API}/v1/account/billing?expand=credits`, {
      headers: { Authorization: `Key ${key()}` },
      credentials: "omit",
      cache: "no-store",
    });
    if (!response.ok) {
      return null;
    }
    const credits = (await response.json())?.credits;
    return typeof credits?.current_balance === "number" ? credits : null;
  } catch {
    return null;
  }
}
