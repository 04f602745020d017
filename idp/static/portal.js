// Counterparty lookup as you type (create and transfer pages). Without this script the forms still work:
// a name typed in the field gives the same list of parties to choose from after "Next".
(function () {
  "use strict";
  function setUp(input) {
    var results = input.form.querySelector(".lookup-results");
    if (!results) { return; }
    var timer = null;
    var last = "";
    function show(parties) {
      results.textContent = "";
      if (!parties.length) { results.hidden = true; return; }
      var list = document.createElement("ul");
      parties.forEach(function (party) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        // textContent, never innerHTML: names come from the registry.
        button.textContent = party.name + " — " + party.number + (party.city ? ", " + party.city : "");
        button.addEventListener("click", function () {
          input.value = party.value;
          results.textContent = "";
          results.hidden = true;
          input.focus();
        });
        item.appendChild(button);
        list.appendChild(item);
      });
      results.appendChild(list);
      results.hidden = false;
    }
    function lookUp() {
      var text = input.value.trim();
      if (text === last) { return; }
      last = text;
      if (text.length < 2) { show([]); return; }
      var url = input.getAttribute("data-lookup-url") + "?q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { parties: [] }; })
        .then(function (body) { if (input.value.trim() === text) { show(body.parties || []); } })
        .catch(function () { show([]); });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookUp, 300);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { show([]); }
    });
  }
  document.querySelectorAll("input[data-lookup-url]").forEach(setUp);
  // After a refused form, keyboard and screen reader users start at the list of problems.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
