using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Tests.Rollouts;

public sealed class ContainerSelectionTests
{
    private static readonly WorkloadReference Api = new(WorkloadKind.Deployment, "api");
    private static readonly PodTemplateContainer ApiContainer = new("api", "asia-docker.pkg.dev/p/r/api:1");
    private static readonly PodTemplateContainer Sidecar = new("proxy", "envoy:1.30");
    private static readonly PodTemplateContainer Migrate = new("migrate", "asia-docker.pkg.dev/p/r/api:1", IsInit: true);

    [Test]
    public void The_container_asked_for_is_chosen_even_when_another_is_named_like_the_workload() =>
        Assert.That(ContainerSelection.Select(Api, [ApiContainer, Sidecar], "proxy"), Is.EqualTo(Sidecar));

    [Test]
    public void Without_a_name_the_container_named_like_the_workload_is_chosen() =>
        Assert.That(ContainerSelection.Select(Api, [Sidecar, ApiContainer], null), Is.EqualTo(ApiContainer));

    [Test]
    public void Without_a_name_the_only_container_is_chosen_whatever_its_name()
    {
        var only = new PodTemplateContainer("web", "nginx");
        Assert.That(ContainerSelection.Select(Api, [Migrate, only], null), Is.EqualTo(only), "init containers are not candidates for the default");
    }

    [Test]
    public void An_init_container_is_chosen_by_name() =>
        Assert.That(ContainerSelection.Select(Api, [Migrate, ApiContainer], "migrate"), Is.EqualTo(Migrate));

    [Test]
    public void A_name_that_matches_no_container_lists_the_containers()
    {
        var exception = Assert.Throws<ContainerNotFoundException>(() => ContainerSelection.Select(Api, [Migrate, ApiContainer, Sidecar], "app"));

        Assert.That(exception!.Message, Is.EqualTo(
            "deployment/api has no container named 'app'. Its containers: migrate (init) (asia-docker.pkg.dev/p/r/api:1), api (asia-docker.pkg.dev/p/r/api:1), " +
            "proxy (envoy:1.30). Name the one to change (SetContainer(\"NAME\")), e.g. SetContainer(\"api\")."));
    }

    [Test]
    public void Two_containers_none_named_like_the_workload_cannot_be_guessed()
    {
        var web = new PodTemplateContainer("web", "nginx");
        var exception = Assert.Throws<ContainerNotFoundException>(() => ContainerSelection.Select(Api, [web, Sidecar], null));

        Assert.That(exception!.Message, Does.StartWith("deployment/api has 2 containers and none is named 'api', so SetImage cannot tell which one gets the image."));
        Assert.That(exception.RequestedContainer, Is.Null);
    }
}
