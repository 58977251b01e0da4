// lexkb report: a printed page shows every folded table cell (<details>) open, so paper loses nothing.
"use strict";
window.addEventListener("beforeprint", () => {
  for (const d of document.querySelectorAll("details:not([open])")) {
    d.open = true;
    d.dataset.printOpened = "1";
  }
});
window.addEventListener("afterprint", () => {
  for (const d of document.querySelectorAll("details[data-print-opened]")) {
    d.open = false;
    delete d.dataset.printOpened;
  }
});
