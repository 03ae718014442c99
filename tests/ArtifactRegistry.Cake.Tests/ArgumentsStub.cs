using Cake.Core;

namespace ArtifactRegistry.Cake.Tests;

/// <summary>A script's command line, as Cake hands it to the aliases: every value of every argument.</summary>
internal sealed class ArgumentsStub(params (string Name, string Value)[] given) : ICakeArguments
{
    public bool HasArgument(string name) => given.Any(argument => Same(argument.Name, name));

    public ICollection<string> GetArguments(string name) => given.Where(argument => Same(argument.Name, name)).Select(argument => argument.Value).ToList();

    public IDictionary<string, ICollection<string>> GetArguments() =>
        given.GroupBy(argument => argument.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => (ICollection<string>)group.Select(argument => argument.Value).ToList(), StringComparer.OrdinalIgnoreCase);

    // Cake's own arguments are case-insensitive.
    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
