#!/usr/bin/env bash
# Installs the studio's .deb on this machine, runs the installed command line (the kinds, then a
# one-run design on the embedded data into a fresh database), checks the run completed, and removes
# the package again. Needs root; builds the .deb first unless one exists (SKIP_BUILD=1 to reuse it).
set -euo pipefail
cd "$(dirname "$0")/../../.."
deb=$(ls installers/target/jpackage/sparsity-studio_*.deb 2>/dev/null | head -1 || true)
if [ -z "${SKIP_BUILD:-}" ] || [ -z "$deb" ]; then
  ./mvnw -B -q -Pinstaller -DskipTests package
  deb=$(ls installers/target/jpackage/sparsity-studio_*.deb | head -1)
fi
work=$(mktemp -d)
trap 'dpkg -r sparsity-studio >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# dpkg installs the package; apt-get -f brings what it depends on (xdg-utils for the menu entry, ...)
dpkg -i "$deb" || DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q
dpkg -s sparsity-studio | grep -q "Status: install ok installed"
launcher=/opt/sparsity-studio/bin/sparsity-studio
test -x "$launcher"
test -f /opt/sparsity-studio/lib/sparsity-studio.png
ls /usr/share/applications/*sparsity-studio*.desktop >/dev/null
test "$(readlink /usr/bin/sparsity-studio)" = "$launcher"
sparsity-studio kinds | grep -q random-pruning-scaling
cat > "$work/design.json" <<'JSON'
{"kind": "random-pruning-scaling", "seed": 0,
 "parameters": {"width": 0.25, "epochs": 1, "sparsity": 0.9, "data": "embedded"},
 "sweep": [], "name": "installed package check", "formatVersion": 1}
JSON
"$launcher" run "$work/design.json" --db "$work/studio" | tee "$work/run.log"
grep -q "1 of 1 runs completed" "$work/run.log"
dpkg -r sparsity-studio
test ! -e /opt/sparsity-studio
test ! -e /usr/bin/sparsity-studio
echo "install test passed: $(basename "$deb") installed, ran a design, removed"
