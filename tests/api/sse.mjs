// sse: a small server-sent events client for the tests (fetch + a parser of
// the text/event-stream format). open() resolves once the response headers
// arrived; messages accumulate in .messages ({id, event, data}); comments
// (heartbeats) are counted in .comments.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class SseClient {
  constructor(base, who, { lastEventId, path = '/api/v1/events' } = {}) {
    this.url = base + path;
    this.headers = { Accept: 'text/event-stream' };
    if (who && who.token) this.headers.Authorization = `Bearer ${who.token}`;
    if (who && who.cookie) this.headers.Cookie = who.cookie;
    if (lastEventId !== undefined) this.headers['Last-Event-ID'] = String(lastEventId);
    this.messages = [];
    this.comments = 0;
    this.retry = null;
    this.ctl = new AbortController();
  }

  async open() {
    this.res = await fetch(this.url, { headers: this.headers, signal: this.ctl.signal });
    this.status = this.res.status;
    this.contentType = this.res.headers.get('content-type');
    if (this.status !== 200) {
      this.text = await this.res.text();
      return this;
    }
    this.done = this.pump();
    return this;
  }

  async pump() {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of this.res.body) {
        buf += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          this.parse(buf.slice(0, cut));
          buf = buf.slice(cut + 2);
        }
      }
    } catch {
      /* aborted */
    }
    this.ended = true;
  }

  parse(block) {
    const m = { id: null, event: 'message', data: '' };
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const i = line.indexOf(':');
      const name = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (name === 'retry') this.retry = Number(value);
      else if (name === 'id') (m.id = Number(value)), fields++;
      else if (name === 'event') (m.event = value), fields++;
      else if (name === 'data') (m.data += (m.data ? '\n' : '') + value), fields++;
    }
    if (fields) {
      m.json = m.data ? JSON.parse(m.data) : null;
      this.messages.push(m);
    }
  }

  /** Waits until pred(messages) holds (or throws after ms). */
  async until(pred, ms = 5000, what = 'messages') {
    const deadline = Date.now() + ms;
    while (!pred(this.messages, this)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages.map((m) => [m.id, m.event]))}`);
      await sleep(20);
    }
    return this.messages;
  }

  close() {
    this.ctl.abort();
  }
}

export async function openStream(base, who, opts) {
  return new SseClient(base, who, opts).open();
}
