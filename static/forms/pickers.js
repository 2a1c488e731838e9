// Pickers of forms (the CSP forbids inline script, so they live here).
// - A select marked data-searchable gets a search box above it: typing a Chinese name, an English name or a code
//   hides the options that do not match (each option's data-search holds them all) and picks the first match.
// - A person picker's visible text box names the person; picking a suggestion puts its id in the hidden field.
(function () {
  "use strict";

  function searchable(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1 country-search";
    box.placeholder = select.dataset.searchPlaceholder || "";
    box.setAttribute("aria-label", select.dataset.searchPlaceholder || "");
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var typed = box.value.trim().toLowerCase();
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var match = !typed || (option.dataset.search || "").indexOf(typed) !== -1;
        option.hidden = !match;
        if (match && option.value && !first) { first = option; }
      });
      if (!select.multiple && typed && first && (select.selectedIndex < 0 || select.options[select.selectedIndex].hidden)) {
        select.value = first.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function personPicker(input) {
    var hidden = document.getElementById(input.dataset.personPicker);
    var list = document.getElementById(input.getAttribute("list"));
    input.addEventListener("input", function () {
      var chosen = Array.prototype.find.call(list.options, function (option) { return option.value === input.value; });
      hidden.value = chosen ? chosen.dataset.pk : "";
    });
  }

  function init(root) {
    root.querySelectorAll("select[data-searchable]").forEach(searchable);
    root.querySelectorAll("input[data-person-picker]").forEach(personPicker);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
