#!/usr/bin/env python3
"""Write a CC-NEWS-like WARC stream of about SIZE_MB megabytes to stdout.

Each page is a news article of quoted paragraphs inside the usual page
furniture (styles, scripts, navigation), ~30 KB, as a request, response and
metadata record. Used to check that quotewire's memory stays bounded on
multi-GB crawls:

    python3 tools/gen_warc.py 2048 | /usr/bin/time -v quotewire ingest --db big.db -
"""
import random
import sys

RNG = random.Random(2)  # record ids, deterministic

WORDS = ("the minister said on wednesday that talks with officials would continue next week after "
         "the report was published government spokesman told reporters in the capital where protesters "
         "gathered outside parliament as lawmakers debated a budget that critics say cuts spending on "
         "schools hospitals roads and police").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def page(rng, i):
    parts = [f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story {i}: {sentence(rng, 8)}</title>',
             f'<meta property="article:published_time" content="20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00Z">',
             "<style>" + "".join(f".c{j}{{margin:0 {j % 17}px;color:#{rng.randrange(1 << 24):06x}}}\n" for j in range(120)) + "</style>",
             "<script>" + "".join(f"function f{j}(a){{return a*{j}}}\n" for j in range(60)) + "</script></head><body>",
             "<nav><ul>" + "".join(f'<li><a href="/s/{j}">{WORDS[j % len(WORDS)]}</a></li>' for j in range(40)) + "</ul></nav>",
             f"<main><article><h1>{sentence(rng, 10)}</h1>"]
    for j in range(15 + rng.randrange(10)):
        if j % 3 == 1:
            parts.append(f"<p>&ldquo;{sentence(rng, 20)},&rdquo; said Minister Name{i % 500}. {sentence(rng, 15)}.</p>")
        else:
            parts.append(f"<p>{sentence(rng, 25)}. {sentence(rng, 20)}.</p>")
    parts.append("</article></main><footer><p>&copy; Wire Service</p></footer></body></html>")
    return "\n".join(parts)


def record(typ, uri, date, block, ctype):
    body = block.encode()
    head = (f"WARC/1.0\r\nWARC-Type: {typ}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{RNG.getrandbits(128):032x}>\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return head + body + b"\r\n\r\n"


def main():
    size = int(sys.argv[1]) << 20 if len(sys.argv) > 1 else 64 << 20
    rng = random.Random(1)
    out = sys.stdout.buffer
    written, i = 0, 0
    while written < size:
        uri = f"https://news{i % 40}.example.com/2024/story-{i}.html"
        date = f"2024-05-{1 + i % 28:02d}T10:00:00Z"
        html = page(rng, i)
        resp = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {len(html.encode())}\r\n\r\n{html}"
        for rec in (record("request", uri, date, "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", "application/http; msgtype=request"),
                    record("response", uri, date, resp, "application/http; msgtype=response"),
                    record("metadata", uri, date, "fetchTimeMs: 231\r\n", "application/warc-fields")):
            out.write(rec)
            written += len(rec)
        i += 1


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        pass
