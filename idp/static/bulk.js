// The upload's progress: polls the job's status and updates the <progress> bar and its live text; when the
// step has finished, reloads the page to show the report. Without JavaScript the page has a reload link.
(function () {
  "use strict";
  var box = document.querySelector(".bulk-progress[data-status-url]");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("bulk-progress-bar");
  var text = document.getElementById("bulk-progress-text");
  var delay = 500;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (status) {
        if (!status.running) {
          window.location.reload();
          return;
        }
        bar.max = status.total;
        bar.value = status.done;
        bar.textContent = status.done + " / " + status.total;
        if (text.textContent !== status.text) { text.textContent = status.text; }
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // A network hiccup: try again later, a little slower each time.
        delay = Math.min(delay * 2, 5000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
}());
