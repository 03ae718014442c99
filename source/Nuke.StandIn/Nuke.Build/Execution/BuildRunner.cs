using System.Linq.Expressions;
using Nuke.Common.Help;
using Nuke.Common.Logging;
using Nuke.Common.Parameters;
using Serilog;

namespace Nuke.Common.Execution;

/// <summary>
/// One run of a build, from an invocation (argv, environment, working directory, output) to an exit code. What
/// <see cref="NukeBuild.Execute{T}"/> does with the current process; tests call it directly with their own invocation.
/// </summary>
internal static class BuildRunner
{
    public static BuildResult Run<T>(Expression<Func<T, Target>>[] defaultTargets, BuildInvocation invocation)
        where T : NukeBuild, new()
    {
        var masker = new SecretMasker();
        var output = new BuildOutput(invocation.Output, masker);
        using var logging = BuildLogging.Install(output);

        try
        {
            var arguments = CommandLineArguments.Parse(invocation.Arguments);
            var rootDirectory = RootDirectoryLocator.Locate(arguments, invocation.WorkingDirectory);
            var resolver = new ParameterResolver(
                [
                    new CommandLineSource(arguments),
                    new EnvironmentSource(invocation.EnvironmentVariables),
                    ParametersFileSource.Load(rootDirectory, arguments.Get("Profile") ?? [])
                ],
                masker,
                invocation.WorkingDirectory);

            var verbosity = resolver.ResolveBuiltIn<Verbosity?>(nameof(Verbosity)) ?? Verbosity.Normal;
            logging.Level.MinimumLevel = verbosity.ToLogEventLevel();

            // Secrets are registered before the build's code runs, so nothing it logs can show them.
            var parameters = ParameterDiscovery.Find(typeof(T));
            foreach (var secret in parameters.Where(x => x.IsSecret))
            {
                foreach (var value in resolver.FindRaw(secret.Name, secret.Separator)?.Values ?? [])
                    masker.Add(value);
            }

            using var session = BuildSession.Enter(new BuildSession(() => rootDirectory, invocation.EnvironmentVariables, resolver));
            var build = new T();
            var targets = TargetDiscovery.Discover(build);
            TargetGraph.Connect(targets, build);
            MarkDefaults(targets, defaultTargets, build);

            if (arguments.Has("Help"))
            {
                HelpText.Write(output, targets, parameters);
                return new BuildResult(0, []);
            }

            WarnAboutUnknownArguments(invocation.Arguments, parameters);
            ParameterInjector.Inject(build, parameters, resolver);
            var invoked = arguments.Positional.Concat(arguments.Get("Target") ?? []).ToList();
            var plan = ExecutionPlanner.Plan(targets, invoked);
            // A misspelt --skip would otherwise run the very target it was meant to leave out.
            var skip = arguments.Get("Skip");
            foreach (var name in skip ?? [])
                ExecutionPlanner.FindByName(name, targets, givenWith: "--skip");
            return new TargetExecutor(plan, output, () => logging.Sink.ErrorsAndWarnings).Execute(build, parameters, skip);
        }
        catch (Exception thrown)
        {
            // NUKE's BuildManager: the message alone, as the host's error line; the stack only at --verbosity verbose.
            var exception = thrown.Unwrap();
            Log.Verbose(exception, "Target-unrelated exception was thrown");
            output.WriteLine(exception.Message);
            return BuildResult.FailedToStart(exception.Message);
        }
    }

    private static void MarkDefaults<T>(IReadOnlyList<ExecutableTarget> targets, Expression<Func<T, Target>>[] defaultTargets, T build)
    {
        foreach (var expression in defaultTargets)
        {
            var target = TargetGraph.Find(expression.Compile()(build), targets)
                         ?? throw new BuildFailure($"The default target {expression} is not a Target property of {typeof(T).Name}.");
            target.IsDefault = true;
        }
    }

    /// <summary>A misspelt parameter would otherwise be ignored without a word.</summary>
    private static void WarnAboutUnknownArguments(IReadOnlyList<string> arguments, IReadOnlyList<ParameterMember> parameters)
    {
        var known = parameters.Select(x => x.Name).Concat(BuiltInParameters.All.Select(x => x.Name)).ToList();
        var given = arguments.Where(x => x.StartsWith('-') && x.Length > 1 && !char.IsDigit(x.TrimStart('-').FirstOrDefault()))
            .Select(x => x.TrimStart('-').Split('=')[0]);

        foreach (var name in given.Where(x => known.All(y => ParameterNames.Normalize(y) != ParameterNames.Normalize(x))))
        {
            var suggestion = NameSuggester.Suggest(ParameterNames.Dashed(name), known.Select(ParameterNames.Dashed));
            var hint = suggestion != null ? $"; did you mean --{suggestion}?" : ".";
            Log.Warning("Ignoring unknown parameter --{Name}{Hint}", name, hint);
        }
    }
}
