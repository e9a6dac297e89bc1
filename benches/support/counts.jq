# The clinic report's verdict and concern counts from a stream of summaries (BENCHMARKS.md):
#   find DIR -maxdepth 1 -name '*.json' -print0 | xargs -0 cat | jq -n -c -f counts.jq
# The latest version of each intake, then its verdict (an override's, else the computed one) and concerns counted.
reduce inputs as $s ({};
  if (.[$s.intake_id].version // 0) < $s.version
  then .[$s.intake_id] = {version: $s.version,
                          verdict: ($s.override.suitability // $s.assessment.suitability),
                          concerns: [$s.assessment.concerns[].concern]}
  else . end)
| [.[]]
| {verdicts: (group_by(.verdict) | map({(.[0].verdict): length}) | add),
   concerns: ([.[].concerns[]] | group_by(.) | map({(.[0]): length}) | add)}
