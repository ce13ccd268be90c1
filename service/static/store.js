// What the browser keeps for the user: favourites and search history (localStorage, until cleared)
// and the write token (sessionStorage: gone when the tab is closed, never written to disk for long).

const FAV_KEY = "policykg.favorites";
const HIST_KEY = "policykg.history";
const WRITE_TOKEN_KEY = "policykg.writeToken";
const HISTORY_MAX = 50;

function readList(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || "[]");
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function writeList(key, list) {
  try {
    localStorage.setItem(key, JSON.stringify(list));
  } catch {
    // Storage full or disabled (private mode): the feature degrades, the page keeps working.
  }
}

/** Favourites: {key, kind: "clause" | "document", title, href, note, at}. */
export function favorites() {
  return readList(FAV_KEY);
}

export function isFavorite(key) {
  return favorites().some((f) => f.key === key);
}

/** Add or remove a favourite; returns true when it is now a favourite. */
export function toggleFavorite(entry) {
  const list = favorites();
  const i = list.findIndex((f) => f.key === entry.key);
  if (i >= 0) list.splice(i, 1);
  else list.unshift({ ...entry, at: new Date().toISOString() });
  writeList(FAV_KEY, list);
  return i < 0;
}

export function clearFavorites() {
  localStorage.removeItem(FAV_KEY);
}

/** Search history, newest first, one entry per distinct search (query + filters). */
export function history() {
  return readList(HIST_KEY);
}

export function remember(entry) {
  const list = history().filter((e) => e.href !== entry.href);
  list.unshift({ ...entry, at: new Date().toISOString() });
  writeList(HIST_KEY, list.slice(0, HISTORY_MAX));
}

export function clearHistory() {
  localStorage.removeItem(HIST_KEY);
}

export function writeToken() {
  return sessionStorage.getItem(WRITE_TOKEN_KEY) || "";
}

export function setWriteToken(token) {
  if (token) sessionStorage.setItem(WRITE_TOKEN_KEY, token);
  else sessionStorage.removeItem(WRITE_TOKEN_KEY);
}
