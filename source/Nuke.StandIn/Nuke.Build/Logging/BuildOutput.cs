namespace Nuke.Common.Logging;

/// <summary>
/// The one place a build writes text to: log events, target headers, the summary and help all pass through here,
/// so secrets are masked in every line.
/// </summary>
internal sealed class BuildOutput
{
    private readonly TextWriter _writer;
    private readonly object _lock = new();

    public BuildOutput(TextWriter writer, SecretMasker masker)
    {
        _writer = writer;
        Masker = masker;
    }

    public SecretMasker Masker { get; }

    public void WriteLine(string text = "") => Write(text + Environment.NewLine);

    public void Write(string text)
    {
        var masked = Masker.Mask(text);
        lock (_lock)
        {
            _writer.Write(masked);
            _writer.Flush();
        }
    }
}
