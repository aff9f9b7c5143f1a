// The self-assessment pages (auto-evaluation/, reporting-ars/), generated from the data by cadre.site.evaluation.
//
// - Answers stay in this browser: localStorage, one key per edition and type, several files (projects or ARS) by
//   name. Nothing is ever sent: the only requests are for this site's own items files (api/v1/evaluation/), made
//   when a file exported on an earlier edition is imported, to compare the items' texts.
// - Files: JSON (schema api/v1/schemas/evaluation.schema.json, version 1), CSV for spreadsheets, the printed report.
// - Data text (items, names, imported files) is only ever set as text (textContent), never as HTML.
// Without this script the page is a blank checklist to print: the tools and the summary stay hidden.

const FORMAT = "cadre-evaluation", VERSION = 1;
const REPONSES = {
  projet: { oui: "Oui", partiellement: "Partiellement", non: "Non", "non-applicable": "Non applicable" },
  ars: { atteint: "Atteint", "en-cours": "En cours", "non-engage": "Non engagé", "sans-objet": "Sans objet" },
};
const CONFORMITE = { conforme: "Conforme", "en-cours": "En cours", "non-conforme": "Non conforme" };
const DEFAUT = { projet: "Mon projet", ars: "Mon ARS" };
const SANS_REPONSE = "Sans réponse";

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

const words = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : "");
const today = () => new Date().toISOString().slice(0, 10);
const emptyFile = () => ({ reponses: {}, referentiels: {}, services: [], reformules: {} });

class Evaluation {
  constructor(root) {
    this.root = root;
    this.type = root.dataset.evaluation;
    this.edition = Number(root.dataset.edition);
    this.key = `cadre-evaluation:${this.edition}:${this.type}`;
    this.select = root.querySelector("#eval-dossier");
    this.message = root.querySelector("#eval-message");
    this.report = root.querySelector("#eval-reevaluation");
    this.items = [...root.querySelectorAll("[data-item]")];
    this.state = this.load();
    root.querySelector("[data-outils]").hidden = false;
    root.querySelector("#synthese").hidden = false;
    root.addEventListener("change", (event) => this.changed(event));
    root.addEventListener("input", (event) => { if (event.target.matches("textarea, input[type=url]")) this.changed(event); });
    root.querySelector("[data-outils]").addEventListener("click", (event) => this.action(event));
    root.querySelector("#eval-import").addEventListener("change", (event) => this.importFile(event.target));
    this.show();
  }

  // --- storage -------------------------------------------------------------------------------------------------

  load() {
    let state = null;
    try { state = JSON.parse(localStorage.getItem(this.key) || "null"); } catch { state = null; }
    if (!state || typeof state.dossiers !== "object") state = { courant: DEFAUT[this.type], dossiers: {} };
    if (!state.dossiers[state.courant]) state.dossiers[state.courant] = emptyFile();
    return state;
  }

  save() {
    try { localStorage.setItem(this.key, JSON.stringify(this.state)); } catch {
      this.say("Le navigateur refuse d'enregistrer les réponses (stockage local indisponible) : exportez-les.");
    }
  }

  get file() { return this.state.dossiers[this.state.courant]; }

  // --- the form ------------------------------------------------------------------------------------------------

  show() {
    this.select.replaceChildren(...Object.keys(this.state.dossiers).sort().map((name) => element("option", name)));
    this.select.value = this.state.courant;
    const file = this.file;
    for (const item of this.items) {
      const answer = file.reponses[item.dataset.item] || {};
      for (const radio of item.querySelectorAll("input[type=radio]")) radio.checked = radio.value === answer.reponse;
      for (const field of item.querySelectorAll("[data-champ]")) field.value = answer[field.dataset.champ] || "";
      this.flag(item, (file.reformules || {})[item.dataset.item]);
    }
    for (const block of this.root.querySelectorAll("[data-referentiel]")) {
      const answer = file.referentiels[block.dataset.referentiel] || {};
      for (const radio of block.querySelectorAll("input[type=radio]")) {
        radio.checked = radio.value === answer[radio.name.startsWith("concerne-") ? "concerne" : "conformite"];
      }
    }
    for (const box of this.root.querySelectorAll("input[name=service]")) box.checked = file.services.includes(box.value);
    this.summarise();
  }

