// app.js: the Sangbad page. Reads the form, streams POST /v1/summarize and
// shows the language, the article with its facts in place, the fact table
// and the summaries. Plain ES modules, no build step.

import { summarize, health, describeError } from './api.js';
import { el, langName, htmlToText } from './dom.js';
import { factItems, renderArticle, renderFacts } from './facts.js';
import { SummaryCards } from './summaries.js';

const KEY_STORE = 'sangbad.apiKey';
const $ = (id) => document.getElementById(id);

const ui = {
  form: $('form'), text: $('text'), title: $('title'), published: $('published'),
  langOther: $('lang-other'), length: $('length'), bnDigits: $('bn-digits'),
  file: $('file'), fileName: $('file-name'), drop: $('drop'), count: $('count'),
  submit: $('submit'), cancel: $('cancel'),
  apikeyBox: $('apikey-box'), apikey: $('apikey'), apikeyForget: $('apikey-forget'),
  status: $('status'), error: $('error'),
  results: $('results'), language: $('language'), warnings: $('warnings'), download: $('download'),
  offline: $('offline'), offlineDetail: $('offline-detail'),
  summaries: $('summaries'), article: $('article'), facts: $('facts'), version: $('version'),
};

const state = {
  controller: null,
  result: null,
  byId: new Map(),
  rows: new Map(),
  items: [],
  active: null,
  pinned: null,
  timer: null,
};

const cards = new SummaryCards(ui.summaries, {
  onSources: showSources,
  announce: (msg) => setStatus(msg),
});

