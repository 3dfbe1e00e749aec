// "Use this in code": the call just made, as curl, as JavaScript with @fal-ai/client and as Python with fal_client,
// each pointed at this API the way the README shows. The key is always a placeholder, never the one in this tab.

import { API, MODEL } from "./api.js";

const KEY_PLACEHOLDER = "YOUR_KEY_ID:YOUR_KEY_SECRET";

const shellQuote = (text) => `'${text.replaceAll("'", "'\\''")}'`;

function pythonLiteral(value, indent = "") {
  if (value === null || value === undefined) {
    return "None";
  }
  if (typeof value === "boolean") {
    return value ? "True" : "False";
  }
  if (typeof value === "number" || typeof value === "string") {
    return JSON.stringify(value);
  }
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    return `[${value.map((item) => pythonLiteral(item, indent)).join(", ")}]`;
  }
  const entries = Object.entries(value)
    .map(([name, item]) => `${inner}${JSON.stringify(name)}: ${pythonLiteral(item, inner)},`);
  return `{\n${entries.join("\n")}\n${indent}}`;
}

const indented = (json, indent) => json.split("\n").map((line, i) => (i === 0 ? line : indent + line)).join("\n");

export function curl(input, requestId) {
  const id = requestId ?? "REQUEST_ID";
  return [
    `export FAL_KEY="${KEY_PLACEHOLDER}"`,
    "",
    "# Submit: answers a request_id and the URLs to follow",
    `curl -s -X POST ${API}/${MODEL} \\`,
    `  -H "Authorization: Key $FAL_KEY" \\`,
    "  -H 'Content-Type: application/json' \\",
    `  -d ${shellQuote(JSON.stringify(input))}`,
    "",
    "# Status with log lines (202 until COMPLETED), then the result",
    `curl -s -H "Authorization: Key $FAL_KEY" "${API}/${MODEL}/requests/${id}/status?logs=1"`,
    `curl -s -H "Authorization: Key $FAL_KEY" ${API}/${MODEL}/requests/${id}`,
  ].join("\n");
}

export function javascript(input) {
  return `import { createFalClient } from "@fal-ai/client";

// fal's client, with fal's hosts rewritten to this API.
const API = ${JSON.stringify(API)};
const fal = createFalClient({
  credentials: process.env.FAL_KEY, // "${KEY_PLACEHOLDER}"
  requestMiddleware: async (request) => ({
    ...request,
    url: request.url.replace(/^https:\\/\\/(queue\\.fal\\.run|rest\\.fal\\.ai)/, API),
  }),
});

const result = await fal.subscribe(${JSON.stringify(MODEL)}, {
  input: ${indented(JSON.stringify(input, null, 2), "  ")},
  logs: true,
  onQueueUpdate: (update) => console.log(update.status, update.logs?.map((line) => line.message)),
});
console.log(result.requestId, result.data.sticker_image.url);`;
}

export function python(input) {
  const api = new URL(API);
  const host = api.host + api.pathname.replace(/\/$/, "");
  const note = api.protocol === "https:" ? ""
    : "# fal_client reaches its queue host over https only: use this with a deployment served over https.\n";
  return `import os

${note}# fal_client submits to https://$FAL_QUEUE_RUN_HOST/...; status, result and cancel follow the URLs it is given.
os.environ["FAL_QUEUE_RUN_HOST"] = ${JSON.stringify(host)}
os.environ.setdefault("FAL_KEY", "${KEY_PLACEHOLDER}")

import fal_client

handle = fal_client.submit(
    ${JSON.stringify(MODEL)},
    arguments=${pythonLiteral(input, "    ")},
)
for event in handle.iter_events(with_logs=True):
    print(event)
result = handle.get()
print(result["sticker_image"]["url"])`;
}
