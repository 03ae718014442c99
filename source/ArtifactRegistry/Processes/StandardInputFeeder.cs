using System.Diagnostics;

namespace ArtifactRegistry.Processes;

/// <summary>Writes a command's standard input to the program, then closes it so the program sees end of input.</summary>
internal static class StandardInputFeeder
{
    public static async Task FeedAsync(Process process, Stream source, bool ownsSource, Action<Exception> onSourceFailure, CancellationToken cancellationToken)
    {
        var destination = process.StandardInput.BaseStream;
        var buffer = new byte[81920];
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(buffer, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    onSourceFailure(exception);
                    return;
                }

                if (read == 0)
                    return;
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The program exited or stopped reading before taking all its input, as `head` does: not a failure of the run.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }

            if (ownsSource)
                await source.DisposeAsync();
        }
    }
}
