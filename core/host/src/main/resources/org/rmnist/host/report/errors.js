// rmnist report: records script errors so a reader (and the browser test) can see them.
window.reportErrors = [];
window.addEventListener('error', function (e) {
  window.reportErrors.push(String(e.message || e));
});
(function () {
  var original = console.error;
  console.error = function () {
    window.reportErrors.push(Array.prototype.join.call(arguments, ' '));
    original.apply(console, arguments);
  };
})();
