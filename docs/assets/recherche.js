// The site's search box (overrides/partials/search.html) on Pagefind's JS API, with the index of this edition
// (pagefind/, written after each build by cadre.publishing.search) and, on demand, those of the other editions.
//
// - Nothing is fetched before the box is opened; every address comes from this script's own (the header is kept
//   by Material's instant navigation, so no address written in the page would stay right).
// - Results: title, type (and status), excerpt with the words found marked, up to three sections of the page;
//   filter chips by type; « Toutes les éditions » merges the indexes listed in the site's versions.json.
// - A one-word query puts the pages holding that exact word first (Pagefind's French stemming reads « INS » as
//   « in », a prefix of « information »); a word found nowhere is corrected from the edition's word list.
// - Keyboard: « / » opens, arrows move from the box through the results, Enter opens, Échap closes.
// Data text (titles, excerpts) is only ever set as text: the marks of an excerpt are rebuilt element by element.

const EDITION_ROOT = new URL("../", import.meta.url); // assets/recherche.js -> the edition's root
const SITE_ROOT = new URL("../", EDITION_ROOT); // versions.json lives one level above the editions
const TYPES = { "référentiel": "Référentiels", service: "Services", principe: "Principes", glossaire: "Glossaire",
  programme: "Programmes", texte: "Textes", acteur: "Acteurs", page: "Autres pages" };
const MAX_RESULTS = 10, MAX_SECTIONS = 3, MIN_WORD = 4;

const box = document.getElementById("cadre-recherche");
const toggle = document.getElementById("__search");
const input = document.getElementById("cadre-recherche-saisie");
const list = document.getElementById("cadre-recherche-resultats");
const status = document.getElementById("cadre-recherche-etat");
const chips = box.querySelector(".cadre-recherche__types");
const allEditions = document.getElementById("cadre-recherche-editions");
const opener = document.querySelector(".cadre-recherche__ouvrir");
const edition = box.dataset.edition;
const chosenTypes = new Set();
let engines = {}, versions = null, vocabulary = null, lastQuery = 0, published = [];

box.querySelector("[data-cadre-racine]").href = new URL("plan-du-site/", EDITION_ROOT).href;

async function engine(merged) {
  const key = merged ? "all" : "one";
  if (!engines[key]) engines[key] = (async () => {
    // a second module instance (another address) holds the merged indexes; this edition's stays alone
    const pagefind = await import(new URL("pagefind/pagefind.js" + (merged ? "?editions" : ""), EDITION_ROOT).href);
    await pagefind.options({ excerptLength: 26 });
    await pagefind.init();
    if (merged) {
      for (const v of await otherEditions()) {
        // an edition published before the site had this search has no index: it is left out
        try { await pagefind.mergeIndex(new URL(`${v.version}/pagefind/`, SITE_ROOT).href); } catch { /* left out */ }
      }
    }
    return pagefind;
  })().catch((error) => { delete engines[key]; throw error; }); // a later search tries again
  return engines[key];
}

function loadVersions() { // the editions published beside this one (none on a site built alone)
  versions ??= fetch(new URL("versions.json", SITE_ROOT)).then((a) => (a.ok ? a.json() : [])).catch(() => []);
  return versions;
}

async function otherEditions() {
  return (await loadVersions()).filter((v) => v.version !== edition);
}

function editionTitle(year, known) {
  const entry = known.find((v) => v.version === year);
  return entry ? entry.title : year;
}

