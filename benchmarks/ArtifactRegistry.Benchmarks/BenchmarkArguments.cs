using System.Globalization;

namespace ArtifactRegistry.Benchmarks;

/// <summary><c>--name value</c> options of a benchmark command, with typed defaults.</summary>
internal sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string> _values;

    private BenchmarkArguments(Dictionary<string, string> values) => _values = values;

    public static BenchmarkArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Options are written --name value; \"{args[i]}\" is not.");
            values[args[i][2..]] = args[++i];
        }

        return new BenchmarkArguments(values);
    }

    public int Int(string name, int fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new ArgumentException($"--{name} takes a positive whole number, not \"{text}\".");

    public string Text(string name, string fallback) => _values.TryGetValue(name, out var text) ? text : fallback;

    public double Seconds(string name, double fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new ArgumentException($"--{name} takes a positive number of seconds, not \"{text}\".");
}
