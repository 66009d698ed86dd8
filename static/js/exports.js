/* The Exports screen (home/admin/exports.html). While an export is queued or running, the list
   is read again every few seconds and replaced in place (the progress, then the download link),
   without reloading the page or moving the focus elsewhere than where it was; the status region
   says when the last export is ready. Without this script, reloading the page does the same. */
(function () {
    "use strict";
    var status = document.getElementById("exports-status");

    function current() {
        return document.querySelector("[data-exports]");
    }

    function schedule(list) {
        var seconds = Number(list && list.getAttribute("data-exports-refresh"));
        if (seconds > 0) {
            window.setTimeout(refresh, seconds * 1000);
        }
    }

    function refresh() {
        window.fetch(window.location.href, { credentials: "same-origin" })
            .then(function (response) {
                return response.ok ? response.text() : null;
            })
            .then(function (html) {
                if (html === null) {
                    return;
                }
                var page = new window.DOMParser().parseFromString(html, "text/html");
                var fresh = page.querySelector("[data-exports]");
                var list = current();
                if (!fresh || !list) {
                    return;
                }
                var focused = document.activeElement && document.activeElement.id;
                list.replaceWith(fresh);
                if (focused && document.getElementById(focused)) {
                    document.getElementById(focused).focus();
                }
                if (!fresh.hasAttribute("data-exports-refresh") && status) {
                    status.textContent = status.getAttribute("data-done") || "";
                }
                schedule(fresh);
            })
            .catch(function () {
                schedule(current());
            });
    }

    schedule(current());
})();
