using ArtifactRegistry.Docker;

// DockerConfigEditor DIRECTORY PREFIX COUNT   adds credHelpers PREFIX0..PREFIX{COUNT-1}, one edit per host (a build each)
// DockerConfigEditor DIRECTORY PREFIX forever  keeps adding hosts until killed (prints "ready" after the first edit)
var directory = args[0];
var prefix = args[1];
var forever = args[2] == "forever";
var count = forever ? int.MaxValue : int.Parse(args[2]);
var file = DockerConfigFile.InDirectory(directory);
for (var i = 0; i < count; i++)
{
    file.EnsureCredentialHelper([$"{prefix}{i}-docker.pkg.dev"], lockTimeout: TimeSpan.FromMinutes(1));
    if (i == 0 && forever)
        Console.WriteLine("ready");
}
return 0;
