// Renders every chart of the page from its inline Vega-Lite spec; a failure is a console error (the browser test fails).
(function () {
  document.querySelectorAll("div.chart").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.id + "-spec").textContent);
    window.vegaEmbed(el, spec, { actions: false, renderer: "svg" })
      .then(function () { el.dataset.rendered = "true"; })
      .catch(function (error) { el.dataset.rendered = "error"; console.error("chart " + el.id + ": " + error); });
  });
})();
