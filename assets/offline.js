/* Shows the offline notice while the browser has no network connection. */
(function () {
  function update() {
    document.documentElement.classList.toggle("is-offline", !navigator.onLine);
  }
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
})();
