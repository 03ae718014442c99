using System.Diagnostics;
using System.Text;
using Serilog;
using Serilog.Events;

namespace Nuke.Common.Tooling;

/// <summary>
/// Starts processes the NUKE way: the invocation is logged, standard output streams to the log at Debug level and
/// standard error at Error level while it runs, and all lines are kept for <see cref="IProcess.Output"/>.
/// Standard input is inherited, never redirected.
/// </summary>
public static class ProcessTasks
{
    public static bool DefaultLogOutput = true;
    public static bool DefaultLogInvocation = true;
    public static bool LogWorkingDirectory = true;
    public static string DefaultWorkingDirectory = Directory.GetCurrentDirectory();

    public static IProcess StartShell(
        string command,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environmentVariables = null,
        int? timeout = null,
        bool? logOutput = null,
        bool? logInvocation = null,
        Action<OutputType, string>? logger = null,
        Func<string, string>? outputFilter = null)
    {
        return OperatingSystem.IsWindows()
            ? StartProcess("cmd", $"/c \"{command}\"", workingDirectory, environmentVariables, timeout, logOutput, logInvocation, logger, outputFilter)
            : StartProcess("bash", $"-c \"{command.Replace("\"", "\\\"")}\"", workingDirectory, environmentVariables, timeout, logOutput, logInvocation, logger, outputFilter);
    }

    /// <param name="toolPath">An absolute path, or a name looked up on the PATH.</param>
    /// <param name="arguments">The argument string, split like <see cref="ProcessStartInfo.Arguments"/>.</param>
    /// <param name="workingDirectory">Defaults to <see cref="DefaultWorkingDirectory"/>.</param>
    /// <param name="environmentVariables">When given, the process gets exactly these variables instead of inheriting the current ones.</param>
    /// <param name="timeout">Milliseconds after which <see cref="IProcess.WaitForExit"/> kills the process tree.</param>
    /// <param name="logOutput">Whether output lines go to <paramref name="logger"/> (default <see cref="DefaultLogOutput"/>).</param>
    /// <param name="logInvocation">Whether the command line is logged (default <see cref="DefaultLogInvocation"/>).</param>
    /// <param name="logger">Receives each output line; defaults to <see cref="DefaultLogger"/>.</param>
    /// <param name="outputFilter">Applied to the logged command line and output lines, e.g. to hide secrets.</param>
    public static IProcess StartProcess(
        string toolPath,
        string? arguments = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environmentVariables = null,
        int? timeout = null,
        bool? logOutput = null,
        bool? logInvocation = null,
        Action<OutputType, string>? logger = null,
        Func<string, string>? outputFilter = null)
    {
        Assert.True(toolPath != null);
        var executable = ExecutableLocator.Resolve(toolPath!, environmentVariables);
        var directory = workingDirectory ?? DefaultWorkingDirectory;
        Assert.DirectoryExists(directory, $"The working directory '{directory}' for '{toolPath}' does not exist.");
        var filter = outputFilter ?? (x => x);

        var startInfo = new ProcessStartInfo
        {
            FileName = executable,
            Arguments = arguments ?? string.Empty,
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8
        };

        if (environmentVariables != null)
        {
            startInfo.Environment.Clear();
            foreach (var (key, value) in environmentVariables)
                startInfo.Environment[key] = value;
        }

        if (logInvocation ?? DefaultLogInvocation)
            LogInvocation(startInfo, filter);

        var process = Process.Start(startInfo)
                      ?? throw new InvalidOperationException($"Process '{executable}' could not be started.");
        var lineLogger = logOutput ?? DefaultLogOutput ? logger ?? DefaultLogger : null;
        return new RunningProcess(process, filter, timeout, lineLogger);
    }

    /// <summary>Standard output at Debug level, standard error at Error level.</summary>
    public static void DefaultLogger(OutputType type, string output)
    {
        if (type == OutputType.Std)
            Log.Debug(output);
        else
            Log.Error(output);
    }

    private static void LogInvocation(ProcessStartInfo startInfo, Func<string, string> filter)
    {
        var fileName = startInfo.FileName.Any(char.IsWhiteSpace) ? $"\"{startInfo.FileName}\"" : startInfo.FileName;
        Log.Information("> {ToolPath} {Arguments}", fileName, filter(startInfo.Arguments));

        if (LogWorkingDirectory)
        {
            var level = startInfo.WorkingDirectory != DefaultWorkingDirectory ? LogEventLevel.Information : LogEventLevel.Verbose;
            Log.Write(level, "@ {WorkingDirectory}", startInfo.WorkingDirectory);
        }
    }
}
