using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Alertmanager;

/// <summary>Checks the Alertmanager settings at start-up; each problem names the key and the value.</summary>
internal sealed class AlertmanagerSinkOptionsValidator : IValidateOptions<AlertmanagerSinkOptions>
{
    private const string Prefix = "PluginHealth:Alertmanager:";

    public ValidateOptionsResult Validate(string? name, AlertmanagerSinkOptions options)
    {
        var errors = new List<string>();
        if (options.Urls.Count == 0)
        {
            errors.Add($"{Prefix}Urls must name at least one Alertmanager, e.g. 'http://127.0.0.1:9093/'.");
        }

        foreach (var url in options.Urls.Where(u => !u.IsAbsoluteUri || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{Prefix}Urls must hold absolute http or https addresses; was '{url}'.");
        }

        if (options.RepostInterval < TimeSpan.FromSeconds(1) || options.RepostInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}RepostInterval must be between 00:00:01 and 01:00:00; was '{options.RepostInterval:c}'.");
        }

        if (options.RequestTimeout < TimeSpan.FromMilliseconds(100) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{Prefix}RequestTimeout must be between 00:00:00.1 and 00:05:00; was '{options.RequestTimeout:c}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Instance))
        {
            errors.Add($"{Prefix}Instance must not be empty; was '{options.Instance}'.");
        }

        if (string.IsNullOrWhiteSpace(options.SinkName))
        {
            errors.Add($"{Prefix}SinkName must not be empty; was '{options.SinkName}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
