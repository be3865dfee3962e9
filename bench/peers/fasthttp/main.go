// Command fasthttp is the fasthttp peer of `surge bench peers`: GET /plaintext answers "Hello, World!".
//
// It is built in GOPATH mode against the Debian golang-github-valyala-fasthttp-dev package, so the
// benchmark needs no network. GOMAXPROCS comes from the environment (the bench sets 1).
package main

import (
	"flag"
	"log"

	"github.com/valyala/fasthttp"
)

var hello = []byte("Hello, World!")

func handle(ctx *fasthttp.RequestCtx) {
	if string(ctx.Path()) != "/plaintext" {
		ctx.Error("Not Found", fasthttp.StatusNotFound)
		return
	}
	// fasthttp adds Server, Date (cached, refreshed each second) and Content-Length itself.
	ctx.SetContentType("text/plain")
	ctx.SetBody(hello)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()

	s := &fasthttp.Server{Handler: handle, Name: "fasthttp"}
	log.Printf("fasthttp listening on http://%s/plaintext", *addr)
	log.Fatal(s.ListenAndServe(*addr))
}