  changed(event) {
    const target = event.target;
    if (target === this.select) { this.state.courant = target.value; this.save(); this.show(); return; }
    if (target.id === "eval-nom" || target.id === "eval-import") return;
    const item = target.closest("[data-item]");
    const file = this.file;
    if (item) {
      const answer = { ...(file.reponses[item.dataset.item] || {}) };
      if (target.type === "radio") answer.reponse = target.value; else answer[target.dataset.champ] = target.value;
      file.reponses[item.dataset.item] = answer;
      if (target.type === "radio" && file.reformules) { delete file.reformules[item.dataset.item]; this.flag(item, null); }
    } else if (target.closest("[data-referentiel]")) {
      const id = target.closest("[data-referentiel]").dataset.referentiel;
      const field = target.name.startsWith("concerne-") ? "concerne" : "conformite";
      file.referentiels[id] = { ...(file.referentiels[id] || {}), [field]: target.value };
    } else if (target.name === "service") {
      file.services = [...this.root.querySelectorAll("input[name=service]:checked")].map((box) => box.value);
    }
    this.save();
    this.summarise();
  }

  flag(item, reworded) {
    item.querySelector(".cadre-eval-ancien")?.remove();
    item.classList.toggle("cadre-eval-reformule", Boolean(reworded));
    if (!reworded) return;
    const note = element("p", `Reformulé depuis l'édition ${reworded.edition} (réponse à revoir). Ancien texte : `,
      { class: "cadre-eval-ancien" });
    note.append(element("q", reworded.avant));
    item.querySelector(".cadre-eval-texte").after(note);
  }

  say(text) { this.message.textContent = text; }

  // --- the summary ---------------------------------------------------------------------------------------------

  summarise() {
    const file = this.file, values = Object.keys(REPONSES[this.type]);
    const table = element("table", null, { class: "cadre-eval-tableau" });
    const head = element("tr");
    for (const title of [this.type === "ars" ? "Ligne du tableau" : "Principe", ...values.map((v) => REPONSES[this.type][v]), SANS_REPONSE]) {
      head.append(element("th", title, { scope: "col" }));
    }
    table.append(element("thead"), element("tbody"));
    table.tHead.append(head);
    const blocking = [];
    for (const group of this.root.querySelectorAll("[data-groupe]")) {
      const counts = Object.fromEntries([...values, ""].map((v) => [v, 0]));
      for (const item of group.querySelectorAll("[data-item]")) {
        const answer = (file.reponses[item.dataset.item] || {}).reponse || "";
        counts[answer] += 1;
        if (this.type === "projet" && (answer === "" || answer === "non")) blocking.push([item, answer]);
      }
      const row = element("tr");
      row.append(element("th", words(group.querySelector("legend")), { scope: "row" }));
      for (const v of [...values, ""]) row.append(element("td", String(counts[v])));
      table.tBodies[0].append(row);
    }
    // a narrow screen scrolls the table, not the page; the scrolling region is reachable with the keyboard
    const scroller = element("div", null, { class: "cadre-eval-defilement", role: "region", tabindex: "0",
      "aria-label": "Décompte des réponses" });
    scroller.append(table);
    const parts = [element("p", `${this.type === "ars" ? "ARS" : "Projet"} : ${this.state.courant} · édition ${this.edition}`, { class: "cadre-eval-nom" }), scroller];
    if (this.type === "projet") parts.push(...this.blockingList(blocking), ...this.referentielsSummary());
    this.root.querySelector("[data-synthese]").replaceChildren(...parts);
    const heading = this.root.querySelector("[data-entete]");
    heading.textContent = `${this.type === "ars" ? "ARS" : "Projet"} : ${this.state.courant} · Édition ${this.edition} · ${today()}`;
  }

  blockingList(blocking) {
    const no = blocking.filter(([, a]) => a === "non").length, open = blocking.length - no;
    const verdict = element("p", blocking.length === 0
      ? "Aucun « non » et aucun point sans réponse : rien n'empêche un GO au regard des points de contrôle."
      : `${no} « non » et ${open} point(s) sans réponse empêchent un GO :`, { class: "cadre-eval-verdict" });
    if (!blocking.length) return [verdict];
    const list = element("ul", null, { class: "cadre-eval-bloquants" });
    for (const [item, answer] of blocking) {
      const entry = element("li", answer === "non" ? "Non — " : "Sans réponse — ");
      entry.append(element("a", words(item.querySelector(".cadre-eval-texte")), { href: `#${item.id}` }));
      list.append(entry);
    }
    return [verdict, list];
  }

  referentielsSummary() {
    const answers = Object.entries(this.file.referentiels).filter(([, a]) => a.concerne === "oui");
    if (!answers.length) return [];
    const counts = Object.fromEntries(Object.keys(CONFORMITE).map((v) => [v, 0]));
    let open = 0;
    for (const [, a] of answers) { if (a.conformite) counts[a.conformite] += 1; else open += 1; }
    const parts = Object.entries(CONFORMITE).map(([v, label]) => `${counts[v]} ${label.toLowerCase()}`);
    return [element("p", `Référentiels concernés : ${answers.length} (${parts.join(", ")}, ${open} sans réponse).`)];
  }

