using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Alertmanager;

/// <summary>
/// Posts alerts to every configured Alertmanager at once. The cluster deduplicates what its peers
/// received, so one peer that takes the alerts is enough; when none does, the post fails and the
/// outbox retries it.
/// </summary>
internal sealed partial class AlertmanagerClient(HttpClient http, AlertmanagerSinkOptions options, ILogger<AlertmanagerClient> logger)
{
    public async Task PostAsync(IReadOnlyList<AlertmanagerAlert> alerts, CancellationToken cancellationToken)
    {
        var posts = options.Urls.Select(url => TryPostAsync(url, alerts, cancellationToken)).ToArray();
        var errors = (await Task.WhenAll(posts).ConfigureAwait(false)).OfType<string>().ToList();
        if (errors.Count == posts.Length)
        {
            throw new AlertDeliveryException($"No Alertmanager took the alerts: {string.Join("; ", errors)}");
        }

        foreach (var error in errors)
        {
            Log.PeerFailed(logger, error);
        }
    }

    /// <summary>Posts to one Alertmanager; returns what went wrong, or <see langword="null"/>.</summary>
    private async Task<string?> TryPostAsync(Uri url, IReadOnlyList<AlertmanagerAlert> alerts, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(url, "api/v2/alerts");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await http.PostAsJsonAsync(endpoint, alerts, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"{endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{endpoint} did not answer within {options.RequestTimeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            return $"{endpoint} could not be reached: {ex.Message}";
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "An Alertmanager peer did not take the alerts (the others did): {Error}")]
        public static partial void PeerFailed(ILogger logger, string error);
    }
}
