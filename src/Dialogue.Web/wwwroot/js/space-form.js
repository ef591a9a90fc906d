// Fill a new space's address from its name as it is typed, until the admin edits the address themselves.
// The server derives the same address when the field is left empty, so the form works without this script.
(function () {
    var slug = document.querySelector("input[data-slug-from]");
    var name = slug && document.getElementById(slug.getAttribute("data-slug-from"));
    if (!slug || !name) {
        return;
    }
    var touched = slug.value.length > 0;
    function slugOf(text) {
        var plain = text.normalize ? text.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : text;
        return plain.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50).replace(/-+$/, "");
    }
    slug.addEventListener("input", function () {
        touched = slug.value.length > 0;
    });
    name.addEventListener("input", function () {
        if (!touched) {
            slug.value = slugOf(name.value);
        }
    });
})();
