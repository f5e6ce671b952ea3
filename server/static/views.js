/* The views (network, timeline, map), drawn with d3 from the JSON the page carries.
 * Every mark is an SVG <a> to the entity's page (keyboard-focusable, with a <title> for hover and screen readers).
 * Layouts are computed to the end before drawing (no animation), so a page looks the same each time. */
(function () {
  "use strict";
  var root = document.getElementById("view");
  if (!root || !window.d3) { return; }
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var kind = root.getAttribute("data-view");
  var W = 960;

  function link(parent, href, title) {
    var a = parent.append("a").attr("href", href || null);
    a.append("title").text(title);
    return a;
  }

  function network() {
    var nodes = data.nodes.map(function (n) { return Object.assign({}, n); });
    var links = data.links.map(function (l) { return Object.assign({}, l); });
    var H = Math.max(440, Math.min(900, 200 + nodes.length * 30));
    var svg = d3.select(root).append("svg").attr("viewBox", [0, 0, W, H]).attr("class", "network")
      .attr("role", "group").attr("aria-label", "Correspondence network: " + nodes.length + " correspondents");
    if (!nodes.length) {
      svg.append("text").attr("x", W / 2).attr("y", H / 2).attr("text-anchor", "middle").text("No correspondence yet.");
      return;
    }
    var r = d3.scaleSqrt().domain([1, d3.max(nodes, function (n) { return n.documents; }) || 1]).range([10, 26]);
    var sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id(function (n) { return n.id; }).distance(190))
      .force("charge", d3.forceManyBody().strength(-500))
      .force("x", d3.forceX(W / 2).strength(0.06))
      .force("y", d3.forceY(H / 2).strength(0.1))
      .force("collide", d3.forceCollide().radius(function (n) {
        var words = Math.max(n.label.length, n.coverNames.slice(0, 3).join("”, “").length + 4);
        return Math.max(r(n.documents) + 40, words * 3.6);
      }))
      .stop();
    for (var i = 0; i < 400; i++) { sim.tick(); }
    // centre the drawing and fit it in the frame (labels need room on both sides)
    var xs = d3.extent(nodes, function (n) { return n.x; }), ys = d3.extent(nodes, function (n) { return n.y; });
    var k = Math.min(1, (W - 260) / Math.max(xs[1] - xs[0], 1), (H - 100) / Math.max(ys[1] - ys[0], 1));
    nodes.forEach(function (n) {
      n.x = W / 2 + (n.x - (xs[0] + xs[1]) / 2) * k;
      n.y = H / 2 - 10 + (n.y - (ys[0] + ys[1]) / 2) * k;
    });
    svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -5 10 10").attr("refX", 10)
      .attr("markerWidth", 12).attr("markerHeight", 12).attr("markerUnits", "userSpaceOnUse").attr("orient", "auto")
      .append("path").attr("d", "M0,-5L10,0L0,5").attr("class", "arrowhead");
    var w = d3.scaleLinear().domain([1, d3.max(links, function (l) { return l.documents; }) || 1]).range([1.5, 8]);
    svg.append("g").attr("class", "links").selectAll("line").data(links).join("line")
      .attr("x1", function (l) { return l.source.x; }).attr("y1", function (l) { return l.source.y; })
      .attr("x2", function (l) {
        var dx = l.target.x - l.source.x, dy = l.target.y - l.source.y, d = Math.hypot(dx, dy) || 1;
        return l.target.x - dx / d * (r(l.target.documents) + 3);
      })
      .attr("y2", function (l) {
        var dx = l.target.x - l.source.x, dy = l.target.y - l.source.y, d = Math.hypot(dx, dy) || 1;
        return l.target.y - dy / d * (r(l.target.documents) + 3);
      })
      .attr("stroke-width", function (l) { return w(l.documents); }).attr("marker-end", "url(#arrow)")
      .append("title").text(function (l) {
        return l.source.label + " → " + l.target.label + ": " + l.documents + " document" + (l.documents === 1 ? "" : "s");
      });
    var g = svg.append("g").attr("class", "nodes");
    nodes.forEach(function (n) {
      var title = n.label + (n.coverNames.length ? " — cover names: " + n.coverNames.join(", ") : "") +
        " (" + n.documents + " document" + (n.documents === 1 ? "" : "s") + ")";
      var a = link(g, n.href, title).attr("class", "node").attr("data-id", n.id);
      a.append("circle").attr("cx", n.x).attr("cy", n.y).attr("r", r(n.documents));
      a.append("text").attr("x", n.x).attr("y", n.y + r(n.documents) + 14).attr("text-anchor", "middle").text(n.label);
      if (n.coverNames.length) {
        a.append("text").attr("class", "cover").attr("x", n.x).attr("y", n.y + r(n.documents) + 28)
          .attr("text-anchor", "middle").text("“" + n.coverNames.slice(0, 3).join("”, “") + "”");
      }
    });
  }

  function timeline() {
    var docs = data.documents.filter(function (d) { return d.date; });
    // a date to the month ("1956-10") or the year ("1962") is drawn at its first day
    var full = function (s) { return s.length === 4 ? s + "-01-01" : s.length === 7 ? s + "-01" : s; };
    var parse = function (s) { return new Date(s.length <= 10 ? full(s) + "T12:00:00" : s.replace(/Z$/, "")); };
    var perDay = {};
    docs.forEach(function (d) { perDay[d.date] = (perDay[d.date] || 0) + 1; });
    var labelled = docs.length <= 12;  // few documents: one lane each, with its title; many: stacked by day
    var rows = labelled ? docs.length : Math.max(1, d3.max(Object.values(perDay)) || 1);
    var base = 30 + rows * 34;
    var svg = d3.select(root).append("svg").attr("viewBox", [0, 0, W, base + 70]).attr("class", "timeline")
      .attr("role", "group").attr("aria-label", "Timeline: " + docs.length + " dated documents");
    if (!docs.length) { return; }
    var times = [];
    docs.forEach(function (d) {
      times.push(parse(d.date));
      if (d.sentAt) { times.push(parse(d.sentAt)); }
      if (d.receivedAt) { times.push(parse(d.receivedAt)); }
    });
    var ext = d3.extent(times);
    var pad = Math.max((ext[1] - ext[0]) * 0.06, 36e5 * 24);
    var x = d3.scaleTime().domain([new Date(+ext[0] - pad), new Date(+ext[1] + pad)]).range([40, W - 40]);
    svg.append("g").attr("class", "axis").attr("transform", "translate(0," + base + ")").call(d3.axisBottom(x).ticks(8));
    var stack = {};
    docs.forEach(function (d, i) {
      stack[d.date] = (stack[d.date] || 0) + 1;
      var y = base - 14 - 34 * (labelled ? docs.length - 1 - i : stack[d.date] - 1);
      var a = link(svg, d.href, d.date + ": " + d.title +
        (d.sentAt ? " — sent " + d.sentAt.replace("T", " ") : "") + (d.receivedAt ? ", received " + d.receivedAt.replace("T", " ") : ""))
        .attr("class", "doc").attr("data-id", d.id);
      if (d.sentAt && d.receivedAt) {
        a.append("line").attr("class", "transit").attr("x1", x(parse(d.sentAt))).attr("x2", x(parse(d.receivedAt)))
          .attr("y1", y).attr("y2", y);
      }
      if (d.sentAt) { a.append("circle").attr("class", "sent").attr("cx", x(parse(d.sentAt))).attr("cy", y).attr("r", 5); }
      if (d.receivedAt) { a.append("circle").attr("class", "received").attr("cx", x(parse(d.receivedAt))).attr("cy", y).attr("r", 5); }
      var dx = x(parse(d.date));
      a.append("rect").attr("class", "day").attr("x", dx - 5).attr("y", y - 5).attr("width", 10).attr("height", 10);
      if (labelled) {  // the title above its mark, kept inside the frame
        var right = dx > W * 0.6;
        a.append("text").attr("x", right ? dx + 6 : dx - 6).attr("y", y - 10).attr("class", "label")
          .attr("text-anchor", right ? "end" : "start")
          .text(d.title.length > 70 ? d.title.slice(0, 69) + "…" : d.title);
      }
    });
    var legend = svg.append("g").attr("class", "legend").attr("transform", "translate(40," + (base + 50) + ")");
    [["day", "date of the document"], ["sent", "sent"], ["received", "received"]].forEach(function (k, i) {
      var g = legend.append("g").attr("transform", "translate(" + i * 220 + ",0)");
      if (k[0] === "day") { g.append("rect").attr("class", "day").attr("x", -5).attr("y", -5).attr("width", 10).attr("height", 10); }
      else { g.append("circle").attr("class", k[0]).attr("r", 5); }
      g.append("text").attr("x", 12).attr("y", 4).text(k[1]);
    });
  }

  function map() {
    var H = 520;
    var svg = d3.select(root).append("svg").attr("viewBox", [0, 0, W, H]).attr("class", "map")
      .attr("role", "group").attr("aria-label", "Map: " + data.places.length + " places");
    fetch(root.getAttribute("data-atlas")).then(function (r) { return r.json(); }).then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      var projection = d3.geoNaturalEarth1();
      if (data.places.length) {
        var pts = {type: "MultiPoint", coordinates: data.places.map(function (p) { return [p.long, p.lat]; })};
        var lons = pts.coordinates.map(function (c) { return c[0]; });
        var lats = pts.coordinates.map(function (c) { return c[1]; });
        var x0 = d3.min(lons), x1 = d3.max(lons), y0 = d3.min(lats), y1 = d3.max(lats);
        var padX = Math.max((x1 - x0) * 0.2, 6), padY = Math.max((y1 - y0) * 0.3, 5);
        var frame = {type: "MultiPoint", coordinates: [
          [Math.max(-180, x0 - padX), Math.max(-80, y0 - padY)], [Math.min(180, x1 + padX), Math.min(84, y1 + padY)],
          [Math.max(-180, x0 - padX), Math.min(84, y1 + padY)], [Math.min(180, x1 + padX), Math.max(-80, y0 - padY)]]};
        projection.rotate([-(x0 + x1) / 2, 0]).fitExtent([[30, 20], [W - 90, H - 20]], frame);
      } else {
        projection.fitSize([W, H], land);
      }
      var path = d3.geoPath(projection);
      svg.append("path").attr("class", "sphere").attr("d", path({type: "Sphere"}));
      svg.append("g").attr("class", "land").selectAll("path").data(land.features).join("path").attr("d", path)
        .append("title").text(function (f) { return f.properties.name; });
      var g = svg.append("g").attr("class", "places");
      data.places.forEach(function (p) {
        var xy = projection([p.long, p.lat]);
        var a = link(g, p.href, p.label + (p.names.length ? " — also " + p.names.join(", ") : "") +
          " (" + p.documents + " document" + (p.documents === 1 ? "" : "s") + ")").attr("class", "place").attr("data-id", p.id);
        a.append("circle").attr("cx", xy[0]).attr("cy", xy[1]).attr("r", 4 + Math.sqrt(p.documents) * 2);
        a.append("text").attr("x", xy[0] + 8).attr("y", xy[1] + 4).text(p.label);
      });
      root.setAttribute("data-drawn", "true");
    });
  }

  ({network: network, timeline: timeline, map: map})[kind]();
  if (kind !== "map") { root.setAttribute("data-drawn", "true"); }
})();
