// Availability polls: add candidate slot rows and filter the list of members to invite. The form works without this
// script (six blank rows, a plain list of checkboxes); the server numbers and checks whatever rows arrive.
(function () {
    var rows = document.querySelector("[data-slot-rows]");
    var add = document.querySelector("[data-add-slot]");
    if (rows && add) {
        add.hidden = false;
        add.addEventListener("click", function () {
            var all = rows.querySelectorAll("[data-slot-row]");
            var last = all[all.length - 1];
            if (!last || all.length >= 40) {
                return;
            }
            var index = all.length;
            var row = last.cloneNode(true);
            row.querySelectorAll(".field-error, .hint").forEach(function (el) { el.remove(); });
            row.querySelectorAll("label").forEach(function (label) {
                label.textContent = label.textContent.replace(/\d+/, String(index + 1));
                label.htmlFor = label.htmlFor.replace(/\d+$/, String(index));
            });
            row.querySelectorAll("input").forEach(function (input) {
                input.id = input.id.replace(/\d+$/, String(index));
                input.name = input.name.replace(/\[\d+\]/, "[" + index + "]");
                input.value = "";
            });
            rows.appendChild(row);
            row.querySelector("input").focus();
        });
    }

    var search = document.querySelector("[data-invitee-search]");
    var list = document.querySelector("[data-invitee-list]");
    if (search && list) {
        search.hidden = false;
        var input = search.querySelector("input");
        input.addEventListener("input", function () {
            var term = input.value.trim().toLowerCase();
            list.querySelectorAll("li").forEach(function (item) {
                // A checked member stays in view, so a filter never hides a choice already made.
                var box = item.querySelector("input");
                item.hidden = term.length > 0 && item.getAttribute("data-name").indexOf(term) < 0 && !box.checked;
            });
        });
    }
})();
