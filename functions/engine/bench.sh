#!/usr/bin/env bash
# Engine benchmarks: first render in a fresh JVM, the PNG level table, per-stage medians (with the ImageIO PNG
# writer's time for the same outputs as the yardstick), the small-face search on a 12-megapixel photo, a 2048x2048
# request with upscale, and the JMH benchmark (EngineBench). The heap is capped at 300 MB, 400 MB for the
# 4096x4096 outputs.
# Usage: functions/engine/bench.sh [quick]   ("quick" = shorter JMH runs)
# Results are printed and saved to functions/engine/target/bench-results.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

mvn -o -q -B -pl functions/engine test-compile
mvn -o -q -B -pl functions/engine dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$here/target/bench-classpath.txt" >/dev/null
# Run from a private copy of the compiled classes, so a rebuild of the module during the run cannot pull them away.
snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
cp -r "$here/target/classes" "$snapshot/classes"
cp -r "$here/target/test-classes" "$snapshot/test-classes"
classpath="$snapshot/test-classes:$snapshot/classes:$(cat "$here/target/bench-classpath.txt")"
java_opts=(-Xmx300m)
results="$here/target/bench-results.txt"

jmh_args=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
if [[ "${1:-}" == "quick" ]]; then
    jmh_args=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
fi

{
    echo "# engine benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "# $(nproc) processors, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
    echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "## first render in a fresh JVM"
    java "${java_opts[@]}" -cp "$classpath" dev.sticker.engine.FirstRender
    echo
    echo "## first render in a fresh JVM, C1 only (Lambda's default for Java 17 and 21)"
    java "${java_opts[@]}" -XX:TieredStopAtLevel=1 -cp "$classpath" dev.sticker.engine.FirstRender
    echo
    echo "## PNG filter and deflate level (both outputs of a 1024x1024 render)"
    java "${java_opts[@]}" -cp "$classpath" dev.sticker.engine.PngLevels
    echo
    echo "## stage medians"
    for threads in 1 0; do
        for upscale in false true; do
            java "${java_opts[@]}" -cp "$classpath" dev.sticker.engine.StageTimes "$threads" "$upscale" 10
        done
    done
    echo
    echo "## small-face search: 4000x3000 JPEG, a 45-pixel face"
    java "${java_opts[@]}" -cp "$classpath" dev.sticker.engine.StageTimes 1 false 5 small-face-12mp
    echo
    echo "## 2048x2048 with upscale: 4096x4096 outputs"
    java -Xmx400m -cp "$classpath" dev.sticker.engine.StageTimes 1 true 2 astronaut 2048
    echo
    echo "## JMH"
    java -cp "$classpath" org.openjdk.jmh.Main 'dev\.sticker\.engine\.EngineBench' "${jmh_args[@]}"
} 2>&1 | grep --line-buffered -v '^SLF4J' | tee "$results"
