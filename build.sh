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

# The SDK prints a summary even at quiet verbosity: show the compiler's output only when the build project fails to build.
if ! BUILD_OUTPUT=$("$DOTNET_EXE" build "$BUILD_PROJECT_FILE" /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet 2>&1); then
    echo "$BUILD_OUTPUT" >&2
    exit 1
fi
# exec: the build's PID is this script's, so a SIGTERM sent to it (a supervisor, a test, `kill`) reaches `dotnet run`, which
# passes it on to the build; a shell left waiting in between would die and leave the build running.
exec "$DOTNET_EXE" run --project "$BUILD_PROJECT_FILE" --no-build -- "$@"
