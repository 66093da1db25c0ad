package web

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPI is the API contract, served at /openapi.json and checked against
// real responses by the tests.
//
//go:embed openapi.json
var openAPI []byte

func handleOpenAPI() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "application/json", openAPI)
	}
}
