#!/usr/bin/env bash
# Bootstraps and runs the NUKE build in build/: ./build.sh [targets] [--parameter value ...]

set -eo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

###########################################################################
# CONFIGURATION
###########################################################################

BUILD_PROJECT_FILE="$SCRIPT_DIR/build/_build.csproj"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

###########################################################################
# EXECUTION
###########################################################################

# NUKE's bootstrapper would install the SDK from global.json into .nuke/temp when dotnet is missing; this repository's
# machines cannot download it, so the SDK must come from the PATH.
if [[ -x "$(command -v dotnet)" ]]; then
    DOTNET_EXE="$(command -v dotnet)"
    export DOTNET_EXE
else
    echo "error: 'dotnet' is not on the PATH. Install the .NET SDK named in global.json and put 'dotnet' on the PATH, then run ./build.sh again." >&2
    exit 1
fi

BUILD_ASSEMBLY="$SCRIPT_DIR/build/bin/Debug/net10.0/_build.dll"
BUILD_STAMP="$SCRIPT_DIR/build/obj/bootstrap.stamp"

# NUKE's bootstrapper builds build/ before every command, which costs about 4 s here even when nothing changed. The build
# is skipped when nothing it compiles from changed since the last successful one: no file or folder (a deleted file
# changes its folder's time) under build/ or source/ (its project references), nor the root's MSBuild and SDK files.
build_inputs_changed() {
    [[ ! -f "$BUILD_ASSEMBLY" || ! -f "$BUILD_STAMP" ]] && return 0
    local changed
    # A find that fails (an input missing) counts as a change: building again is the safe answer.
    changed=$(find "$SCRIPT_DIR/build" "$SCRIPT_DIR/source" "$SCRIPT_DIR"/Directory.*.props "$SCRIPT_DIR/global.json" \
        \( -name bin -o -name obj \) -prune -o -newer "$BUILD_STAMP" -print -quit 2>/dev/null) || return 0
    [[ -n "$changed" ]]
}

if build_inputs_changed; then
    # The SDK prints a summary even at quiet verbosity: show the compiler's output only when the build project fails to build.
    if ! BUILD_OUTPUT=$("$DOTNET_EXE" build "$BUILD_PROJECT_FILE" /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet 2>&1); then
        echo "$BUILD_OUTPUT" >&2
        exit 1
    fi
    mkdir -p "$(dirname "$BUILD_STAMP")" && touch "$BUILD_STAMP"
fi
# exec: the build's PID is this script's, so a SIGTERM sent to it (a supervisor, a test, `kill`) reaches the build
# directly; a shell left waiting in between would die and leave the build running. The assembly is run directly:
# `dotnet run --no-build` would spend about 0.9 s evaluating the project only to find the same file.
exec "$DOTNET_EXE" "$BUILD_ASSEMBLY" "$@"
