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
