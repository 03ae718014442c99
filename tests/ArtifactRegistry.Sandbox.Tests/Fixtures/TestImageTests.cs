using ArtifactRegistry.Testing.Docker;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

public sealed class TestImageTests
{
    [Test]
    public async Task I_can_build_a_scratch_image_carrying_the_payload_I_chose()
    {
        var engine = await PrivateDockerd.SharedAsync();
        var payload = $"payload {Guid.NewGuid()}";

        var image = await ScratchImage.BuildAsync(engine, payload, "fixtures/scratch:one", "fixtures/scratch:also");
        TestContext.Out.WriteLine($"FROM scratch build: {image.BuildTime.TotalMilliseconds:0} ms");

        var tags = (await engine.DockerAsync("image", "inspect", "--format", "{{json .RepoTags}}", image.ImageId)).EnsureSuccess();
        var container = (await engine.DockerAsync("create", image.ImageId, "unused-command")).EnsureSuccess().StandardOutput.Trim();
        var copied = (await engine.DockerAsync("cp", $"{container}:{ScratchImage.PayloadPath}", "-")).EnsureSuccess();
        await engine.DockerAsync("rm", container);

        Assert.That(image.ImageId, Does.Match("^sha256:[0-9a-f]{64}$"));
        Assert.That(tags.StandardOutput, Does.Contain("fixtures/scratch:one").And.Contain("fixtures/scratch:also"));
        Assert.That(copied.StandardOutput, Does.Contain(payload), "docker cp streams a tar holding the payload file");
    }

    [Test]
    public async Task Two_scratch_images_with_different_payloads_have_different_ids()
    {
        var engine = await PrivateDockerd.SharedAsync();

        var first = await ScratchImage.BuildAsync(engine, $"first {Guid.NewGuid()}", "fixtures/differ:first");
        var second = await ScratchImage.BuildAsync(engine, $"second {Guid.NewGuid()}", "fixtures/differ:second");

        Assert.That(second.ImageId, Is.Not.EqualTo(first.ImageId));
    }

    [Test]
    public async Task A_dockerfile_FROM_local_busybox_can_RUN_a_shell_step()
    {
        var engine = await PrivateDockerd.SharedAsync();
        var import = await BusyboxBase.EnsureAsync(engine);
        var marker = Guid.NewGuid().ToString("N");

        var image = await DockerfileImage.BuildAsync(
            engine,
            $"FROM {BusyboxBase.Reference}\nRUN echo {marker} > /proof.txt && ls /bin | wc -l > /applets.txt\n",
            tags: ["fixtures/busybox-run:1"]);
        TestContext.Out.WriteLine($"busybox import: {import.BuildTime.TotalMilliseconds:0} ms; build with a RUN step: {image.BuildTime.TotalMilliseconds:0} ms");

        var proof = (await engine.DockerAsync("run", "--rm", "--network", "none", image.ImageId, "cat", "/proof.txt")).EnsureSuccess();
        Assert.That(proof.StandardOutput.Trim(), Is.EqualTo(marker));
    }

    [Test]
    public async Task The_busybox_base_is_imported_once_per_engine()
    {
        var engine = await PrivateDockerd.SharedAsync();

        var first = await BusyboxBase.EnsureAsync(engine);
        var second = await BusyboxBase.EnsureAsync(engine);
        var listed = (await engine.DockerAsync("image", "inspect", "--format", "{{.Id}}", BusyboxBase.Reference)).EnsureSuccess();

        Assert.That(second, Is.SameAs(first));
        Assert.That(listed.StandardOutput.Trim(), Is.EqualTo(first.ImageId));
    }
}
