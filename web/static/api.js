// api.js: calls to the Sangbad API, the server-sent-event stream of
// POST /v1/summarize, and plain-language error messages.

/** ApiError is an error answer of the API (or of the network). */
export class ApiError extends Error {
  constructor(status, code, message, id) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || '';
    this.serverMessage = message || '';
    this.id = id || '';
  }
}

function headers(apiKey, accept) {
  const h = { 'Content-Type': 'application/json', Accept: accept };
  if (apiKey) h.Authorization = `Bearer ${apiKey}`;
  return h;
}

/** errorFromResponse turns a non-2xx answer into an ApiError. */
async function errorFromResponse(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's HTML page, an empty body)
  }
  const e = body && body.error ? body.error : {};
  return new ApiError(res.status, e.code || statusCode(res.status), e.message || '', e.id || res.headers.get('X-Request-ID') || '');
}

function statusCode(status) {
  switch (status) {
    case 400: return 'invalid';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 413: return 'body_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'rate_limited';
    case 503: return 'unavailable';
    case 504: return 'timeout';
    default: return status >= 500 ? 'internal' : 'invalid';
  }
}

/**
 * parseSSE reads a text/event-stream body and calls onEvent(name, data) for
 * each event (data lines joined with "\n"). It resolves at the end of the
 * stream.
 */
export async function parseSSE(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let name = '';
  let data = [];
  const line = (l) => {
    if (l === '') {
      if (data.length) onEvent(name || 'message', data.join('\n'));
      name = '';
      data = [];
      return;
    }
    if (l.startsWith(':')) return; // comment (keep-alive)
    const i = l.indexOf(':');
    const field = i < 0 ? l : l.slice(0, i);
    let value = i < 0 ? '' : l.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let nl;
    while ((nl = buf.search(/\r\n|\r|\n/)) >= 0) {
      const len = buf[nl] === '\r' && buf[nl + 1] === '\n' ? 2 : 1;
      line(buf.slice(0, nl));
      buf = buf.slice(nl + len);
    }
  }
  if (buf) line(buf);
  line('');
}

/**
 * summarize posts the request to /v1/summarize and streams the answer:
 * onDelta(language, text) for each piece of a summary as it is generated.
 * It resolves with the full analysis and rejects with an ApiError.
 */
export async function summarize(req, { apiKey, signal, onDelta }) {
  let res;
  try {
    res = await fetch('/v1/summarize', {
      method: 'POST',
      headers: headers(apiKey, 'text/event-stream'),
      body: JSON.stringify(req),
      signal,
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '');
  }
  if (!res.ok) throw await errorFromResponse(res);
  const ct = res.headers.get('Content-Type') || '';
  if (!ct.startsWith('text/event-stream')) {
    // A server (or proxy) that answered with plain JSON.
    return res.json();
  }
  let result = null;
  let failure = null;
  await parseSSE(res.body, (name, data) => {
    let v;
    try {
      v = JSON.parse(data);
    } catch {
      return;
    }
    if (name === 'delta' && onDelta) onDelta(v.language, v.text);
    else if (name === 'result') result = v;
    else if (name === 'error') {
      const e = v.error || {};
      failure = new ApiError(200, e.code, e.message, e.id);
    }
  });
  if (failure) throw failure;
  if (!result) throw new ApiError(0, 'stream_ended', '');
  return result;
}

/** health answers GET /healthz ({status, version}) or null. */
export async function health() {
  try {
    const res = await fetch('/healthz');
    return res.ok ? res.json() : null;
  } catch {
    return null;
  }
}

/**
 * describeError says in words what went wrong and what to do. It returns
 * {text, detail}: detail is the server's own message (numbers, limits) and
 * the request id, for a support question.
 */
export function describeError(err) {
  const code = err.code || '';
  const words = {
    file: 'The file could not be read. Drop a plain-text (.txt) or web page (.html) file.',
    network: 'The server could not be reached. Check that Sangbad is running and your connection works, then try again.',
    stream_ended: 'The connection closed before the analysis finished. Try again.',
    text_required: 'There is no article to analyse: paste the text of an article first.',
    body_empty: 'There is no article to analyse: paste the text of an article first.',
    text_too_large: 'The article is too long for this server. Analyse a shorter piece, or split it.',
    body_too_large: 'The article is too large to send to this server. Analyse a shorter piece, or split it.',
    text_not_utf8: 'The text contains characters that are not valid Unicode. Copy it again from the source.',
    invalid_date: 'The publication date is not a valid date. Pick a day from the calendar, or leave it empty.',
    published_invalid: 'The publication date is not a valid date. Pick a day from the calendar, or leave it empty.',
    language_invalid: 'A summary language is not a language code. Use two- or three-letter codes such as en or bn.',
    unknown_language: 'A summary language is not a language code this server knows. Use codes such as en or bn.',
    length_invalid: 'That summary length is not available. Choose one from the list.',
    invalid_option: 'One of the options is not valid. Reset the options and try again.',
    unauthorized: 'This server needs an API key. Enter your key in the “API key” field and analyse again.',
    forbidden: 'Your API key is not allowed to do this. Ask the server’s operator for access.',
    rate_limited: 'Too many requests in a short time. Wait a few seconds, then try again.',
    overloaded: 'The server is busy with other requests. Wait a moment, then try again.',
    unavailable: 'The server cannot do this right now. Try again in a moment.',
    not_available: 'This server was started without the analysis pipeline. Start it with “sangbad serve”.',
    llm_not_configured: 'This needs a language model, and none is configured on the server.',
    timeout: 'The analysis took too long and was stopped. Try a shorter article or a shorter summary.',
    bad_output: 'The language model gave an answer that could not be used. Try again.',
    internal: 'Something went wrong on the server. Try again; if it keeps happening, tell the operator.',
    unsupported_media_type: 'The page sent the article in a form the server does not accept. Reload the page.',
    invalid_json: 'The page sent a request the server could not read. Reload the page and try again.',
  };
  let text = words[code];
  if (!text) {
    if (err.status >= 500) text = words.internal;
    else if (err.status === 413) text = words.body_too_large;
    else text = 'The server could not analyse this article.';
  }
  const parts = [];
  if (err.serverMessage) parts.push(`Server says: ${err.serverMessage}`);
  else if (err.status > 0 && err.status !== 200) parts.push(`HTTP status ${err.status}`);
  if (err.id) parts.push(`Reference: ${err.id}`);
  return { text, detail: parts.join(' · ') };
}
