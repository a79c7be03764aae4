// Draws each report section's bar chart from the data attributes of its canvas (no inline script: the
// content security policy forbids it). The table under each chart holds the same numbers and the cases.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var canvases = document.querySelectorAll("canvas.report-chart");
  for (var i = 0; i < canvases.length; i++) {
    var canvas = canvases[i];
    var read = function (name) { return JSON.parse(canvas.getAttribute("data-" + name) || "[]"); };
    new Chart(canvas, {
      type: "bar",
      data: { labels: read("labels"), datasets: [{ label: canvas.getAttribute("data-title"), data: read("values"), backgroundColor: "#1d3b5c" }] },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { beginAtZero: true } },
        plugins: { legend: { display: false } }
      }
    });
  }
})();
