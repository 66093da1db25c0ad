package e2e

import (
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/web"
)

// articleView is what the page shows of an analysis, read from the DOM.
type articleView struct {
	Language string `json:"language"`
	// Marks are the highlighted stretches of the article: text and kind
	// class (k-money, ...).
	Marks []mark `json:"marks"`
	// Rows counts the fact table's rows per kind.
	Rows map[string]int `json:"rows"`
	// ArticleText is the article as rendered (must equal the input).
	ArticleText string `json:"articleText"`
}

type mark struct {
	Text  string `json:"text"`
	Class string `json:"class"`
}

const readArticleView = `(() => ({
	language: document.getElementById('language').textContent,
	marks: [...document.querySelectorAll('#article .fact')].map(e => ({text: e.textContent, class: e.className})),
	rows: Object.fromEntries([...document.querySelectorAll('#facts .facts-table')].map(t =>
		[t.className.replace('facts-table t-', ''), t.querySelectorAll('tbody tr').length])),
	articleText: document.getElementById('article').textContent,
}))()`

// summaryView is one summary card as the page shows it.
type summaryView struct {
	Lang      string   `json:"lang"`
	Badge     string   `json:"badge"`
	Sentences []string `json:"sentences"`
	Sources   []string `json:"sources"`
	Issues    []string `json:"issues"`
	Body      string   `json:"body"`
	Busy      string   `json:"busy"`
}

const readSummaries = `[...document.querySelectorAll('#summaries .summary')].map(c => ({
	lang: c.dataset.lang,
	badge: c.querySelector('.badge').textContent,
	sentences: [...c.querySelectorAll('.sum-sentence')].map(b => b.textContent),
	sources: [...c.querySelectorAll('.sum-sentence')].map(b => b.dataset.sources),
	issues: [...c.querySelectorAll('.issue')].map(i => i.textContent),
	body: c.querySelector('.summary-body').textContent,
	busy: c.getAttribute('aria-busy'),
}))`

func summariesByLang(p *page) map[string]summaryView {
	var list []summaryView
	p.eval(readSummaries, &list)
	m := map[string]summaryView{}
	for _, s := range list {
		m[s.Lang] = s
	}
	return m
}

