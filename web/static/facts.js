// facts.js: turns an analysis into fact items, renders the article with
// every fact highlighted in place, and the fact table grouped by kind.
//
// Offsets in the API are Unicode code points; JavaScript strings are UTF-16,
// so the text is split into code points (Array.from) before slicing.

import { el, fmtNumber } from './dom.js';

/** Fact kinds in display order, with their headings. */
export const KINDS = [
  ['money', 'Money'],
  ['percent', 'Percentages'],
  ['quantity', 'Quantities'],
  ['date', 'Dates'],
  ['person', 'People'],
  ['organization', 'Organisations'],
  ['place', 'Places'],
  ['quote', 'Quotes'],
];

const KIND_NAME = {
  money: 'money', percent: 'percent', quantity: 'quantity', date: 'date',
  person: 'person', organization: 'organisation', place: 'place', quote: 'quote',
};

/**
 * factItems lists the facts of an analysis as items {id, kind, spans, fact}:
 * one item per amount, date and quote, one per actor with a span per
 * mention (the whole token when the mention has a surface form).
 */
export function factItems(an) {
  const f = an.facts || {};
  const items = [];
  let n = 0;
  const add = (kind, spans, fact) => items.push({ id: `f${++n}`, kind, spans, fact });
  for (const a of f.amounts || []) add(a.kind || 'quantity', [a], a);
  for (const d of f.dates || []) add('date', [d], d);
  for (const a of f.actors || []) {
    add(a.type || 'organization', (a.mentions || []).map((m) => m.surface || m), a);
  }
  for (const q of f.quotes || []) add('quote', [q], q);
  return items;
}

/**
 * renderArticle fills container with the text: every sentence a
 * <span class="sent" data-s>, every stretch covered by facts a
 * <span class="fact" data-ids> coloured by its innermost fact. It returns
 * a map from item id to its elements.
 */
export function renderArticle(container, text, sentences, items) {
  const cps = Array.from(text);
  const n = cps.length;
  const bounds = new Set([0, n]);
  const clamp = (x) => Math.max(0, Math.min(n, x | 0));
  const spans = []; // {start, end, item}
  for (const it of items) {
    for (const s of it.spans) {
      const start = clamp(s.start);
      const end = clamp(s.end);
      if (end <= start) continue;
      spans.push({ start, end, item: it });
      bounds.add(start);
      bounds.add(end);
    }
  }
  const sents = (sentences || []).map((s, i) => ({ start: clamp(s.start), end: clamp(s.end), i }))
    .filter((s) => s.end > s.start);
  for (const s of sents) {
    bounds.add(s.start);
    bounds.add(s.end);
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  // Sweep: spans sorted by start; active set of spans covering a segment.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let next = 0;
  let active = [];
  let si = 0;
  const byId = new Map();
  const frag = document.createDocumentFragment();
  let sentEl = null;
  let sentIdx = -1;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k];
    const b = cuts[k + 1];
    while (next < spans.length && spans[next].start <= a) active.push(spans[next++]);
    active = active.filter((s) => s.end > a);
    while (si < sents.length && sents[si].end <= a) si++;
    const inSent = si < sents.length && sents[si].start <= a ? sents[si].i : -1;
    if (inSent !== sentIdx) {
      sentIdx = inSent;
      sentEl = inSent >= 0 ? el('span', { class: 'sent', 'data-s': String(inSent) }) : null;
      if (sentEl) frag.append(sentEl);
    }
    const parent = sentEl || frag;
    const piece = cps.slice(a, b).join('');
    if (!active.length) {
      parent.append(piece);
      continue;
    }
    // Innermost first: the shortest span decides the colour.
    const cover = [...active].sort((x, y) => (x.end - x.start) - (y.end - y.start));
    const ids = [];
    for (const c of cover) if (!ids.includes(c.item.id)) ids.push(c.item.id);
    const inner = cover.find((c) => c.item.kind !== 'quote');
    const quoted = cover.some((c) => c.item.kind === 'quote');
    const cls = ['fact'];
    if (inner) cls.push(`k-${inner.item.kind}`);
    if (quoted) cls.push('q');
    const seg = el('span', {
      class: cls.join(' '),
      'data-ids': ids.join(' '),
      title: cover.map((c) => `${KIND_NAME[c.item.kind] || c.item.kind}: ${describe(c.item)}`).join('\n'),
    }, piece);
    for (const id of ids) {
      if (!byId.has(id)) byId.set(id, []);
      byId.get(id).push(seg);
    }
    parent.append(seg);
  }
  container.replaceChildren(frag);
  return byId;
}

