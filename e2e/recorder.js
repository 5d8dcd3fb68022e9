// The end-to-end tests' recorder (e2e/webdriver.mjs puts it first in a test copy of the
// page; never shipped): what would fail a test, kept in `window.__ipscSeen` for the test
// to read, in engines whose driver cannot report it (WebKit's has no BiDi). ES5, a
// classic script, same-origin: the page's strict policy allows nothing else.
(function () {
  var seen = { problems: [] };
  window.__ipscSeen = seen;
  function note(what) { seen.problems.push(what); }
  var error = console.error;
  console.error = function () {
    note('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return error.apply(console, arguments);
  };
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window) note('failed to load: ' + (t.src || t.href || t.tagName));
    else note('uncaught: ' + e.message + ' at ' + e.filename + ':' + e.lineno);
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    note('unhandled rejection: ' + String(e.reason && (e.reason.stack || e.reason)));
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    note('CSP violation: ' + e.violatedDirective + ' refused ' + e.blockedURI + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
  });
  if (performance.setResourceTimingBufferSize) performance.setResourceTimingBufferSize(10000);
})();
