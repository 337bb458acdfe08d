"""Reads wrk --latency output; prints "requests_per_second p99_ms non_2xx p50_ms"."""
import re
import sys

text = open(sys.argv[1]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", text)
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*?timeout (\d+)", text)
scale = {"us": 0.001, "ms": 1, "s": 1000}
print(f"{float(rps.group(1)):.0f}" if rps else "0",
      f"{float(p99.group(1)) * scale[p99.group(2)]:.1f}" if p99 else "-",
      int(bad.group(1)) if bad else 0,
      f"{float(p50.group(1)) * scale[p50.group(2)]:.3f}" if p50 else "-")
