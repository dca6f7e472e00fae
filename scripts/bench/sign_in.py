#!/usr/bin/env python3
"""Signs a shopper in through the shop's own server functions (code by call, read
from the stand-in gateway's file), puts a product in their cart and prints the
Cookie header a browser of theirs would send.
Usage: sign_in.py BASE_URL GATEWAY_FILE PRODUCT_ID [PHONE]
PRODUCT_ID "-" leaves the cart empty; PHONE is +79990001122 unless given."""
import http.cookiejar
import json
import sys
import time
import urllib.parse
import urllib.request

base, gateway_file, product = sys.argv[1], sys.argv[2], sys.argv[3]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def post(endpoint, form):
    req = urllib.request.Request(
        f"{base}/api/{endpoint}",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Origin": base, "Accept": "application/json"},
    )
    with opener.open(req) as r:
        return json.loads(r.read() or b"null")


phone = sys.argv[4] if len(sys.argv) > 4 else "+79990001122"
post("account/signin/phone", {"phone": phone, "channel": "call"})
code = None
for _ in range(100):
    try:
        lines = open(gateway_file).read().splitlines()
    except FileNotFoundError:
        lines = []
    codes = [json.loads(l)["code"] for l in lines if json.loads(l).get("to") == phone]
    if codes:
        code = codes[-1]
        break
    time.sleep(0.05)
if code is None:
    sys.exit("no code reached the gateway")
step = post("account/signin/code", {"code": code})
if isinstance(step, dict) and "Terms" in step:
    step = post("account/signin/terms", {"accept": "on"})
if step != "Done":
    sys.exit(f"sign-in did not finish: {step}")
if product != "-":
    post("cart/add", {"product_id": product, "quantity": "1"})
print("; ".join(f"{c.name}={c.value}" for c in jar))
