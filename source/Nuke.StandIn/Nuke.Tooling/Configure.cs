namespace Nuke.Common.Tooling;

/// <summary>Changes (a copy of) tool options; NUKE's fluent settings style: <c>s => s.SetX(..).EnableY()</c>.</summary>
public delegate T Configure<T>(T options);

public static class ConfigureExtensions
{
    /// <summary>Applies the configurator, treating <c>null</c> as "leave unchanged".</summary>
    public static T InvokeSafe<T>(this Configure<T>? configurator, T obj) => (configurator ?? (x => x)).Invoke(obj);
}