/** describe is a one-line normalised value of an item (tooltips, tests). */
export function describe(it) {
  const f = it.fact;
  switch (it.kind) {
    case 'money':
    case 'percent':
    case 'quantity':
      return amountValue(f);
    case 'date':
      return dateValue(f);
    case 'quote':
      return f.speaker ? `said by ${f.speaker}` : 'speaker unknown';
    default:
      return f.name + (f.role ? ` (${f.role})` : '');
  }
}

function amountValue(a) {
  let v = fmtNumber(a.value);
  if (a.value_max != null) v += `–${fmtNumber(a.value_max)}`;
  if (a.kind === 'money') return `${v} ${a.currency || ''}`.trim();
  if (a.kind === 'percent') return `${v}%`;
  return a.unit ? `${v} ${a.unit}` : v;
}

function dateValue(d) {
  if (!d.value) return d.unresolved ? 'unresolved (no reference date)' : 'not resolved';
  return `${d.value} (${d.granularity || 'day'})`;
}

const QUALIFIER = {
  more_than: 'more than', less_than: 'less than', up_to: 'up to', at_least: 'at least',
  by: 'by', before: 'before', after: 'after', since: 'since', until: 'until',
};

function compact(v) {
  if (Math.abs(v) < 10000) return '';
  return new Intl.NumberFormat('en', { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 2 }).format(v);
}

/**
 * renderFacts fills container with one table per kind that has facts; each
 * row's first cell is a button (keyboard: Tab, Enter, Space). onPick(id,
 * how) is called on hover ("hover"), focus or click ("click").
 */
