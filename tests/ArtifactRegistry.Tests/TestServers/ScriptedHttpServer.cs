using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Tests.TestServers;

/// <summary>A server that answers each request with the next scripted answer (the last one repeats).</summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly List<ScriptedAnswer> _answers;
    private int _next;

    private ScriptedHttpServer(List<ScriptedAnswer> answers) => _answers = answers;

    public LocalHttpServer Server { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => Server.Requests.ToList();

    public static async Task<ScriptedHttpServer> StartAsync(params ScriptedAnswer[] answers)
    {
        var scripted = new ScriptedHttpServer([.. answers]);
        scripted.Server = await LocalHttpServer.StartAsync(app => app.Run(scripted.AnswerAsync));
        return scripted;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var index = Math.Min(Interlocked.Increment(ref _next) - 1, _answers.Count - 1);
        var answer = _answers[index];
        if (answer.DropConnection)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
            context.Response.Headers[name] = value;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(answer.Body);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public sealed record ScriptedAnswer(int Status, string Body = "{}", bool DropConnection = false)
{
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public static ScriptedAnswer Ok(string body) => new(200, body);

    public static ScriptedAnswer GoogleError(int status, string googleStatus, string message) =>
        new(status, new System.Text.Json.Nodes.JsonObject
        {
            ["error"] = new System.Text.Json.Nodes.JsonObject { ["code"] = status, ["message"] = message, ["status"] = googleStatus },
        }.ToJsonString());

    public static ScriptedAnswer Dropped { get; } = new(0, DropConnection: true);
}
