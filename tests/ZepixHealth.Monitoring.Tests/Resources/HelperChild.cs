using System.Diagnostics;
using System.Globalization;

namespace ZepixHealth.Monitoring.Tests.Resources;

/// <summary>A running <see cref="ResourceHelperProcess"/>: send it commands, wait for its answers; disposing kills it.</summary>
internal sealed class HelperChild : IDisposable
{
    // Failure guards only: nothing asserts how long anything takes.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly Process _process;

    private HelperChild(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public static async Task<HelperChild> StartAsync()
    {
        var start = new ProcessStartInfo(DotnetHost(), $"\"{typeof(ResourceHelperProcess).Assembly.Location}\"")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[ResourceHelperProcess.Variable] = "1";
        var child = new HelperChild(Process.Start(start)!);
        await child.ExpectAsync("ready");
        return child;
    }

    public async Task AllocateAsync(int megabytes)
    {
        await SendAsync($"alloc {megabytes}");
        await ExpectAsync("allocated");
    }

    public async Task BurnAsync(TimeSpan cpu)
    {
        await SendAsync(string.Create(CultureInfo.InvariantCulture, $"burn {(int)cpu.TotalMilliseconds}"));
        await ExpectAsync("burnt");
    }

    public async Task ExitAsync(int code)
    {
        await SendAsync(string.Create(CultureInfo.InvariantCulture, $"exit {code}"));
        await _process.WaitForExitAsync().WaitAsync(Guard);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(Guard);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    private async Task ExpectAsync(string expected)
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(Guard);
        if (line != expected)
        {
            var errors = _process.HasExited ? await _process.StandardError.ReadToEndAsync() : "(still running)";
            Assert.Fail($"The helper answered '{line}' instead of '{expected}'; stderr: {errors}");
        }
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
