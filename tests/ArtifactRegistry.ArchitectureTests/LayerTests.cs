using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace ArtifactRegistry.ArchitectureTests;

/// <summary>
/// Dependencies flow one way: model ← adapters ← context ← operations ← reporting ← hosts. Every namespace of the shipped assemblies is
/// listed in exactly one layer below; a new folder fails <see cref="Every_namespace_is_placed_in_a_layer"/> until it is added
/// to the list, so each one is placed deliberately (e.g. Kubernetes among the adapters, Tags among the operations, a policy
/// model such as Pruning.Policy in the model next to an operation Pruning).
/// </summary>
public class LayerTests
{
    /// <summary>Lowest first; a namespace may use its own layer and those before it, never one after it.</summary>
    private static readonly (string Layer, string[] Namespaces)[] Layers =
    [
        ("model", ["Hints", "References", "Iam", "Durations", "Rollouts"]),
        ("adapters", ["Processes", "FileSystem", "Configuration", "Gcloud", "Git", "Auth", "Registry", "Docker", "Kubernetes", "GitOps"]),
        ("context", ["Context"]),
        ("operations", ["Access", "DockerAuth", "Publishing", "Grants", "Deploying", "InUse", "Pruning", "Tagging", "Deletion"]),
        // Reporting: what the operations returned, written where CI reads it; each host runs its operations through it.
        ("reporting", ["Reporting"]),
        ("hosts", ["Nuke", "Nuke.Logging", "Cake", "Cake.Arguments", "Cake.Hosting"]),
    ];

    private static readonly Architecture Architecture = new ArchLoader()
        .LoadAssemblies(typeof(Context.OperationContext).Assembly, typeof(Nuke.ArtifactRegistryTasks).Assembly, typeof(Cake.ArtifactRegistryAliases).Assembly)
        .Build();

    /// <summary>The project's own types: compiler-generated helpers (regex generators, attributes) live in other namespaces.</summary>
    private static readonly IObjectProvider<IType> OwnTypes = Types().That().ResideInNamespaceMatching(@"^ArtifactRegistry(\..+)?$").As("the library's types");

    [Test]
    public void Every_namespace_is_placed_in_a_layer()
    {
        var placed = Layers.SelectMany(layer => layer.Namespaces);

        Types().That().Are(OwnTypes).Should().ResideInNamespaceMatching(Pattern(placed))
            .Because("every folder belongs to one layer: add a new one to the list in LayerTests")
            .Check(Architecture);
    }

    [Test]
    public void Every_listed_namespace_exists()
    {
        var existing = Architecture.Namespaces.Select(ns => ns.FullName).ToHashSet();

        var stale = Layers.SelectMany(layer => layer.Namespaces).Where(ns => !existing.Contains("ArtifactRegistry." + ns)).ToList();

        Assert.That(stale, Is.Empty, "listed in LayerTests but not in the assemblies: a folder was renamed or removed");
    }

    [TestCaseSource(nameof(LayerNames))]
    public void A_layer_uses_only_itself_and_the_layers_below_it(string layer)
    {
        var index = Array.FindIndex(Layers, entry => entry.Layer == layer);
        var above = Layers.Skip(index + 1).SelectMany(entry => entry.Namespaces).ToList();

        Types().That().ResideInNamespaceMatching(Pattern(Layers[index].Namespaces)).Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(Pattern(above)).As($"types of the layers above {layer}"))
            .Because("dependencies flow model <- adapters <- context <- operations <- reporting <- hosts")
            .Check(Architecture);
    }

    [Test]
    public void No_two_namespaces_use_each_other()
    {
        SliceRuleDefinition.Slices().Matching("ArtifactRegistry.(**)").Should().BeFreeOfCycles().Check(Architecture);
    }

    /// <summary>Every layer but the top one (the hosts), which has nothing above it to avoid.</summary>
    private static IEnumerable<string> LayerNames() => Layers.SkipLast(1).Select(layer => layer.Layer);

    private static string Pattern(IEnumerable<string> namespaces) =>
        "^ArtifactRegistry\\.(" + string.Join("|", namespaces.Select(Regex.Escape)) + ")$";
}
