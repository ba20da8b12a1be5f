// Applies the reader's saved colour theme before the page paints (no flash).
// Loaded as a file, not inline, so a strict Content-Security-Policy holds.
try {
  var theme = localStorage.getItem('opsbook-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {}
