import http from 'node:http';

/**
 * Sends a request whose body never ends: the headers (a `content-length` larger than what is
 * sent) and the first bytes only, and resolves with the answer. An endpoint that checks who asks
 * before it reads the body answers at once; one that reads (or parses) the body first waits for
 * the rest forever, and the test that called this one fails on its timeout.
 */
export function answerBeforeBodyEnds(
  url: string,
  options: { headers: Record<string, string>; firstBytes: Buffer | string; declaredBytes: number },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; bodySent: number }> {
  const first = Buffer.from(options.firstBytes);
  if (options.declaredBytes <= first.length) throw new Error('declaredBytes must be larger than what is sent');
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...options.headers, 'content-length': String(options.declaredBytes) } });
    let done = false;
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        done = true;
        req.destroy();
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body, bodySent: first.length });
      });
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
    req.write(first); // and nothing more: the body stays unfinished
  });
}
