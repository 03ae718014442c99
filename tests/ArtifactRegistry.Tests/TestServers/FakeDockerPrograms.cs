using System.Collections.Concurrent;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Tests.TestServers;

/// <summary>
/// Plays docker-credential-gcloud and docker login for operation unit tests, recording every command with its environment
/// and standard input, so tests can prove what ran, how often, and where a token travelled. (Integration tests run the real ones.)
/// </summary>
public sealed class FakeDockerPrograms : IProcessRunner
{
    public ConcurrentQueue<RanCommand> Commands { get; } = new();

    /// <summary>What docker-credential-gcloud answers with; null plays "no active account".</summary>
    public string? HelperToken { get; set; } = "ya29.from-gcloud-helper";

    public async Task<ProcessResult> ExecuteAsync(ProcessCommand command, CancellationToken cancellationToken = default)
    {
        string input;
        await using (var stream = command.StandardInput.Open())
            input = await new StreamReader(stream).ReadToEndAsync(cancellationToken);
        var ran = new RanCommand(command.Program, command.Arguments.Select(a => a.Value).ToList(),
            command.Environment.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => v.Value!), input, command.ToString());
        Commands.Enqueue(ran);

        return command.Program switch
        {
            "docker-credential-gcloud" when HelperToken is null => Result(1,
                "You do not currently have an active account selected. Please run:\n\n  $ gcloud auth login\n"),
            "docker-credential-gcloud" => Result(0, $$"""{"Secret":"{{HelperToken}}","Username":"_dcgcloud_token"}"""),
            "docker" when ran.Arguments[0] == "login" => Login(ran),
            _ => Result(127, "", $"unexpected program {command.Program}"),
        };
    }

    private static ProcessResult Login(RanCommand ran)
    {
        var directory = ran.Environment["DOCKER_CONFIG"];
        var host = ran.Arguments[^1].Replace("https://", "");
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"oauth2accesstoken:{ran.StandardInput}"));
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "config.json")))!.AsObject();
        var auths = config["auths"]?.AsObject() ?? [];
        config["auths"] = auths;
        auths[host] = new System.Text.Json.Nodes.JsonObject { ["auth"] = auth };
        File.WriteAllText(Path.Combine(directory, "config.json"), config.ToJsonString());
        return Result(0, "Login Succeeded");
    }

    private static ProcessResult Result(int exitCode, string output, string error = "") =>
        new(exitCode, output, error, 4242, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(1));

    public int Count(string program) => Commands.Count(command => command.Program == program);
}

/// <param name="Shown">The command as the runner would log it (secrets redacted).</param>
public sealed record RanCommand(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string StandardInput, string Shown);
