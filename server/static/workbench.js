/* The query workbench: Yasgui (served from /static/vendor/) on this server's /sparql, with
 * - our prefixes, and the example queries one click away;
 * - a results table whose entity IRIs show their labels and link to our pages;
 * - a chart of the first numeric column, when there is one.
 * No request leaves this server: the LOV property/class autocompleters (remote) are switched off. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("workbench-config").textContent);
  var Yasr = Yasgui.Yasr;
  var Yasqe = Yasgui.Yasqe;
  var idBase = cfg.base + "id/";
  var labels = {}; // IRI -> label, filled before each table is drawn
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger",
                 "positiveInteger", "unsignedInt"].map(function (t) { return XSD + t; });

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }
  function pageOf(iri) {
    return iri.indexOf(idBase) === 0 ? cfg.pages + iri.slice(idBase.length) : null;
  }

  /* the labels of every entity of ours in the results, in one query */
  function fetchLabels(bindings) {
    var wanted = {};
    (bindings || []).forEach(function (row) {
      Object.keys(row).forEach(function (v) {
        var b = row[v];
        if (b && b.type === "uri" && pageOf(b.value) && !(b.value in labels)) { wanted[b.value] = true; }
      });
    });
    var iris = Object.keys(wanted).slice(0, 400);
    if (!iris.length) { return Promise.resolve(); }
    var q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" +
      "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n" +
      "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " +
      iris.map(function (i) { return "<" + i + ">"; }).join(" ") +
      " } ?s rdfs:label|skos:prefLabel|dcterms:title ?l . FILTER(LANG(?l) = \"\" || LANGMATCHES(LANG(?l), \"en\")) } GROUP BY ?s";
    var body = new URLSearchParams();
    body.set("query", q);
    return fetch(cfg.endpoint, {method: "POST", body: body, headers: {"Accept": "application/sparql-results+json"}})
      .then(function (r) { return r.ok ? r.json() : {results: {bindings: []}}; })
      .then(function (j) {
        j.results.bindings.forEach(function (b) { labels[b.s.value] = b.label.value; });
      })
      .catch(function () { /* labels are a nicety: the table still shows the IRIs */ });
  }

  /* the table: entity IRIs shown by their labels, linked to our pages */
  var BaseTable = Yasr.plugins.table;
  class LabelledTable extends BaseTable {
    draw(persistentConfig) {
      var self = this;
      var results = this.yasr.results;
      return fetchLabels(results && results.getBindings()).then(function () {
        return BaseTable.prototype.draw.call(self, persistentConfig);
      });
    }
    formatLiteral(binding) {
      // values as a reader writes them: no quotes, no datatype badge (the Response tab shows the raw results)
      var v = esc(binding.value);
      return binding["xml:lang"] ? v + " <span class='lang'>" + esc(binding["xml:lang"]) + "</span>" : v;
    }
    getUriLinkFromBinding(binding, prefixes) {
      var href = pageOf(binding.value);
      if (href) {
        var text = labels[binding.value] || binding.value.slice(idBase.length);
        return "<a class='iri entity' href='" + esc(href) + "' title='" + esc(binding.value) + "'>" + esc(text) + "</a>";
      }
      return BaseTable.prototype.getUriLinkFromBinding.call(this, binding, prefixes);
    }
  }
  LabelledTable.defaults = BaseTable.defaults;

  /* the chart: a horizontal bar per row, from the first numeric column, named by the first other column */
  function numericVariable(results) {
    var vars = results.getVariables(), rows = results.getBindings();
    for (var i = 0; i < vars.length; i++) {
      var v = vars[i];
      var ok = rows.length > 0 && rows.every(function (r) {
        var b = r[v];
        return b && b.type !== "uri" && b.type !== "bnode" && NUMERIC.indexOf(b.datatype) >= 0 && isFinite(+b.value);
      });
      if (ok) { return v; }
    }
    return null;
  }
  function nameOf(b) {
    if (!b) { return ""; }
    if (b.type === "uri") { return labels[b.value] || b.value.replace(/^.*[\/#]/, ""); }
    return b.value;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svgEl(name, attrs, text) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) { el.textContent = text; }
    return el;
  }
  class Chart {
    constructor(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Chart"; this.hideFromSelection = false; }
    canHandleResults() {
      var r = this.yasr.results;
      return !!(r && r.getBindings && r.getBindings() && r.getVariables().length > 0 && numericVariable(r));
    }
    getIcon() {
      var s = svgEl("svg", {viewBox: "0 0 16 16", width: "16", height: "16", "aria-hidden": "true"});
      [[1, 8, 3, 7], [6, 3, 3, 12], [11, 6, 3, 9]].forEach(function (b) {
        s.appendChild(svgEl("rect", {x: b[0], y: b[1], width: b[2], height: b[3], fill: "currentColor"}));
      });
      var span = document.createElement("span");
      span.appendChild(s);
      return span;
    }
    draw() {
      var self = this;
      var results = this.yasr.results;
      return fetchLabels(results.getBindings()).then(function () { self.render(results); });
    }
    render(results) {
      var num = numericVariable(results);
      var other = results.getVariables().filter(function (v) { return v !== num; })[0];
      var rows = results.getBindings().slice(0, 60).map(function (r) {
        return {name: other ? nameOf(r[other]) : "", value: +r[num].value, href: other && r[other] && r[other].type === "uri" ? pageOf(r[other].value) : null};
      });
      var max = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([0]));
      var barH = 22, left = 260, width = 760, h = rows.length * barH + 30;
      var svg = svgEl("svg", {"class": "chart", viewBox: "0 0 " + width + " " + h, role: "img",
        "aria-label": "Bar chart of " + num + (other ? " by " + other : "")});
      svg.appendChild(svgEl("title", {}, num + (other ? " by " + other : "")));
      rows.forEach(function (r, i) {
        var y = i * barH + 4;
        var w = max > 0 ? Math.max(1, (width - left - 60) * r.value / max) : 1;
        var g = svgEl("g", {"class": "bar"});
        var label = svgEl("text", {x: left - 8, y: y + 15, "text-anchor": "end"}, r.name.length > 38 ? r.name.slice(0, 37) + "…" : r.name);
        if (r.href) {
          var a = svgEl("a", {href: r.href});
          a.appendChild(label);
          g.appendChild(a);
        } else {
          g.appendChild(label);
        }
        g.appendChild(svgEl("rect", {x: left, y: y + 2, width: w, height: barH - 6, "class": "bar-rect"}));
        g.appendChild(svgEl("text", {x: left + w + 6, y: y + 15, "class": "bar-value"}, String(r.value)));
        svg.appendChild(g);
      });
      var wrap = document.createElement("div");
      wrap.className = "chart-wrap";
      wrap.appendChild(svg);
      if (results.getBindings().length > rows.length) {
        var p = document.createElement("p");
        p.className = "more";
        p.textContent = "The first " + rows.length + " of " + results.getBindings().length + " rows.";
        wrap.appendChild(p);
      }
      this.yasr.resultsEl.appendChild(wrap);
    }
  }

  Yasr.registerPlugin("table", LabelledTable);
  Yasr.registerPlugin("chart", Chart);
  Yasr.defaults.pluginOrder = ["table", "chart", "response"];
  Yasqe.defaults.autocompleters = ["prefixes", "variables"]; // the others ask a remote vocabulary service

  var endpoint = new URL(cfg.endpoint, window.location.href).toString();
  var first = cfg.query || (cfg.examples[0] && cfg.examples[0].query) || "SELECT * WHERE { ?s ?p ?o } LIMIT 10";
  Yasgui.Yasqe.defaults.value = first;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    populateFromUrl: false,
    persistenceId: null, // each visit starts from the page's query; nothing kept between visits
    endpointCatalogueOptions: {getData: function () { return [{endpoint: endpoint}]; }},
    yasqe: {value: first, prefixCcApi: cfg.prefixList},
    yasr: {prefixes: cfg.prefixes, pluginOrder: ["table", "chart", "response"], defaultPlugin: "table"}
  });
  window.archiveWorkbench = yasgui; // for the browser tests

  /* accessibility: names for Yasgui's unlabelled controls, and a tab list holding only tabs */
  var root = document.getElementById("yasgui");
  var NAMES = [["input.autocomplete", "SPARQL endpoint"], [".CodeMirror textarea", "SPARQL query"],
               ["select.tableSizer", "Rows per page"], [".tabsList a[role=tab] input", "Tab name"],
               ["input.tableFilter, .yasr input[type=text]:not([aria-label])", "Filter the results"],
               ["select:not([aria-label])", "Option"]];
  function fixA11y() {
    NAMES.forEach(function (pair) {
      Array.prototype.forEach.call(root.querySelectorAll(pair[0]), function (el) {
        if (!el.getAttribute("aria-label")) { el.setAttribute("aria-label", pair[1]); }
      });
    });
    Array.prototype.forEach.call(root.querySelectorAll(".tabsList > div:not(.tab)"), function (wrapper) {
      var list = wrapper.parentNode; // the "add tab" button: beside the tab list, not in it
      wrapper.classList.add("addTab-outside");
      list.parentNode.insertBefore(wrapper, list.nextSibling);
    });
  }
  fixA11y();
  new MutationObserver(fixA11y).observe(root, {childList: true, subtree: true});

  function currentYasqe() { return yasgui.getTab().getYasqe(); }
  function run(query) {
    var yasqe = currentYasqe();
    yasqe.setValue(query);
    var yasr = yasgui.getTab().getYasr();
    if (yasr && yasr.selectedPlugin === "chart") { yasr.selectPlugin("table"); } // a new query: its table first
    yasqe.query();
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (btn) {
    btn.addEventListener("click", function () { run(cfg.examples[+btn.getAttribute("data-index")].query); });
  });
  if (cfg.query) { run(cfg.query); }
})();