  // --- files, names ---------------------------------------------------------------------------------------------

  action(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const name = this.root.querySelector("#eval-nom").value.trim();
    const act = button.dataset.action;
    if (act === "creer" || act === "renommer") {
      if (!name) return this.say("Indiquez un nom.");
      if (this.state.dossiers[name]) return this.say(`« ${name} » existe déjà.`);
      if (act === "creer") this.state.dossiers[name] = emptyFile();
      else { this.state.dossiers[name] = this.file; delete this.state.dossiers[this.state.courant]; }
      this.state.courant = name;
      this.say(act === "creer" ? `« ${name} » créé.` : `Renommé en « ${name} ».`);
    } else if (act === "supprimer") {
      if (!confirm(`Supprimer « ${this.state.courant} » et ses réponses de ce navigateur ?`)) return;
      delete this.state.dossiers[this.state.courant];
      this.state.courant = Object.keys(this.state.dossiers).sort()[0] || DEFAUT[this.type];
      if (!this.state.dossiers[this.state.courant]) this.state.dossiers[this.state.courant] = emptyFile();
      this.say("Supprimé.");
    } else if (act === "effacer") {
      if (!confirm(`Effacer toutes les réponses de « ${this.state.courant} » ?`)) return;
      this.state.dossiers[this.state.courant] = emptyFile();
      this.report.hidden = true;
      this.say("Réponses effacées.");
    } else if (act === "exporter-json") {
      return this.download("json", JSON.stringify(this.document(), null, 2), "application/json");
    } else if (act === "exporter-csv") {
      return this.download("csv", "\ufeff" + this.csv(), "text/csv");
    } else if (act === "imprimer") {
      return window.print();
    }
    this.save();
    this.show();
  }

  document() {
    const file = this.file;
    const doc = { format: FORMAT, version: VERSION, type: this.type, edition: this.edition, nom: this.state.courant,
      date: today(), reponses: file.reponses };
    if (this.type === "projet") Object.assign(doc, { referentiels: file.referentiels, services: file.services });
    return doc;
  }

