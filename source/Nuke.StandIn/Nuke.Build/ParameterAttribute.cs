using System.Reflection;
using Nuke.Common.Execution;
using Nuke.Common.ValueInjection;

namespace Nuke.Common;

/// <summary>
/// Marks a field or property as a build parameter. Values are resolved, first match wins, from the command line
/// (<c>--image-name value</c>), environment variables (<c>IMAGE_NAME</c>, case and underscores ignored, optional
/// <c>NUKE_</c> prefix) and <c>.nuke/parameters.json</c> (plus <c>parameters.&lt;profile&gt;.json</c> with <c>--profile</c>).
/// Text is converted as NUKE converts it, with the type's <see cref="System.ComponentModel.TypeDescriptor"/> converter.
/// </summary>
public class ParameterAttribute : ValueInjectionAttributeBase
{
    public ParameterAttribute(string? description = null)
    {
        Description = description;
    }

    public virtual string? Description { get; }

    /// <summary>Overrides the member name as the parameter name.</summary>
    public string? Name { get; set; }

    /// <summary>Splits a single value (environment variable or file) into list items; the first character is used.</summary>
    public string? Separator { get; set; }

    public virtual bool List { get; set; } = true;

    public override object? GetValue(MemberInfo member, object instance) => BuildSession.Current.Parameters.Resolve(member);
}
