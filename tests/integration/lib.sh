# Assertions for integration scripts. Each prints one line; `finish` exits non-zero if any
# failed.
FAILURES=0
PASSES=0

expect_eq() {  # name expected actual
  if [[ "$2" == "$3" ]]; then PASSES=$((PASSES + 1)); else
    FAILURES=$((FAILURES + 1)); printf 'FAIL %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3"; fi
}
expect_contains() {  # name haystack needle
  if [[ "$2" == *"$3"* ]]; then PASSES=$((PASSES + 1)); else
    FAILURES=$((FAILURES + 1)); printf 'FAIL %s\n  %q\n  does not contain %q\n' "$1" "$2" "$3"; fi
}
expect_not_contains() {  # name haystack needle
  if [[ "$2" != *"$3"* ]]; then PASSES=$((PASSES + 1)); else
    FAILURES=$((FAILURES + 1)); printf 'FAIL %s\n  %q\n  contains %q\n' "$1" "$2" "$3"; fi
}
expect_gt() {  # name a b  (a > b, integers)
  if (($2 > $3)); then PASSES=$((PASSES + 1)); else
    FAILURES=$((FAILURES + 1)); printf 'FAIL %s: %s is not greater than %s\n' "$1" "$2" "$3"; fi
}
finish() {
  echo "$PASSES passed, $FAILURES failed"
  ((FAILURES == 0))
}
