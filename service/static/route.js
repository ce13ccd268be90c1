// Routes live in the URL hash (#/search?q=…&region=…) so any view can be shared and reloaded.

/** Parse location.hash ("#/doc/abc?clause=x") into {path, params}. */
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#/, "") || "/";
  const i = raw.indexOf("?");
  const path = i < 0 ? raw : raw.slice(0, i);
  return { path, params: new URLSearchParams(i < 0 ? "" : raw.slice(i + 1)) };
}

/** Build a hash from a path and a params object (empty values left out). */
export function buildHash(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v != null && v !== "") qs.set(k, String(v));
  }
  const s = qs.toString();
  return `#${path}${s ? `?${s}` : ""}`;
}
