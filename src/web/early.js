// Runs in <head> before the body is parsed (an external classic script: the
// Content-Security-Policy allows no inline script). The page comes with the
// default view prerendered (src/bin/prerender.rs); when the address or the
// browser's saved work asks for another view (a shared link, a saved
// session, ?unit=…&embed=1), this marks <html> so that the stylesheet hides
// the prerendered view until the app has drawn the right one: another
// unit's numbers are never shown first. The build stamps the default view's
// link in.
(function () {
  var DEFAULT_LINK = "__VN766_DEFAULT_LINK__";
  // Address options, or a host's own table (?data=, or the build's default):
  // the prerendered view, ranked against the shipped table, would mislead.
  // The shipped data directory (data-shipped) ranks nothing at start.
  var own = /(^|[?&])(embed|compact|lang|profile|unit|data)(=|&|$)/.test(location.search.slice(1)) ||
    document.querySelector('meta[name=vn766-data]:not([data-shipped])') !== null;
  try {
    var link = '';
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      if (part.indexOf('s=') === 0) link = part.slice(2);
    });
    if (link) {
      if (link !== DEFAULT_LINK) own = true;
    } else if (sessionStorage.getItem('vn766.tab') !== null || localStorage.getItem('vn766.session') !== null) {
      own = true;
    } else {
      for (var i = 0; i < localStorage.length; i++) {
        if ((localStorage.key(i) || '').indexOf('vn766.s.') === 0) { own = true; break; }
      }
    }
  } catch (e) {
    // No storage (a third-party frame, a private window): nothing saved to open.
  }
  if (own) document.documentElement.classList.add('vn766-own-view');
})();
