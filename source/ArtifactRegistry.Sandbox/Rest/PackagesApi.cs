using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary><c>…repositories.packages</c>: list, get, delete (a package is a Docker image path).</summary>
internal static class PackagesApi
{
    private static readonly HashSet<string> FilterKeys = ["name"];

    private static readonly Dictionary<string, Func<PackageView, IComparable?>> OrderFields = new()
    {
        ["name"] = p => p.Repository.PackageResource(p.Image),
        ["create_time"] = p => p.CreateTime,
        ["update_time"] = p => p.UpdateTime,
    };

    public static Task ListAsync(RestCall call)
    {
        call.Require(Permissions.PackagesList);
        IEnumerable<PackageView> packages = call.Store.ListPackages(call.Repository);
        var filter = ListFilter.Parse(call.Query("filter"), FilterKeys);
        if (filter is not null)
            packages = packages.Where(p => filter.Matches(_ => [p.Repository.PackageResource(p.Image), PackageId.FromImage(p.Image), p.Image]));
        var ordered = ListOrder.Apply(packages, call.Query("orderBy"), OrderFields, p => p.Repository.PackageResource(p.Image));
        return Paging.AnswerPage(call, "packages", ordered, "packages|" + call.Query("filter") + "|" + call.Query("orderBy"), ResourceJson.Package);
    }

    public static Task GetAsync(RestCall call)
    {
        call.Require(Permissions.PackagesGet);
        var package = call.Store.GetPackage(call.Repository, call.Image);
        return call.Json(w => ResourceJson.Package(w, package));
    }

    public static async Task DeleteAsync(RestCall call)
    {
        call.Require(Permissions.PackagesDelete);
        call.Store.DeletePackage(call.Repository, call.Image);
        var operation = call.Services.Operations.Complete(call.Repository.Project, call.Repository.Location);
        await RawJson.WriteAsync(call.Http, 200, operation).ConfigureAwait(false);
    }
}
