package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/sangbad/sangbad"
)

// staticFS is the web page: static/index.html and its assets.
//
//go:embed static
var staticFS embed.FS

// staticFile is one embedded file with its validators.
type staticFile struct {
	body        []byte
	etag        string
	contentType string
}

// staticFiles serves the embedded page; files are read and hashed once.
type staticFiles struct {
	files map[string]staticFile // by path below static/
}

func newStaticFiles() *staticFiles {
	s := &staticFiles{files: map[string]staticFile{}}
	_ = fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = http.DetectContentType(body)
		}
		s.files[strings.TrimPrefix(p, "static/")] = staticFile{
			body:        body,
			etag:        `"` + hex.EncodeToString(sum[:16]) + `"`,
			contentType: ct,
		}
		return nil
	})
	return s
}

// serve writes file name with its ETag; a matching If-None-Match gets 304.
// Clients revalidate every time (no-cache), which is cheap with ETags and
// never shows a stale page after an upgrade.
func (s *staticFiles) serve(c *gin.Context, name string) bool {
	f, ok := s.files[name]
	if !ok {
		return false
	}
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("ETag", f.etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Type", f.contentType)
	if etagMatch(c.GetHeader("If-None-Match"), f.etag) {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return true
	}
	c.Status(http.StatusOK)
	if c.Request.Method == http.MethodHead {
		c.Writer.WriteHeaderNow()
		return true
	}
	_, _ = c.Writer.Write(f.body)
	return true
}

// etagMatch implements the weak comparison of If-None-Match.
func etagMatch(header, etag string) bool {
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if part == etag || part == "*" {
			return true
		}
	}
	return false
}

// handlePage answers GET / with the embedded page.
func handlePage(s *staticFiles, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !s.serve(c, "index.html") {
			writeError(c, log, newError(sangbad.NotFound, codeNotFound, "this build has no web page"))
		}
	}
}

// handleStatic answers GET /static/*path with the page's assets.
func handleStatic(s *staticFiles, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		name := strings.TrimPrefix(path.Clean("/"+c.Param("path")), "/")
		if !s.serve(c, name) {
			writeError(c, log, newError(sangbad.NotFound, codeNotFound, "no file "+c.Request.URL.Path))
		}
	}
}
