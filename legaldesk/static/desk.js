// LegalDesk: small progressive enhancements. No inline scripts (strict CSP).
"use strict";

function escapeText(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

function setupEnterpriseHint() {
  const form = document.getElementById("intake-form");
  if (!form) return;
  const uscc = form.querySelector("[name=uscc]");
  const name = form.querySelector("[name=enterprise_name]");
  const box = document.getElementById("enterprise-hint");
  const url = form.dataset.hintUrl;
  let last = "";
  async function lookup() {
    const value = uscc.value.trim();
    if (value === last || value.length < 18) return;
    last = value;
    const response = await fetch(url + "?uscc=" + encodeURIComponent(value), {credentials: "same-origin"});
    if (!response.ok) return;
    const data = await response.json();
    box.hidden = false;
    box.className = "hint-box";
    if (!data.valid) {
      box.classList.add("warning");
      box.innerHTML = escapeText(data.message);
    } else if (!data.known) {
      box.innerHTML = escapeText(box.dataset.newText || document.body.dataset.newEnterprise || "");
      box.hidden = !box.innerHTML;
    } else {
      if (!name.value) name.value = data.name;
      let html = "<strong>" + escapeText(data.name) + "</strong>";
      if (data.open_cases.length) {
        box.classList.add("warning");
        html += " · " + escapeText(form.dataset.openText || "") + " ";
        html += data.open_cases.map(c =>
          '<a href="' + encodeURI(c.url) + '">' + escapeText(c.reference) + "</a> " +
          escapeText(c.summary) + " (" + escapeText(c.status) + ")").join("; ");
      }
      box.innerHTML = html;
    }
  }
  uscc.addEventListener("blur", lookup);
  uscc.addEventListener("input", () => { if (uscc.value.trim().length >= 18) lookup(); });
}

// Ask on submit, not on click: the browser checks required fields (a reason) first,
// so nobody confirms an action that is then refused for a missing field.
function setupConfirmations() {
  document.addEventListener("submit", event => {
    const question = event.submitter && event.submitter.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });
}

function setupPrint() {
  ["print-receipt", "print-draws", "print-report", "print-record"].forEach(id => {
    const button = document.getElementById(id);
    if (button) button.addEventListener("click", () => window.print());
  });
}

// Type a few characters (name or ISO code) to narrow the long country list; what is
// chosen is listed under it, so a clerk sees the choice without scrolling.
function setupCountryFilter() {
  const select = document.querySelector("select[data-filter-label]");
  if (!select) return;
  const filter = document.createElement("input");
  filter.type = "search";
  filter.className = "country-filter";
  filter.placeholder = select.dataset.filterLabel;
  filter.setAttribute("aria-label", select.dataset.filterLabel);
  select.parentNode.insertBefore(filter, select);
  const chosen = document.createElement("p");
  chosen.className = "chosen";
  select.parentNode.insertBefore(chosen, select.nextSibling);
  function showChosen() {
    const names = Array.from(select.selectedOptions).map(o => o.textContent);
    chosen.textContent = names.length ? select.dataset.chosenLabel + names.join("、") : "";
  }
  const typed = () => filter.value.trim().toLowerCase();
  // The name exactly, or the ISO code: 俄罗斯 is Russia, not 白俄罗斯 listed before it.
  const exact = (option, term) =>
    option.textContent.trim().toLowerCase() === term || option.value.toLowerCase() === term;
  filter.addEventListener("input", () => {
    const term = typed();
    Array.from(select.options).forEach(option => {
      const match = !term || option.textContent.toLowerCase().includes(term) || exact(option, term);
      option.hidden = !match && !option.selected;
    });
    // A group heading (中国, 港澳台地区, 其他国家) only over options still shown.
    select.querySelectorAll("optgroup").forEach(group => {
      group.hidden = !Array.from(group.children).some(o => !o.hidden);
    });
  });
  filter.addEventListener("keydown", event => {
    if (event.key !== "Enter") return;
    event.preventDefault();  // Enter picks the exact match, else the first, instead of submitting
    const open = Array.from(select.options).filter(o => !o.hidden && !o.selected);
    const first = open.find(o => exact(o, typed())) || open[0];
    if (first) { first.selected = true; showChosen(); filter.value = ""; filter.dispatchEvent(new Event("input")); }
  });
  select.addEventListener("change", showChosen);
  showChosen();
}

// A status link that carried ?code= keeps the access code out of the address bar,
// history and bookmarks once the page has used it.
function stripAccessCode() {
  if (!document.querySelector("[data-strip-code]")) return;
  const url = new URL(window.location.href);
  url.searchParams.delete("code");
  window.history.replaceState(null, "", url.pathname + url.search + url.hash);
}

document.addEventListener("DOMContentLoaded", () => {
  stripAccessCode();
  setupEnterpriseHint();
  setupCountryFilter();
  setupConfirmations();
  setupPrint();
});

// The report's period picker sends only what its kind reads: the month for a month,
// quarter, half year or year, the two dates for "from… to…", so the address of the
// report shown does not carry the dates of the one before. Disabled fields are not
// sent; the page it opens has them all again.
document.addEventListener("submit", event => {
  const form = event.target;
  if (form.id !== "report-picker") return;
  const custom = form.elements.kind.value === "custom";
  form.elements.on.disabled = custom;
  form.elements.from.disabled = !custom;
  form.elements.to.disabled = !custom;
});

// A form marked data-submit-once cannot be sent twice by a double click.
document.addEventListener("submit", event => {
  const form = event.target;
  if (!form.matches("form[data-submit-once]")) return;
  if (form.dataset.submitted) { event.preventDefault(); return; }
  form.dataset.submitted = "1";
});

// Back to a page the browser kept whole (bfcache): its form was sent, but it may be
// sent again (the server warns of a duplicate), so it must not stay silently blocked.
window.addEventListener("pageshow", event => {
  if (!event.persisted) return;
  document.querySelectorAll("form[data-submit-once]").forEach(form => { delete form.dataset.submitted; });
});
