using System.Text;

namespace Nuke.Common.Tooling;

/// <summary>A process exited with a non-zero code. The message shows the command, where it ran and its error output.</summary>
public class ProcessException : Exception
{
    private const string Indentation = "   ";

    public ProcessException(IProcess process)
        : base(FormatMessage(process))
    {
        Process = process;
        ExitCode = process.ExitCode;
    }

    internal IProcess Process { get; }

    public int ExitCode { get; }

    private static string FormatMessage(IProcess process)
    {
        var message = new StringBuilder()
            .AppendLine($"Process '{Path.GetFileName(process.FileName)}' exited with code {process.ExitCode}.")
            .AppendLine($"{Indentation}> {QuoteIfNeeded(process.FileName)} {process.Arguments}".TrimEnd())
            .AppendLine($"{Indentation}@ {process.WorkingDirectory}");

        var errorOutput = process.Output.Where(x => x.Type == OutputType.Err).ToList();
        if (errorOutput.Count > 0)
        {
            message.AppendLine("Error output:");
            foreach (var line in errorOutput)
                message.Append(Indentation).AppendLine(line.Text);
        }

        return message.ToString().TrimEnd();
    }

    private static string QuoteIfNeeded(string text) => text.Any(char.IsWhiteSpace) ? $"\"{text}\"" : text;
}
