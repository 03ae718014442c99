using System.Diagnostics.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Processes;

/// <summary>
/// An immutable description of one program run: <c>ProcessCommand.For("docker").WithArguments(a =&gt; a.Add("version")).ExecuteAsync()</c>.
/// Each <c>With*</c> returns a new command.
/// </summary>
public sealed class ProcessCommand
{
    private ProcessCommand(string program) => Program = program;

    /// <summary>The program: a name looked up on PATH, or a path.</summary>
    public string Program { get; }

    /// <summary>The arguments, passed verbatim.</summary>
    public IReadOnlyList<ProcessArgument> Arguments { get; private set; } = [];

    /// <summary>The environment overrides; everything else is inherited from this process.</summary>
    public IReadOnlyList<EnvironmentVariableOverride> Environment { get; private set; } = [];

    /// <summary>Null: this process's current directory.</summary>
    public string? WorkingDirectory { get; private set; }

    /// <summary>What the program reads; default <see cref="StandardInput.Empty"/> (closed at once).</summary>
    public StandardInput StandardInput { get; private set; } = StandardInput.Empty;

    /// <summary>Null: no timeout.</summary>
    public TimeSpan? Timeout { get; private set; }

    /// <summary>
    /// How long the program and its children get to clean up on timeout or cancellation before they are killed: between SIGTERM
    /// to the whole tree and SIGKILL on Linux, after one SIGINT (Ctrl+C on Windows) to the program elsewhere.
    /// </summary>
    public TimeSpan KillGracePeriod { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>What counts as failure; default <see cref="ProcessValidation.ZeroExitCode"/>.</summary>
    public ProcessValidation Validation { get; private set; } = ProcessValidation.ZeroExitCode;

    /// <summary>Called with each line of standard output, unredacted; null: none.</summary>
    public Action<string>? OutputLineHandler { get; private set; }

    /// <summary>Called with each line of standard error, unredacted; null: none.</summary>
    public Action<string>? ErrorLineHandler { get; private set; }

    /// <summary>Whether the result collects the output; default true.</summary>
    public bool BuffersOutput { get; private set; } = true;

    /// <summary>Whether standard output is a secret, never logged nor shown in error messages; default false.</summary>
    public bool HasSecretOutput { get; private set; }

    /// <summary>Where the start line and output lines are logged, secrets masked; default: nowhere.</summary>
    public ILogger Logger { get; private set; } = NullLogger.Instance;

    /// <summary>The level standard output lines are logged at; default <see cref="LogLevel.Debug"/>.</summary>
    public LogLevel OutputLogLevel { get; private set; } = LogLevel.Debug;

    /// <summary>The level standard error lines are logged at; default <see cref="LogLevel.Debug"/>.</summary>
    public LogLevel ErrorLogLevel { get; private set; } = LogLevel.Debug;

    /// <summary>A command running <paramref name="program"/> (a name looked up on PATH, or a path) with no arguments; throws <see cref="ArgumentException"/> when empty.</summary>
    public static ProcessCommand For(string program)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        return new ProcessCommand(program);
    }

    /// <summary>Replaces the arguments.</summary>
    [Pure]
    public ProcessCommand WithArguments(Action<ArgumentsBuilder> configure)
    {
        var builder = new ArgumentsBuilder();
        configure(builder);
        return Change(command => command.Arguments = builder.Build());
    }

    /// <summary>Replaces the arguments.</summary>
    [Pure]
    public ProcessCommand WithArguments(IEnumerable<string> arguments) => WithArguments(builder => builder.Add(arguments));

    /// <summary>Replaces the environment overrides; variables not overridden are inherited.</summary>
    [Pure]
    public ProcessCommand WithEnvironment(Action<EnvironmentBuilder> configure)
    {
        var builder = new EnvironmentBuilder();
        configure(builder);
        return Change(command => command.Environment = builder.Build());
    }

    /// <summary>Sets <see cref="WorkingDirectory"/>, made a full path (null: this process's current directory).</summary>
    [Pure]
    public ProcessCommand WithWorkingDirectory(string? directory) =>
        Change(command => command.WorkingDirectory = directory is null ? null : Path.GetFullPath(directory));

    /// <summary>Sets <see cref="StandardInput"/>.</summary>
    [Pure]
    public ProcessCommand WithStandardInput(StandardInput input) =>
        Change(command => command.StandardInput = input ?? throw new ArgumentNullException(nameof(input)));

    /// <summary>After this long, the program and its children are stopped and <see cref="ProcessTimeoutException"/> is thrown. Null: no timeout.</summary>
    [Pure]
    public ProcessCommand WithTimeout(TimeSpan? timeout)
    {
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive; pass null for none.");
        return Change(command => command.Timeout = timeout);
    }

