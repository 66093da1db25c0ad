package llm

import (
	"container/list"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"strings"
	"sync"
	"time"
)

// Cache is a bounded LRU cache of answers with a time to live, shared by
// the clients given it (WithCache). Identical requests - same model, task,
// prompt version, schema, limits and cache key (or messages) - are answered
// from it instead of a new call. It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	size  int
	ttl   time.Duration
	now   func() time.Time
	ll    *list.List
	items map[string]*list.Element

	hits, misses int64
}

type cacheEntry struct {
	key     string
	resp    Response
	expires time.Time
}

// NewCache returns a cache holding at most size answers (at least 1), each
// for at most ttl (0: no expiry).
func NewCache(size int, ttl time.Duration) *Cache {
	return &Cache{size: max(size, 1), ttl: ttl, now: time.Now, ll: list.New(), items: map[string]*list.Element{}}
}

// Get returns the answer stored under key.
func (c *Cache) Get(key string) (Response, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		c.misses++
		return Response{}, false
	}
	e := el.Value.(*cacheEntry)
	if c.ttl > 0 && !c.now().Before(e.expires) {
		c.ll.Remove(el)
		delete(c.items, key)
		c.misses++
		return Response{}, false
	}
	c.ll.MoveToFront(el)
	c.hits++
	return e.resp, true
}

// Put stores an answer, evicting the least recently used beyond the size.
func (c *Cache) Put(key string, r Response) {
	c.mu.Lock()
	defer c.mu.Unlock()
	exp := c.now().Add(c.ttl)
	if el, ok := c.items[key]; ok {
		el.Value = &cacheEntry{key, r, exp}
		c.ll.MoveToFront(el)
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key, r, exp})
	for c.ll.Len() > c.size {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).key)
	}
}

// Len is the number of answers stored.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

// Stats returns the hits and misses so far.
func (c *Cache) Stats() (hits, misses int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// NormalizeText collapses runs of white space to one space and trims the
// ends: the normalisation of text in cache keys.
func NormalizeText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (c *Client) cacheKey(model string, req Request) string {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field(model)
	field(req.Task)
	field(req.PromptVersion)
	if req.Schema != nil {
		field(req.Schema.Name)
		field(string(req.Schema.JSON))
	} else {
		field("")
		field("")
	}
	writeInt(h, int64(req.MaxTokens))
	writeInt(h, int64(c.cfg.MaxTokens))
	writeInt(h, int64(math.Float64bits(c.cfg.Temperature)))
	if req.CacheKey != "" {
		field("key")
		field(req.CacheKey)
	} else {
		field("messages")
		field(NormalizeText(req.System))
		field(NormalizeText(req.User))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeInt(h hash.Hash, v int64) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(v))
	h.Write(n[:])
}
