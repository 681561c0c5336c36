#!/usr/bin/env bash
# Builds the studio's app-image and .deb with jpackage (JDK 17+; the .deb also needs fakeroot and
# dpkg-deb): a bundled Java runtime made by jlink, the launcher `sparsity-studio` (the GUI with no
# arguments where a display exists, the command line with arguments), a desktop entry and an icon.
# Usage: build.sh STUDIO_APP_TARGET OUT_DIR VERSION ICON
set -euo pipefail
app=$1 out=$2 version=$3 icon=$4
version=${version%%-*}   # jpackage wants numbers only: 0.1.0-SNAPSHOT -> 0.1.0
rm -rf "$out"
mkdir -p "$out/input"
cp "$app/sparsity-studio.jar" "$out/input/"
cp -r "$app/lib" "$out/input/lib"
common=(--name sparsity-studio --app-version "$version" --vendor "Sparsity Studio"
  --description "Experiments on sparse and structured neural networks"
  --input "$out/input" --main-jar sparsity-studio.jar --main-class org.sparsitystudio.app.cli.StudioCommand
  --icon "$icon" --java-options "-Xmx8g")
jpackage --type app-image "${common[@]}" --dest "$out/app-image"
jpackage --type deb "${common[@]}" --dest "$out" --install-dir /opt \
  --resource-dir "$(dirname "$0")/resources" \
  --linux-package-name sparsity-studio --linux-shortcut --linux-menu-group "Science;Education" \
  --linux-app-category science --linux-deb-maintainer "studio@sparsitystudio.org"
du -sh "$out/app-image/sparsity-studio" "$out"/*.deb
