// Calendar feed: a Copy button beside the feed address. Without this script the address is still there to select and copy.
(function () {
    'use strict';
    var buttons = document.querySelectorAll('[data-copy-target]');
    for (var i = 0; i < buttons.length; i++) {
        var button = buttons[i];
        if (!navigator.clipboard) {
            continue;
        }
        button.hidden = false;
        button.addEventListener('click', function (event) {
            var target = event.currentTarget;
            var input = document.getElementById(target.getAttribute('data-copy-target'));
            navigator.clipboard.writeText(input.value).then(function () {
                target.textContent = target.getAttribute('data-copied-text');
            });
        });
    }
})();