/** motion is the scrolling behaviour: none for people who ask for less motion. */
function motion() {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

// ---------- status, errors ----------

function setStatus(msg, busy = false) {
  ui.status.replaceChildren();
  if (!msg) return;
  if (busy) ui.status.append(el('span', { class: 'spinner', 'aria-hidden': 'true' }));
  ui.status.append(el('span', {}, msg));
}

function showError(err) {
  const { text, detail } = describeError(err);
  ui.error.replaceChildren(el('p', { class: 'error-text' }, text));
  if (detail) ui.error.append(el('p', { class: 'hint' }, detail));
  ui.error.hidden = false;
  if (!inView(ui.error)) ui.error.scrollIntoView({ block: 'center', behavior: motion() });
  if (err.code === 'unauthorized' || err.status === 401) {
    ui.apikeyBox.hidden = false;
    ui.apikey.focus();
  }
}

function clearError() {
  ui.error.hidden = true;
  ui.error.replaceChildren();
}

// ---------- input ----------

function updateCount() {
  const n = Array.from(ui.text.value).length;
  ui.count.textContent = `${n.toLocaleString('en')} character${n === 1 ? '' : 's'}`;
}

async function loadFile(file) {
  if (!file) return;
  const raw = await file.text();
  const isHTML = /\.html?$/i.test(file.name) || file.type === 'text/html' || /^\s*<(!doctype html|html)/i.test(raw);
  if (isHTML) {
    const { text, title, published } = htmlToText(raw);
    ui.text.value = text;
    if (title && !ui.title.value) ui.title.value = title;
    if (published && !ui.published.value) ui.published.value = published;
  } else {
    ui.text.value = raw.replace(/^\ufeff/, '');
  }
  ui.fileName.textContent = `Loaded ${file.name}`;
  updateCount();
  ui.text.focus();
}

function languages() {
  const langs = [...ui.form.querySelectorAll('input[name="lang"]:checked')].map((i) => i.value);
  const other = ui.langOther.value.trim().toLowerCase();
  if (other && !langs.includes(other)) langs.push(other);
  return langs;
}

function request() {
  const req = {
    text: ui.text.value,
    languages: languages(),
    length: ui.length.value,
    bengali_digits: ui.bnDigits.checked,
  };
  if (ui.title.value.trim()) req.title = ui.title.value.trim();
  if (ui.published.value) req.published = ui.published.value;
  return req;
}

// ---------- run ----------

async function run() {
  if (state.controller) return;
  clearError();
  const req = request();
  const key = ui.apikey.value.trim();
  if (key) localStorage.setItem(KEY_STORE, key);
  const controller = new AbortController();
  state.controller = controller;
  ui.submit.disabled = true;
  ui.cancel.hidden = false;
  ui.form.setAttribute('aria-busy', 'true');
  const started = performance.now();
  let phase = 'Analysing: detecting the language and finding the facts…';
  const tick = () => {
    const s = Math.round((performance.now() - started) / 1000);
    setStatus(`${phase}${s >= 2 ? ` (${s} s)` : ''}`, true);
  };
  tick();
  state.timer = setInterval(tick, 1000);
  const streaming = new Set();
  let shown = false;
  try {
    const result = await summarize(req, {
      apiKey: key,
      signal: controller.signal,
      onDelta: (lang, text) => {
        if (!shown) {
          prepareResults(req);
          shown = true;
        }
        cards.delta(lang, text);
        if (!streaming.has(lang)) {
          streaming.add(lang);
          phase = `Writing the ${[...streaming].map(langName).join(' and ')} summar${streaming.size > 1 ? 'ies' : 'y'}…`;
          tick();
        }
      },
    });
    if (!shown) prepareResults(req);
    showResult(req, result);
    const took = ((performance.now() - started) / 1000).toFixed(1);
    setStatus(`Done in ${took} s: ${state.items.length} facts, ${Object.keys(result.summaries || {}).length} summar${Object.keys(result.summaries || {}).length === 1 ? 'y' : 'ies'}.`);
  } catch (err) {
    if (err.name === 'AbortError') {
      setStatus('Cancelled. Nothing was changed; analyse again when ready.');
      cards.fail('Cancelled before this summary was finished.');
    } else {
      setStatus('');
      showError(err);
      if (shown) cards.fail('Not produced: the analysis failed (see the message above).');
      else ui.results.hidden = true;
    }
  } finally {
    clearInterval(state.timer);
    state.controller = null;
    ui.submit.disabled = false;
    ui.cancel.hidden = true;
    ui.form.removeAttribute('aria-busy');
  }
}

function prepareResults(req) {
  ui.results.hidden = false;
  ui.offline.hidden = true;
  ui.warnings.hidden = true;
  ui.language.replaceChildren(el('span', { class: 'hint' }, 'The language and the facts are shown when the analysis is complete.'));
  ui.download.disabled = true;
  ui.article.lang = '';
  ui.article.replaceChildren(req.text);
  ui.facts.replaceChildren(el('p', { class: 'hint' }, 'Finding the facts…'));
  cards.reset(req.languages);
  // On a small screen the results start below the form: bring them up.
  const top = ui.results.getBoundingClientRect().top;
  if (top > window.innerHeight * 0.75) ui.results.scrollIntoView({ block: 'start', behavior: motion() });
}

function showResult(req, an) {
  state.result = an;
  const lang = an.language || {};
  ui.language.replaceChildren(...languageLine(lang));
  ui.download.disabled = false;

  const warnings = an.warnings || [];
  ui.warnings.replaceChildren(...warnings.map((w) => el('li', {}, w)));
  ui.warnings.hidden = !warnings.length;

  const sums = an.summaries || {};
  const noLLM = Object.values(sums).filter((s) => s.error && s.error.code === 'llm_not_configured');
  ui.offline.hidden = !noLLM.length;
  ui.offlineDetail.textContent = noLLM.length ? `Server says: ${noLLM[0].error.message}` : '';

  state.items = factItems(an);
  ui.article.lang = lang.code && lang.code !== 'und' ? lang.code : '';
  state.byId = renderArticle(ui.article, req.text, an.sentences, state.items);
  state.rows = renderFacts(ui.facts, state.items, pick);
  state.active = null;
  state.pinned = null;
  cards.finish(an);
}

function languageLine(l) {
  if (!l.code || l.code === 'und') {
    return [el('strong', {}, 'Language undetermined'), l.reason ? ` (${l.reason})` : ''];
  }
  const parts = [
    'Language: ', el('strong', { class: 'lang-name' }, `${l.name || langName(l.code)}`),
    ` (${l.code}) · confidence ${Math.round((l.confidence || 0) * 100)}%`,
  ];
  if (l.script) parts.push(` · ${l.script} script`);
  const alt = (l.alternatives || []).filter((a) => a.confidence >= 0.01);
  if (alt.length) parts.push(` · next: ${alt.map((a) => `${a.name} ${Math.round(a.confidence * 100)}%`).join(', ')}`);
  const others = l.others || [];
  if (others.length) parts.push(` · also contains ${others.map((o) => `${o.name} (${Math.round(o.share * 100)}% of letters)`).join(', ')}`);
  return parts;
}

// ---------- linking facts, rows and sentences ----------

function clearMarks(cls) {
  document.querySelectorAll(`.${cls}`).forEach((n) => n.classList.remove(cls));
}

/** scrollInto scrolls target into view inside its scrolling panel only. */
function scrollInto(target, page) {
  if (!target) return;
  const panel = target.closest('.scroll-y');
  if (panel && panel.scrollHeight > panel.clientHeight + 1) {
    const pr = panel.getBoundingClientRect();
    const tr = target.getBoundingClientRect();
    if (tr.top < pr.top || tr.bottom > pr.bottom) {
      panel.scrollTop += tr.top - pr.top - panel.clientHeight / 3;
    }
    if (!page) return;
  }
  if (page) target.scrollIntoView({ block: 'center', behavior: motion() });
}

/** mark highlights a fact's spans and its row. */
function mark(id) {
  state.active = id;
  clearMarks('active');
  const segs = state.byId.get(id) || [];
  segs.forEach((s) => s.classList.add('active'));
  const row = state.rows.get(id);
  if (row) row.classList.add('active');
  return segs;
}

/**
 * pick is called from the fact table: a click (or Enter/Space on the row's
 * button) selects the fact and scrolls to its first span; hovering previews
 * a fact inside the article panel, and leaving the table returns to the
 * selected one.
 */
function pick(id, how) {
  if (how === 'leave') {
    if (state.pinned) mark(state.pinned);
    else {
      state.active = null;
      clearMarks('active');
    }
    return;
  }
  if (how === 'hover' && state.active === id) return;
  if (how === 'click') state.pinned = id;
  const segs = mark(id);
  scrollInto(segs[0], how === 'click' && !inView(segs[0]));
  if (how === 'click' && segs[0]) {
    segs[0].classList.remove('flash');
    void segs[0].offsetWidth; // restart the animation
    segs[0].classList.add('flash');
  }
}

function inView(node) {
  if (!node) return true;
  const r = node.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
}

/** Clicking a highlighted span in the article selects its innermost fact's row. */
ui.article.addEventListener('click', (e) => {
  const seg = e.target.closest('.fact[data-ids]');
  if (!seg) return;
  const id = seg.dataset.ids.split(' ')[0];
  state.pinned = id;
  mark(id);
  const row = state.rows.get(id);
  if (!row) return;
  row.classList.add('active');
  const wrap = row.closest('.scroll-y');
  if (wrap && wrap.scrollHeight > wrap.clientHeight + 1) scrollInto(row, false);
  else if (!inView(row)) row.scrollIntoView({ block: 'center', behavior: motion() });
  setStatus(`Selected in the fact table: ${row.querySelector('.fact-link').textContent}`);
});

function showSources(sources, button) {
  clearMarks('src');
  clearMarks('sum-active');
  button.classList.add('sum-active');
  if (!sources.length) {
    setStatus('This summary sentence has no recorded source sentence.');
    return;
  }
  let first = null;
  for (const i of sources) {
    ui.article.querySelectorAll(`.sent[data-s="${i}"]`).forEach((s) => {
      s.classList.add('src');
      first ??= s;
    });
  }
  scrollInto(first, !inView(first));
  setStatus(`Highlighted the article sentence${sources.length > 1 ? 's' : ''} ${sources.map((i) => i + 1).join(', ')} this summary sentence rests on.`);
}

// ---------- download ----------

ui.download.addEventListener('click', () => {
  if (!state.result) return;
  const blob = new Blob([JSON.stringify(state.result, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: `sangbad-analysis-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});

// ---------- events ----------

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
ui.cancel.addEventListener('click', () => {
  if (state.controller) state.controller.abort();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    ui.form.requestSubmit();
  } else if (e.key === 'Escape' && state.controller) {
    state.controller.abort();
  }
});
ui.text.addEventListener('input', updateCount);
ui.file.addEventListener('change', () => loadFile(ui.file.files[0]));
ui.drop.addEventListener('dragover', (e) => {
  if ([...e.dataTransfer.types].includes('Files')) {
    e.preventDefault();
    ui.drop.classList.add('dragging');
  }
});
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('dragging'));
ui.drop.addEventListener('drop', (e) => {
  ui.drop.classList.remove('dragging');
  if (e.dataTransfer.files.length) {
    e.preventDefault();
    loadFile(e.dataTransfer.files[0]).catch(() => showError({ code: 'file', status: 0, serverMessage: '' }));
  }
});
ui.apikey.addEventListener('change', () => {
  const k = ui.apikey.value.trim();
  if (k) localStorage.setItem(KEY_STORE, k);
});
ui.apikeyForget.addEventListener('click', () => {
  localStorage.removeItem(KEY_STORE);
  ui.apikey.value = '';
  setStatus('The API key was removed from this browser.');
});

// ---------- start ----------

const saved = localStorage.getItem(KEY_STORE);
if (saved) {
  ui.apikey.value = saved;
  ui.apikeyBox.hidden = false;
}
updateCount();
health().then((h) => {
  if (h && h.version) ui.version.textContent = h.version;
});
document.documentElement.classList.add('ready');
