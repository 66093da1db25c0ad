package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/sangbad/sangbad"
)

// parseFeed reads an RSS, Atom or RDF feed. The GUID (else the link) is the
// article id; the text is the item content (else its description) as plain
// text.
func parseFeed(data []byte, pos string) []Item {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return []Item{{Pos: pos, Err: sangbad.WrapError(sangbad.Invalid, err, pos+": invalid feed")}}
	}
	items := make([]Item, 0, len(f.Items))
	for i, fi := range f.Items {
		p := fmt.Sprintf("%s#%d", pos, i+1)
		a := sangbad.Article{
			ID:    strings.TrimSpace(first(fi.GUID, fi.Link)),
			Title: HTMLText(fi.Title),
			URL:   strings.TrimSpace(fi.Link),
			Text:  HTMLText(first(fi.Content, fi.Description)),
		}
		switch {
		case fi.PublishedParsed != nil:
			a.Published = fi.PublishedParsed.Format(sangbad.DateLayout)
		case fi.UpdatedParsed != nil:
			a.Published = fi.UpdatedParsed.Format(sangbad.DateLayout)
		}
		it := Item{Article: a, Pos: p}
		if a.Text == "" {
			it.Err = noText(p)
		}
		items = append(items, it)
	}
	return items
}

// paragraphs collects the text of <p> (and sub-headline) elements while the
// decoder walks a body; nested inline markup is flattened.
type paragraphs struct {
	out   []string
	cur   strings.Builder
	depth int // >0 inside a paragraph element
}

func (p *paragraphs) start(name string) {
	if isPara(name) {
		if p.depth == 0 {
			p.cur.Reset()
		}
		p.depth++
	}
}

func (p *paragraphs) end(name string) {
	if isPara(name) && p.depth > 0 {
		p.depth--
		if p.depth == 0 {
			if s := collapse(p.cur.String()); s != "" {
				p.out = append(p.out, s)
			}
		}
	}
}

func (p *paragraphs) text(b []byte) {
	if p.depth > 0 {
		p.cur.Write(b)
	}
}

func isPara(name string) bool {
	switch name {
	case "p", "hl2", "h1", "h2", "h3", "h4", "li", "block.quote":
		return true
	}
	return false
}

func newXMLDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false // agency files often carry HTML entities such as &nbsp;
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return r, nil
		}
		return nil, fmt.Errorf("unsupported charset %q", charset)
	}
	return d
}

// parseNITF reads a News Industry Text Format document (NITF 3.x):
// headline from body.head/hedline/hl1 (else head/title), text from the
// paragraphs of body.content preceded by the dateline, id from
// docdata/doc-id@id-string, date from docdata/date.issue@norm (else
// pubdata@date.publication).
func parseNITF(data []byte, id, pos string) []Item {
	d := newXMLDecoder(data)
	var (
		a                              = sangbad.Article{ID: id}
		headTitle, hl1, dateline, date string
		inBody, inHL1, inTitle, inDL   bool
		paras                          paragraphs
		hl1b, titleb, dlb              strings.Builder
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return []Item{{Article: a, Pos: pos, Err: sangbad.WrapError(sangbad.Invalid, err, pos+": invalid NITF XML")}}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			switch name {
			case "doc-id":
				if v := attrOf(t, "id-string"); v != "" {
					a.ID = v // the agency's id beats the file name
				}
			case "date.issue":
				if date == "" {
					date = NormalizeDate(attrOf(t, "norm"))
				}
			case "pubdata":
				if v := NormalizeDate(attrOf(t, "date.publication")); v != "" && date == "" {
					date = v
				}
			case "title":
				inTitle = true
			case "hl1":
				inHL1 = true
			case "dateline":
				inDL = true
			case "body.content":
				inBody = true
			}
			if inBody {
				paras.start(name)
			}
		case xml.EndElement:
			name := t.Name.Local
			if inBody {
				paras.end(name)
			}
			switch name {
			case "title":
				inTitle = false
				if headTitle == "" {
					headTitle = collapse(titleb.String())
				}
			case "hl1":
				inHL1 = false
				if hl1 == "" {
					hl1 = collapse(hl1b.String())
				}
			case "dateline":
				inDL = false
				if dateline == "" {
					dateline = collapse(dlb.String())
				}
			case "body.content":
				inBody = false
			}
		case xml.CharData:
			switch {
			case inBody:
				paras.text(t)
			case inHL1:
				hl1b.Write(t)
			case inTitle:
				titleb.Write(t)
			case inDL:
				dlb.Write(t)
			}
		}
	}
	a.Title = first(hl1, headTitle)
	a.Published = date
	text := paras.out
	if dateline != "" && (len(text) == 0 || !strings.HasPrefix(text[0], dateline)) {
		text = append([]string{dateline}, text...)
	}
	a.Text = strings.Join(text, "\n\n")
	it := Item{Article: a, Pos: pos}
	if len(paras.out) == 0 {
		it.Err = noText(pos)
	}
	return []Item{it}
}

