// Routes live in the URL hash (#/search?q=…&region=…) so any view can be shared and reloaded.

/** Parse location.hash ("#/doc/abc?clause=x") into {path, params}. */
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#/, "") || "/";
  const i = raw.indexOf("?");
  const path = i < 0 ? raw : raw.slice(0, i);
  return { path, params: new URLSearchParams(i < 0 ? "" : raw.slice(i + 1)) };
}

/**
 * Build a hash from a path and a params object. Empty values are left out; an array value becomes
 * a repeated parameter (region=A&region=B), which is how multi-select facets travel.
 */
export function buildHash(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one != null && one !== "") qs.append(k, String(one));
    }
  }
  const s = qs.toString();
  return `#${path}${s ? `?${s}` : ""}`;
}
