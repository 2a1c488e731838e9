/* The statistics page: draws the charts from the figures the page carries in #stats-data (ECharts), opens the
   records behind a bar or a point when it is clicked, and copies a bulletin to the clipboard.
   A file of its own because the Content-Security-Policy forbids inline script. */
(function () {
  "use strict";

  var BAR = "#c23531";
  var LINE = "#2f4554";
  var ROW_HEIGHT = 24; // pixels per bar of a horizontal chart, so that every label is legible
  var SCALES = {
    zh: [[1e8, "亿"], [1e4, "万"]],
    en: [[1e9, "B"], [1e6, "M"], [1e3, "K"]]
  };

  function amountText(value, language) {
    var scales = SCALES[language] || SCALES.en;
    for (var i = 0; i < scales.length; i++) {
      if (Math.abs(value) >= scales[i][0]) {
        return +(value / scales[i][0]).toFixed(2) + scales[i][1];
      }
    }
    return String(+value.toFixed(2));
  }

  // Tooltips drawn on the canvas: the HTML ones carry inline styles, which the CSP refuses.
  function tooltip(trigger) {
    return { trigger: trigger, renderMode: "richText", confine: true };
  }

  function bars(chart, data, horizontal) {
    var categories = {
      type: "category", data: chart.labels, inverse: horizontal,
      axisLabel: { interval: 0, width: horizontal ? 140 : 90, overflow: "truncate" }
    };
    var values = { type: "value", minInterval: 1, name: data.words.persons };
    return {
      aria: { enabled: true },
      tooltip: tooltip("axis"),
      grid: { left: 8, right: 40, top: 30, bottom: 8, containLabel: true },
      xAxis: horizontal ? values : categories,
      yAxis: horizontal ? categories : values,
      series: [{
        type: "bar", name: data.words.persons, data: chart.persons, itemStyle: { color: BAR },
        label: { show: true, position: horizontal ? "right" : "top" }
      }]
    };
  }

  function months(chart, data) {
    var many = chart.labels.length > 24;
    return {
      aria: { enabled: true },
      tooltip: tooltip("axis"),
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: many ? 40 : 8, containLabel: true },
      dataZoom: many ? [{ type: "slider", bottom: 4 }, { type: "inside" }] : [],
      xAxis: { type: "category", data: chart.labels },
      yAxis: [
        { type: "value", minInterval: 1 },
        {
          type: "value", splitLine: { show: false },
          axisLabel: { formatter: function (value) { return amountText(value, data.language); } }
        }
      ],
      series: [
        { type: "bar", name: data.words.persons, data: chart.persons, itemStyle: { color: BAR } },
        {
          type: "line", name: data.words.amount, yAxisIndex: 1, data: chart.amounts, itemStyle: { color: LINE },
          symbolSize: 8, tooltip: { valueFormatter: function (value) { return amountText(value, data.language); } }
        }
      ]
    };
  }

  var OPTIONS = {
    month: months,
    bars: function (chart, data) { return bars(chart, data, true); },
    columns: function (chart, data) { return bars(chart, data, false); }
  };

  function draw(container, chart, data) {
    if (chart.kind === "bars") {
      container.style.height = Math.max(200, chart.labels.length * ROW_HEIGHT + 60) + "px";
    }
    var instance = echarts.init(container, null, { locale: data.language === "zh" ? "ZH" : "EN" });
    // Marked once drawn and its bars grown to their size (the browser test waits for it before clicking).
    instance.on("finished", function () { container.dataset.drawn = "true"; });
    instance.setOption(OPTIONS[chart.kind](chart, data));
    // Each bar and point carries the address of the records behind it.
    instance.on("click", function (params) {
      if (params.data && params.data.url) {
        window.location.assign(params.data.url);
      }
    });
    window.addEventListener("resize", function () { instance.resize(); });
  }

  function drawCharts() {
    var script = document.getElementById("stats-data");
    if (!script || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(script.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (container) {
      var chart = data.charts[container.dataset.chart];
      if (chart) {
        draw(container, chart, data);
      }
    });
  }

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    // Plain HTTP has no clipboard API: the older command still copies a selection.
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var status = button.nextElementSibling;
      button.addEventListener("click", function () {
        var field = document.getElementById(button.dataset.copy);
        copy(field).then(
          function () { status.textContent = button.dataset.copied; },
          function () { field.select(); status.textContent = button.dataset.failed; }
        );
      });
    });
  }

  drawCharts();
  copyButtons();
})();
