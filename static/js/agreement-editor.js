/*
 * The agreement editor, enhanced: "Save" sends the form in the background and puts the
 * server's answer in place, so the page does not reload. Without JavaScript the same form
 * posts normally and the server answers with the whole page; both give the same outcome.
 *
 * The server answers JSON when asked (Accept: application/json): whether it saved, a message
 * for the status region (aria-live, so screen readers hear it), the new revision id, and the
 * form's fields as HTML (fresh after a save; with errors, or both versions, when refused).
 */
(function () {
    "use strict";

    function showStatus(region, text, isProblem) {
        if (!region) {
            return;
        }
        var message = document.createElement("p");
        message.className = isProblem ? "notice notice--problem" : "notice";
        message.textContent = text;
        region.replaceChildren(message);
    }

    function focusAfterAnswer(fields, region, buttonName, saved) {
        var summary = fields.querySelector(".error-summary");
        if (!saved && summary) {
            summary.focus();
            return;
        }
        if (!saved && region) {
            region.focus();
            return;
        }
        var button = buttonName && fields.querySelector('button[name="' + buttonName + '"]');
        if (button) {
            button.focus();
        }
    }

    function enhance(form) {
        var fields = form.querySelector("[data-editor-fields]");
        var region = document.getElementById("editor-status");
        var lastButton = null;
        if (!fields || !window.fetch || !window.FormData) {
            return;
        }

        form.addEventListener("click", function (event) {
            var button = event.target.closest("button[type=submit]");
            if (button) {
                lastButton = button;
            }
        });

        form.addEventListener("submit", function (event) {
            var button = event.submitter || lastButton;
            // Buttons that go somewhere else ("Save and go to the next area") post normally.
            if (button && !button.hasAttribute("data-save-in-place") && button.name !== "save") {
                return;
            }
            event.preventDefault();
            if (form.getAttribute("aria-busy") === "true") {
                return;
            }
            var data = new FormData(form);
            if (button && button.name) {
                data.append(button.name, button.value);
            }
            form.setAttribute("aria-busy", "true");
            showStatus(region, form.dataset.savingMessage || "…", false);

            fetch(form.action, {
                method: "POST",
                body: data,
                credentials: "same-origin",
                headers: { Accept: "application/json" },
            })
                .then(function (response) {
                    return response.json();
                })
                .then(function (answer) {
                    if (answer.form) {
                        fields.innerHTML = answer.form;
                    } else if (answer.revision) {
                        var basedOn = form.querySelector('input[name="based_on"]');
                        if (basedOn) {
                            basedOn.value = answer.revision;
                        }
                    }
                    showStatus(region, answer.message, !answer.saved);
                    focusAfterAnswer(fields, region, button && button.name, answer.saved);
                })
                .catch(function () {
                    showStatus(region, form.dataset.failedMessage || "", true);
                    if (region) {
                        region.focus();
                    }
                })
                .finally(function () {
                    form.removeAttribute("aria-busy");
                });
        });
    }

    document.querySelectorAll("form[data-agreement-editor]").forEach(enhance);
})();
