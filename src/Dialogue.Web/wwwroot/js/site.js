// Tell the server the browser's time zone, so visitors without a profile see times in their own zone.
(function () {
    try {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone && document.cookie.indexOf("tz=" + encodeURIComponent(zone)) === -1) {
            document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
        }
    } catch (e) {
        // Old browsers without Intl time zones keep UTC.
    }
})();

// A glossary term's definition (shown by CSS on hover and focus) is hidden with Escape until the pointer or focus leaves it.
(function () {
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
            return;
        }
        document.querySelectorAll(".glossary-link").forEach(function (link) {
            if (link.matches(":hover") || link.contains(document.activeElement)) {
                link.classList.add("glossary-dismissed");
            }
        });
    });
    function reset(event) {
        var link = event.target.closest && event.target.closest(".glossary-link");
        if (link && !link.contains(event.relatedTarget)) {
            link.classList.remove("glossary-dismissed");
        }
    }
    document.addEventListener("mouseout", reset);
    document.addEventListener("focusout", reset);
})();
