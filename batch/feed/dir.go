package feed

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sangbad/sangbad"
)

// dirSource walks a folder in name order and reads every file of a known
// format; a .txt or .html file is one article whose id is its path relative
// to the folder. Hidden files and folders are skipped. Only the listing of
// one folder at a time and one open file are held.
type dirSource struct {
	root  string
	opt   Options
	stack []string // pending paths (files and folders), last is next
	cur   Source
}

func newDirSource(root string, opt Options) *dirSource {
	return &dirSource{root: root, opt: opt, stack: []string{root}}
}

func (s *dirSource) Next(ctx context.Context) (Item, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Item{}, err
		}
		if s.cur != nil {
			it, err := s.cur.Next(ctx)
			if err == nil {
				return it, nil
			}
			s.cur.Close()
			s.cur = nil
			if !errors.Is(err, io.EOF) {
				return Item{Err: err, Pos: "?"}, nil
			}
		}
		if len(s.stack) == 0 {
			return Item{}, io.EOF
		}
		p := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		fi, err := os.Stat(p)
		if err != nil {
			return Item{}, sangbad.WrapError(sangbad.Invalid, err, "cannot read input folder")
		}
		if fi.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return Item{}, sangbad.WrapError(sangbad.Invalid, err, "cannot read input folder")
			}
			// Push in reverse so that the first name is popped first.
			for _, e := range slices.Backward(entries) {
				if strings.HasPrefix(e.Name(), ".") {
					continue
				}
				if e.IsDir() || known(e.Name()) {
					s.stack = append(s.stack, filepath.Join(p, e.Name()))
				}
			}
			continue
		}
		rel, _ := filepath.Rel(s.root, p)
		rel = filepath.ToSlash(rel)
		f, err := os.Open(p)
		if err != nil {
			return Item{Article: sangbad.Article{ID: rel}, Pos: rel, Err: sangbad.WrapError(sangbad.Invalid, err, rel+": cannot open")}, nil
		}
		src, err := openReader(ctx, f, rel, rel, s.opt)
		if err != nil {
			return Item{Article: sangbad.Article{ID: rel}, Pos: rel, Err: err}, nil
		}
		s.cur = src
	}
}

func known(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json", ".txt", ".text", ".html", ".htm", ".xhtml", ".rss", ".atom", ".xml", ".nitf":
		return true
	}
	return false
}

func (s *dirSource) Close() error {
	if s.cur != nil {
		return s.cur.Close()
	}
	return nil
}
