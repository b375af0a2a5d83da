import type { ClientConfig } from './config';
import { closeBeaconUrl } from './urls';

/**
 * The page's lifecycle as the server needs to see it.
 * - Leaving the page: `onUnload` stops the client (so the closing socket is not treated as a
 *   failure), then `navigator.sendBeacon` tells the server at once, so the kernel closes now
 *   instead of after the cull timeout (skipped with `?solara-no-close-beacon`).
 * - Coming back from the back/forward cache: the kernel was closed on the way out, so load afresh.
 */
export function installPageLifecycle(window: Window, config: ClientConfig, onUnload: () => void): void {
  window.addEventListener('pagehide', () => {
    onUnload();
    if (config.sendCloseBeacon) {
      window.navigator.sendBeacon(closeBeaconUrl(config.kernelId, config.pageId));
    }
  });
  window.addEventListener('pageshow', event => {
    if (event.persisted) {
      window.location.reload();
    }
  });
}
