/// <summary>The build configuration passed to dotnet: <c>--configuration Release</c>.</summary>
enum Configuration
{
    Debug,
    Release
}
