/* Starts Swagger UI on this API's OpenAPI document (a file, so the page's CSP needs no inline script). */
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
  });
});
