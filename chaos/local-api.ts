/** The local cloud's `/_local/…` routes (docs/local-cloud.md#faults), over HTTP as any campaign would call them. */
export interface LocalApi {
  /** Status and parsed JSON body (undefined when not JSON). */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
}

export function localApi(url: string): LocalApi {
  return {
    async call(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let json: any;
      try { json = JSON.parse(text); } catch { json = undefined; }
      return { status: res.status, json };
    },
  };
}
