package main

import (
	"context"
	"errors"
)

var errTODO = errors.New("not built yet")

func runServe(ctx context.Context, e *env, args []string) error     { return errTODO }
func runTranslate(ctx context.Context, e *env, args []string) error { return errTODO }
func runBatch(ctx context.Context, e *env, args []string) error     { return errTODO }
func runWatch(ctx context.Context, e *env, args []string) error     { return errTODO }
func runWorker(ctx context.Context, e *env, args []string) error    { return errTODO }
