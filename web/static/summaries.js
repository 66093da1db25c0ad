// summaries.js: one card per summary language. A card shows the text as it
// streams in, then the finished summary with its verification badge, the
// problems found, and sentences that point at their source sentences.

import { el, langName, copyText } from './dom.js';

const ISSUE_KIND = {
  number: 'Number', date: 'Date', name: 'Name', language: 'Language', format: 'Format',
};

/** SummaryCards manages the cards inside a container. */
export class SummaryCards {
  /**
   * @param {HTMLElement} container
   * @param {{onSources: (sources: number[], sentence: HTMLElement) => void, announce: (msg: string) => void}} hooks
   */
  constructor(container, hooks) {
    this.container = container;
    this.hooks = hooks;
    this.cards = new Map();
    this.streamed = new Map();
  }

  /** reset shows an empty waiting card for each language (in order). */
  reset(langs) {
    this.container.replaceChildren();
    this.cards.clear();
    this.streamed.clear();
    for (const l of langs) this.card(l);
  }

  card(lang) {
    let c = this.cards.get(lang);
    if (c) return c;
    const name = langName(lang);
    const hid = `sum-${lang}-h`;
    const root = el('article', { class: 'summary', 'data-lang': lang, 'aria-labelledby': hid, 'aria-busy': 'true' });
    const badge = el('span', { class: 'badge b-wait' }, 'Waiting…');
    const copy = el('button', { type: 'button', class: 'copy', disabled: true }, `Copy`);
    copy.setAttribute('aria-label', `Copy the ${name} summary`);
    const head = el('header', {},
      el('h4', { id: hid }, `${name} summary`),
      badge,
      copy);
    const meta = el('p', { class: 'meta hint' });
    const body = el('div', { class: 'summary-body', lang });
    body.append(el('p', { class: 'hint' }, 'Waiting for the summary…'));
    const issues = el('div', { class: 'issues' });
    root.append(head, meta, body, issues);
    this.container.append(root);
    c = { root, badge, copy, meta, body, issues, text: '' };
    copy.addEventListener('click', async () => {
      try {
        await copyText(c.text);
        copy.textContent = 'Copied';
        this.hooks.announce(`${name} summary copied.`);
      } catch {
        copy.textContent = 'Copy failed';
        this.hooks.announce('Copying failed: select the text and copy it by hand.');
      }
      setTimeout(() => { copy.textContent = 'Copy'; }, 2000);
    });
    this.cards.set(lang, c);
    return c;
  }

  /** delta appends streamed text to a language's card. */
  delta(lang, text) {
    const c = this.card(lang);
    const prev = this.streamed.get(lang) || '';
    const now = prev + text;
    this.streamed.set(lang, now);
    if (!prev) {
      c.badge.className = 'badge b-wait';
      c.badge.textContent = 'Writing…';
      c.body.replaceChildren(el('p', { class: 'streaming' }));
    }
    c.body.firstChild.textContent = now;
  }

  /** finish shows the final summaries of an analysis. */
  finish(an) {
    const sums = an.summaries || {};
    for (const lang of Object.keys(sums)) this.card(lang);
    for (const [lang, c] of this.cards) {
      const s = sums[lang];
      c.root.setAttribute('aria-busy', 'false');
      if (!s) {
        this.unavailable(c, 'No summary in this language was produced.', '');
        continue;
      }
      if (s.error) {
        // The offline panel already quotes the server for a missing backend.
        this.unavailable(c, errorWords(s.error, lang), s.error.code === 'llm_not_configured' ? '' : s.error.message || '');
        c.root.classList.add(`e-${s.error.code}`);
        continue;
      }
      this.show(c, s, an);
    }
  }

  /** fail marks every card still waiting as not produced. */
  fail(message) {
    for (const c of this.cards.values()) {
      if (c.root.getAttribute('aria-busy') === 'true') {
        c.root.setAttribute('aria-busy', 'false');
        this.unavailable(c, message, '');
      }
    }
  }

  unavailable(c, words, detail) {
    c.badge.className = 'badge b-none';
    c.badge.textContent = 'Not available';
    c.copy.disabled = true;
    c.text = '';
    c.meta.textContent = '';
    c.body.replaceChildren(el('p', { class: 'unavailable' }, words));
    if (detail) c.body.append(el('p', { class: 'hint detail' }, `Server says: ${detail}`));
    c.issues.replaceChildren();
  }

