/* Switching editions keeps the reader's page.

   Material's version selector only keeps the page when the current edition's sitemap lists it under the same
   address, which fails from /latest/ (its pages are listed under their year) and without a public address (no
   sitemap entries). This script takes the selector's clicks first (capture phase, before Material's handler on
   <body>): the page's path inside the current edition is looked for in the chosen edition (a HEAD request, same
   origin); a page the chosen edition does not have leads to its nearest section that exists (then up to the
   edition's home page), and the page reached says so. The « Voir cette page dans l'édition en vigueur » link of
   an older edition's banner (overrides/main.html, `data-cadre-vers`) goes the same way.
   Runs once per page load (instant navigation keeps it; it reads the address at each click). */
(() => {
  "use strict";

  const AVIS = "cadre-edition-avis";  // sessionStorage: the notice for the page reached after a fallback
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  if (!config.base) return;
  // the current edition's root (config.base is relative to the page first loaded: resolved once, here)
  const racine = new URL(config.base.replace(/\/?$/, "/"), location.href);

  /** The path of the page shown, relative to the current edition's root ("" on its home page). */
  function cheminDansEdition() {
    const ici = new URL(location.href);
    return ici.pathname.startsWith(racine.pathname) ? ici.pathname.slice(racine.pathname.length) : "";
  }

  async function existe(url) {
    try {
      const reponse = await fetch(url, { method: "HEAD", cache: "no-cache", credentials: "same-origin" });
      return reponse.ok;
    } catch {
      return false;
    }
  }

  /** The page at `chemin` in the edition at `cible`, else its nearest section that exists, else the root. */
  async function pageLaPlusProche(cible, chemin) {
    const parties = chemin.split("/").filter(Boolean);
    for (let n = parties.length; n > 0; n--) {
      const url = new URL(parties.slice(0, n).join("/") + (chemin.endsWith("/") || n < parties.length ? "/" : ""),
                          cible);
      if (await existe(url)) return { url, exacte: n === parties.length };
    }
    return { url: cible, exacte: parties.length === 0 };
  }

  function titrePage() {
    const titre = document.querySelector(".md-content h1");
    return (titre ? titre.textContent : document.title).replace(/¶/g, "").trim();
  }

  function nomEdition(lien) {
    if (lien.dataset.cadreEdition) return lien.dataset.cadreEdition;
    const texte = lien.firstChild ? lien.firstChild.textContent.trim() : lien.textContent.trim();
    return `l'édition ${texte}`;
  }

  async function changerEdition(lien) {
    // a version of the selector links to its root; the banner's link names its version (`latest`)
    const cible = lien.dataset.cadreVers ? new URL(`../${lien.dataset.cadreVers}/`, racine) : new URL(lien.href);
    const chemin = cheminDansEdition();
    const { url, exacte } = await pageLaPlusProche(cible, chemin);
    if (exacte) {
      url.hash = location.hash;
    } else if (chemin) {
      sessionStorage.setItem(AVIS, JSON.stringify({ vers: url.pathname, page: titrePage(), edition: nomEdition(lien) }));
    }
    location.assign(url.href);
  }

  window.addEventListener("click", (evenement) => {
    if (evenement.button !== 0 || evenement.metaKey || evenement.ctrlKey || evenement.shiftKey || evenement.altKey) {
      return;
    }
    const lien = evenement.target instanceof Element &&
      evenement.target.closest(".md-version a.md-version__link, a[data-cadre-vers]");
    if (!lien || lien.target) return;
    evenement.preventDefault();
    evenement.stopPropagation();  // Material's own handler would go to the edition's home page
    changerEdition(lien);
  }, true);

  /** After a fallback: say, at the top of the page reached, that the page asked for is not in this edition. */
  function annoncer() {
    let avis;
    try {
      avis = JSON.parse(sessionStorage.getItem(AVIS) || "null");
    } catch {
      avis = null;
    }
    if (!avis || avis.vers !== location.pathname) return;
    sessionStorage.removeItem(AVIS);
    const contenu = document.querySelector(".md-content__inner");
    if (!contenu) return;
    const boite = document.createElement("div");
    boite.className = "admonition info cadre-avis-edition";
    boite.setAttribute("role", "status");
    const titre = document.createElement("p");
    titre.className = "admonition-title";
    titre.textContent = "Page absente de cette édition";
    const texte = document.createElement("p");
    texte.textContent = `La page « ${avis.page} » n'existe pas dans ${avis.edition} : ` +
      "voici la section la plus proche de cette édition.";
    boite.append(titre, texte);
    const h1 = contenu.querySelector("h1");
    if (h1) h1.after(boite); else contenu.prepend(boite);
  }

  annoncer();
})();
