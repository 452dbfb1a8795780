/*
 * The session notice, enhanced: shortly before a signed-in session ends, a warning appears (in
 * an alert region, so screen readers announce it) with a "Stay signed in" button that asks the
 * server to count this as activity, without leaving the page. Without JavaScript the notice
 * still says when the session will end. The texts come from the page, already translated.
 */
(function () {
    "use strict";

    var notice = document.querySelector("[data-session-expiry]");
    if (!notice || !window.fetch || !window.FormData) {
        return;
    }
    var region = notice.querySelector("[data-session-warning]");
    var warningSeconds = Number(notice.getAttribute("data-warning-seconds"));
    var timers = [];

    function show(name) {
        var source = notice.querySelector("[data-warning-" + name + "]");
        var copy = source.cloneNode(true);
        copy.hidden = false;
        copy.removeAttribute("data-warning-" + name);
        region.replaceChildren(copy);
    }

    function schedule(idleSeconds, absoluteSeconds) {
        timers.forEach(window.clearTimeout);
        region.replaceChildren();
        var last = absoluteSeconds <= idleSeconds;
        var endsIn = Math.min(idleSeconds, absoluteSeconds);
        timers = [
            window.setTimeout(function () {
                show(last ? "absolute" : "idle");
            }, Math.max(0, endsIn - warningSeconds) * 1000),
            window.setTimeout(function () {
                show("ended");
            }, Math.max(0, endsIn) * 1000),
        ];
    }

    region.addEventListener("submit", function (event) {
        var form = event.target;
        event.preventDefault();
        window.fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            headers: {Accept: "application/json"},
            credentials: "same-origin",
        }).then(function (response) {
            return response.ok ? response.json() : Promise.reject(response);
        }).then(function (answer) {
            notice.querySelectorAll("[data-idle-ends]").forEach(function (time) {
                time.textContent = answer.idle_ends;
                time.setAttribute("datetime", answer.idle_ends_iso);
            });
            schedule(answer.idle_seconds_left, answer.absolute_seconds_left);
        }).catch(function () {
            show("ended");
        });
    });

    schedule(
        Number(notice.getAttribute("data-idle-seconds")),
        Number(notice.getAttribute("data-absolute-seconds"))
    );
}());
