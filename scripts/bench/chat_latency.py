#!/usr/bin/env python3
"""Send-to-seen in the chat: a shopper writes to a seller about a product, and the
seller's staff, with the dialog open, poll `chat/poll` as the browser does: ask,
wait the interval the server answers (3 s for an open dialog in production), ask
again. For each message: the time from just before the send to the end of the poll
that brings it, and the server's own part (the send's answer, then one poll made at
once). The shopper writes at a random moment of the receiver's interval, as people do.
Usage: chat_latency.py BASE_URL SHOPPER_COOKIE STAFF_COOKIE PRODUCT_PATH MESSAGES"""
import json
import random
import re
import string
import sys
import threading
import time
import urllib.parse
import urllib.request

base, shopper, staff, product, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def call(cookie, endpoint, form=None, query=None):
    url = f"{base}/api/{endpoint}" + (f"?{urllib.parse.urlencode(query)}" if query else "")
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(url, data=data, headers={"Origin": base, "Accept": "application/json", "Cookie": cookie})
    try:
        with opener.open(req) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        if e.code in (302, 303):
            return e.headers.get("Location")
        raise


# The shopper opens the dialog from the product's page ("Написать продавцу").
product_id = re.search(r"(\d+)$", product).group(1)
where = call(shopper, "chat/start", {"product": product_id})
dialog = int(where.rstrip("/").rsplit("/", 1)[1]) if isinstance(where, str) else int(where)

# The receiver's first look: its counter and the dialog's last message.
first = call(staff, "chat/poll", query={"cursor": "-1", "dialog": dialog})
if first is None:
    sys.exit("the seller's staff cannot read the dialog")
state = {"cursor": first["version"], "after": max([m["id"] for m in first["messages"]], default=0),
         "wait": first["next_ms"], "seen": {}, "stop": False}


def receiver():
    while not state["stop"]:
        time.sleep(state["wait"] / 1000)
        a = call(staff, "chat/poll", query={"cursor": state["cursor"], "dialog": dialog, "after": state["after"]})
        done = time.perf_counter()
        state["cursor"], state["wait"] = a["version"], a["next_ms"]
        for m in a["messages"]:
            state["after"] = max(state["after"], m["id"])
            state["seen"].setdefault(m["text"], done)


threading.Thread(target=receiver, daemon=True).start()
latencies, server_part = [], []
for i in range(count):
    time.sleep(random.uniform(0, state["wait"] / 1000))
    # Letters only: digits in a message can look like a code or a card number.
    text = "вопрос " + "".join(random.choice(string.ascii_lowercase) for _ in range(12))
    t0 = time.perf_counter()
    call(shopper, "chat/send", {"dialog": dialog, "text": text})
    sent = time.perf_counter()
    # The server's part, measured by a second reader (the shopper's own poll of the
    # dialog, which does not mark the staff's side read).
    call(shopper, "chat/poll", query={"cursor": "-1", "dialog": dialog, "after": "0"})
    server_part.append((sent - t0) * 1000 + (time.perf_counter() - sent) * 1000)
    while text not in state["seen"]:
        time.sleep(0.005)
    latencies.append((state["seen"][text] - t0) * 1000)
state["stop"] = True
latencies.sort()
server_part.sort()
print(f"send-to-seen over {count} messages, the receiver polling every {first['next_ms']} ms: "
      f"p50 {latencies[len(latencies) // 2]:.0f} ms, max {latencies[-1]:.0f} ms "
      f"(by design: up to one interval, {first['next_ms'] / 2:.0f} ms on average, plus a poll)")
print(f"the server's part (send, then one poll of the dialog): p50 {server_part[len(server_part) // 2]:.1f} ms, "
      f"max {server_part[-1]:.1f} ms")
