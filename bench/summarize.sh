#!/bin/sh
# Prints a JMH JSON result file (-rf json) of RoutingBenchmark as the Markdown table used in README.md.
# Usage: bench/summarize.sh bench/target/results.json   (needs jq)
set -eu
jq -r '
  def us: . * 1000 | round / 1000 | tostring;
  "| benchmark | language | policy | p50 µs | mean µs | p90 µs | p99 µs | alloc B/op |",
  "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
  (.[] | "| \(.benchmark | split(".") | last) | \(.params.language) | \(.params.policy) | "
       + "\(.primaryMetric.scorePercentiles["50.0"] | us) | \(.primaryMetric.score | us) | "
       + "\(.primaryMetric.scorePercentiles["90.0"] | us) | \(.primaryMetric.scorePercentiles["99.0"] | us) | "
       + "\(.secondaryMetrics["gc.alloc.rate.norm"].score // null | if . == null then "" else round | tostring end) |")
' "$1"
