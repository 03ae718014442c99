// The sandbox's tests check Unix file modes and drive Linux-only parts (dockerd); they run on Linux, as CI does.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
