/* Cadre commun des projets de e-santé: reading aids, each an enhancement of a page that works without script.
   - editorial notes: a site-wide switch « Afficher les notes éditoriales » (remembered in localStorage) opens or
     closes every note; a note reached by its anchor opens. Without script the notes stay collapsed, openable.
   - acronyms: the first <abbr title> of each acronym on a page takes the keyboard focus, and its explanation
     shows on focus and on touch (the browser's own tooltip shows on hover). The explanation is data: it is set as
     text (textContent), never parsed as HTML (Material's content.tooltips does parse it: not used).
   - the editorial notes page: filter chips by type (without script: links to each type's section).
   - a table wider than the screen: its scrolling wrapper takes the keyboard focus.
   - tables marked `cadre-triable` (or inside such a block): sortable by their column headers (aria-sort); without script, a plain table.
   Runs on every page Material shows (document$ with navigation.instant, else once loaded). */
(function () {
  "use strict";

  var NOTES_KEY = "cadre-notes-editoriales";

  function notesOpen() {
    try { return window.localStorage.getItem(NOTES_KEY) === "ouvertes"; } catch (e) { return false; }
  }

  function rememberNotes(open) {
    try {
      if (open) { window.localStorage.setItem(NOTES_KEY, "ouvertes"); }
      else { window.localStorage.removeItem(NOTES_KEY); }
    } catch (e) { /* storage refused (private mode): the switch still works on this page */ }
  }

  function showNotes(open) {
    document.querySelectorAll("details.cadre-note").forEach(function (note) { note.open = open; });
    document.querySelectorAll(".cadre-notes-bascule").forEach(function (button) {
      button.setAttribute("aria-checked", open ? "true" : "false");
    });
  }

  function openTargetedNote() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.matches("details.cadre-note")) { target.open = true; }
  }

  function setUpNotes() {
    document.querySelectorAll(".cadre-notes-bascule").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () {
        var open = button.getAttribute("aria-checked") !== "true";
        rememberNotes(open);
        showNotes(open);
      };
    });
    if (notesOpen()) { showNotes(true); }
    openTargetedNote();
  }

  function focusableAcronyms() {
    var seen = {};
    document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
      var text = abbr.textContent.trim();
      if (seen[text] || abbr.closest("dt, a, summary, h1, h2, h3, h4, h5, h6")) { return; }
      seen[text] = true;
      abbr.tabIndex = 0;
      abbr.addEventListener("focus", function () { showExplanation(abbr); });
      abbr.addEventListener("click", function () { showExplanation(abbr); });
      abbr.addEventListener("blur", hideExplanation);
    });
  }

  var explanation = null;

  function showExplanation(abbr) {
    hideExplanation();
    explanation = document.createElement("span");
    explanation.className = "cadre-infobulle";
    explanation.id = "cadre-infobulle";
    explanation.setAttribute("role", "tooltip");
    explanation.textContent = abbr.getAttribute("title") || "";
    var box = abbr.getBoundingClientRect();
    explanation.style.left = Math.max(8, box.left + window.scrollX) + "px";
    explanation.style.top = (box.bottom + window.scrollY + 6) + "px";
    document.body.appendChild(explanation);
    abbr.setAttribute("aria-describedby", explanation.id);
  }

  function hideExplanation() {
    if (!explanation) { return; }
    var owner = document.querySelector("[aria-describedby='cadre-infobulle']");
    if (owner) { owner.removeAttribute("aria-describedby"); }
    explanation.remove();
    explanation = null;
  }

  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hideExplanation(); } });

  function noteFilters() {
    var nav = document.querySelector(".cadre-notes-types");
    if (!nav || nav.dataset.chips) { return; }
    nav.dataset.chips = "1";
    var chips = document.createElement("div");
    chips.className = "cadre-chips";
    chips.setAttribute("role", "group");
    chips.setAttribute("aria-label", "Filtrer les notes par type");
    var label = document.createElement("span");
    label.className = "cadre-chips__titre";
    label.textContent = "Afficher seulement :";
    chips.appendChild(label);
    var selected = {};
    function apply() {
      var any = Object.keys(selected).some(function (k) { return selected[k]; });
      document.querySelectorAll(".cadre-notes-type").forEach(function (section) {
        section.hidden = any && !selected[section.dataset.type];
      });
    }
    // by the link's fragment: Material's instant navigation may have made the href absolute
    nav.querySelectorAll("a[href*='#type-']").forEach(function (link) {
      var type = link.hash.slice("#type-".length);
      var chip = document.createElement("button");
      chip.type = "button";
      chip.className = "cadre-chip";
      chip.setAttribute("aria-pressed", "false");
      chip.textContent = link.textContent;
      chip.onclick = function () {
        selected[type] = !selected[type];
        chip.setAttribute("aria-pressed", selected[type] ? "true" : "false");
        apply();
      };
      chips.appendChild(chip);
    });
    nav.hidden = true;
    nav.parentNode.insertBefore(chips, nav.nextSibling);
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var key = cell.querySelector("[data-tri]");  // a rank where the text would sort badly (statuses, categories)
    return (key ? key.dataset.tri : cell.textContent).trim();
  }

  function sortableTables() {
    document.querySelectorAll("table.cadre-triable, .cadre-triable table").forEach(function (table) {
      if (table.dataset.triable) { return; }
      table.dataset.triable = "1";
      var headers = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(headers, function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "cadre-tri";
        while (th.firstChild) { button.appendChild(th.firstChild); }
        th.appendChild(button);
        button.onclick = function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var order = cellValue(a, index).localeCompare(cellValue(b, index), "fr",
              { numeric: true, sensitivity: "base" });
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        };
      });
    });
  }

  /* A table wider than the screen scrolls in Material's wrapper: the wrapper takes the keyboard focus (arrow keys
     scroll it) and is named after the table, as a region. */
  function scrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth || wrap.hasAttribute("tabindex")) { return; }
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Tableau (défilement horizontal)");
    });
  }

  function setUp() {
    setUpNotes();
    focusableAcronyms();
    noteFilters();
    sortableTables();
    scrollableTables();
  }

  window.addEventListener("hashchange", openTargetedNote);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
