using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Nuke.Common.Logging;

namespace Nuke.Common.Parameters;

/// <summary>
/// Resolves parameter values: the first source that has the name wins (command line, then environment, then
/// parameters files), the text is converted to the member's type, and secret values are registered for masking
/// before anything else can print them.
/// </summary>
internal sealed class ParameterResolver
{
    private readonly IReadOnlyList<IParameterSource> _sources;
    private readonly SecretMasker _masker;
    private readonly string _workingDirectory;
    private readonly ConcurrentDictionary<(MemberInfo, Type), object?> _cache = new();

    public ParameterResolver(IReadOnlyList<IParameterSource> sources, SecretMasker masker, string workingDirectory)
    {
        _sources = sources;
        _masker = masker;
        _workingDirectory = workingDirectory;
    }

    public RawParameterValue? FindRaw(string name, char? separator = null)
        => _sources.Select(x => x.Find(name, separator)).FirstOrDefault(x => x != null);

    /// <summary>The converted value, or <c>null</c> when no source has the parameter.</summary>
    public object? Resolve(ParameterMember parameter, Type? destinationType = null)
    {
        var type = destinationType ?? parameter.ValueType;
        return _cache.GetOrAdd((parameter.Member, type), _ =>
        {
            var raw = FindRaw(parameter.Name, parameter.Separator);
            if (raw == null)
                return null;

            if (parameter.IsSecret)
            {
                foreach (var value in raw.Values)
                    _masker.Add(value);
            }

            var origin = ValueOrigin.Of(parameter.Name, raw, parameter.IsSecret);
            return ParameterValueConverter.Convert(raw.Values, type, _workingDirectory, origin);
        });
    }

    /// <summary>A value that is not a member of the build, like <c>--verbosity</c>.</summary>
    public T? ResolveBuiltIn<T>(string name)
    {
        var raw = FindRaw(name);
        return raw == null
            ? default
            : (T?) ParameterValueConverter.Convert(raw.Values, typeof(T), _workingDirectory, ValueOrigin.Of(name, raw, isSecret: false));
    }

    /// <summary>What <see cref="INukeBuild.TryGetValue{T}(Expression{Func{T}})"/> answers.</summary>
    public object? TryGetValue(LambdaExpression parameterExpression, Type destinationType)
    {
        var member = ExpressionMembers.GetMember(parameterExpression);
        var parameter = ParameterMember.From(member)
                        ?? throw new ArgumentException(
                            $"TryGetValue(() => {member.Name}) needs {member.DeclaringType?.Name}.{member.Name} to be marked with [Parameter].");
        return Resolve(parameter, destinationType);
    }
}
