package feed

import (
	"bytes"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sangbad/sangbad"
)

// htmlItem makes an article of an HTML page: headline from og:title, <title>
// or the first <h1>; text from <article>, <main> or <body>; publication date
// and canonical URL from the usual meta tags.
func htmlItem(data []byte, id, pos string) Item {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Item{Article: sangbad.Article{ID: id}, Pos: pos, Err: sangbad.WrapError(sangbad.Invalid, err, pos+": invalid HTML")}
	}
	var (
		ogTitle, title, h1, published, url string
		article, mainEl, body              *html.Node
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				prop := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				content := attr(n, "content")
				switch prop {
				case "og:title":
					ogTitle = content
				case "article:published_time", "datepublished", "date", "pubdate", "dc.date", "dcterms.created":
					if published == "" {
						published = NormalizeDate(content)
					}
				case "og:url":
					if url == "" {
						url = content
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					url = attr(n, "href")
				}
			case atom.Title:
				if title == "" {
					title = textOf(n)
				}
			case atom.H1:
				if h1 == "" {
					h1 = textOf(n)
				}
			case atom.Time:
				if published == "" {
					published = NormalizeDate(attr(n, "datetime"))
				}
			case atom.Article:
				if article == nil {
					article = n
				}
			case atom.Main:
				if mainEl == nil {
					mainEl = n
				}
			case atom.Body:
				body = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	root := article
	if root == nil {
		root = mainEl
	}
	if root == nil {
		root = body
	}
	if root == nil {
		root = doc
	}
	a := sangbad.Article{
		ID:        id,
		Title:     strings.TrimSpace(first(ogTitle, h1, title)),
		Text:      visibleText(root),
		Published: published,
		URL:       url,
	}
	it := Item{Article: a, Pos: pos}
	if a.Text == "" {
		it.Err = noText(pos)
	}
	return it
}

// HTMLText returns the visible text of an HTML fragment or document, one
// paragraph a line-pair: block elements end paragraphs, whitespace inside a
// paragraph is collapsed, scripts, styles, navigation and forms are dropped.
func HTMLText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapse(s)
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return collapse(s)
	}
	return visibleText(doc)
}

func visibleText(root *html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if p := collapse(cur.String()); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] || attr(n, "hidden") != "" || strings.EqualFold(attr(n, "aria-hidden"), "true") {
				return
			}
			if n.DataAtom == atom.Br {
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && blocks[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(root)
	flush()
	return strings.Join(paras, "\n\n")
}

var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Head: true, atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
	atom.Iframe: true, atom.Button: true, atom.Select: true, atom.Object: true, atom.Canvas: true,
}

var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Header: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Figure: true, atom.Figcaption: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Hr: true, atom.Address: true, atom.Body: true,
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapse(b.String())
}

// collapse joins runs of white space (including no-break spaces) into one
// space and trims the ends.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
