// The disaster map, built here rather than by django-leaflet's tag (whose inline script the
// Content-Security-Policy blocks). Events are circles; with no tile server configured the
// background stays blank and the map still shows them over the regency's extent.
(function () {
  var el = document.getElementById("peta_bencana");
  if (!el || !window.L) return;
  var c = JSON.parse(document.getElementById("peta-bencana").textContent);
  var titik = JSON.parse(document.getElementById("titik-bencana").textContent);
  var map = L.map(el, { minZoom: c.zoom_min, maxZoom: c.zoom_maks, attributionControl: !!c.ubin });
  if (c.ubin) L.tileLayer(c.ubin, { attribution: c.atribusi, maxZoom: c.zoom_maks }).addTo(map);
  map.fitBounds(c.batas);
  L.control.scale({ imperial: false }).addTo(map);
  var batas = [];
  titik.forEach(function (t) {
    var r = 6 + Math.min(14, Math.sqrt(t.jiwa || 0));
    var m = L.circleMarker([t.lat, t.lng], { radius: r, color: "#b02a37", fillColor: "#dc3545", fillOpacity: 0.6, weight: 1 });
    var isi = document.createElement("div");
    var a = document.createElement("a");
    a.href = "../kejadian/" + t.id + "/";
    a.textContent = t.jenis + " — " + t.uraian;
    isi.appendChild(a);
    isi.appendChild(document.createElement("br"));
    isi.appendChild(document.createTextNode(t.desa + " · " + t.jiwa + " jiwa" + (t.respon ? " · respon " + t.respon.replace(".", ",") + " jam" : "")));
    m.bindPopup(isi);
    m.bindTooltip(t.jenis, { permanent: false });
    m.addTo(map);
    batas.push([t.lat, t.lng]);
  });
  if (batas.length) map.fitBounds(batas, { padding: [30, 30], maxZoom: 12 });
  el.setAttribute("data-titik", String(batas.length));
})();
