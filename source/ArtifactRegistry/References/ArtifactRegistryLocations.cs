using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ArtifactRegistry.References;

/// <summary>The known Artifact Registry locations (the data lives in <c>ArtifactRegistryLocationTable.cs</c>).</summary>
public static partial class ArtifactRegistryLocations
{
    private static readonly ArtifactRegistryLocation[] Table = ArtifactRegistryLocationTable.Rows;

    private static readonly Dictionary<string, ArtifactRegistryLocation> ById =
        Table.ToDictionary(location => location.Id, StringComparer.Ordinal);

    /// <summary>Every known location, multi-regions first.</summary>
    public static IReadOnlyList<ArtifactRegistryLocation> All => Table;

    /// <summary>Whether <paramref name="locationId"/> is a known location ID (exact, case-sensitive).</summary>
    public static bool IsKnown(string locationId) => ById.ContainsKey(locationId);

    /// <summary>The known location with ID <paramref name="locationId"/> (exact, case-sensitive), if any.</summary>
    public static bool TryGet(string locationId, [NotNullWhen(true)] out ArtifactRegistryLocation? location) =>
        ById.TryGetValue(locationId, out location);

    /// <summary>The known location that <paramref name="locationId"/> most likely meant, or null when nothing is close.</summary>
    /// <remarks>Tries, in order: a different case, a Compute Engine zone of a known region, <c>eu</c>, a place name, a small typo.</remarks>
    public static ArtifactRegistryLocation? FindNearest(string locationId)
    {
        var lower = locationId.Trim().ToLowerInvariant();
        if (ById.TryGetValue(lower, out var sameButCase)) return sameButCase;

        var zone = ZonePattern().Match(lower);
        if (zone.Success && ById.TryGetValue(zone.Groups["region"].Value, out var regionOfZone)) return regionOfZone;

        // "eu" is what eu.gcr.io taught people to write; the multi-region is "europe".
        if (lower == "eu") return ById["europe"];

        var byPlace = Table.FirstOrDefault(l => string.Equals(l.Place, locationId.Trim(), StringComparison.OrdinalIgnoreCase));
        if (byPlace is not null) return byPlace;

        var best = Table
            .Select(l => (Location: l, Distance: EditDistance.Between(lower, l.Id)))
            .OrderBy(candidate => candidate.Distance)
            .First();
        // Beyond a third of the word, a "did you mean" is a guess that misleads more than it helps.
        var tolerance = Math.Max(2, lower.Length / 3);
        return best.Distance <= tolerance ? best.Location : null;
    }

    /// <summary>
    /// Why <paramref name="locationId"/> is not a location, with the nearest known one when there is one,
    /// or null when it is known.
    /// </summary>
    /// <param name="describeNearest">Extra words after the suggested location, e.g. the host it gives.</param>
    internal static string? DescribeUnknown(string locationId, Func<ArtifactRegistryLocation, string>? describeNearest = null)
    {
        if (IsKnown(locationId)) return null;
        if (locationId.Length == 0) return "the location is empty";

        var zone = ZonePattern().Match(locationId);
        if (zone.Success && TryGet(zone.Groups["region"].Value, out var region))
        {
            return $"'{locationId}' is a Compute Engine zone, but repositories live in a region or multi-region: " +
                   $"use '{region.Id}' ({region.Place}){describeNearest?.Invoke(region)}";
        }

        var nearest = FindNearest(locationId);
        var hint = nearest is null
            ? "Multi-regions are asia, europe and us; regions look like asia-northeast1 or us-central1."
            : $"Did you mean '{nearest.Id}' ({(nearest.Kind == ArtifactRegistryLocationKind.MultiRegion ? "multi-region: " : "")}{nearest.Place})" +
              $"{describeNearest?.Invoke(nearest)}?";
        return $"'{locationId}' is not an Artifact Registry location. {hint} " +
               "`gcloud artifacts locations list` shows every location.";
    }

    [GeneratedRegex("^(?<region>[a-z]+-[a-z]+[0-9]+)-[a-z]$")]
    private static partial Regex ZonePattern();
}
