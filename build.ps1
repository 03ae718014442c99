# Bootstraps and runs the NUKE build in build/: ./build.ps1 [targets] [--parameter value ...]
[CmdletBinding()]
Param(
    [Parameter(Position=0,Mandatory=$false,ValueFromRemainingArguments=$true)]
    [string[]]$BuildArguments
)

$ErrorActionPreference = "Stop"; trap { Write-Error $_ -ErrorAction Continue; exit 1 }
$PSScriptRoot = Split-Path $MyInvocation.MyCommand.Path -Parent

###########################################################################
# CONFIGURATION
###########################################################################

$BuildProjectFile = "$PSScriptRoot\build\_build.csproj"

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1

###########################################################################
# EXECUTION
###########################################################################

function ExecSafe([scriptblock] $cmd) {
    & $cmd
    if ($LASTEXITCODE) { exit $LASTEXITCODE }
}

# NUKE's bootstrapper would install the SDK from global.json into .nuke/temp when dotnet is missing; this repository's
# machines cannot download it, so the SDK must come from the PATH.
$DotNet = Get-Command "dotnet" -ErrorAction SilentlyContinue
if ($null -eq $DotNet) {
    Write-Error "'dotnet' is not on the PATH. Install the .NET SDK named in global.json and put 'dotnet' on the PATH, then run ./build.ps1 again." -ErrorAction Continue
    exit 1
}
$env:DOTNET_EXE = $DotNet.Source

Write-Output "Microsoft (R) .NET SDK version $(& $env:DOTNET_EXE --version)"

ExecSafe { & $env:DOTNET_EXE build $BuildProjectFile /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet }
ExecSafe { & $env:DOTNET_EXE run --project $BuildProjectFile --no-build -- $BuildArguments }
