/* The story page: map, network and evidence. Data comes from the JSON block the server
   embeds (escaped with |tojson); every string is inserted with textContent or as a text
   node, never as HTML. */
(function () {
  "use strict";
  var block = document.getElementById("story-data");
  if (!block) { return; }
  var data = JSON.parse(block.textContent);

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value == null ? "" : String(value);
    if (cls) { el.className = cls; }
    return el;
  }

  /* -- map: circle markers at the places' coordinates; tiles only when --tiles gave a URL -- */
  function drawMap() {
    var el = document.getElementById("map");
    if (!el || typeof L === "undefined" || !data.places.length) { return; }
    var map = L.map(el, { worldCopyJump: false, zoomSnap: 0.5 });
    if (data.tiles) {
      L.tileLayer(data.tiles, { maxZoom: 18, attribution: "map tiles: " + data.tiles.split("/")[2] }).addTo(map);
    } else {
      // a blank background with a 10-degree grid, so that the points have a frame
      for (var lat = -80; lat <= 80; lat += 10) {
        L.polyline([[lat, -180], [lat, 180]], { color: "#ccd", weight: 1, interactive: false }).addTo(map);
      }
      for (var lon = -180; lon <= 180; lon += 10) {
        L.polyline([[-85, lon], [85, lon]], { color: "#ccd", weight: 1, interactive: false }).addTo(map);
      }
    }
    var bounds = data.places.map(function (p) { return [p.lat, p.lon]; });
    if (bounds.length === 1) { map.setView(bounds[0], 5); } else { map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7 }); }
    data.places.forEach(function (p) {
      var n = p.event_ids.length;
      var marker = L.circleMarker([p.lat, p.lon], {
        radius: Math.min(6 + 2 * Math.sqrt(n), 22), color: "#a33", weight: 2, fillColor: "#e55", fillOpacity: 0.6,
        className: "place-marker"
      }).addTo(map);
      var tip = document.createElement("div");
      tip.appendChild(text("strong", p.name));
      tip.appendChild(text("div", n + " event(s)" + (p.country ? " · " + p.country : "")));
      // names beside the points when they are few; on hover when many would overlap
      marker.bindTooltip(tip, { permanent: data.places.length <= 6, direction: "right", offset: [8, 0], className: "place-label" });
      marker.on("click", function () { selectEvent(p.event_ids[0], 0, true); });
    });
    el.setAttribute("data-markers", String(data.places.length));
  }

  /* -- network: allies green, adversaries red, mixed grey -- */
  function drawNetwork() {
    var el = document.getElementById("network");
    if (!el || typeof cytoscape === "undefined" || !data.network.edges.length) { return; }
    var colours = { ally: "#2a8a3a", adversary: "#c0392b", mixed: "#999" };
    var elements = [];
    data.network.nodes.forEach(function (n) { elements.push({ data: { id: "n:" + n.id, label: n.name, actor: n.id } }); });
    data.network.edges.forEach(function (e, i) {
      elements.push({ data: { id: "e" + i, source: "n:" + e.a, target: "n:" + e.b, colour: colours[e.stance] || "#999",
                              width: 1 + Math.min(e.events, 8), stance: e.stance } });
    });
    var cy = cytoscape({
      container: el, elements: elements,
      style: [
        { selector: "node", style: { label: "data(label)", "background-color": "#4a6fa5", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, width: 18, height: 18 } },
        { selector: "edge", style: { "line-color": "data(colour)", width: "data(width)", "curve-style": "bezier", opacity: 0.8 } }
      ],
      layout: { name: elements.length > 60 ? "circle" : "cose", animate: false, padding: 20 }
    });
    cy.on("tap", "node", function (evt) { window.location.href = "/actors/" + encodeURIComponent(evt.target.data("actor")); });
    el.setAttribute("data-nodes", String(cy.nodes().length));
    el.setAttribute("data-edges", String(cy.edges().length));
    window.storylineNetwork = cy;
  }

  /* -- evidence: the event's sentences highlighted in the cleaned article -- */
  var events = {};
  data.events.forEach(function (e) { events[e.id] = e; });

  function selectEvent(eventId, mentionIndex, scroll) {
    var ev = events[eventId];
    if (!ev || !ev.mentions.length) { return; }
    var m = ev.mentions[mentionIndex] || ev.mentions[0];
    document.querySelectorAll("tr.event.selected").forEach(function (r) { r.classList.remove("selected"); });
    var row = document.getElementById("ev-" + eventId);
    if (row) { row.classList.add("selected"); }
    var box = document.getElementById("evidence");
    var title = document.getElementById("evidence-title");
    var meta = document.getElementById("evidence-meta");
    var body = document.getElementById("evidence-text");
    box.hidden = false;
    title.textContent = ev.type + " · " + (ev.date || "undated") + " — loading the article…";
    meta.textContent = "";
    body.textContent = "";
    fetch("/api/articles/" + encodeURIComponent(m.article_id) + "?event=" + encodeURIComponent(eventId))
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (page) {
        var a = page.article;
        title.textContent = ev.type + " · " + (ev.date || "undated") + " — " + (a.title || "(no title)");
        meta.textContent = "";
        meta.appendChild(document.createTextNode((a.source || "unknown outlet") + " · " + (a.published || "undated") + " · "));
        var link = text("a", "article page");
        link.href = "/articles/" + encodeURIComponent(a.id) + "?event=" + encodeURIComponent(eventId) + "#evidence";
        meta.appendChild(link);
        meta.appendChild(document.createTextNode(" · "));
        var raw = text("a", "raw view (removed blocks marked)");
        raw.href = "/articles/" + encodeURIComponent(a.id) + "/raw";
        meta.appendChild(raw);
        var first = null;
        page.segments.forEach(function (s) {
          if (s.mark) {
            var mark = text("mark", s.text, s.mark);
            body.appendChild(mark);
            if (!first) { first = mark; }
          } else {
            body.appendChild(document.createTextNode(s.text));
          }
        });
        body.setAttribute("data-marks", String(body.querySelectorAll("mark").length));
        if (scroll && box.getBoundingClientRect().top > window.innerHeight) { box.scrollIntoView({ block: "start" }); }
        if (first) { box.scrollTop = Math.max(0, first.offsetTop - 120); }
      })
      .catch(function (err) { title.textContent = "Could not load the evidence: " + err.message; });
  }

  document.querySelectorAll("a.evidence-link").forEach(function (a) {
    a.addEventListener("click", function (evt) {
      evt.preventDefault();
      evt.stopPropagation();
      selectEvent(a.getAttribute("data-event"), parseInt(a.getAttribute("data-mention"), 10) || 0, true);
    });
  });
  document.querySelectorAll("tr.event").forEach(function (row) {
    row.addEventListener("click", function (evt) {
      if (evt.target.closest("a")) { return; }
      selectEvent(row.getAttribute("data-event"), 0, true);
    });
  });

  /* -- contradictions: loaded after the page (their finder may take a while), both sides side by side -- */
  function loadContradictions() {
    var box = document.getElementById("contradictions-body");
    if (!box) { return; }
    fetch(box.getAttribute("data-src"))
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        box.textContent = "";
        if (!data.computed) {
          box.appendChild(text("p", "Contradictions: not computed for this database.", "empty not-computed"));
        } else if (!data.contradictions.length) {
          box.appendChild(text("p", "No contradiction found between the reports.", "empty"));
        } else {
          data.contradictions.forEach(function (c) {
            var item = document.createElement("div");
            item.className = "contradiction";
            item.appendChild(text("h3", c.field + ": " + (c.subject || "")));
            var sides = document.createElement("div");
            sides.className = "sides";
            (c.claims || []).forEach(function (claim) {
              var side = document.createElement("div");
              side.className = "side";
              side.appendChild(text("p", String(claim.value), "claim-value"));
              side.appendChild(text("p", (claim.outlets || []).join(", ") || "unknown outlet", "hint"));
              (claim.sentences || []).forEach(function (sentence) {
                side.appendChild(text("blockquote", typeof sentence === "string" ? sentence : (sentence.text || "")));
              });
              (claim.article_ids || []).forEach(function (aid) {
                var a = text("a", "article " + aid.slice(0, 8));
                a.href = "/articles/" + encodeURIComponent(aid);
                side.appendChild(a);
                side.appendChild(document.createTextNode(" "));
              });
              sides.appendChild(side);
            });
            item.appendChild(sides);
            box.appendChild(item);
          });
        }
        box.setAttribute("data-loaded", String(data.computed ? data.contradictions.length : -1));
      })
      .catch(function (err) { box.textContent = ""; box.appendChild(text("p", "Could not load the contradictions: " + err.message, "error")); });
  }

  try { loadContradictions(); } catch (err) { console.error(err); }
  try { drawMap(); } catch (err) { console.error(err); }
  try { drawNetwork(); } catch (err) { console.error(err); }
  document.body.setAttribute("data-ready", "1");
}());
