#!/usr/bin/env bash
# Runs the JMH benchmarks of testvectors/src/test/java/dev/jsops/bench on a chosen JDK.
# Usage: testvectors/bench/jmh.sh [JAVA_HOME] [JMH args…]   e.g.  testvectors/bench/jmh.sh /usr/lib/jvm/temurin-25-jdk-amd64 AgeBench
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
java_home=${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
shift || true
cd "$root"
./mvnw -B -q -pl .,core,cli install -DskipTests
./mvnw -B -q -pl testvectors test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="testvectors/target/test-classes:$(cat testvectors/target/bench.classpath)"
echo "JDK: $("$java_home/bin/java" -version 2>&1 | head -1)"
exec "$java_home/bin/java" -cp "$cp" org.openjdk.jmh.Main "$@"
