#!/usr/bin/env python3
"""A stand-in SMS and call gateway for `make bench`: it speaks the gateway's
contract (POST JSON, any 2xx means accepted) and appends each body to a file, so
the benchmark can sign a shopper in against a production-mode server.
Usage: gateway.py PORT FILE"""
import http.server
import sys

PORT, FILE = int(sys.argv[1]), sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        with open(FILE, "ab") as f:
            f.write(body + b"\n")
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
