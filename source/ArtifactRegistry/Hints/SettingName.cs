namespace ArtifactRegistry.Hints;

/// <summary>
/// A setting an error message tells the user to give or change, named as code sets it (<c>SetTags(…)</c>) so the core speaks
/// of no host's flags; each host shows it under its own name (<see cref="IHostSettingNames"/>), e.g. NUKE's <c>--image-tags</c>.
/// Two names are equal when they name the same property of the same settings type, whatever their examples.
/// </summary>
public sealed record SettingName
{
    /// <summary>Names <paramref name="property"/> of the settings type <paramref name="settings"/>, set with <paramref name="setter"/> (default <c>Set</c> + the property).</summary>
    public SettingName(string settings, string property, string? setter = null)
    {
        Settings = settings;
        Property = property;
        Setter = setter ?? "Set" + property;
    }

    /// <summary>The settings type's name, e.g. <c>BuildAndPushSettings</c> (or <c>OperationContext</c> for the context's properties).</summary>
    public string Settings { get; }

    /// <summary>The property, e.g. <c>Tags</c>.</summary>
    public string Property { get; }

    /// <summary>The fluent method that sets it, e.g. <c>SetTags</c>.</summary>
    public string Setter { get; }

    /// <summary>A value as a user types it (<c>deployment/NAME</c>, <c>true</c>), shown in the message; null shows <c>…</c>.</summary>
    public string? Example { get; init; }

    /// <summary>The same setting shown with an example value.</summary>
    public SettingName With(string example) => this with { Example = example };

    /// <summary>The code form of the example: strings quoted, <c>true</c>, <c>false</c> and numbers as they are.</summary>
    public string CodeExample => Example switch
    {
        null => "…",
        "true" or "false" => Example,
        _ when double.TryParse(Example, System.Globalization.CultureInfo.InvariantCulture, out _) => Example,
        _ => $"\"{Example}\"",
    };

    /// <summary>Equal when the settings type and the property are.</summary>
    public bool Equals(SettingName? other) => other is not null && Settings == other.Settings && Property == other.Property;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Settings, Property);

    /// <summary>The code form every message shows without a host: <c>SetTags(…)</c>, <c>SetWorkloads("deployment/NAME")</c>.</summary>
    public override string ToString() => $"{Setter}({CodeExample})";
}
