namespace ArtifactRegistry.References;

/// <summary>The location data, kept apart from the code that uses it.</summary>
internal static class ArtifactRegistryLocationTable
{
    /// <summary>When the rows were last brought up to date; named in the warning for a region they lack.</summary>
    public const string AsOf = "2026-11-21";

    // Source: Google's list of Artifact Registry locations, as `gcloud artifacts locations list` prints it and
    // https://cloud.google.com/artifact-registry/docs/repositories/repo-locations points to; rows as of AsOf.
    // Google adds regions from time to time: a well-formed region missing here is still accepted (with a warning),
    // and only near misses of listed ones are refused. Add a row when one is missing; nothing else needs to change.
    public static readonly ArtifactRegistryLocation[] Rows =
    [
        MultiRegion("asia", "Asia"),
        MultiRegion("europe", "Europe"),
        MultiRegion("us", "United States"),

        Region("africa-south1", "Johannesburg"),
        Region("asia-east1", "Taiwan"),
        Region("asia-east2", "Hong Kong"),
        Region("asia-northeast1", "Tokyo"),
        Region("asia-northeast2", "Osaka"),
        Region("asia-northeast3", "Seoul"),
        Region("asia-south1", "Mumbai"),
        Region("asia-south2", "Delhi"),
        Region("asia-southeast1", "Singapore"),
        Region("asia-southeast2", "Jakarta"),
        Region("australia-southeast1", "Sydney"),
        Region("australia-southeast2", "Melbourne"),
        Region("europe-central2", "Warsaw"),
        Region("europe-north1", "Finland"),
        Region("europe-north2", "Stockholm"),
        Region("europe-southwest1", "Madrid"),
        Region("europe-west1", "Belgium"),
        Region("europe-west2", "London"),
        Region("europe-west3", "Frankfurt"),
        Region("europe-west4", "Netherlands"),
        Region("europe-west6", "Zurich"),
        Region("europe-west8", "Milan"),
        Region("europe-west9", "Paris"),
        Region("europe-west10", "Berlin"),
        Region("europe-west12", "Turin"),
        Region("me-central1", "Doha"),
        Region("me-central2", "Dammam"),
        Region("me-west1", "Tel Aviv"),
        Region("northamerica-northeast1", "Montreal"),
        Region("northamerica-northeast2", "Toronto"),
        Region("northamerica-south1", "Queretaro"),
        Region("southamerica-east1", "Sao Paulo"),
        Region("southamerica-west1", "Santiago"),
        Region("us-central1", "Iowa"),
        Region("us-east1", "South Carolina"),
        Region("us-east4", "Northern Virginia"),
        Region("us-east5", "Columbus"),
        Region("us-south1", "Dallas"),
        Region("us-west1", "Oregon"),
        Region("us-west2", "Los Angeles"),
        Region("us-west3", "Salt Lake City"),
        Region("us-west4", "Las Vegas"),
    ];

    private static ArtifactRegistryLocation MultiRegion(string id, string place) =>
        new(id, ArtifactRegistryLocationKind.MultiRegion, place);

    private static ArtifactRegistryLocation Region(string id, string place) =>
        new(id, ArtifactRegistryLocationKind.Region, place);
}