    /// <summary>Sets <see cref="KillGracePeriod"/> (default 5 s); throws <see cref="ArgumentOutOfRangeException"/> when negative.</summary>
    [Pure]
    public ProcessCommand WithKillGracePeriod(TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        return Change(command => command.KillGracePeriod = gracePeriod);
    }

    /// <summary>Sets <see cref="Validation"/> (default <see cref="ProcessValidation.ZeroExitCode"/>).</summary>
    [Pure]
    public ProcessCommand WithValidation(ProcessValidation validation) => Change(command => command.Validation = validation);

    /// <summary>Called with each line of standard output, unredacted, as it arrives. Output and error handlers never run concurrently.</summary>
    [Pure]
    public ProcessCommand WithOutputLine(Action<string>? handler) => Change(command => command.OutputLineHandler = handler);

    /// <summary>Called with each line of standard error, unredacted, as it arrives. Output and error handlers never run concurrently.</summary>
    [Pure]
    public ProcessCommand WithErrorLine(Action<string>? handler) => Change(command => command.ErrorLineHandler = handler);

    /// <summary>Whether <see cref="ProcessResult.StandardOutput"/> and <see cref="ProcessResult.StandardError"/> collect the output (default: yes).</summary>
    [Pure]
    public ProcessCommand WithOutputBuffering(bool enabled) => Change(command => command.BuffersOutput = enabled);

    /// <summary>
    /// For programs that print a secret (<c>gcloud auth print-access-token</c>): standard output is never logged nor shown
    /// in error messages, only handed to the handler and the result.
    /// </summary>
    [Pure]
    public ProcessCommand WithSecretOutput(bool isSecret = true) => Change(command => command.HasSecretOutput = isSecret);

    /// <summary>Logs one line when the program starts, and its output lines at <see cref="OutputLogLevel"/> / <see cref="ErrorLogLevel"/>, secrets masked.</summary>
    [Pure]
    public ProcessCommand WithLogger(ILogger? logger) => Change(command => command.Logger = logger ?? NullLogger.Instance);

    /// <summary>The levels output lines are logged at (default: Debug); <see cref="LogLevel.None"/> keeps them out of the log.</summary>
    [Pure]
    public ProcessCommand WithOutputLogLevel(LogLevel output, LogLevel error) => Change(command =>
    {
        command.OutputLogLevel = output;
        command.ErrorLogLevel = error;
    });

    /// <summary>Runs the program; see <see cref="ProcessRunner.ExecuteAsync"/>.</summary>
    public Task<ProcessResult> ExecuteAsync(CancellationToken cancellationToken = default) =>
        ProcessRunner.Default.ExecuteAsync(this, cancellationToken);

    /// <summary>The command as a POSIX shell line, secrets as <c>[REDACTED]</c>: <c>env -u X NAME=value docker login … &lt; [REDACTED]</c>.</summary>
    public override string ToString()
    {
        var environment = EnvironmentText();
        return environment.Length == 0 ? ToStringWithoutEnvironment() : $"{environment} {ToStringWithoutEnvironment()}";
    }

    /// <summary>The program, its arguments and its standard input, secrets as <c>[REDACTED]</c>: <c>docker login … &lt; [REDACTED]</c>.</summary>
    internal string ToStringWithoutEnvironment()
    {
        var parts = new List<string> { CommandLineText.Quote(Program) };
        parts.AddRange(Arguments.Select(argument => argument.ToString()));
        if (StandardInput != StandardInput.Empty)
            parts.Add($"< {StandardInput}");
        return SecretRedactor.For(this).Redact(string.Join(' ', parts));
    }

    /// <summary>The environment overrides as a shell prefix, secrets as <c>[REDACTED]</c>: <c>env -u X NAME=value</c>; empty when there are none.</summary>
    internal string EnvironmentText()
    {
        var parts = new List<string>();
        if (Environment.Any(variable => variable.IsRemoval))
            parts.Add("env");
        // `env` takes its -u options before the assignments.
        parts.AddRange(Environment.OrderBy(variable => !variable.IsRemoval).Select(variable => variable.ToString()));
        return SecretRedactor.For(this).Redact(string.Join(' ', parts));
    }

    internal string ArgumentsText() => string.Join(' ', Arguments.Select(argument => argument.ToString()));

    private ProcessCommand Change(Action<ProcessCommand> change)
    {
        var copy = (ProcessCommand)MemberwiseClone();
        change(copy);
        return copy;
    }
}
