// Digest settings: the weekday only matters for a weekly digest, so it is hidden for daily and off.
// Without this script both fields show and the form works the same.
(function () {
    'use strict';
    var weekday = document.getElementById('weekday-field');
    if (!weekday) {
        return;
    }
    var choices = document.querySelectorAll('input[name="Data.Frequency"]');
    function update() {
        var chosen = document.querySelector('input[name="Data.Frequency"]:checked');
        weekday.hidden = !chosen || chosen.value !== 'Weekly';
    }
    for (var i = 0; i < choices.length; i++) {
        choices[i].addEventListener('change', update);
    }
    update();
})();
