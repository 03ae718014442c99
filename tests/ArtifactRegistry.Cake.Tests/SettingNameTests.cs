using System.Collections;
using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Context;
using ArtifactRegistry.Hints;
using Cake.Core;

namespace ArtifactRegistry.Cake.Tests;

/// <summary>
/// Every setting a core message can name (<see cref="SettingNames.All"/>) has a Cake name: a script argument that really sets
/// it when given alone, or the code form where only the alias's lambda sets it. A renamed argument or setting cannot leave a
/// stale hint.
/// </summary>
public class SettingNameTests
{
    /// <summary>The settings each settings type starts from in its alias, by the type's name as <see cref="SettingName.Settings"/> gives it.</summary>
    private static readonly Dictionary<string, Func<ICakeArguments, object>> Defaults = new()
    {
        ["OperationContext"] = arguments => ArgumentDefaults.Context(OperationContext.Default, arguments),
        ["ImageBuildSettings"] = ArgumentDefaults.BuildAndPush,
        ["BuildAndPushSettings"] = ArgumentDefaults.BuildAndPush,
        ["DeploySettings"] = arguments => ArgumentDefaults.DeployImageUnlessGiven(ArgumentDefaults.Deploy(arguments), arguments),
        ["SetImageSettings"] = arguments => ArgumentDefaults.SetImage(arguments, pushed: null),
        ["GrantReaderSettings"] = ArgumentDefaults.GrantReader,
        ["CheckPullAccessSettings"] = ArgumentDefaults.CheckPullAccess,
        ["PruneUntaggedSettings"] = ArgumentDefaults.PruneUntagged,
        ["TagAddSettings"] = ArgumentDefaults.TagAdd,
        ["TagListSettings"] = ArgumentDefaults.TagList,
        ["TagDeleteSettings"] = ArgumentDefaults.TagDelete,
        ["DeleteImageSettings"] = ArgumentDefaults.DeleteImage,
    };

    private static IEnumerable<SettingName> Settings() => SettingNames.All;

    [TestCaseSource(nameof(Settings))]
    public void Cake_names_each_setting_with_an_argument_that_sets_it(SettingName setting)
    {
        Assert.That(CakeSettingNames.Arguments.ContainsKey(setting), $"CakeSettingNames has no entry for {setting.Settings}.{setting.Property}");
        if (CakeSettingNames.Arguments[setting] is not { } argument)
            return;
        Assert.That(ScriptArguments.All, Does.Contain(argument), $"--{argument.Name} is not one of the arguments the aliases read");
        Assert.That(Defaults.ContainsKey(setting.Settings), $"no alias starts from {setting.Settings}");

        var without = Read(Defaults[setting.Settings](new ArgumentsStub()), setting);
        var with = Read(Defaults[setting.Settings](new ArgumentsStub((argument.Name, argument.Example))), setting);

        Assert.That(with, Is.Not.EqualTo(without), $"--{argument.Name}={argument.Example} leaves {setting.Settings}.{setting.Property} at {without}");
    }

    [Test]
    public void A_message_shows_the_Cake_argument_once_an_alias_shows_the_exception()
    {
        var workloads = SettingNames.Workloads.With("deployment/NAME");
        var exception = new SettingsException($"SetImage needs a workload: {workloads}.", workloads);

        SettingHints.ShowFor(exception, CakeSettingNames.Instance);

        Assert.That(exception.Message, Is.EqualTo("SetImage needs a workload: --workloads=deployment/NAME or SetWorkloads(…)."));
    }

    [Test]
    public void A_setting_only_the_lambda_sets_keeps_its_code_form()
    {
        var exception = new SettingsException($"Allow it: {SettingNames.DeleteTags.With("true")}.", SettingNames.DeleteTags.With("true"));

        SettingHints.ShowFor(exception, CakeSettingNames.Instance);

        Assert.That(exception.Message, Is.EqualTo("Allow it: SetDeleteTags(true)."));
    }

    [Test]
    public void A_bad_duration_argument_names_the_argument()
    {
        var exception = Assert.Throws<Durations.InvalidDurationException>(() => ArgumentDefaults.SetImage(new ArgumentsStub(("rollout-timeout", "ten minutes")), null))!;

        SettingHints.ShowFor(exception, CakeSettingNames.Instance);

        Assert.That(exception.Message, Does.StartWith("'ten minutes' (--rollout-timeout=5m or SetRolloutTimeout(…)) is not a duration: "));
    }

    /// <summary>The setting's value, collections as their items, so that two equal lists compare equal.</summary>
    private static string Read(object settings, SettingName setting)
    {
        var property = settings.GetType().GetProperty(setting.Property);
        Assert.That(property, Is.Not.Null, $"{settings.GetType().Name} has no {setting.Property}");
        return property!.GetValue(settings) switch
        {
            null => "(null)",
            string text => text,
            IEnumerable items => "[" + string.Join(", ", items.Cast<object?>()) + "]",
            var value => value.ToString() ?? "",
        };
    }
}
