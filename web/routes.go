package web

import "github.com/gin-gonic/gin"

// addRoutes lists every route of the service. Public routes need no API
// key; /v1 routes pass auth, rate and concurrency limits and get a deadline.
func (s *server) addRoutes(r *gin.Engine) {
	r.Use(
		s.requestID(),
		s.securityHeaders(),
		s.observe(),
		s.recoverJSON(),
		s.cors(),
	)
	r.NoRoute(handleNotFound(s.log))
	// An OPTIONS request reaches the cors middleware through NoMethod: it
	// answers the preflights of allowed origins with 204.
	r.NoMethod(handleMethodNotAllowed(s.log))

	// Public: the page, the contract and the probes.
	r.GET("/", handlePage(s.page, s.log))
	r.HEAD("/", handlePage(s.page, s.log))
	r.GET("/static/*path", handleStatic(s.page, s.log))
	r.HEAD("/static/*path", handleStatic(s.page, s.log))
	r.GET("/openapi.json", handleOpenAPI())
	r.GET("/healthz", handleHealthz(s.deps.Version))
	r.GET("/readyz", handleReadyz(s.deps.Readiness, s.log))
	if s.cfg.ProtectMetrics {
		r.GET("/metrics", s.auth(true), handleMetrics(s.deps.Registry))
	} else {
		r.GET("/metrics", handleMetrics(s.deps.Registry))
	}

	v1 := r.Group("/v1", s.auth(s.cfg.RequireAPIKey), s.limit(), s.inFlight())
	timed := v1.Group("", s.deadline())
	timed.POST("/analyze", handleAnalyze(s.deps.Analyzer, s.cfg, s.log))
	timed.POST("/detect", handleDetect(s.deps.Analyzer, s.cfg, s.log))
	timed.POST("/facts", handleFacts(s.deps.Analyzer, s.cfg, s.log))
	timed.POST("/summarize", handleSummarize(s.deps.Streamer, s.deps.Analyzer, s.cfg, s.log))
	timed.POST("/verify", handleVerify(s.deps.Verifier, s.cfg, s.log))
	timed.POST("/translate", handleTranslate(s.deps.Translator, s.cfg, s.log))
	timed.POST("/batches", handleBatchCreate(s.deps.Batches, s.cfg, s.log))
	timed.GET("/batches/:id", handleBatchStatus(s.deps.Batches, s.log))
	// Results can be large: no request deadline, the client's pace rules.
	v1.GET("/batches/:id/results", handleBatchResults(s.deps.Batches, s.log))
}
