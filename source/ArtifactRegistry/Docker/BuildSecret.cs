using System.Text.RegularExpressions;
using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Docker;

/// <summary>
/// One BuildKit build secret: a <c>RUN --mount=type=secret,id=ID</c> step reads it from <c>/run/secrets/ID</c>, and it is in
/// no layer, no <c>docker history</c>, no argv and no log (shown as <c>[REDACTED]</c>). Its value is given in code, or read
/// when the build starts from an environment variable of the build process (<see cref="FromEnvironment"/>).
/// </summary>
public sealed partial record BuildSecret
{
    /// <summary>A secret with its value; throws <see cref="SettingsException"/> when <paramref name="id"/> is no valid secret id.</summary>
    public BuildSecret(string id, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Id = ValidId(id);
        Value = value;
    }

    private BuildSecret(string id, string? value, string? environmentVariable)
    {
        Id = id;
        Value = value;
        EnvironmentVariable = environmentVariable;
    }

    /// <summary>A secret whose value is read from <paramref name="variable"/> of the build's environment when the build starts.</summary>
    public static BuildSecret FromEnvironment(string id, string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable.Length == 0 || variable.Contains('='))
            throw new SettingsException(
                $"Build secret '{id}' names '{variable}' as its environment variable, which is no variable name; " +
                $"give the secret's id and the variable's name, e.g. npm_token and NPM_TOKEN: {SettingNames.BuildSecrets}.", SettingNames.BuildSecrets);
        return new BuildSecret(ValidId(id), null, variable);
    }

    /// <summary>The id the Dockerfile mounts: <c>RUN --mount=type=secret,id=ID</c>.</summary>
    public string Id { get; }

    /// <summary>The value given in code; null when it comes from <see cref="EnvironmentVariable"/>.</summary>
    public string? Value { get; }

    /// <summary>The environment variable the value is read from when the build starts; null when the value was given.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary><c>ID=[REDACTED]</c>, or <c>ID=env:VARIABLE</c> (the variable's name, never its value).</summary>
    public override string ToString() => Value is null ? $"{Id}=env:{EnvironmentVariable}" : $"{Id}={Processes.SecretRedactor.Placeholder}";

    /// <summary>
    /// This secret with its value: the given one, else the variable's value from <paramref name="variables"/>.
    /// A variable that is not set, or empty (a CI secret that was never configured reads as empty), is refused with its name.
    /// </summary>
    internal BuildSecret Resolve(Func<string, string?> variables)
    {
        if (Value is not null)
            return this;
        var value = variables(EnvironmentVariable!);
        if (string.IsNullOrEmpty(value))
            throw new SettingsException(
                $"Build secret '{Id}' is read from the environment variable {EnvironmentVariable}, which is {(value is null ? "not set" : "empty")} " +
                $"in this build's environment, so the build would run without it.{Environment.NewLine}" +
                $"Set {EnvironmentVariable} for the build (in CI, from the secret store: a secret the job cannot see reads as empty), " +
                $"or read the secret from another variable: {SettingNames.BuildSecrets}.", SettingNames.BuildSecrets);
        return new BuildSecret(Id, value, EnvironmentVariable);
    }

    private static string ValidId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        // The id travels inside docker's `--secret id=ID,env=…`, a comma-separated list of key=value pairs.
        if (!SecretId().IsMatch(id))
            throw new SettingsException(
                $"Build secret id '{id}' is not letters, digits, '_', '-' and '.': docker reads it inside `--secret id=ID,…`, " +
                $"and the Dockerfile mounts it as RUN --mount=type=secret,id=ID; use that id, e.g. npm_token: {SettingNames.BuildSecrets}.",
                SettingNames.BuildSecrets);
        return id;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex SecretId();
}