// parseNewsML reads a NewsML-G2 newsMessage (or a lone newsItem): one
// article per text newsItem. The guid is the id, contentMeta/headline the
// title, the paragraphs of contentSet/inlineXML (NITF or XHTML) or the
// inlineData text the body, contentMeta/dateline its first line, and
// contentCreated (else firstCreated, versionCreated) the date. Picture and
// other non-text items are skipped.
func parseNewsML(data []byte, pos string) []Item {
	d := newXMLDecoder(data)
	var (
		items []Item
		cur   *newsItem
		n     int
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			items = append(items, Item{Pos: pos, Err: sangbad.WrapError(sangbad.Invalid, err, pos+": invalid NewsML-G2 XML")})
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "newsItem" {
				n++
				cur = &newsItem{pos: fmt.Sprintf("%s#%d", pos, n)}
				cur.a.ID = attrOf(t, "guid")
				continue
			}
			if cur != nil {
				cur.start(t)
			}
		case xml.EndElement:
			if t.Name.Local == "newsItem" && cur != nil {
				if it, ok := cur.item(); ok {
					items = append(items, it)
				}
				cur = nil
				continue
			}
			if cur != nil {
				cur.end(t.Name.Local)
			}
		case xml.CharData:
			if cur != nil {
				cur.text(t)
			}
		}
	}
	return items
}

type newsItem struct {
	a                                    sangbad.Article
	pos                                  string
	class                                string
	headline, dateline                   string
	created, first, version              string
	field                                string // the simple element whose text is being read
	fieldb                               strings.Builder
	inInlineXML, inInlineData, inNonText bool
	inline                               strings.Builder
	paras                                paragraphs
}

func (ni *newsItem) start(t xml.StartElement) {
	name := t.Name.Local
	switch name {
	case "itemClass":
		ni.class = attrOf(t, "qcode")
	case "headline", "dateline", "contentCreated", "firstCreated", "versionCreated":
		ni.field = name
		ni.fieldb.Reset()
	case "inlineXML":
		ni.inInlineXML = !nonText(attrOf(t, "contenttype"))
	case "inlineData":
		ni.inInlineData = !nonText(attrOf(t, "contenttype"))
	}
	if ni.inInlineXML {
		ni.paras.start(name)
	}
}

func nonText(contentType string) bool {
	ct := strings.ToLower(contentType)
	return ct != "" && !strings.HasPrefix(ct, "text/") && !strings.Contains(ct, "xml") && !strings.Contains(ct, "html")
}

func (ni *newsItem) end(name string) {
	if ni.inInlineXML {
		ni.paras.end(name)
	}
	if name == ni.field {
		v := collapse(ni.fieldb.String())
		switch name {
		case "headline":
			if ni.headline == "" && v != "" {
				ni.headline = v
			}
		case "dateline":
			if ni.dateline == "" {
				ni.dateline = v
			}
		case "contentCreated":
			ni.created = v
		case "firstCreated":
			ni.first = v
		case "versionCreated":
			ni.version = v
		}
		ni.field = ""
	}
	switch name {
	case "inlineXML":
		ni.inInlineXML = false
	case "inlineData":
		ni.inInlineData = false
	}
}

func (ni *newsItem) text(b []byte) {
	switch {
	case ni.inInlineXML:
		ni.paras.text(b)
		if len(ni.paras.out) == 0 && ni.paras.depth == 0 {
			ni.inline.Write(b) // bare text without <p>, used only when no paragraph is found
		}
	case ni.inInlineData:
		ni.inline.Write(b)
	case ni.field != "":
		ni.fieldb.Write(b)
	}
}

// item returns the article, or false for a non-text item (a picture).
func (ni *newsItem) item() (Item, bool) {
	var text []string
	if len(ni.paras.out) > 0 {
		text = ni.paras.out
	} else {
		for _, p := range strings.Split(strings.ReplaceAll(ni.inline.String(), "\r\n", "\n"), "\n\n") {
			if p = collapse(p); p != "" {
				text = append(text, p)
			}
		}
	}
	textual := ni.class == "" || strings.HasSuffix(ni.class, ":text") || strings.HasSuffix(ni.class, ":composite")
	if len(text) == 0 && !textual {
		return Item{}, false
	}
	if ni.dateline != "" && len(text) > 0 && !strings.HasPrefix(text[0], ni.dateline) {
		text = append([]string{ni.dateline}, text...)
	}
	a := ni.a
	a.Title = ni.headline
	a.Text = strings.Join(text, "\n\n")
	for _, d := range []string{ni.created, ni.first, ni.version} {
		if a.Published = NormalizeDate(d); a.Published != "" {
			break
		}
	}
	it := Item{Article: a, Pos: ni.pos}
	if len(text) == 0 {
		it.Err = noText(ni.pos)
	}
	return it, true
}

func attrOf(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}
