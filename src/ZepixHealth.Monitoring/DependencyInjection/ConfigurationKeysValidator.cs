using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Fails start-up on a configuration key that no option of <see cref="PluginHealthOptions"/> has,
/// naming the key's full path and the accepted keys, instead of the binder's own exception.
/// </summary>
internal sealed class ConfigurationKeysValidator(IConfiguration section) : IValidateOptions<PluginHealthOptions>
{
    public ValidateOptionsResult Validate(string? name, PluginHealthOptions options)
    {
        var path = (section as IConfigurationSection)?.Path ?? string.Empty;
        var problems = ConfigurationKeyChecker.FindUnknownKeys(section, typeof(PluginHealthOptions), path);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
