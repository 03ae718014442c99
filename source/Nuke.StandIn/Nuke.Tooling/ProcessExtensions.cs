namespace Nuke.Common.Tooling;

public static class ProcessExtensions
{
    /// <summary>Waits for the exit; fails when the process had to be killed because of its timeout.</summary>
    public static IProcess AssertWaitForExit(this IProcess? process)
    {
        Assert.True(process != null);
        Assert.True(process!.WaitForExit(), $"Process '{Path.GetFileName(process.FileName)}' did not exit within its timeout and was killed.");
        return process;
    }

    /// <summary>Waits for the exit and throws a <see cref="ProcessException"/> for a non-zero exit code.</summary>
    public static IProcess AssertZeroExitCode(this IProcess? process)
    {
        process.AssertWaitForExit();

        if (process!.ExitCode != 0)
            throw new ProcessException(process);

        return process;
    }

    public static string StdToText(this IEnumerable<Output> output)
        => string.Join(Environment.NewLine, output.Where(x => x.Type == OutputType.Std).Select(x => x.Text));
}
