/** Registers the service worker that keeps runbooks and alert pages readable offline. */
if ('serviceWorker' in navigator && !import.meta.env.DEV) {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
    // No offline copy (private window, or workers disabled): the site works as before.
  });
}