function fold(word) {
  return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function words(query) {
  return query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

async function run(query) {
  const pagefind = await engine(allEditions.checked);
  const filters = chosenTypes.size ? { type: { any: [...chosenTypes] } } : {};
  let search = await pagefind.search(query, { filters });
  if (words(query).length === 1 && search.results.length > 1) {
    const exact = await pagefind.search(`"${query}"`, { filters });
    const found = new Set(exact.results.map((r) => r.id));
    search = { ...search, results: [...search.results.filter((r) => found.has(r.id)), ...search.results.filter((r) => !found.has(r.id))] };
  }
  const shown = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  return { search, shown };
}

// A word of the query that no shown excerpt marks (nor any page, when nothing is found) is a typing mistake to
// correct from the edition's words, when one is close enough (one or two letters apart).
async function corrected(query, shown) {
  const marked = shown.flatMap((d) => [...d.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => fold(m[1])));
  const missing = words(query).filter((w) => w.length >= MIN_WORD && !marked.some((m) => m.includes(fold(w).slice(0, -2))));
  if (!missing.length) return null;
  if (vocabulary === null) {
    try { vocabulary = await (await fetch(new URL("pagefind/vocabulaire.json", EDITION_ROOT))).json(); } catch { vocabulary = []; }
  }
  let result = query, changed = false;
  for (const word of missing) {
    const target = fold(word), limit = target.length <= 5 ? 1 : 2;
    if (vocabulary.some((known) => known.startsWith(target))) continue; // a known word, or one being typed
    let best = null, bestDistance = limit + 1;
    for (const candidate of vocabulary) { // most frequent first: the first of the closest wins
      if (Math.abs(candidate.length - target.length) > limit) continue;
      const d = distance(target, candidate, bestDistance);
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    }
    if (best) { result = result.replace(word, best); changed = true; }
  }
  return changed ? result : null;
}

function distance(a, b, stop) { // Damerau-Levenshtein (adjacent transpositions), abandoned beyond `stop`
  let before = null, previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    if (Math.min(...row) >= stop) return stop;
    before = previous; previous = row;
  }
  return previous[b.length];
}

async function update() {
  const query = input.value.trim(), ticket = ++lastQuery;
  if (query.length < 2) { render(ticket, query, null); return; }
  try {
    let outcome = await run(query), used = query;
    const fix = await corrected(query, outcome.shown);
    if (fix) {
      const second = await run(fix);
      if (second.shown.length) { outcome = second; used = fix; }
    }
    render(ticket, query, outcome, used);
    countTypes();
  } catch (error) {
    if (ticket === lastQuery) status.textContent = "La recherche n'a pas pu être chargée.";
  }
}

function render(ticket, query, outcome, used) {
  if (ticket !== lastQuery) return; // a later keystroke has its own results
  list.replaceChildren();
  list.dataset.requete = query; // what the results shown answer (the browser tests wait on it)
  if (!outcome) { status.textContent = "Saisissez un mot, un sigle ou une expression."; renderChips({}); return; }
  const { search, shown } = outcome;
  const count = search.results.length;
  const fixed = used !== query ? ` pour « ${used} » (aucun résultat pour « ${query} »)` : "";
  status.textContent = count === 0 ? `Aucun résultat pour « ${query} ».`
    : `${count} résultat${count > 1 ? "s" : ""}${fixed}${count > shown.length ? ` ; les ${shown.length} premiers :` : ""}`;
  renderChips(search.totalFilters?.type || {});
  for (const data of shown) list.append(result(data, used));
}

function result(data, query) {
  const item = element("li", "cadre-resultat");
  const type = (data.filters?.type || ["page"])[0], statut = (data.filters?.statut || [])[0];
  const year = data.meta?.edition;
  const line = [type[0].toUpperCase() + type.slice(1), statut, allEditions.checked && year ? `édition ${editionTitle(year, published)}` : ""];
  item.append(element("p", "cadre-resultat__type", line.filter(Boolean).join(" · ")));
  const link = element("a", "cadre-resultat__titre", data.meta?.title || data.url);
  link.href = data.url;
  item.append(link, excerpt(data.excerpt, "cadre-resultat__extrait"));
  // the sections whose title holds the query's words first, then those where the words come most often
  const asked = words(query).map(fold);
  const rank = (s) => 1000 * asked.filter((w) => fold(s.title || "").includes(w)).length + (s.locations?.length || 0);
  const sections = (data.sub_results || []).filter((s) => s.url !== data.url && s.title !== data.meta?.title)
    .sort((a, b) => rank(b) - rank(a)).slice(0, MAX_SECTIONS);
  if (sections.length) {
    const sub = element("ul", "cadre-resultat__sections");
    for (const section of sections) {
      const entry = element("li");
      const anchor = element("a", "", section.title);
      anchor.href = section.url;
      entry.append(anchor, excerpt(section.excerpt, "cadre-resultat__extrait"));
      sub.append(entry);
    }
    item.append(sub);
  }
  return item;
}

function excerpt(html, className) { // text and <mark> only, whatever the excerpt holds
  const paragraph = element("p", className);
  const parsed = new DOMParser().parseFromString(`<p>${html || ""}</p>`, "text/html").body.firstChild;
  for (const node of parsed.childNodes) {
    paragraph.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : document.createTextNode(node.textContent));
  }
  return paragraph;
}

