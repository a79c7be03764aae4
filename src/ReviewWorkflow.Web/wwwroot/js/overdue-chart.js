// Draws the overdue board's trend from the data attributes of its canvas (no inline script: the
// content security policy forbids it). The table under the chart holds the same numbers.
(function () {
  "use strict";
  var canvas = document.getElementById("overdue-chart");
  if (!canvas || typeof Chart === "undefined") return;
  var read = function (name) { return JSON.parse(canvas.getAttribute("data-" + name) || "[]"); };
  new Chart(canvas, {
    type: "line",
    data: {
      labels: read("labels"),
      datasets: [
        { label: "Open steps", data: read("open"), borderColor: "#1d3b5c", backgroundColor: "#1d3b5c", tension: 0.2 },
        { label: "Overdue steps", data: read("overdue"), borderColor: "#a4161a", backgroundColor: "#a4161a", tension: 0.2 }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();
