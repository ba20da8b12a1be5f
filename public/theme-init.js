// Applies the reader's saved colour theme (light or dark) before the page paints (no flash);
// nothing saved means System: the page follows prefers-color-scheme. See src/scripts/theme-toggle.ts.
// Loaded as a file, not inline, so a strict Content-Security-Policy holds.
try {
  var theme = localStorage.getItem('opsbook-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {}