export function renderFacts(container, items, onPick) {
  const byKind = new Map(KINDS.map(([k]) => [k, []]));
  for (const it of items) {
    if (!byKind.has(it.kind)) byKind.set(it.kind, []);
    byKind.get(it.kind).push(it);
  }
  const rows = new Map();
  const frag = document.createDocumentFragment();
  let total = 0;
  for (const [kind, list] of byKind) {
    if (!list.length) continue;
    total += list.length;
    const heading = (KINDS.find(([k]) => k === kind) || [kind, kind])[1];
    const hid = `facts-${kind}`;
    const table = el('table', { class: `facts-table t-${kind}`, 'aria-labelledby': hid });
    table.append(el('thead', {}, el('tr', {}, ...columns(kind).map((c) => el('th', { scope: 'col' }, c)))));
    const tbody = el('tbody');
    for (const it of list) {
      const tr = el('tr', { 'data-id': it.id });
      const btn = el('button', { type: 'button', class: `fact-link k-${it.kind}`, 'data-id': it.id,
        'aria-label': `${KIND_NAME[it.kind]}: ${label(it)}; show in article` }, label(it));
      const nw = NOWRAP[it.kind] || [];
      tr.append(el('td', { class: 'c-text' }, btn), ...cells(it).map((c, i) => el('td', { class: nw.includes(i) ? 'nw' : null }, c)));
      tbody.append(tr);
      rows.set(it.id, tr);
    }
    table.append(tbody);
    frag.append(el('section', { class: 'fact-group' },
      el('h4', { id: hid }, el('span', { class: `swatch k-${kind}`, 'aria-hidden': 'true' }), `${heading} `, el('span', { class: 'count' }, `(${list.length})`)),
      el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': hid }, table)));
  }
  if (!total) frag.append(el('p', { class: 'hint' }, 'No facts were found in this text.'));
  container.replaceChildren(frag);
  container.onclick = (e) => {
    const b = e.target.closest('button.fact-link');
    if (b) onPick(b.dataset.id, 'click');
  };
  // A row that comes under a still pointer because the page scrolled (after
  // a click brings a fact into view) is no hover: only a pointer that moved
  // previews a fact.
  let at = '';
  container.onmousemove = (e) => { at = `${e.screenX},${e.screenY}`; };
  container.onmouseover = (e) => {
    const here = `${e.screenX},${e.screenY}`;
    const still = here === at;
    at = here;
    if (still) return;
    const tr = e.target.closest('tr[data-id]');
    if (tr) onPick(tr.dataset.id, 'hover');
  };
  container.onmouseleave = () => onPick(null, 'leave');
  return rows;
}

/**
 * truncate shortens text to about max characters without splitting a
 * grapheme cluster (a Bengali conjunct or a vowel sign stays whole), at a
 * space when one is near.
 */
export function truncate(text, max) {
  const g = typeof Intl.Segmenter === 'function'
    ? [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((x) => x.segment)
    : Array.from(text);
  if (g.length <= max) return text;
  let cut = max;
  for (let i = max; i > max - 25 && i > 0; i--) {
    if (/\s/.test(g[i])) {
      cut = i;
      break;
    }
  }
  return `${g.slice(0, cut).join('').trimEnd()}…`;
}

// NOWRAP lists, per kind, the cells (after the first) that must not wrap:
// numbers and ISO dates read badly broken over lines.
const NOWRAP = {
  money: [0, 1], percent: [0], quantity: [0], date: [0, 1],
  person: [2], organization: [2], place: [2],
};

function label(it) {
  const f = it.fact;
  if (it.kind === 'quote') {
    return truncate(f.text || '', 140);
  }
  if (['person', 'organization', 'place'].includes(it.kind)) return f.name;
  return f.text;
}

function columns(kind) {
  switch (kind) {
    case 'money': return ['In the text', 'Value', 'Currency', 'Notes'];
    case 'percent': return ['In the text', 'Value', 'Notes'];
    case 'quantity': return ['In the text', 'Value', 'Unit', 'Notes'];
    case 'date': return ['In the text', 'Date (ISO)', 'Precision', 'Notes'];
    case 'quote': return ['Quote', 'Speaker', 'Kind'];
    default: return ['Name', 'Role', 'Also written', 'Mentions', 'Notes'];
  }
}

function cells(it) {
  const f = it.fact;
  switch (it.kind) {
    case 'money':
    case 'percent':
    case 'quantity': {
      let v = fmtNumber(f.value);
      if (f.value_max != null) v += ` – ${fmtNumber(f.value_max)}`;
      const c = compact(f.value);
      if (it.kind === 'percent') v += '%';
      else if (c && f.value_max == null) v += ` (${c})`;
      const notes = [];
      if (f.approximate) notes.push('approximate');
      if (f.qualifier) notes.push(QUALIFIER[f.qualifier] || f.qualifier);
      if (f.value_max != null) notes.push('range');
      if (it.kind === 'money') return [v, f.currency || '—', notes.join(', ')];
      if (it.kind === 'percent') return [v, notes.join(', ')];
      return [v, f.unit || '—', notes.join(', ')];
    }
    case 'date': {
      const notes = [];
      if (f.qualifier) notes.push(QUALIFIER[f.qualifier] || f.qualifier);
      if (f.unresolved) notes.push('relative; no reference date to resolve it');
      else if (f.relative) notes.push(`relative to ${f.reference || 'the publication date'}${f.reference_source === 'dateline' ? ' (dateline)' : ''}`);
      return [f.value || '—', f.granularity || '—', notes.join('; ')];
    }
    case 'quote':
      return [f.speaker || 'unknown', f.direct ? 'direct (in quotation marks)' : 'reported speech'];
    default: {
      const notes = [];
      if (f.source === 'llm') notes.push('found by the language model');
      if (f.unverified) notes.push('not found in the text');
      return [f.role || '—', (f.aliases || []).join(', ') || '—', String((f.mentions || []).length), notes.join(', ')];
    }
  }
}
