package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"sotay/content"
	"sotay/content/blob"
	"sotay/server"
)

func runServe(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlagSet(env, "serve", "serve [flags]", "Run the HTTP API and the background workers until SIGINT or SIGTERM.")
	cfg.dbFlags(fs)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address ($SOTAY_ADDR)")
	noSeed := fs.Bool("no-seed", false, "with the private cluster, do not load demo data into an empty database")
	demoCells := fs.Int("demo-cells", 5000, "size of the demo province loaded on first start (cells of about 20 members)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := newLogger(cfg, env.Stderr)
	d, err := openDatabase(ctx, cfg, env.Stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.prepare(ctx); err != nil {
		return err
	}
	var banner []string
	if d.Embedded && !*noSeed {
		if banner, err = seedIfEmpty(ctx, d, env, cfg, demoSize(*demoCells)); err != nil {
			return err
		}
	}
	signer, err := content.LoadSigner(ctx, d.Pool)
	if err != nil {
		return err
	}
	revocations := content.NewRevocations()
	if err := revocations.Load(ctx, d.Pool); err != nil {
		return err
	}
	blobs, err := blob.Open(cfg.blobDir())
	if err != nil {
		return err
	}
	srv := server.New(server.Deps{Pool: d.Pool, Signer: signer, Revocations: revocations, Blobs: blobs, Log: log,
		TrustedProxies: cfg.TrustedProxies})
	bg, stopBackground := context.WithCancel(ctx)
	defer stopBackground()
	srv.StartBackground(bg)
	stopWorkers := func() {}
	if cfg.Workers {
		if stopWorkers, err = startWorkers(ctx, d, cfg, blobs, log, false); err != nil {
			return err
		}
	}
	defer stopWorkers()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// No ReadTimeout: each route sets its own read deadline (uploads need long).
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	addr := ln.Addr().String()
	log.Info("serving", "addr", addr)
	printBanner(env, cfg, addr, banner)
	if env.Ready != nil {
		env.Ready(addr)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func printBanner(env Env, cfg Config, addr string, extra []string) {
	base := cfg.PublicURL
	if base == "" {
		_, port, _ := net.SplitHostPort(addr)
		base = "http://localhost:" + port
	}
	fmt.Fprintf(env.Stdout, "\nsotay đang chạy / is running at %s\n", base)
	fmt.Fprintf(env.Stdout, "  API:      %s/api/v1   (OpenAPI: %s/api/v1/openapi.json)\n", base, base)
	fmt.Fprintf(env.Stdout, "  Health:   %s/readyz   Metrics: %s/metrics\n", base, base)
	fmt.Fprintln(env.Stdout, "  (The web admin is not built yet: staff work through the API with the logins below.)")
	for _, l := range extra {
		fmt.Fprintln(env.Stdout, l)
	}
	fmt.Fprintln(env.Stdout, "Ctrl-C dừng máy chủ / stops the server.")
}
