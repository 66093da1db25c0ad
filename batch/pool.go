package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// readItems calls fn for every item of src, in order, with the item's
// article given an id (its own, else HashID for an item that was read and
// the item's position for one that was not) and the error that kept the
// item from being read. It returns nil at the end of src, else src's or
// fn's error.
func readItems(ctx context.Context, src feed.Source, fn func(a sangbad.Article, readErr error) error) error {
	for {
		it, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		a := it.Article
		if it.Err == nil {
			a = EnsureID(a)
		} else if a.ID == "" {
			a.ID = it.Pos
		}
		if err := fn(a, it.Err); err != nil {
			return err
		}
	}
}

// parallel calls work for every job of jobs, n at a time, and passes each
// job on, done, to the returned channel, which is closed once jobs is
// closed and all work is over.
func parallel[T any](n int, jobs <-chan T, work func(T)) <-chan T {
	done := make(chan T, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for j := range jobs {
				work(j)
				done <- j
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// send sends v on ch unless ctx ends first.
func send[T any](ctx context.Context, ch chan<- T, v T) error {
	select {
	case ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// runErr is the error a reading and writing stage ends with: the write
// error first, then the cancellation, then the read error.
func runErr(ctx context.Context, werr, rerr error) error {
	switch {
	case werr != nil:
		return werr
	case ctx.Err() != nil:
		return ctx.Err()
	case rerr != nil:
		return fmt.Errorf("read input: %w", rerr)
	}
	return nil
}
