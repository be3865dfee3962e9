// Command gin is the gin peer of `surge bench peers`: GET /plaintext answers "Hello, World!".
//
// It is built in GOPATH mode against the Debian golang-github-gin-gonic-gin-dev package, so the
// benchmark needs no network. GOMAXPROCS comes from the environment (the bench sets 1).
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

var hello = []byte("Hello, World!")

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()

	// Release mode and no default middleware: no per-request logging, as in TechEmpower's gin entry.
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/plaintext", func(c *gin.Context) {
		// net/http adds Date and Content-Length; Data keeps the exact Content-Type (String would add a charset).
		c.Header("Server", "gin")
		c.Data(http.StatusOK, "text/plain", hello)
	})
	log.Printf("gin listening on http://%s/plaintext", *addr)
	log.Fatal(r.Run(*addr))
}
