using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The <c>PluginHealth</c> section as <see cref="PluginHealthOptions"/> sees it: without the child
/// sections that adapter packages bind themselves (<c>PluginHealth:Telegram</c>, …), so that the
/// documented layout passes the check for unknown keys while a misspelled key still fails it.
/// </summary>
internal sealed class AdapterSectionFilter(IConfiguration inner) : IConfigurationSection
{
    /// <summary>The child sections of <c>PluginHealth</c> that belong to adapter packages.</summary>
    public static readonly IReadOnlySet<string> AdapterSections =
        new HashSet<string>(["Telegram", "HealthChecks", "AspNetCore", "Alertmanager", "Templates"], StringComparer.OrdinalIgnoreCase);

    public string Key => (inner as IConfigurationSection)?.Key ?? string.Empty;

    public string Path => (inner as IConfigurationSection)?.Path ?? string.Empty;

    public string? Value
    {
        get => (inner as IConfigurationSection)?.Value;
        set => throw new NotSupportedException("The PluginHealth configuration is read-only here.");
    }

    public string? this[string key]
    {
        get => inner[key];
        set => inner[key] = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Where(c => !AdapterSections.Contains(c.Key));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    public IConfigurationSection GetSection(string key) => inner.GetSection(key);
}
