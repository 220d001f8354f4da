#!/usr/bin/env bash
# The one-way include rule of the source tree: a file may include only its own folder and the
# folders to its left in the data-flow order
#   base <- matchers, generator <- input <- scope <- scan <- fold <- reduce <- job <- output <- eval <- cli
# (pipeline/<stage>/ for the stages; matchers/ and generator/ sit just above pipeline/base/).
# Prints each include that points the other way, as FILE:LINE, and fails if there is one.
# Run by the test suite (ctest -R layering); `scripts/check-layers.sh [ROOT]` by hand.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

rank() {
    case $1 in
    pipeline/base) echo 0 ;;
    matchers | generator) echo 1 ;;
    pipeline/input) echo 2 ;;
    pipeline/scope) echo 3 ;;
    pipeline/scan) echo 4 ;;
    pipeline/fold) echo 5 ;;
    pipeline/reduce) echo 6 ;;
    pipeline/job) echo 7 ;;
    pipeline/output) echo 8 ;;
    pipeline/eval) echo 9 ;;
    pipeline/cli) echo 10 ;;
    *) echo -1 ;;
    esac
}

bad=0
checked=0
while IFS= read -r file; do
    from=$(dirname "$file")
    rf=$(rank "$from")
    if [[ $rf -lt 0 ]]; then
        echo "check-layers: $file is in no known layer (add its folder to scripts/check-layers.sh)" >&2
        bad=1
        continue
    fi
    while IFS=: read -r line inc; do
        to=$(dirname "$inc")
        rt=$(rank "$to")
        checked=$((checked + 1))
        if [[ $rt -lt 0 ]]; then
            echo "$file:$line: includes $inc, which is in no known layer" >&2
            bad=1
        elif [[ $rt -gt $rf || ($rt -eq $rf && $rt -eq 1 && $to != "$from") ]]; then
            echo "$file:$line: includes $inc: $from may not depend on $to (the layers run base <- matchers, generator <- input <- scope <- scan <- fold <- reduce <- job <- output <- eval <- cli)" >&2
            bad=1
        fi
    done < <(grep -n '^#include "\(pipeline\|matchers\|generator\)/' "$file" |
        sed 's/^\([0-9]*\):#include "\([^"]*\)".*/\1:\2/')
done < <(find pipeline matchers generator -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.in' \) | sort)

if [[ $bad -ne 0 ]]; then
    echo "check-layers: FAILED" >&2
    exit 1
fi
echo "check-layers: $checked includes, all pointing down the layers"
