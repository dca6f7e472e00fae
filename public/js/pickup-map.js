// The pickup-point map on checkout: Leaflet (from npm, served under /vendor/) with
// clustered markers over the shop's own generated base layer (/tiles/), so that no
// request leaves the shop. Loaded only when checkout shows the map; without
// JavaScript the list of points stands in for it. `window.rynokPickupMap(el)` draws
// the points of a `[data-pickup-map]` element (again after each re-render).
(function () {
  "use strict";
  var base = "/vendor/leaflet/";

  function css(href) {
    if (document.querySelector('link[href="' + href + '"]')) return;
    var l = document.createElement("link");
    l.rel = "stylesheet";
    l.href = href;
    document.head.appendChild(l);
  }

  function script(src) {
    return new Promise(function (ok, fail) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = ok;
      s.onerror = fail;
      document.head.appendChild(s);
    });
  }

  function popup(el, p) {
    var div = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.address;
    div.appendChild(title);
    if (p.facts) {
      var facts = document.createElement("p");
      facts.textContent = p.facts;
      div.appendChild(facts);
    }
    var choose = document.createElement("a");
    choose.href = p.href;
    choose.textContent = el.getAttribute("data-choose");
    div.appendChild(choose);
    return div;
  }

  function draw(el) {
    if (!window.L || !L.markerClusterGroup) return;
    if (el._rynokMap) el._rynokMap.remove();
    var points = JSON.parse(el.getAttribute("data-points") || "[]");
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false });
    el._rynokMap = map;
    L.tileLayer("/tiles/{z}/{x}/{y}.svg", {
      maxZoom: 18,
      attribution: el.getAttribute("data-attribution"),
    }).addTo(map);
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
    var bounds = [];
    points.forEach(function (p) {
      var m = L.marker([p.lat, p.lon], { title: p.address, alt: p.address });
      m.bindPopup(popup(el, p));
      cluster.addLayer(m);
      bounds.push([p.lat, p.lon]);
    });
    map.addLayer(cluster);
    if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    else map.setView([55.7558, 37.6173], 10);
  }

  window.rynokPickupMap = draw;
  css(base + "leaflet.css");
  css(base + "MarkerCluster.css");
  css(base + "MarkerCluster.Default.css");
  script(base + "leaflet.js")
    .then(function () {
      L.Icon.Default.imagePath = base + "images/";
      return script(base + "leaflet.markercluster.js");
    })
    .then(function () {
      window.rynokPickupMapReady = true;
      document.querySelectorAll("[data-pickup-map]").forEach(draw);
    });
})();
