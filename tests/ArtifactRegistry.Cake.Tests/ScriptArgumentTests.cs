using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.DockerAuth;

namespace ArtifactRegistry.Cake.Tests;

public class ScriptArgumentTests
{
    [Test]
    public void A_list_argument_takes_repeated_and_comma_separated_values()
    {
        var arguments = new ArgumentsStub(("workloads", "deployment/api, deployment/worker"), ("workloads", "statefulset/db"));

        Assert.That(ScriptArguments.Workloads.Values(arguments), Is.EqualTo(new[] { "deployment/api", "deployment/worker", "statefulset/db" }));
    }

    [Test]
    public void A_single_value_argument_takes_the_last_one_given()
    {
        var arguments = new ArgumentsStub(("kube-namespace", "staging"), ("kube-namespace", "prod"));

        Assert.That(ScriptArguments.KubeNamespace.Value(arguments), Is.EqualTo("prod"));
        Assert.That(ScriptArguments.Container.Value(arguments), Is.Null);
    }

    [TestCase("", true)]
    [TestCase("true", true)]
    [TestCase("False", false)]
    public void A_switch_is_on_without_a_value_and_reads_true_or_false(string value, bool expected)
    {
        Assert.That(ScriptArguments.DryRun.Switch(new ArgumentsStub(("dry-run", value))), Is.EqualTo(expected));
        Assert.That(ScriptArguments.DryRun.Switch(new ArgumentsStub()), Is.Null);
    }

    [Test]
    public void A_switch_with_another_value_is_refused_with_the_forms_it_takes()
    {
        var exception = Assert.Throws<ArgumentException>(() => ScriptArguments.DryRun.Switch(new ArgumentsStub(("dry-run", "yes"))))!;

        Assert.That(exception.Message, Is.EqualTo("--dry-run=yes is not a switch value: give --dry-run (or --dry-run=true) to turn it on, --dry-run=false to turn it off."));
    }

    [Test]
    public void Deploy_deploys_the_image_argument_only_when_the_lambda_added_none()
    {
        var arguments = new ArgumentsStub(("image", "asia-docker.pkg.dev/p/repo/api"), ("workloads", "deployment/api"), ("kube-namespace", "prod"));

        var fromArguments = ArgumentDefaults.DeployImageUnlessGiven(ArgumentDefaults.Deploy(arguments), arguments);
        var fromLambda = ArgumentDefaults.DeployImageUnlessGiven(
            ArgumentDefaults.Deploy(arguments).AddImage("asia-docker.pkg.dev/p/repo/worker", "src/worker", "deployment/worker"), arguments);

        Assert.That(fromArguments.Images.Select(image => (image.Image, string.Join(",", image.Workloads))), Is.EqualTo(new[] { ("asia-docker.pkg.dev/p/repo/api", "deployment/api") }));
        Assert.That(fromArguments.Rollout.Namespace, Is.EqualTo("prod"));
        Assert.That(fromLambda.Images.Select(image => image.Image), Is.EqualTo(new[] { "asia-docker.pkg.dev/p/repo/worker" }));
    }

    [Test]
    public void An_unknown_docker_auth_mode_is_refused_with_the_modes()
    {
        var exception = Assert.Throws<ArgumentException>(() => ArgumentDefaults.EnsureDockerAuth(new ArgumentsStub(("docker-auth-mode", "Token"))))!;

        Assert.That(exception.Message, Does.StartWith("--docker-auth-mode=Token is not a docker auth mode: give one of Auto, "));
        Assert.That(ArgumentDefaults.EnsureDockerAuth(new ArgumentsStub(("docker-auth-mode", "accesstoken"))).Mode, Is.EqualTo(DockerAuthMode.AccessToken));
    }

    [Test]
    public void The_result_arguments_set_the_run_s_result_files()
    {
        var context = ArgumentDefaults.Context(OperationContext.Default,
            new ArgumentsStub(("result-file", "artifacts/result.json"), ("result-dotenv", "artifacts/image.env")));

        Assert.That((context.ResultFile, context.ResultDotenv), Is.EqualTo(("artifacts/result.json", "artifacts/image.env")));
        Assert.That(ArgumentDefaults.Context(OperationContext.Default, new ArgumentsStub()).ResultFile, Is.Null);
    }

    [Test]
    public void Dry_run_makes_Deploy_and_SetImage_dry_runs_and_is_off_by_default()
    {
        var dry = new ArgumentsStub(("dry-run", ""));
        var off = new ArgumentsStub(("dry-run", "false"));

        Assert.That(ArgumentDefaults.Deploy(dry).DryRun, Is.True);
        Assert.That(ArgumentDefaults.SetImage(dry, pushed: null).DryRun, Is.True);
        Assert.That(ArgumentDefaults.Deploy(off).DryRun || ArgumentDefaults.SetImage(off, null).DryRun, Is.False);
        Assert.That(ArgumentDefaults.Deploy(new ArgumentsStub()).DryRun || ArgumentDefaults.SetImage(new ArgumentsStub(), null).DryRun, Is.False);
    }

    [Test]
    public void Kustomization_is_Deploy_s_kustomization()
    {
        var arguments = new ArgumentsStub(("kustomization", "deploy/prod"));

        Assert.That(ArgumentDefaults.Deploy(arguments).Kustomization, Is.EqualTo("deploy/prod"));
        Assert.That(ArgumentDefaults.Deploy(new ArgumentsStub()).Kustomization, Is.Null);
    }
}
