#!/usr/bin/env bash
# Builds the Linux installers with jpackage (JDK 25): an app image in packaging/target/dist/c360, and a
# .deb when dpkg-deb and fakeroot are installed. Run from anywhere; builds the app first if needed:
#   ./mvnw -Pinstaller package        (or: packaging/build-linux.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

jdk=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [[ -n $candidate && -x $candidate/bin/jpackage && -f $candidate/release ]] || continue
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release")"
    if [[ -n $v && $v -ge 25 ]]; then jdk="$candidate"; break; fi
done
[[ -n $jdk ]] || { echo "build-linux.sh: needs a JDK 25 with jpackage; set JAVA_HOME to one." >&2; exit 1; }

jar="$root/app/target/c360-app.jar"
if [[ ! -f $jar ]]; then
    (cd "$root" && ./mvnw -q -B -DskipTests -pl app -am package)
fi

version="$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' "$root/pom.xml" | head -1)"
work="$here/target/jpackage-input"
dist="$here/target/dist"
rm -rf "$work" "$dist"
mkdir -p "$work/lib" "$dist"
cp "$jar" "$work/"
cp "$root"/app/target/lib/*.jar "$work/lib/"
cp "$root/LICENSE" "$root/THIRD-PARTY.md" "$work/"

common=(--name c360 --app-version "$version" --vendor "Customer 360 Workbench"
        --description "Customer 360 Workbench: one resolved view of every customer, offline"
        --input "$work" --main-jar c360-app.jar --main-class org.c360.app.Main
        --java-options "--enable-native-access=ALL-UNNAMED -Xmx2g"
        --arguments app)

"$jdk/bin/jpackage" --type app-image --dest "$dist" "${common[@]}"
echo "App image: $dist/c360 (run $dist/c360/bin/c360; with no arguments it opens the app)"

if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    "$jdk/bin/jpackage" --type deb --dest "$dist" --app-image "$dist/c360" --name c360 --app-version "$version" \
        --description "Customer 360 Workbench: one resolved view of every customer, offline" \
        --vendor "Customer 360 Workbench" --linux-deb-maintainer "maintainers@c360.invalid" \
        --license-file "$root/LICENSE" --linux-shortcut --linux-menu-group "Office"
    echo "Debian package: $(ls "$dist"/*.deb)"
else
    echo "No .deb: install dpkg-dev and fakeroot to build one."
fi
