using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// Pod templates as the deployment controller compares them: equal when equal apart from the <c>pod-template-hash</c> label
/// (so <c>rollout undo</c> finds the old replica set again), and named by a hash of the template rendered with the
/// controller's alphabet (no vowels, so no words).
/// </summary>
internal static class PodTemplates
{
    public const string HashLabel = "pod-template-hash";
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    // Stored models are never changed, so a template's canonical text can be kept as long as the template lives: the
    // controller compares every replica set's template on every look at a deployment.
    private static readonly ConditionalWeakTable<V1PodTemplateSpec, string> Cache = new();

    /// <summary>The template's JSON without the hash label: equal texts mean equal templates.</summary>
    public static string Canonical(V1PodTemplateSpec? template) =>
        template is null ? "" : Cache.GetValue(template, Compute);

    private static string Compute(V1PodTemplateSpec template)
    {
        var copy = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(template));
        copy.Metadata?.Labels?.Remove(HashLabel);
        if (copy.Metadata?.Labels is { Count: 0 })
            copy.Metadata.Labels = null;
        return KubernetesJson.Serialize(copy);
    }

    /// <summary>FNV-1a over the canonical template and the collision count, rendered like the controller's (e.g. <c>5d4b8c7f9</c>).</summary>
    public static string Hash(V1PodTemplateSpec template, int collisionCount = 0)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Canonical(template) + collisionCount.ToString(CultureInfo.InvariantCulture)))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Five characters for a pod name suffix, derived from a counter so that a run's names are repeatable.</summary>
    public static string Suffix(long counter)
    {
        var value = (ulong)counter * 0x9E3779B97F4A7C15UL;
        var chars = new char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
            value /= (ulong)Alphabet.Length;
        }

        return new string(chars);
    }

    private static string SafeEncode(string text) => new(text.Select(c => Alphabet[c % Alphabet.Length]).ToArray());
}
