#!/usr/bin/env bash
# The issue-10 acceptance run: for each help desk, `java -cp target/ticket-triage.jar org.apache.camel.main.Main` with
# CAMEL_MAIN_ROUTESINCLUDEPATTERN=file:<a YAML route no one in this project's runtime wrote>, nothing else
# configured, against a simulator of the desk. Each ticket must be written once, with one note and the marker.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/ticket-triage.jar ] || mvn -B -q package -DskipTests
for desk in freshdesk zammad otobo; do
  java -cp target/ticket-triage.jar src/bench/ForeignYamlRun.java "$desk" target/ticket-triage.jar \
    "src/test/resources/foreign-app/triage-$desk.camel.yaml"
done
