/** Every URL the client talks to, in one place. */
export function jupyterBaseUrl(location: Location): string {
  return `${location.origin}/jupyter/`;
}

export function jupyterWsUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/jupyter/`;
}

export function closeBeaconUrl(kernelId: string, pageId: string): string {
  return `/_solara/api/close/${encodeURIComponent(kernelId)}?session_id=${encodeURIComponent(pageId)}`;
}
