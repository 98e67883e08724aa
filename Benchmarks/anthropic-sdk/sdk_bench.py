"""The official Python SDK against the same fake, for BENCHMARKS.md (Claude section).

    python3 -m venv /tmp/sdk-venv && /tmp/sdk-venv/bin/pip install anthropic
    .build/release/mock-anthropic --latency-ms 300 --key sk-ant-bench   # prints its URL
    /tmp/sdk-venv/bin/python Benchmarks/anthropic-sdk/sdk_bench.py --base-url URL

Same requests as `triage-bench anthropic`: claude-haiku-5-5, max_tokens 200, one short user message, a warm-up
round of `concurrency` requests, then `requests` measured with `concurrency` in flight. CPU is this whole
process (user + sys) over the measured phase.
"""

import argparse
import asyncio
import resource
import time

import anthropic


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def round_of(client: anthropic.AsyncAnthropic, count: int, concurrency: int) -> int:
    gate = asyncio.Semaphore(concurrency)
    failures = 0

    async def one(index: int) -> None:
        nonlocal failures
        async with gate:
            try:
                await client.messages.create(
                    model="claude-haiku-5-5", max_tokens=200,
                    messages=[{"role": "user", "content": f"Ticket {index}: the export button does nothing"}])
            except anthropic.APIError:
                failures += 1

    await asyncio.gather(*(one(i) for i in range(count)))
    return failures


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--key", default="sk-ant-bench")
    parser.add_argument("--requests", type=int, default=1280)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--latency-ms", type=int, default=300)
    args = parser.parse_args()
    client = anthropic.AsyncAnthropic(api_key=args.key, base_url=args.base_url, max_retries=2)
    await round_of(client, args.concurrency, args.concurrency)
    cpu_before = cpu_seconds()
    start = time.monotonic()
    failures = await round_of(client, args.requests, args.concurrency)
    wall = time.monotonic() - start
    cpu = cpu_seconds() - cpu_before
    ideal = args.concurrency / (args.latency_ms / 1000)
    rate = args.requests / wall
    print(f"anthropic-sdk {anthropic.__version__}: {args.requests} requests, {args.concurrency} in flight, {args.latency_ms} ms latency")
    print(f"  wall            {wall:.2f} s")
    print(f"  throughput      {rate:.1f} requests/s (ideal {ideal:.1f}; {rate / ideal * 100:.1f} %)")
    print(f"  CPU per request {cpu / args.requests * 1000:.3f} ms (whole process)")
    print(f"  failures        {failures}")
    await client.close()


if __name__ == "__main__":
    asyncio.run(main())
