package main

import (
	"context"
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

var errTODO = errors.New("not built yet")

func runBatch(ctx context.Context, e *env, args []string) error { return errTODO }
func runWatch(ctx context.Context, e *env, args []string) error { return errTODO }

func (c *core) registerMetrics(reg *prometheus.Registry) {}
