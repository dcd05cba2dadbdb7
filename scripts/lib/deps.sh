# shellcheck shell=bash
# scripts/lib/deps.sh - the Debian packages entigraph needs, and how to get
# them. Sourced by scripts/run-example and scripts/test; defines no side
# effects of its own.

# Needed to build entigraph (pkg-config names: igraph, libutf8proc, libcjson,
# libxml-2.0, zlib; python3 runs scripts/embed-lexicons at build time).
# shellcheck disable=SC2034  # used by the scripts that source this file
EG_BUILD_PACKAGES=(
    meson ninja-build pkg-config gcc
    libigraph-dev libutf8proc-dev libcjson-dev libxml2-dev zlib1g-dev
    python3
)

# Used by the tests when present (xmllint validates the GraphML, networkx
# reads it back); the tests skip those checks when they are missing.
# shellcheck disable=SC2034
EG_TEST_PACKAGES=(
    libxml2-utils python3-networkx
)

# Used by bench/metrics-compare and bench/metrics-speed (networkx's
# eigenvector centrality needs numpy and scipy); not by the tests:
#   . scripts/lib/deps.sh && eg_install_packages "${EG_BENCH_PACKAGES[@]}"
# shellcheck disable=SC2034
EG_BENCH_PACKAGES=(
    python3-networkx python3-numpy python3-scipy
)

# eg_install_packages PKG... - installs with apt-get the packages of the list
# that are not installed yet; does nothing when all of them are. Uses sudo
# when not run as root. Returns non-zero (with a message) if it cannot.
eg_install_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "note: not a Debian-like system (no dpkg-query); make sure these are installed: $*" >&2
        return 0
    fi
    local pkg missing=()
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            as_root=(sudo)
        else
            echo "error: missing packages: ${missing[*]}" >&2
            echo "error: installing them needs root, and sudo is not available;" >&2
            echo "       run as root, or install them first: apt-get install ${missing[*]}" >&2
            return 1
        fi
    fi
    echo "installing: ${missing[*]}" >&2
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update ||
        { echo "error: apt-get update failed" >&2; return 1; }
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}" ||
        { echo "error: apt-get install ${missing[*]} failed" >&2; return 1; }
}

# eg_configure DIR [-Dname=value...] - makes DIR a configured meson build
# folder of the current source tree with those options: `meson setup` when it is
# not configured yet; `meson configure` when an option differs (meson 1.0's
# `setup --reconfigure` may keep the old value of an option changed earlier);
# `meson setup --reconfigure` (else --wipe) when the folder no longer loads,
# e.g. written by another meson version; nothing otherwise.
eg_configure() {
    local dir=$1
    shift
    if [ ! -f "$dir/meson-private/coredata.dat" ]; then
        meson setup "$dir" "$@"
        return
    fi
    local opts
    if ! opts=$(meson introspect "$dir" --buildoptions 2>/dev/null); then
        meson setup --reconfigure "$dir" "$@" || meson setup --wipe "$dir" "$@"
        return
    fi
    # Compare each -Dname=value wanted with the value in use.
    if ! printf '%s' "$opts" | python3 -c '
import json, sys
current = {o["name"]: o["value"] for o in json.load(sys.stdin)}
def norm(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ",".join(str(x) for x in v)
    return str(v)
for arg in sys.argv[1:]:
    if not arg.startswith("-D") or "=" not in arg:
        continue
    name, value = arg[2:].split("=", 1)
    if name not in current or norm(current[name]) != value:
        sys.exit(1)
' "$@"; then
        meson configure "$dir" "$@"
    fi
}
