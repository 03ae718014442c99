using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Nuke.Common.Logging;
using Nuke.Common.ValueInjection;

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
    private readonly ConcurrentDictionary<MemberInfo, object?> _values = new();

    public ParameterResolver(IReadOnlyList<IParameterSource> sources, SecretMasker masker, string workingDirectory)
    {
        _sources = sources;
        _masker = masker;
        _workingDirectory = workingDirectory;
    }

    public RawParameterValue? FindRaw(string name, char? separator = null)
        => _sources.Select(x => x.Find(name, separator)).FirstOrDefault(x => x != null);

    /// <summary>
    /// What <see cref="ParameterAttribute.GetValue"/> answers: the value converted to the member's type (made nullable),
    /// or <c>null</c> when no source has the parameter; throws <see cref="ParameterException"/> when the text does not convert.
    /// </summary>
    public object? Resolve(MemberInfo member)
    {
        var parameter = ParameterMember.From(member)
                        ?? throw new ArgumentException($"{ParameterMember.DisplayNameOf(member)} is not marked with [Parameter].");
        var raw = FindRaw(parameter.Name, parameter.Separator);
        if (raw == null)
            return null;

        if (parameter.IsSecret)
        {
            foreach (var value in raw.Values)
                _masker.Add(value);
        }

        var type = parameter.ValueType.IsValueType && Nullable.GetUnderlyingType(parameter.ValueType) == null
            ? typeof(Nullable<>).MakeGenericType(parameter.ValueType)
            : parameter.ValueType;
        return ParameterValueConverter.Convert(raw.Values, type, _workingDirectory, ValueOrigin.Of(parameter.Name, raw, parameter.IsSecret));
    }

    /// <summary>
    /// The value injected into <paramref name="member"/>, asked once: a value that does not convert is logged as a warning
    /// ("Could not inject value for …") and taken as none, as NUKE does.
    /// </summary>
    public object? TryGetValue(MemberInfo member)
        => _values.GetOrAdd(member, x =>
        {
            var attribute = x.GetCustomAttribute<ValueInjectionAttributeBase>()
                            ?? throw new ArgumentException(
                                $"TryGetValue(() => {x.Name}) needs {ParameterMember.DisplayNameOf(x)} to be marked with [Parameter].");
            return attribute.TryGetValue(x, instance: null!);
        });

    /// <summary>What <see cref="INukeBuild.TryGetValue{T}(Expression{Func{T}})"/> answers.</summary>
    public object? TryGetValue(LambdaExpression parameterExpression) => TryGetValue(ExpressionMembers.GetMember(parameterExpression));

    /// <summary>A value that is not a member of the build, like <c>--verbosity</c>; a malformed one stops the build.</summary>
    public T? ResolveBuiltIn<T>(string name)
    {
        var raw = FindRaw(name);
        return raw == null
            ? default
            : (T?) ParameterValueConverter.Convert(raw.Values, typeof(T), _workingDirectory, ValueOrigin.Of(name, raw, isSecret: false));
    }
}
