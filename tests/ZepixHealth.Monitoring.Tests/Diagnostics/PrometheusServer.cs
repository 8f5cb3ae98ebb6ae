using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

/// <summary>
/// The real Prometheus server (Debian's <c>prometheus</c>, installed by <c>.ci/run</c>), started on
/// 127.0.0.1 scraping one target every second, with its HTTP query API.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private PrometheusServer(Process process, DirectoryInfo folder, Uri url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<PrometheusServer> StartAsync(Uri target)
    {
        var folder = Directory.CreateTempSubdirectory("zepix-prometheus-");
        var config = Path.Combine(folder.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: zepix-bot
                metrics_path: {target.AbsolutePath}
                static_configs:
                  - targets: ['{target.Authority}']
            """);
        var port = FreePort();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(folder.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Evaluates an instant query until it returns a sample, at most <paramref name="patience"/>; returns its value.</summary>
    public async Task<double?> QueryAsync(string promQl, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            var answer = await _http.GetFromJsonAsync<JsonElement>(new Uri(Url, $"api/v1/query?query={Uri.EscapeDataString(promQl)}"));
            var result = answer.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() > 0
                && double.TryParse(result[0].GetProperty("value")[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value))
            {
                return value;
            }

            await Task.Delay(250);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Binary} exited with {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri(Url, "-/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Binary} was not ready on {Url} within 30 s.");
    }
}
