package batch

import (
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/schollz/progressbar/v3"
)

// BarProgress draws a terminal progress bar: items, rate, ETA and the
// number of failures.
type BarProgress struct {
	w      io.Writer
	bar    *progressbar.ProgressBar
	failed int
}

// NewBarProgress returns a Progress drawing on w (a terminal).
func NewBarProgress(w io.Writer) *BarProgress { return &BarProgress{w: w} }

// Start implements Progress.
func (p *BarProgress) Start(total int) {
	max := total
	if max <= 0 {
		max = -1 // unknown: a spinner with count and rate
	}
	p.bar = progressbar.NewOptions(max,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("analysing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("items"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionFullWidth(),
		progressbar.OptionSetRenderBlankState(true),
	)
}

// Item implements Progress.
func (p *BarProgress) Item(e Event) {
	if e.Status == StatusFailed {
		p.failed++
		p.bar.Describe(fmt.Sprintf("analysing (%d failed)", p.failed))
	}
	p.bar.Add(1)
}

// Finish implements Progress.
func (p *BarProgress) Finish(s Summary) {
	p.bar.Finish()
	fmt.Fprintln(p.w)
}

// LogProgress writes progress as structured log lines, at most one per
// interval, for runs without a terminal.
type LogProgress struct {
	log      *slog.Logger
	every    time.Duration
	total    int
	start    time.Time
	last     time.Time
	n        Summary
	lastSeen int
}

// NewLogProgress returns a Progress logging to log every interval (default
// 10 s when every is 0).
func NewLogProgress(log *slog.Logger, every time.Duration) *LogProgress {
	if every <= 0 {
		every = 10 * time.Second
	}
	return &LogProgress{log: log, every: every}
}

// Start implements Progress.
func (p *LogProgress) Start(total int) {
	p.total, p.start, p.last = total, time.Now(), time.Now()
	p.log.Info("batch started", "total", total)
}

// Item implements Progress.
func (p *LogProgress) Item(e Event) {
	switch e.Status {
	case StatusOK:
		p.n.OK++
	case StatusFailed:
		p.n.Failed++
		p.log.Warn("item failed", "id", e.ID, "err", e.Err)
	case StatusSkipped:
		p.n.Skipped++
	}
	p.n.Total++
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		p.report(now)
	}
}

func (p *LogProgress) report(now time.Time) {
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(p.n.OK+p.n.Failed) / el
	}
	attrs := []any{"done", p.n.Total, "ok", p.n.OK, "failed", p.n.Failed, "skipped", p.n.Skipped, "rate", fmt.Sprintf("%.1f/s", rate)}
	if p.total > 0 {
		attrs = append(attrs, "total", p.total)
		if rate > 0 && p.total > p.n.Total {
			attrs = append(attrs, "eta", time.Duration(float64(p.total-p.n.Total)/rate*float64(time.Second)).Round(time.Second))
		}
	}
	p.log.Info("batch progress", attrs...)
}

// Finish implements Progress.
func (p *LogProgress) Finish(s Summary) {
	p.log.Info("batch finished", "total", s.Total, "ok", s.OK, "failed", s.Failed, "skipped", s.Skipped,
		"duration", s.Duration.Round(time.Millisecond), "rate", fmt.Sprintf("%.1f/s", s.Rate))
}