func hasMark(marks []mark, text, class string) bool {
	for _, m := range marks {
		if m.Text == text && strings.Contains(" "+m.Class+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

// TestOfflinePage drives the page against a server without an LLM backend:
// the seed article, its facts in place, the fact table, the extractive
// Bengali summary, the offline state of the English one, the links between
// facts, rows and sentences, and API errors in words.
func TestOfflinePage(t *testing.T) {
	browser := newBrowser(t)
	c := newCore(t)
	pipeline := summarize.NewPipeline(c.det, c.ext)
	url := startServer(t, pipeline, web.Config{})
	seed := readSeed(t)

	t.Run("seed article", func(t *testing.T) {
		p := openPage(t, browser, url, desktop)
		p.fill(seed, "2023-12-12")
		p.submitWithKeyboard()
		p.waitDone()

		var v articleView
		p.eval(readArticleView, &v)
		if !strings.Contains(v.Language, "Bengali") || !strings.Contains(v.Language, "(bn)") {
			t.Errorf("language line = %q, want Bengali (bn)", v.Language)
		}
		if v.ArticleText != seed {
			t.Errorf("the rendered article differs from the input:\n%s", cmp.Diff(seed, v.ArticleText))
		}
		for _, want := range []mark{
			{"$840 মিলিয়ন", "k-money"},
			{"90%", "k-percent"},
			{"TikTok", "k-organization"},
			{"মঙ্গলবার", "k-date"},
			{"জুলকিফলি হাসান", "k-person"},
			{"জাকার্তা", "k-place"},
		} {
			if !hasMark(v.Marks, want.Text, want.Class) {
				t.Errorf("no %s highlight for %q in the article", want.Class, want.Text)
			}
		}
		quoted := 0
		for _, m := range v.Marks {
			if strings.Contains(" "+m.Class+" ", " q ") {
				quoted++
			}
		}
		if quoted == 0 {
			t.Errorf("no quote is marked in the article")
		}
		for _, kind := range []string{"money", "percent", "quantity", "date", "person", "organization", "place", "quote"} {
			if v.Rows[kind] == 0 {
				t.Errorf("fact table has no %s rows (rows: %v)", kind, v.Rows)
			}
		}

		// The fact table shows normalised values.
		var money []string
		p.eval(`[...document.querySelectorAll('#facts .t-money tbody tr')].map(r => r.textContent)`, &money)
		if !rowWith(money, "$840 মিলিয়ন", "840,000,000", "USD") {
			t.Errorf("money rows %q lack $840 মিলিয়ন = 840,000,000 USD", money)
		}
		var dates []string
		p.eval(`[...document.querySelectorAll('#facts .t-date tbody tr')].map(r => r.textContent)`, &dates)
		if !rowWith(dates, "সোমবার", "2023-12-11", "day") {
			t.Errorf("date rows %q lack সোমবার = 2023-12-11 (day)", dates)
		}

		sums := summariesByLang(p)
		bn, ok := sums["bn"]
		if !ok {
			t.Fatalf("no Bengali summary card; cards: %v", sums)
		}
		if bn.Badge != "Extractive · unverified" || len(bn.Sentences) == 0 {
			t.Errorf("Bengali summary: badge %q, %d sentences; want an extractive summary", bn.Badge, len(bn.Sentences))
		}
		for _, s := range bn.Sentences {
			if !strings.Contains(seed, strings.TrimSpace(s)) {
				t.Errorf("extractive sentence %q is not in the article", s)
			}
		}
		en, ok := sums["en"]
		if !ok {
			t.Fatalf("no English summary card; cards: %v", sums)
		}
		if en.Badge != "Not available" || !strings.Contains(en.Body, "OPENAI_BASE_URL") || len(en.Sentences) != 0 {
			t.Errorf("English summary card = %+v; want the configure-LLM message naming OPENAI_BASE_URL", en)
		}
		var offline struct {
			Visible bool   `json:"visible"`
			Text    string `json:"text"`
		}
		p.eval(`({visible: !document.getElementById('offline').hidden, text: document.getElementById('offline').textContent})`, &offline)
		if !offline.Visible || !strings.Contains(offline.Text, "OPENAI_BASE_URL") || !strings.Contains(offline.Text, "OPENAI_API_KEY") {
			t.Errorf("offline panel visible=%v text=%q; want it shown, naming OPENAI_BASE_URL and OPENAI_API_KEY", offline.Visible, offline.Text)
		}

		var download bool
		p.eval(`!document.getElementById('download').disabled`, &download)
		if !download {
			t.Errorf("the Download JSON button is disabled after a result")
		}
		if o := p.overlaps(".summaries > .summary, .columns > .panel, #offline, .results-head, .input"); len(o) > 0 {
			t.Errorf("overlapping parts at desktop width: %v", o)
		}
		p.screenshot("offline", desktop)
		p.resize(phone)
		if n := p.horizontalOverflow(); n > 0 {
			t.Errorf("the page is %d px wider than a phone screen", n)
		}
		if o := p.overlaps(".summaries > .summary, .columns > .panel, #offline, .results-head, .input"); len(o) > 0 {
			t.Errorf("overlapping parts at phone width: %v", o)
		}
		p.screenshot("offline", phone)
	})

	t.Run("fact links", func(t *testing.T) {
		p := openPage(t, browser, url, desktop)
		p.fill(seed, "2023-12-12")
		p.click("#submit")
		p.waitDone()

		// Clicking a fact in the table (a button) highlights its span.
		var id string
		p.eval(`[...document.querySelectorAll('#facts .t-money .fact-link')].find(b => b.textContent === '$840 মিলিয়ন').dataset.id`, &id)
		p.click(fmt.Sprintf(`#facts button[data-id=%q]`, id))
		var active []string
		p.eval(`[...document.querySelectorAll('#article .fact.active')].map(e => e.textContent)`, &active)
		if diff := cmp.Diff([]string{"$840 মিলিয়ন"}, active); diff != "" {
			t.Errorf("highlighted spans after clicking the $840 মিলিয়ন row (-want +got):\n%s", diff)
		}
		// the page scrolls smoothly: the span comes into view within a moment
		visible := p.waitFor(`(() => {
			const a = document.getElementById('article').getBoundingClientRect();
			const s = document.querySelector('#article .fact.active').getBoundingClientRect();
			return s.top >= a.top - 1 && s.bottom <= a.bottom + 1 && s.top >= 0 && s.bottom <= innerHeight;
		})()`, 5*time.Second)
		if !visible {
			t.Errorf("the highlighted span was not scrolled into view")
		}

		// Hovering another row previews its fact; leaving the table
		// returns to the selected one.
		var pt struct{ X, Y float64 }
		p.waitStill(`#facts .t-percent tr[data-id]`)
		p.eval(`(() => { const r = document.querySelector('#facts .t-percent tr[data-id] td:last-child').getBoundingClientRect(); return {X: r.x + r.width / 2, Y: r.y + r.height / 2}; })()`, &pt)
		p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pt.X, pt.Y))
		var hovered []string
		p.eval(`[...document.querySelectorAll('#article .fact.active')].map(e => e.textContent)`, &hovered)
		if diff := cmp.Diff([]string{"90%"}, hovered); diff != "" {
			t.Errorf("highlighted spans while hovering the 90%% row (-want +got):\n%s", diff)
		}
		p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1))
		p.eval(`[...document.querySelectorAll('#article .fact.active')].map(e => e.textContent)`, &hovered)
		if diff := cmp.Diff([]string{"$840 মিলিয়ন"}, hovered); diff != "" {
			t.Errorf("highlighted spans after leaving the table (-want +got):\n%s", diff)
		}

		// Keyboard: focus an actor's row button and press Enter: every
		// mention is highlighted. The mouse leaves the table first (a
		// person using the keyboard is not hovering over other rows).
		p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1))
		p.eval(`[...document.querySelectorAll('#facts .t-organization .fact-link')].find(b => b.textContent === 'TikTok').dataset.id`, &id)
		p.do(focus(fmt.Sprintf(`#facts button[data-id=%q]`, id)), key("\r"))
		var mentions []string
		p.eval(`[...document.querySelectorAll('#article .fact.active')].map(e => e.textContent)`, &mentions)
		if len(mentions) < 4 || !includesAll(mentions, "TikTok", "টিকটককে") {
			t.Errorf("mentions highlighted for TikTok = %q; want all its mentions", mentions)
		}

		// Clicking a highlighted span selects its row.
		p.click(`#article .fact.k-percent`)
		var row string
		p.eval(`document.querySelector('#facts tr.active').textContent`, &row)
		if !strings.Contains(row, "90%") {
			t.Errorf("active row after clicking 90%% in the article = %q", row)
		}

		// Clicking a summary sentence highlights the sentences it rests on.
		var want string
		p.eval(`document.querySelector('#summaries .summary[data-lang="bn"] .sum-sentence').dataset.sources`, &want)
		p.click(`#summaries .summary[data-lang="bn"] .sum-sentence`)
		var got []string
		p.eval(`[...document.querySelectorAll('#article .sent.src')].map(e => e.dataset.s)`, &got)
		if want == "" || strings.Join(got, " ") != want {
			t.Errorf("source sentences highlighted = %q, want %q", got, want)
		}
		p.screenshot("fact-links", desktop)
	})

	t.Run("empty text", func(t *testing.T) {
		p := openPage(t, browser, url, desktop)
		p.click("#submit")
		p.waitDone()
		var e struct {
			Shown   bool   `json:"shown"`
			Text    string `json:"text"`
			Results bool   `json:"results"`
		}
		p.eval(`({shown: !document.getElementById('error').hidden, text: document.getElementById('error').textContent, results: !document.getElementById('results').hidden})`, &e)
		if !e.Shown || !strings.Contains(e.Text, "paste the text of an article first") || e.Results {
			t.Errorf("after submitting nothing: error shown=%v %q, results shown=%v", e.Shown, e.Text, e.Results)
		}
		if strings.Contains(e.Text, "text_required") {
			t.Errorf("the error shows the code: %q", e.Text)
		}
		p.screenshot("error-empty", phone)
	})

	t.Run("too large", func(t *testing.T) {
		small := startServer(t, pipeline, web.Config{MaxBodyBytes: 2048})
		p := openPage(t, browser, small, desktop)
		p.fill(seed, "")
		p.click("#submit")
		p.waitDone()
		var text string
		p.eval(`document.getElementById('error').hidden ? '' : document.getElementById('error').textContent`, &text)
		if !strings.Contains(text, "too large to send") || !strings.Contains(text, "2048 bytes") {
			t.Errorf("error for a body over the limit = %q; want words and the server's limit", text)
		}
	})

	t.Run("html file", func(t *testing.T) {
		p := openPage(t, browser, url, desktop)
		file, err := filepath.Abs("testdata/article_en.html")
		if err != nil {
			t.Fatal(err)
		}
		p.do(chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
		p.wait(`document.getElementById('text').value !== ''`)
		var form struct {
			Text      string `json:"text"`
			Title     string `json:"title"`
			Published string `json:"published"`
		}
		p.eval(`({text: document.getElementById('text').value, title: document.getElementById('title').value, published: document.getElementById('published').value})`, &form)
		if form.Title != "Indonesia lets TikTok and GoTo run an e-commerce trial" || form.Published != "2023-12-12" {
			t.Errorf("title %q, date %q from the page's h1 and meta", form.Title, form.Published)
		}
		for _, want := range []string{"JAKARTA, Dec 12", "$840 million", "\"We will give three to four months"} {
			if !strings.Contains(form.Text, want) {
				t.Errorf("text from the HTML file lacks %q:\n%s", want, form.Text)
			}
		}
		for _, noise := range []string{"do not copy me", "font-family", "Home", "Read more", "Example News"} {
			if strings.Contains(form.Text, noise) {
				t.Errorf("text from the HTML file has page furniture %q:\n%s", noise, form.Text)
			}
		}
		p.click("#submit")
		p.waitDone()
		var v articleView
		p.eval(readArticleView, &v)
		if !strings.Contains(v.Language, "English (en)") || !hasMark(v.Marks, "$840 million", "k-money") {
			t.Errorf("analysis of the HTML article: language %q, $840 million marked: %v", v.Language, hasMark(v.Marks, "$840 million", "k-money"))
		}
	})

	t.Run("server error", func(t *testing.T) {
		// A proxy in front of the server fails with an HTML page.
		api := startServer(t, pipeline, web.Config{})
		proxy := startHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/v1/summarize" {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				_, _ = w.Write([]byte("<html><body>502 Bad Gateway</body></html>"))
				return
			}
			forward(w, r, api)
		}))
		p := openPage(t, browser, proxy, phone)
		p.fill(seed, "")
		p.click("#submit")
		p.waitDone()
		var text string
		p.eval(`document.getElementById('error').hidden ? '' : document.getElementById('error').textContent`, &text)
		if !strings.Contains(text, "Something went wrong on the server") {
			t.Errorf("error for a 502 HTML answer = %q", text)
		}
		p.screenshot("error-server", phone)
	})

	t.Run("api key", func(t *testing.T) {
		locked := startServer(t, pipeline, web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey("s3cret-key")}})
		p := openPage(t, browser, locked, desktop)
		p.fill(seed, "2023-12-12")
		p.click("#submit")
		p.waitDone()
		var st struct {
			Error string `json:"error"`
			Key   bool   `json:"key"`
		}
		p.eval(`({error: document.getElementById('error').textContent, key: !document.getElementById('apikey-box').hidden})`, &st)
		if !st.Key || !strings.Contains(st.Error, "needs an API key") {
			t.Fatalf("after a 401: API key field shown=%v, error %q", st.Key, st.Error)
		}
		p.do(setValue("#apikey", "s3cret-key"))
		p.click("#submit")
		p.waitDone()
		var v articleView
		p.eval(readArticleView, &v)
		if !strings.Contains(v.Language, "Bengali") {
			t.Errorf("with the key: language line %q", v.Language)
		}
		var stored string
		p.eval(`localStorage.getItem('sangbad.apiKey') || ''`, &stored)
		if stored != "s3cret-key" {
			t.Errorf("stored key = %q", stored)
		}
	})
}

// rowWith reports whether one of rows contains every sub.
func rowWith(rows []string, subs ...string) bool {
	for _, row := range rows {
		ok := true
		for _, sub := range subs {
			ok = ok && strings.Contains(row, sub)
		}
		if ok {
			return true
		}
	}
	return false
}

// includesAll reports whether list has every item.
func includesAll(list []string, items ...string) bool {
	for _, it := range items {
		if !slices.Contains(list, it) {
			return false
		}
	}
	return true
}
