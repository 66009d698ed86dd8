// After a form is sent, the page it leads to puts the keyboard focus on its outcome, so that a
// screen reader reads it and the Tab key goes on from there instead of from the top of the page:
// the first field in error (its label, its error and "invalid" are read together), else the
// error the form shows without a field (a wrong password), else the message at the top of the
// page ("Your addresses were updated."), which a status region present when the page loads does
// not announce by itself. A field focused by the page (autofocus) keeps the focus from a message.
(function () {
    "use strict";
    var main = document.getElementById("main");
    if (!main) {
        return;
    }

    function focusOn(element) {
        element.setAttribute("tabindex", "-1");
        element.focus();
    }

    // What to focus for a message: a form's error box, or the list of the page's messages
    // (inside their status region: the focus ring then surrounds the boxes, not the page's width).
    function messageOf(element) {
        var messages = element.closest(".messages");
        if (messages) {
            return messages.querySelector("ul") || messages;
        }
        return element.closest('[role="alert"]') || element;
    }

    var invalid = main.querySelector('[aria-invalid="true"]');
    if (invalid) {
        invalid.focus();
        return;
    }
    var error = main.querySelector(".message-error, .errorlist");
    if (error) {
        focusOn(messageOf(error));
        return;
    }
    var messages = main.querySelector(".messages");
    if (messages && (!document.activeElement || document.activeElement === document.body)) {
        focusOn(messageOf(messages));
    }
})();