  show(c, s, an) {
    c.text = s.text || '';
    c.copy.disabled = !c.text;
    const { cls, label, help } = badgeOf(s);
    c.badge.className = `badge ${cls}`;
    c.badge.textContent = label;
    c.badge.title = help;
    const meta = [s.method === 'llm' ? `Written by a language model${s.model ? ` (${s.model})` : ''}` : 'Sentences taken from the article'];
    if (s.length) meta.push(`length: ${s.length}`);
    c.meta.textContent = `${meta.join(' · ')}. ${help}`;
    const sentences = s.sentences && s.sentences.length ? s.sentences : [{ text: s.text, sources: [] }];
    const bullets = s.length === 'bullets';
    const list = el(bullets ? 'ul' : 'p', { class: bullets ? 'sentences bullets' : 'sentences' });
    sentences.forEach((ss, i) => {
      const srcs = (ss.sources || []).filter((x) => Number.isInteger(x) && x >= 0 && x < (an.sentences || []).length);
      const b = el('button', {
        type: 'button', class: 'sum-sentence', 'data-i': String(i),
        'data-sources': srcs.join(' '),
        title: srcs.length ? `Rests on article sentence${srcs.length > 1 ? 's' : ''} ${srcs.map((x) => x + 1).join(', ')}: click to show` : 'No source sentence recorded',
      }, ...withIssues(ss.text, s.issues || []));
      if (!srcs.length) b.classList.add('no-src');
      b.addEventListener('click', () => this.hooks.onSources(srcs, b));
      if (bullets) list.append(el('li', {}, b));
      else list.append(b, ' ');
    });
    c.body.replaceChildren(list);
    c.issues.replaceChildren();
    if (s.issues && s.issues.length) {
      c.issues.append(el('h5', {}, `Problems found (${s.issues.length})`));
      const ul = el('ul');
      for (const is of s.issues) {
        ul.append(el('li', { class: `issue i-${is.kind}` },
          el('strong', {}, `${ISSUE_KIND[is.kind] || is.kind}: `),
          is.text ? el('q', { lang: s.language }, is.text) : '',
          is.text ? ' — ' : '',
          is.message || ''));
      }
      c.issues.append(ul);
    }
  }
}

/**
 * withIssues returns the pieces of a summary sentence with the text of each
 * problem the verifier found in it marked.
 */
function withIssues(text, issues) {
  let pieces = [text];
  for (const is of issues) {
    if (!is.text) continue;
    pieces = pieces.flatMap((p) => {
      if (typeof p !== 'string') return [p];
      const i = p.indexOf(is.text);
      if (i < 0) return [p];
      const m = el('mark', { class: `issue-mark i-${is.kind}`, title: is.message || '' }, is.text);
      return [p.slice(0, i), m, p.slice(i + is.text.length)].filter((x) => x !== '');
    });
  }
  return pieces;
}

/** badgeOf picks the verification badge of a summary. */
export function badgeOf(s) {
  if (s.verified === true) {
    return { cls: 'b-ok', label: 'Verified', help: 'Every number, date and name in it was found in the article.' };
  }
  if (s.verified === false) {
    return { cls: 'b-bad', label: 'Not verified', help: 'Some numbers, dates or names could not be found in the article: see the problems below.' };
  }
  if (s.method === 'extractive') {
    return { cls: 'b-ext', label: 'Extractive · unverified', help: 'Sentences are copied from the article as they are, so they were not checked separately.' };
  }
  return { cls: 'b-none', label: 'Not checked', help: 'This summary was not checked against the article.' };
}

function errorWords(err, lang) {
  const name = langName(lang);
  switch (err.code) {
    case 'llm_not_configured':
      return `A summary in ${name} needs a language model, and this server has none configured. The server’s operator can turn it on with OPENAI_BASE_URL (and OPENAI_API_KEY if needed).`;
    case 'llm_disabled':
      return `A summary in ${name} needs a language model, which was switched off for this request.`;
    case 'timeout':
      return `The ${name} summary took too long and was stopped. Try again, or choose a shorter length.`;
    case 'rate_limited':
      return `The language model is receiving too many requests. Try the ${name} summary again in a minute.`;
    case 'bad_output':
      return `The language model’s ${name} summary could not be used. Try again.`;
    case 'unavailable':
      return `The language model could not be reached for the ${name} summary. Try again later.`;
    default:
      return `The ${name} summary could not be produced.`;
  }
}
