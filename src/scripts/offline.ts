/** Registers the service worker that saves the pages on-call needs, and each page read, for reading offline (src/lib/offline/). */
if ('serviceWorker' in navigator && !import.meta.env.DEV) {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
    // No offline copy (private window, or workers disabled): the site works as before.
  });
}
