// Starts the vendored Swagger UI on /docs (service/apidocs.py). A file, not an inline script, so
// the page runs under the same Content-Security-Policy as the UI (script-src 'self').
/* global SwaggerUIBundle */
const root = document.getElementById("swagger-ui");
SwaggerUIBundle({
  url: root.dataset.openapiUrl,
  dom_id: "#swagger-ui",
  deepLinking: true,
  layout: "BaseLayout",
  presets: [SwaggerUIBundle.presets.apis],
});
