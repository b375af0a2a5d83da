import { uuid4 } from './uuid';

/** What the page tells the client (the `#solara-config` JSON script) plus what the URL adds. */
export interface ClientConfig {
  /** Name of the app this page runs, as in the route `/{appName}`. */
  readonly appName: string;
  /** True when the server runs in production mode (minified bundle, no debug hooks that mutate state). */
  readonly production: boolean;
  /** Identifies the served bundle; the kernel reports the same value in `app-status`. */
  readonly clientVersion: string;
  /** The kernel this page talks to: a fresh UUID per page load, or `?kernelid=` for popouts. */
  readonly kernelId: string;
  /** One UUID per page load, kept across reconnects (the `session_id` query parameter). */
  readonly pageId: string;
  /** True when the URL names the kernel (`?kernelid=`): attach to what it already runs. */
  readonly attach: boolean;
  /** For popouts: the widget to display instead of the whole app (`?modelid=`). */
  readonly popoutModelId: string | null;
  /** False when the URL has `?solara-no-close-beacon`. */
  readonly sendCloseBeacon: boolean;
}

interface PageConfigJson {
  appName?: unknown;
  production?: unknown;
  clientVersion?: unknown;
}

export function readConfig(doc: Document, location: Location): ClientConfig {
  const element = doc.getElementById('solara-config');
  let json: PageConfigJson = {};
  if (element?.textContent) {
    try {
      json = JSON.parse(element.textContent) as PageConfigJson;
    } catch (error) {
      console.error('solara: #solara-config is not valid JSON', error);
    }
  } else {
    console.warn('solara: no #solara-config element on the page; using defaults');
  }
  const params = new URLSearchParams(location.search);
  return {
    appName: typeof json.appName === 'string' ? json.appName : '',
    production: json.production === true,
    clientVersion: typeof json.clientVersion === 'string' ? json.clientVersion : '',
    kernelId: params.get('kernelid') || uuid4(),
    attach: !!params.get('kernelid'),
    pageId: uuid4(),
    popoutModelId: params.get('modelid'),
    sendCloseBeacon: !params.has('solara-no-close-beacon'),
  };
}
