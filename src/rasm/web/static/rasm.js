// rasm pages: suggestions as you type, mention pop-ups, copy and download. No framework.
"use strict";
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);

  // Search box: /v1/suggest as you type; Enter without a choice goes to /search.
  const box = $("#q"), list = $("#suggestions");
  if (box && list) {
    let timer = 0, asked = "";
    box.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = box.value.trim();
        if (!q) { list.hidden = true; return; }
        asked = q;
        const r = await fetch("/v1/suggest?limit=8&q=" + encodeURIComponent(q), {credentials: "same-origin"});
        if (!r.ok || asked !== q) return;
        const found = (await r.json()).suggestions;
        list.replaceChildren(...found.map((s) => {
          const li = document.createElement("li"), a = document.createElement("a");
          a.href = "/e/" + encodeURIComponent(s.id);
          const name = document.createElement("bdi"); name.textContent = s.canonical;
          const where = document.createElement("span"); where.className = "where";
          where.textContent = " " + [s.located || s.country, s.kind, s.matched !== s.canonical ? "“" + s.matched + "”" : ""].filter(Boolean).join(" · ");
          a.append(name, where); li.append(a); return li;
        }));
        list.hidden = found.length === 0;
      }, 120);
    });
    document.addEventListener("click", (e) => { if (!list.contains(e.target) && e.target !== box) list.hidden = true; });
  }

  // Mentions: a click shows the entity's card with this mention's score and method.
  let pop = null;
  document.addEventListener("click", (e) => {
    const m = e.target.closest("mark.m");
    if (pop && !(pop.contains(e.target))) { pop.remove(); pop = null; }
    if (!m) return;
    const card = document.getElementById("card-" + m.dataset.id);
    if (!card) return;
    pop = card.cloneNode(true); pop.removeAttribute("id"); pop.hidden = false; pop.className = "pop";
    const how = pop.querySelector(".how");
    if (how) how.textContent = "score " + m.dataset.score + ", " + m.dataset.method + " (“" + m.textContent + "”)";
    document.body.append(pop);
    const r = m.getBoundingClientRect();
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
    pop.style.left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8)) + "px";
  });

  // Copy the rewritten text; download the mentions as JSON or CSV.
  const data = $("#rasm-mentions");
  const mentions = data ? JSON.parse(data.textContent) : [];
  const save = (name, type, body) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([body], {type: type}));
    a.download = name; document.body.append(a); a.click(); a.remove();
  };
  const on = (id, fn) => { const b = document.getElementById(id); if (b) b.addEventListener("click", fn); };
  on("copy-rewritten", async () => {
    const text = $("#rewritten").value;
    try { await navigator.clipboard.writeText(text); } catch (_) { const t = $("#rewritten"); t.hidden = false; t.select(); document.execCommand("copy"); t.hidden = true; }
    $("#copy-rewritten").textContent = "Copied";
  });
  on("download-json", () => save("mentions.json", "application/json", JSON.stringify(mentions, null, 1)));
  on("download-csv", () => {
    const cols = ["start", "end", "surface", "id", "canonical", "kind", "score", "method", "key"];
    const cell = (v) => { const s = v === null || v === undefined ? "" : String(v); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
    save("mentions.csv", "text/csv", [cols.join(","), ...mentions.map((m) => cols.map((c) => cell(m[c])).join(","))].join("\n") + "\n");
  });

  // The text of an HTML file, a paragraph per block (a parsed document is not laid out, so
  // innerText would run its paragraphs together).
  const htmlText = (source) => {
    const doc = new DOMParser().parseFromString(source, "text/html");
    doc.querySelectorAll("script,style,noscript,template").forEach((e) => e.remove());
    doc.querySelectorAll("br").forEach((e) => e.replaceWith("\n"));
    doc.querySelectorAll("p,div,h1,h2,h3,h4,h5,h6,li,tr,td,th,blockquote,pre,section,article,header,footer,figcaption,dd,dt")
      .forEach((e) => e.append("\n\n"));
    return (doc.body ? doc.body.textContent : "").replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  };

  // A .txt or .html file: its text goes into the box and is analysed.
  const file = $("#file");
  if (file) file.addEventListener("change", async () => {
    const f = file.files[0]; if (!f) return;
    let text = await f.text();
    if (/\.html?$/i.test(f.name)) text = htmlText(text);
    $("#text").value = text; $("#paste").submit();
  });
})();