  csv() {
    const cell = (value) => {
      let text = String(value ?? "");
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // never read as a formula by a spreadsheet
      return `"${text.replace(/"/g, '""')}"`;
    };
    const file = this.file, rows = [["edition", "type", "nom", "groupe", "item", "texte", "reponse", "date", "commentaire", "preuve"]];
    for (const item of this.items) {
      const answer = file.reponses[item.dataset.item] || {};
      rows.push([this.edition, this.type, this.state.courant, item.closest("[data-groupe]").dataset.groupe, item.dataset.item,
        words(item.querySelector(".cadre-eval-texte")), REPONSES[this.type][answer.reponse] || SANS_REPONSE,
        answer.date || "", answer.commentaire || "", answer.preuve || ""]);
    }
    for (const [id, answer] of Object.entries(file.referentiels || {})) {
      const text = words(this.root.querySelector(`#texte-ref-${CSS.escape(id)} a`));
      const value = answer.concerne === "non" ? "Non concerné" : CONFORMITE[answer.conformite] || SANS_REPONSE;
      rows.push([this.edition, this.type, this.state.courant, "referentiels", id, text, value, "", "", ""]);
    }
    for (const id of file.services || []) {
      const box = this.root.querySelector(`input[name=service][value="${CSS.escape(id)}"]`);
      rows.push([this.edition, this.type, this.state.courant, "services", id, words(box?.parentElement), "Réutilisé", "", "", ""]);
    }
    return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  download(extension, content, mime) {
    const slug = this.state.courant.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "evaluation";
    const link = element("a", null, { download: `${this.type === "ars" ? "reporting-ars" : "auto-evaluation"}-${slug}-${this.edition}.${extension}` });
    link.href = URL.createObjectURL(new Blob([content], { type: mime })); // a blob: address, nothing leaves
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.say(`Fichier ${extension.toUpperCase()} exporté.`);
  }

  // --- import and re-evaluation --------------------------------------------------------------------------------

  async importFile(input) {
    const chosen = input.files[0];
    input.value = "";
    if (!chosen) return;
    let doc;
    try { doc = JSON.parse(await chosen.text()); } catch {
      return this.say(`${chosen.name} : ce n'est pas un fichier JSON valide.`);
    }
    const problem = this.check(doc);
    if (problem) return this.say(`${chosen.name} : ${problem}`);
    let changes = null;
    if (doc.edition !== this.edition) {
      try { changes = await this.compare(doc.edition); } catch {
        return this.say(`${chosen.name} : les items de l'édition ${doc.edition} sont introuvables sur ce site.`);
      }
    }
    const known = new Set(this.items.map((item) => item.dataset.item));
    const file = emptyFile();
    const removed = [];
    for (const [id, answer] of Object.entries(doc.reponses)) {
      if (known.has(id)) file.reponses[id] = answer; else removed.push(id);
    }
    for (const [id, avant] of Object.entries(changes?.reworded || {})) {
      if (file.reponses[id]) file.reformules[id] = { edition: doc.edition, avant };
    }
    file.referentiels = doc.referentiels || {};
    file.services = doc.services || [];
    this.state.dossiers[doc.nom] = file;
    this.state.courant = doc.nom;
    this.save();
    this.show();
    this.reevaluation(doc, changes, removed);
    this.say(`« ${doc.nom} » importé depuis ${chosen.name} (édition ${doc.edition}).`);
  }

  check(doc) {
    if (!doc || doc.format !== FORMAT) return "ce n'est pas un fichier d'auto-évaluation du cadre commun.";
    if (doc.version !== VERSION) return `version de format ${doc.version} inconnue (attendu ${VERSION}).`;
    if (doc.type !== this.type) {
      return doc.type === "ars" ? "c'est un reporting ARS : importez-le sur la page « Reporting semestriel ARS »."
        : "c'est l'évaluation d'un projet : importez-la sur la page « Auto-évaluation d'un projet ».";
    }
    if (!Number.isInteger(doc.edition)) return "l'édition du fichier manque.";
    if (doc.edition > this.edition) return `fichier de l'édition ${doc.edition}, postérieure à cette édition (${this.edition}) : importez-le sur le site de l'édition ${doc.edition}.`;
    if (typeof doc.nom !== "string" || !doc.nom.trim()) return "le nom du projet ou de l'ARS manque.";
    if (!doc.reponses || typeof doc.reponses !== "object") return "les réponses manquent.";
    const values = REPONSES[this.type];
    for (const [id, answer] of Object.entries(doc.reponses)) {
      if (!answer || typeof answer !== "object") return `item ${id} : réponse illisible.`;
      if (answer.reponse !== undefined && !(answer.reponse in values)) return `item ${id} : réponse « ${answer.reponse} » inconnue.`;
    }
    return null;
  }

  async compare(year) {
    const fetchItems = async (y) => {
      const response = await fetch(new URL(`${this.root.dataset.items}items-${y}.json`, location.href));
      if (!response.ok) throw new Error(String(response.status));
      return Object.fromEntries((await response.json())[this.type].map((item) => [item.id, item.texte]));
    };
    const [before, now] = await Promise.all([fetchItems(year), fetchItems(this.edition)]);
    const reworded = {}, added = [], removed = {};
    for (const [id, text] of Object.entries(now)) {
      if (!(id in before)) added.push(id); else if (before[id] !== text) reworded[id] = before[id];
    }
    for (const [id, text] of Object.entries(before)) if (!(id in now)) removed[id] = text;
    return { reworded, added, removed, now };
  }

  reevaluation(doc, changes, unknown) {
    const parts = [element("h2", `Réévaluation du fichier de l'édition ${doc.edition}`)];
    if (!changes && !unknown.length) { this.report.hidden = true; return; }
    const section = (title, entries) => {
      if (!entries.length) return;
      parts.push(element("h3", `${title} (${entries.length})`));
      const list = element("ul");
      for (const entry of entries) list.append(entry);
      parts.push(list);
    };
    const line = (id, ...texts) => {
      const entry = element("li");
      entry.append(element("code", id), " ");
      texts.forEach(([label, text], i) => { if (i) entry.append(" "); entry.append(`${label} `, element("q", text)); });
      return entry;
    };
    const reworded = Object.entries(changes?.reworded || {}).filter(([id]) => doc.reponses[id]);
    section("Items reformulés : réponse conservée, à revoir", reworded.map(([id, old]) =>
      line(id, ["ancien texte :", old], ["nouveau texte :", changes.now[id]])));
    const removed = unknown.map((id) => line(id, ...(changes?.removed[id] ? [["texte :", changes.removed[id]]] : [])));
    section("Items retirés de cette édition : réponse non reprise", removed);
    section("Nouveaux items, sans réponse", (changes?.added || []).map((id) => line(id, ["texte :", changes.now[id]])));
    this.report.replaceChildren(...parts);
    this.report.hidden = false;
  }
}

function start() {
  const root = document.querySelector("[data-evaluation]");
  if (root && !root.dataset.pret) { root.dataset.pret = "1"; new Evaluation(root); }
}

if (window.document$) window.document$.subscribe(start); // Material's instant navigation swaps the page
else start();
