/* plotly.js (basic bundle) only where charts are drawn with it: the classify and model pages.
   The main view's charts are plain HTML, so its first load skips 1.2 MB of JavaScript. */
(function () {
  var path = window.location.pathname.replace(/\/+$/, "");
  if (path === "" || window.Plotly) return;
  var script = document.createElement("script");
  script.src = "/assets/plotly-basic.min.js?v=4.1.1";
  script.async = false;
  document.head.appendChild(script);
})();
