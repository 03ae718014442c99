namespace Nuke.Common.Execution;

/// <summary>An <c>OnlyWhen*</c> condition and its source text, which is shown when it skips the target.</summary>
internal sealed record TargetCondition(Func<bool> Evaluate, string Text)
{
    public static TargetCondition From(Func<bool> condition, string? expression)
    {
        var text = (expression ?? "condition").Trim();
        if (text.StartsWith("()", StringComparison.Ordinal) && text.IndexOf("=>", StringComparison.Ordinal) is var arrow and >= 0)
            text = text[(arrow + 2)..].Trim();

        return new TargetCondition(condition, text);
    }
}
