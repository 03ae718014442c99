namespace ArtifactRegistry.Testing;

/// <summary>
/// How a NUKE build shows a refusal that escaped a target: NUKE logs <c>Target NAME has thrown an exception</c>, then the
/// exception with its stack trace. The message must come first, so that the stack trace below it is never the only clue.
/// </summary>
public static class FailureOutput
{
    /// <summary>Asserts <paramref name="message"/> is in <paramref name="output"/> before its first stack frame (if any).</summary>
    public static void AssertMessageBeforeStackTrace(string output, string message)
    {
        var at = output.IndexOf(message, StringComparison.Ordinal);
        Assert.That(at, Is.Not.Negative, $"The output does not contain '{message}':{Environment.NewLine}{output}");
        var firstFrame = output.IndexOf("   at ", StringComparison.Ordinal);
        Assert.That(firstFrame < 0 || at < firstFrame, Is.True,
            $"A stack frame comes before '{message}': the message must come first.{Environment.NewLine}{output}");
    }
}
