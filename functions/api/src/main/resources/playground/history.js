// This browser's runs, kept in local storage: the input sent (never a key), how it ended and the result's URLs, so a
// run can be reopened or made again. Results live as long as the deployment keeps them (its retention period).

const ITEM = "sticker-playground-history";
const LIMIT = 30;

export function runs() {
  try {
    const stored = JSON.parse(localStorage.getItem(ITEM) ?? "[]");
    return Array.isArray(stored) ? stored : [];
  } catch {
    return [];
  }
}

/** Adds or updates a run (by request id), newest first. */
export function remember(run) {
  const others = runs().filter((kept) => kept.requestId !== run.requestId);
  localStorage.setItem(ITEM, JSON.stringify([run, ...others].slice(0, LIMIT)));
}

export function forgetAll() {
  localStorage.removeItem(ITEM);
}
