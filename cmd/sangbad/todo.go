package main

import (
	"context"
	"errors"
	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
	"io"
	"time"
)

var errTODO = errors.New("not built yet")

type providerRun struct {
	src   feed.Source
	out   io.Writer
	done  map[string]bool
	state string
	poll  time.Duration
	opts  sangbad.Options
}

func (c *core) runProviderBatch(ctx context.Context, e *env, r providerRun) error { return errTODO }