// The filter chunks (which page has which type) are fetched once the first results are shown, not before them;
// the search is then run again for its counts alone: the results shown (and the focus in them) stay as they are.
let typesCounted = { one: false, all: false };
async function countTypes() {
  const key = allEditions.checked ? "all" : "one", ticket = lastQuery, query = input.value.trim();
  if (typesCounted[key]) return;
  typesCounted[key] = true;
  const pagefind = await engine(allEditions.checked);
  await pagefind.filters();
  const filters = chosenTypes.size ? { type: { any: [...chosenTypes] } } : {};
  const search = await pagefind.search(query, { filters });
  if (ticket === lastQuery) renderChips(search.totalFilters?.type || {});
}

function renderChips(counts) {
  chips.replaceChildren();
  const present = Object.keys(TYPES).filter((t) => counts[t] || chosenTypes.has(t));
  for (const type of present) {
    const chip = element("button", "cadre-puce", `${TYPES[type]} (${counts[type] || 0})`);
    chip.type = "button";
    chip.setAttribute("aria-pressed", String(chosenTypes.has(type)));
    chip.addEventListener("click", () => { chosenTypes.has(type) ? chosenTypes.delete(type) : chosenTypes.add(type); update(); });
    chips.append(chip);
  }
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function open() {
  if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
  engine(false).catch(() => {}); // Pagefind starts loading while the reader types (a failure is said on search)
  opener?.setAttribute("aria-expanded", "true");
  loadVersions().then((v) => { published = v; box.querySelector(".cadre-recherche__editions").hidden = v.length < 2; });
}

function close() {
  if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
  opener?.setAttribute("aria-expanded", "false");
}

function links() {
  return [...list.querySelectorAll("a")];
}

let timer = null;
let quiet = false; // focus given back to the box on closing: it must not reopen it
input.addEventListener("input", () => { open(); clearTimeout(timer); timer = setTimeout(update, 80); });
input.addEventListener("focus", () => { if (!quiet) open(); });
allEditions.addEventListener("change", update);
box.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); links()[0]?.click(); });
box.querySelector("form").addEventListener("reset", () => { setTimeout(() => { update(); input.focus(); }); });
opener?.addEventListener("click", () => { open(); input.focus(); });
toggle.addEventListener("change", () => { if (!toggle.checked) opener?.setAttribute("aria-expanded", "false"); });

box.addEventListener("keydown", (event) => {
  const all = links(), at = all.indexOf(document.activeElement);
  if (event.key === "Escape") {
    close(); event.preventDefault();
    quiet = true;
    (opener && opener.offsetParent ? opener : input).focus(); // where the search was opened from
    quiet = false;
  } else if (event.key === "ArrowDown" && all.length && (document.activeElement === input || at >= 0)) {
    all[Math.min(at + 1, all.length - 1)].focus(); event.preventDefault();
  } else if (event.key === "ArrowUp" && at >= 0) {
    (at === 0 ? input : all[at - 1]).focus(); event.preventDefault();
  }
});
list.addEventListener("click", (event) => { if (event.target.closest("a")) close(); });

document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault(); open(); input.focus();
  }
});

// Material's instant navigation swaps the page under a header that stays: the panel is closed on each new page
if (window.document$) window.document$.subscribe(() => close());
