// dom.js: small DOM helpers shared by the page's modules.

/**
 * el creates an element with attributes and children (strings become text
 * nodes, never HTML). Attributes whose value is null, undefined or false are
 * left out; true gives an empty attribute.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 4 });

/** fmtNumber formats a number with grouping ("840,000,000"). */
export function fmtNumber(v) {
  return typeof v === 'number' && Number.isFinite(v) ? numberFormat.format(v) : String(v ?? '');
}

const LANG_NAMES = { en: 'English', bn: 'Bengali' };
let displayNames = null;

/** langName names a language code in English ("bn" -> "Bengali"). */
export function langName(code) {
  if (LANG_NAMES[code]) return LANG_NAMES[code];
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return displayNames.of(code) || code;
  } catch {
    return code;
  }
}

/** copyText puts text on the clipboard (with a fallback for plain http). */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const ta = el('textarea', { class: 'offscreen', readonly: true });
  ta.value = text;
  document.body.append(ta);
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  if (!ok) throw new Error('copy failed');
}

/** htmlToText extracts the readable text, headline and date of an HTML page. */
export function htmlToText(html) {
  // Styles and scripts are dropped before parsing: the page's
  // Content-Security-Policy would report them even in an inert document.
  const cleaned = html
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  const doc = new DOMParser().parseFromString(cleaned, 'text/html');
  doc.querySelectorAll('script, style, noscript, template, iframe, svg, nav, form, aside, footer, header:not(article header)')
    .forEach((n) => n.remove());
  const root = doc.querySelector('article') || doc.querySelector('main') || doc.body || doc.documentElement;
  const h1 = root.querySelector('h1') || doc.querySelector('h1');
  const title = clean((h1 && h1.textContent) || (doc.querySelector('title') || {}).textContent || '');
  const meta = doc.querySelector('meta[property="article:published_time"], meta[name="date"], meta[itemprop="datePublished"]');
  const time = root.querySelector('time[datetime]') || doc.querySelector('time[datetime]');
  const rawDate = (meta && meta.getAttribute('content')) || (time && time.getAttribute('datetime')) || '';
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(rawDate);
  const blocks = [...root.querySelectorAll('p, li, blockquote, pre, h2, h3, h4, h5, h6, figcaption')]
    .filter((b) => !b.querySelector('p, li, blockquote, pre'));
  let text;
  if (blocks.length) {
    text = blocks.map((b) => clean(b.textContent)).filter(Boolean).join('\n');
  } else {
    if (h1) h1.remove();
    text = (root.textContent || '').split(/\n+/).map(clean).filter(Boolean).join('\n');
  }
  return { text, title, published: m ? m[1] : '' };
}

function clean(s) {
  return s.replace(/[ \t\u00a0\r\n]+/g, ' ').trim();
}
