using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ArtifactRegistry.References;

/// <summary>
/// The known Artifact Registry locations (the data, its source and date live in <c>ArtifactRegistryLocationTable.cs</c>), and
/// what a location the table lacks is taken for: a new region when well-formed, a typo when a near miss of a known one.
/// </summary>
public static partial class ArtifactRegistryLocations
{
    private static readonly ArtifactRegistryLocation[] Table = ArtifactRegistryLocationTable.Rows;

    private static readonly Dictionary<string, ArtifactRegistryLocation> ById =
        Table.ToDictionary(location => location.Id, StringComparer.Ordinal);

    /// <summary>Every known location, multi-regions first.</summary>
    public static IReadOnlyList<ArtifactRegistryLocation> All => Table;

    /// <summary>The regions' IDs without their number (<c>asia-northeast</c>): what a new region of a known area shares.</summary>
    private static readonly string[] RegionStems = Table
        .Where(location => location.Kind == ArtifactRegistryLocationKind.Region)
        .Select(location => location.Id.TrimEnd("0123456789".ToCharArray()))
        .Distinct()
        .ToArray();

    /// <summary>Whether <paramref name="locationId"/> is a known location ID (exact, case-sensitive).</summary>
    public static bool IsKnown(string locationId) => ById.ContainsKey(locationId);

    /// <summary>
    /// Whether <paramref name="locationId"/> is a well-formed region ID (<c>area-direction</c> and a number, e.g.
    /// <c>europe-west15</c>) that the table does not list and that is no near miss of a listed one: taken as a region Google
    /// added after this release, so it is accepted (with a warning) rather than blocking the user until an update.
    /// </summary>
    public static bool IsUnlisted(string locationId)
    {
        if (IsKnown(locationId) || !RegionShape().IsMatch(locationId))
            return false;
        var stem = locationId.TrimEnd("0123456789".ToCharArray());
        // A known area and direction with another number is a new region; a stem one slip (a letter missing, extra, wrong or
        // swapped) from a known one is a typo. Two slips are not: us-north would be two from us-south.
        return RegionStems.Contains(stem, StringComparer.Ordinal) || RegionStems.All(known => EditDistance.Between(stem, known) > NearMissDistance);
    }

    /// <summary>The warning for an <see cref="IsUnlisted"/> location, or null for any other.</summary>
    internal static string? DescribeUnlisted(string locationId) => IsUnlisted(locationId)
        ? $"'{locationId}' is not in this library's location table (rows as of {ArtifactRegistryLocationTable.AsOf}); it is taken as a region Google added since. " +
          "If it is a typo, `gcloud artifacts locations list` shows every location."
        : null;

    private const int NearMissDistance = 1;

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
        if (IsKnown(locationId) || IsUnlisted(locationId)) return null;
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

    [GeneratedRegex("^[a-z]+-[a-z]+[1-9][0-9]*$")]
    private static partial Regex RegionShape();
}
