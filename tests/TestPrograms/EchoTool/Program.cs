using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

// Runs its arguments as a script of steps, left to right, so one test can combine behaviours:
//   echo-stdin | out N | err N | interleave N | line TEXT | err-line TEXT | env NAME | cwd | pid
//   ignore-sigterm | spawn-grandchild | sleep MS | exit CODE
var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
PosixSignalRegistration? sigtermIgnored = null;

for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "echo-stdin":
            stdout.Flush();
            using (var input = Console.OpenStandardInput())
            using (var output = Console.OpenStandardOutput())
                input.CopyTo(output);
            break;
        case "out":
            WriteLines(stdout, int.Parse(args[++i]), "out");
            break;
        case "err":
            WriteLines(stderr, int.Parse(args[++i]), "err");
            break;
        case "interleave":
            // Flushing after every line makes the two pipes' order observable to the reader.
            for (int n = 1, count = int.Parse(args[++i]); n <= count; n++)
            {
                stdout.WriteLine($"out {n}"); stdout.Flush();
                stderr.WriteLine($"err {n}"); stderr.Flush();
            }
            break;
        case "line":
            stdout.WriteLine(args[++i]); stdout.Flush();
            break;
        case "err-line":
            stderr.WriteLine(args[++i]); stderr.Flush();
            break;
        case "env":
            stdout.WriteLine(Environment.GetEnvironmentVariable(args[++i]) ?? "<unset>"); stdout.Flush();
            break;
        case "cwd":
            stdout.WriteLine(Environment.CurrentDirectory); stdout.Flush();
            break;
        case "pid":
            stdout.WriteLine($"pid {Environment.ProcessId}"); stdout.Flush();
            break;
        case "ignore-sigterm":
            sigtermIgnored = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true);
            break;
        case "spawn-grandchild":
            // The grandchild inherits this process's stdout, like a real tool's helper would.
            var grandchild = Process.Start(new ProcessStartInfo(Environment.ProcessPath!)
            {
                ArgumentList = { System.Reflection.Assembly.GetEntryAssembly()!.Location, "ignore-sigterm", "sleep", "600000" },
                UseShellExecute = false,
            })!;
            stdout.WriteLine($"grandchild {grandchild.Id}"); stdout.Flush();
            break;
        case "sleep":
            stdout.Flush(); stderr.Flush();
            Thread.Sleep(int.Parse(args[++i]));
            break;
        case "exit":
            stdout.Flush(); stderr.Flush();
            return int.Parse(args[++i]);
        default:
            stderr.WriteLine($"EchoTool: unknown step '{args[i]}'"); stderr.Flush();
            return 64;
    }
}

stdout.Flush();
stderr.Flush();
GC.KeepAlive(sigtermIgnored);
return 0;

static void WriteLines(TextWriter writer, int count, string prefix)
{
    for (var n = 1; n <= count; n++)
        writer.WriteLine($"{prefix} {n}");
    writer.Flush();
}
