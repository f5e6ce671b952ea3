/* A person's documents on a small timeline (the list below it says the same in words). */
(function () {
  "use strict";
  var root = document.getElementById("person-timeline");
  var src = document.getElementById("person-timeline-data");
  if (!root || !src) { return; }
  var data = JSON.parse(src.textContent);
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  var W = 800, H = 70;
  var svg = el("svg", {viewBox: "0 0 " + W + " " + H, "class": "strip"});
  svg.appendChild(el("line", {x1: 20, x2: W - 20, y1: 35, y2: 35, "class": "axis"}));
  svg.appendChild(el("text", {x: 20, y: 62}, data.start));
  if (data.end !== data.start) { svg.appendChild(el("text", {x: W - 20, y: 62, "text-anchor": "end"}, data.end)); }
  var seen = {};
  data.events.forEach(function (e) {
    var x = 20 + (W - 40) * e.x / 100;
    var k = Math.round(x / 6);
    seen[k] = (seen[k] || 0) + 1;
    var y = 35 - (seen[k] - 1) * 10;
    var c = el("circle", {cx: x, cy: y, r: 6, "class": e.how});
    c.appendChild(el("title", {}, e.date + " (" + e.how + "): " + e.title));
    svg.appendChild(c);
  });
  root.appendChild(svg);
})();
