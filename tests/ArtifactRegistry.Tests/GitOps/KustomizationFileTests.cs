using ArtifactRegistry.GitOps;
using ArtifactRegistry.References;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Tests.GitOps;

/// <summary>
/// Pinning a pushed image in a kustomization: the file compared line by line with what was there, and the real
/// <c>kubectl kustomize</c> rendering the deployment with the digest (its HOME and cache in the test's folder).
/// </summary>
public class KustomizationFileTests
{
    private const string Api = "asia-docker.pkg.dev/my-project/apps/api";
    private static readonly string Digest = "sha256:" + new string('c', 64);
    private static readonly ImageReference Pushed = ImageReference.Parse($"{Api}@{Digest}");

    private string _directory = null!;

    [SetUp]
    public void Create() => _directory = Directory.CreateTempSubdirectory("ar-kustomize-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void The_entry_naming_the_image_gets_newName_and_the_digest_and_loses_newTag_and_every_other_line_stays_as_it_was()
    {
        var file = Write("""
            # prod overlay: the digest is written by CI
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: prod   # keep
            resources:
              - deployment.yaml
            images:
              - name: api
                newName: asia-docker.pkg.dev/my-project/apps/api
                newTag: "1.4.0"   # old pin
              - name: redis
                newTag: "7.2"
            commonLabels:
              team: 'payments'
            """);

        var pin = KustomizationFile.Pin(_directory, Pushed, write: true);

        Assert.That(File.ReadAllText(file), Is.EqualTo("""
            # prod overlay: the digest is written by CI
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: prod   # keep
            resources:
              - deployment.yaml
            images:
              - name: api
                newName: asia-docker.pkg.dev/my-project/apps/api
                digest: sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc   # old pin
              - name: redis
                newTag: "7.2"
            commonLabels:
              team: 'payments'

            """));
        Assert.That(pin, Is.EqualTo(new KustomizationPin(file, "api", Api, Digest, Added: false, Written: true)));
    }

    [Test]
    public void An_image_no_entry_names_is_added_after_the_last_entry_and_a_kustomization_without_images_gets_the_list()
    {
        var withImages = Write("kind: Kustomization\nimages:\n- name: redis\n  newTag: \"7.2\"\nresources:\n- deployment.yaml\n");
        KustomizationFile.Pin(_directory, Pushed, write: true);
        var first = File.ReadAllText(withImages);
        File.WriteAllText(withImages, "kind: Kustomization\nresources:\n- deployment.yaml");
        KustomizationFile.Pin(withImages, Pushed, write: true);

        Assert.That(first, Is.EqualTo($"kind: Kustomization\nimages:\n- name: redis\n  newTag: \"7.2\"\n- name: {Api}\n  newName: {Api}\n  digest: {Digest}\nresources:\n- deployment.yaml\n"));
        Assert.That(File.ReadAllText(withImages), Is.EqualTo($"kind: Kustomization\nresources:\n- deployment.yaml\nimages:\n- name: {Api}\n  newName: {Api}\n  digest: {Digest}\n"));
    }

    [Test]
    public async Task The_real_kubectl_kustomize_renders_the_deployment_with_the_pinned_digest()
    {
        File.WriteAllText(Path.Combine(_directory, "deployment.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              selector:
                matchLabels: { app: api }
              template:
                metadata:
                  labels: { app: api }
                spec:
                  containers:
                    - name: api
                      image: asia-docker.pkg.dev/my-project/apps/api:placeholder
            """);
        Write("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- deployment.yaml\n");

        KustomizationFile.Pin(_directory, Pushed.WithTag("1.5.0"), write: true);
        var home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        var rendered = await ExternalProgram.RunAsync("kubectl", ["kustomize", _directory],
            new Dictionary<string, string> { ["HOME"] = home, ["KUBECACHEDIR"] = Path.Combine(home, "cache"), ["KUBECONFIG"] = Path.Combine(home, "none") });

        Assert.That(rendered.Succeeded, Is.True, rendered.StandardError);
        Assert.That(rendered.StandardOutput, Does.Contain($"image: {Api}@{Digest}"));
    }

    [Test]
    public void A_file_that_is_not_YAML_is_refused_and_left_byte_for_byte_as_it_was()
    {
        var text = "kind: Kustomization\nimages:\n  - name: api\n   newTag: [unclosed\n";
        var file = Write(text);

        var error = Assert.Throws<KustomizationException>(() => KustomizationFile.Pin(_directory, Pushed, write: true))!;

        Assert.That(error.Message, Does.StartWith($"{file} is not valid YAML (line ").And.Contain("left untouched"));
        Assert.That(File.ReadAllText(file), Is.EqualTo(text));
        Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { file }), "no temporary file left");
    }

    [Test]
    public void A_file_of_another_kind_or_a_directory_without_a_kustomization_is_refused_with_what_was_found()
    {
        var deployment = Path.Combine(_directory, "deployment.yaml");
        File.WriteAllText(deployment, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n");

        var wrongKind = Assert.Throws<KustomizationException>(() => KustomizationFile.Pin(deployment, Pushed, write: true))!;
        var noKustomization = Assert.Throws<KustomizationException>(() => KustomizationFile.Pin(_directory, Pushed, write: true))!;

        Assert.That(wrongKind.Message, Does.StartWith($"{deployment} is not a Kustomization: its kind is Deployment (apiVersion apps/v1); it was left untouched.")
            .And.EndWith("SetKustomization(\"deploy/overlays/prod\")."));
        Assert.That(noKustomization.Message, Does.StartWith($"{_directory} has no kustomization.yaml, kustomization.yml, Kustomization (it holds deployment.yaml)"));
    }

    private string Write(string text)
    {
        var file = Path.Combine(_directory, "kustomization.yaml");
        File.WriteAllText(file, text.EndsWith('\n') ? text : text + "\n");
        return file;
    }
}
