using System.Runtime.CompilerServices;

namespace ZepixHealth.Monitoring.Tests.Resources;

/// <summary>
/// Turns this test assembly into a child process for the resource tests, as the store's crash test does:
/// <c>dotnet ZepixHealth.Monitoring.Tests.dll</c> with <see cref="Variable"/> set answers commands read
/// from its standard input, one per line, and acknowledges each on its standard output:
/// <c>alloc &lt;MB&gt;</c> allocates and touches that much memory, <c>burn &lt;ms&gt;</c> spins until its
/// thread's CPU clock has advanced that far, <c>exit &lt;code&gt;</c> exits.
/// </summary>
internal static class ResourceHelperProcess
{
    public const string Variable = "ZEPIX_RESOURCE_HELPER";

    // Kept reachable so that the allocated memory stays resident.
    private static readonly List<byte[]> Held = [];

#pragma warning disable CA2255 // Deliberate: the test assembly doubles as the child process of the resource tests.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunWhenLaunchedAsHelper()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return;
        }

        // A foreground thread keeps the process alive after the (empty) entry point returns; see StoreCrashHelper.
        new Thread(Serve) { IsBackground = false }.Start();
    }

    private static void Serve()
    {
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            var argument = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            switch (parts[0])
            {
                case "alloc":
                    for (var i = 0; i < argument; i++)
                    {
                        var block = new byte[1024 * 1024];

                        // Touch every page, or the OS would not make it resident.
                        for (var page = 0; page < block.Length; page += 4096)
                        {
                            block[page] = 1;
                        }

                        Held.Add(block);
                    }

                    Console.WriteLine("allocated");
                    break;
                case "burn":
                    var start = ThreadCpuClock.ReadTicks();
                    while (ThreadCpuClock.ReadTicks() - start < TimeSpan.FromMilliseconds(argument).Ticks)
                    {
                    }

                    Console.WriteLine("burnt");
                    break;
                case "exit":
                    Environment.Exit(argument);
                    break;
            }
        }

        Environment.Exit(0);
    }
}
