using System.Reflection;
using ArtifactRegistry.Context;
using ArtifactRegistry.Hints;
using ParameterAttribute = Nuke.Common.ParameterAttribute;

namespace ArtifactRegistry.Nuke.Tests;

/// <summary>
/// Every setting a core message can name (<see cref="SettingNames.All"/>) is a real setting of the core, and the NUKE
/// components name it with a <c>[Parameter]</c> that exists, so a renamed flag or setter cannot leave a stale hint.
/// </summary>
public class SettingNameTests
{
    private static IEnumerable<SettingName> Settings() => SettingNames.All;

    [Test]
    public void The_catalogue_lists_settings()
    {
        Assert.That(SettingNames.All, Has.Count.GreaterThan(20).And.Contains(SettingNames.ImageTags));
    }

    [TestCaseSource(nameof(Settings))]
    public void Each_setting_a_message_names_exists_in_the_core_with_its_setter(SettingName setting)
    {
        var core = typeof(OperationContext).Assembly;
        var type = core.GetExportedTypes().SingleOrDefault(type => type.Name == setting.Settings);
        Assert.That(type, Is.Not.Null, $"no public settings type {setting.Settings}");
        Assert.That(type!.GetProperty(setting.Property), Is.Not.Null, $"{setting.Settings} has no property {setting.Property}");

        var setters = core.GetExportedTypes()
            .SelectMany(candidate => candidate.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
            .Where(method => method.Name == setting.Setter)
            .Where(method => method.IsStatic
                ? method.GetParameters() is [var first, ..] && (first.ParameterType.IsAssignableFrom(type) || type.IsAssignableFrom(first.ParameterType) || first.ParameterType.IsGenericParameter)
                : method.DeclaringType!.IsAssignableFrom(type));
        Assert.That(setters, Is.Not.Empty, $"no {setting.Setter} sets {setting.Settings}.{setting.Property}");
    }

    [TestCaseSource(nameof(Settings))]
    public void NUKE_names_each_setting_with_a_parameter_that_exists(SettingName setting)
    {
        Assert.That(NukeSettingNames.Parameters.ContainsKey(setting), $"NukeSettingNames has no entry for {setting.Settings}.{setting.Property}");
        if (NukeSettingNames.Parameters[setting] is not { } member)
            return;

        var parameters = typeof(IArtifactRegistryContext).Assembly.GetExportedTypes()
            .Where(type => type.IsInterface)
            .SelectMany(type => type.GetProperties())
            .Where(property => property.GetCustomAttribute<ParameterAttribute>() is not null)
            .Select(property => property.Name);
        Assert.That(parameters, Does.Contain(member));
    }

    [Test]
    public void A_message_shows_the_NUKE_flag_once_NUKE_shows_the_exception()
    {
        var exception = new SettingsException($"No tags: give them ({SettingNames.ImageTags}).", SettingNames.ImageTags);
        Assert.That(exception.Message, Is.EqualTo("No tags: give them (SetTags(…))."));

        SettingHints.ShowFor(exception, NukeSettingNames.Instance);

        Assert.That(exception.Message, Is.EqualTo("No tags: give them (--image-tags or SetTags(…))."));
    }

    [Test]
    public void An_example_is_shown_in_the_host_form_and_in_code()
    {
        var workloads = SettingNames.Workloads.With("deployment/NAME");
        var exception = new SettingsException($"SetImage needs a workload: {workloads}.", workloads);
        Assert.That(exception.Message, Is.EqualTo("SetImage needs a workload: SetWorkloads(\"deployment/NAME\")."));

        SettingHints.ShowFor(exception, NukeSettingNames.Instance);

        Assert.That(exception.Message, Is.EqualTo("SetImage needs a workload: --workloads deployment/NAME or SetWorkloads(…)."));
    }

    [Test]
    public void A_setting_NUKE_sets_only_in_code_keeps_its_code_form()
    {
        var exception = new SettingsException($"Allow it: {SettingNames.DeleteTags.With("true")}.", SettingNames.DeleteTags.With("true"));

        SettingHints.ShowFor(exception, NukeSettingNames.Instance);

        Assert.That(exception.Message, Is.EqualTo("Allow it: SetDeleteTags(true)."));
    }

    [Test]
    public void A_duration_setting_names_the_NUKE_parameter_it_came_from()
    {
        var exception = Assert.Throws<Durations.InvalidDurationException>(() => Durations.Duration.Parse("ten minutes", SettingNames.RolloutTimeout))!;

        SettingHints.ShowFor(exception, NukeSettingNames.Instance);

        Assert.That(exception.Message, Does.StartWith("'ten minutes' (--rollout-timeout or SetRolloutTimeout(…)) is not a duration: "));
    }

    [Test]
    public void The_core_names_no_host_flag()
    {
        var source = Path.Combine(RepositoryRoot(), "source", "ArtifactRegistry");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(entry => entry.line.Contains("NUKE: ") || entry.line.Contains("ArtifactRegistryTasks."))
            .Select(entry => $"{Path.GetRelativePath(source, entry.file)}:{entry.index + 1}: {entry.line.Trim()}");
        Assert.That(offenders, Is.Empty, "core messages name settings (SettingNames), and each host maps them to its flags");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "ArtifactRegistry.Nuke.sln")))
                return directory.FullName;
        throw new DirectoryNotFoundException("ArtifactRegistry.Nuke.sln is not above the test directory");
    }
}
